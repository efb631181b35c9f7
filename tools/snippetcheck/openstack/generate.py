"""Regenerate the ``openstack`` command data from the pinned client packages.

Run it where the packages of :data:`PINS` are installed (``tox -e oscdata``
makes such an environment)::

    python -m snippetcheck.openstack.generate

It builds the command table exactly as ``openstack`` does at start-up
(``OpenStackShell`` loads the API plugins and their command groups at the
default API versions), then builds each command's argparse parser the way
cliff does before it runs one: the command class is instantiated with the
shell as its app and ``get_parser('openstack NAME')`` is called. Nothing
authenticates and nothing is sent anywhere: the shell is never run, and a
stand-in client manager fails loudly if a parser asks it anything (the few
osc-placement parsers that read the API microversion are built at the
oldest and at the newest microversion and merged). The ``OS_*``
environment variables are ignored, so the data does not depend on the
machine that makes it. The output is sorted, so the same packages give the
same file.
"""

import argparse
import importlib.metadata
import json
import os
import pathlib
import re
import sys
import types
import warnings

from snippetcheck import openstack

# The client packages (openstackclient, cliff, osc_lib) are imported where
# they are used: they are installed only where the data is made (tox -e
# oscdata), and the tests import this module for PINS and dumps().

#: The packages the data comes from: python-openstackclient of the 2026.2
#: release (the 10.3 series is its stable/2026.2 branch), the plugins for
#: the services of the guide that are not in the client itself (manila,
#: heat, placement), and the libraries that shape the parsers (cliff's
#: output formatters, osc-lib's global options, keystoneauth1's
#: authentication options), at the versions of that release. Keep
#: oscdata-requirements.txt the same.
PINS = {
    'python-openstackclient': '10.3.1',
    'python-manilaclient': '6.3.0',
    'python-heatclient': '5.3.0',
    'osc-placement': '4.9.1',
    'cliff': '4.16.0',
    'osc-lib': '4.7.0',
    'openstacksdk': '4.20.0',
    'keystoneauth1': '5.17.0',
    'python-keystoneclient': '6.0.0',
}

_NARGS = {
    argparse.OPTIONAL: '?', argparse.ZERO_OR_MORE: '*',
    argparse.ONE_OR_MORE: '+', argparse.REMAINDER: '...',
    argparse.PARSER: 'A...',
}


class NeedsClient(Exception):
    """A parser asked the client manager something."""


class _NoClient:
    def __getattr__(self, name):
        raise NeedsClient(name)


class _Newest:
    """A client manager without a session: osc-placement then builds the
    parsers of its newest microversion."""

    session = None


class _Oldest:
    """A client manager whose every API client is at the first
    microversion of the API's default major version."""

    session = object()

    def __init__(self, versions):
        self._versions = versions

    def __getattr__(self, name):
        if name not in self._versions:
            raise NeedsClient(name)
        major = self._versions[name].split('.')[0]
        return types.SimpleNamespace(api_version=major + '.0')


def check_versions():
    """Stop unless the installed packages are those of :data:`PINS`."""
    wrong = []
    for package, version in sorted(PINS.items()):
        try:
            installed = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong.append(f'{package} {installed} (want {version})')
    if wrong:
        raise SystemExit('installed packages differ from the pins: ' +
                         ', '.join(wrong) + '; run tox -e oscdata')


def _nargs(action):
    """*action*'s nargs as the data writes it (see :data:`_NARGS`)."""
    if action.nargs is None:
        return None
    return _NARGS.get(action.nargs, action.nargs)


def _base_method(action, base, name):
    """Whether *action* is a *base* whose method *name* is *base*'s own,
    so that it behaves as *base* says."""
    return isinstance(action, base) and \
        getattr(type(action), name) is getattr(base, name)


def _form(action):
    """How a value of *action* must look, where the data can say it."""
    from osc_lib.cli import parseractions as pa

    if _base_method(action, pa.MultiKeyValueCommaAction, '__call__'):
        return 'mkvc'
    if _base_method(action, pa.MultiKeyValueAction, '__call__'):
        return 'mkv'
    for base in (pa.KeyValueAction, pa.KeyValueAppendAction):
        if _base_method(action, base, '__call__'):
            return 'kv'
    if _base_method(action, pa.NonNegativeAction, '__call__'):
        return 'uint'
    if action.type is int:
        return 'int'
    if action.type is float:
        return 'float'
    return None


def _choices(action, spec, notes):
    choices = list(action.choices)
    kind = action.type
    if kind in (None, str, int, float) or \
            not all(isinstance(c, str) for c in choices):
        spec['c'] = [str(c) for c in choices]
        return
    # A converter runs before the choices are compared: keep the choices
    # only where the converter is known to ignore case, and say so.
    try:
        ignores_case = all(kind(variant) == choice for choice in choices
                           for variant in (choice, choice.lower(),
                                           choice.upper(),
                                           choice.swapcase()))
    except Exception:
        ignores_case = False
    if ignores_case:
        spec['c'] = choices
        spec['i'] = 1
    else:
        notes.append(f'choices of {action.dest} not kept: converter '
                     f'{getattr(kind, "__name__", kind)!r}')


def _metavar(action):
    metavar = action.metavar
    if isinstance(metavar, tuple):
        return ' '.join(metavar)
    if metavar:
        return metavar
    return action.dest if not action.option_strings else action.dest.upper()


def action_spec(action, notes):
    """The OPTION or ARGUMENT of one argparse action."""
    spec = {}
    if action.option_strings:
        spec['s'] = list(action.option_strings)
    nargs = _nargs(action)
    if nargs is not None:
        spec['n'] = nargs
    if nargs != 0 or not action.option_strings:
        spec['m'] = _metavar(action)
    if action.option_strings and action.required:
        spec['r'] = 1
    if action.choices is not None:
        _choices(action, spec, notes)
    form = _form(action)
    if form is not None and nargs != 0:
        spec['t'] = form
        if form in ('mkv', 'mkvc'):
            from osc_lib.cli import parseractions as pa
            if _base_method(action, pa.MultiKeyValueAction,
                            'validate_keys'):
                keys = action.required_keys | action.optional_keys
                if keys:
                    spec['k'] = sorted(keys)
                if action.required_keys:
                    spec['rk'] = sorted(action.required_keys)
    return spec


def parser_spec(parser, notes):
    """What the checks need of one argparse parser."""
    options = []
    positionals = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        spec = action_spec(action, notes)
        (options if action.option_strings else positionals).append(spec)
    spec = {'o': options, 'p': positionals}
    groups = []
    for group in parser._mutually_exclusive_groups:
        members = [action.option_strings[0] if action.option_strings
                   else _metavar(action) for action in group._group_actions
                   if not isinstance(action, argparse._HelpAction)]
        if len(members) > 1 or group.required:
            groups.append([1 if group.required else 0, members])
    if groups:
        spec['x'] = groups
    negative = parser._negative_number_matcher
    if any(negative.match(s) for s in parser._option_string_actions):
        spec['neg'] = 1
    return spec


def formatter_specs(shell):
    """The output formatter options cliff gives every command that lists
    (``list``) or shows (``show``) something, as their own parsers have
    them."""
    from cliff import lister
    from cliff import show

    class List(lister.Lister):
        def take_action(self, parsed_args):
            return (), ()

    class Show(show.ShowOne):
        def take_action(self, parsed_args):
            return (), ()

    return {name: parser_spec(kind(shell, shell.options).get_parser('x'),
                              [])
            for name, kind in (('list', List), ('show', Show))}


def factor_formatters(spec, formatters):
    """*spec* with the formatter options it starts with named, not
    repeated."""
    for name, common in formatters.items():
        count = len(common['o'])
        if spec['o'][:count] == common['o'] and all(
                group in spec.get('x', []) for group in common.get('x', [])):
            spec = dict(spec, o=spec['o'][count:], f=name)
            groups = [group for group in spec.get('x', [])
                      if group not in common.get('x', [])]
            spec.pop('x', None)
            if groups:
                spec['x'] = groups
            return spec
    return spec


def _merge(at_oldest, at_newest):
    """One parser of a command whose options depend on the microversion:
    every option of either, required only where both require it, the
    positional arguments at the oldest microversion, and the mutually
    exclusive groups of either, none of them required."""
    merged = {'o': [], 'p': at_oldest['p'], 'v': 1}
    seen = {}
    for spec in at_oldest['o']:
        seen[spec['s'][0]] = dict(spec)
        merged['o'].append(seen[spec['s'][0]])
    for spec in at_newest['o']:
        first = spec['s'][0]
        if first in seen:
            if not spec.get('r'):
                seen[first].pop('r', None)
        else:
            spec = dict(spec)
            spec.pop('r', None)
            merged['o'].append(spec)
    groups = []
    for _required, members in at_newest.get('x', []) + \
            at_oldest.get('x', []):
        if members not in groups:
            groups.append(members)
    if groups:
        merged['x'] = [[0, members] for members in groups]
    return merged


def command_spec(shell, name, factory, versions, notes):
    """The PARSER of command *name* (made by *factory*), at the oldest and
    the newest microversion merged if it asks the client manager."""
    def build(client):
        shell.client_manager = client
        command = factory(shell, shell.options, cmd_name=name)
        return parser_spec(command.get_parser('openstack ' + name), notes)
    try:
        return build(_NoClient())
    except NeedsClient:
        return _merge(build(_Oldest(versions)), build(_Newest()))


def _clean_environment():
    for key in list(os.environ):
        if key.startswith('OS_'):
            del os.environ[key]


def make_shell():
    """An OpenStackShell with its commands loaded at the default API
    versions, as ``openstack`` has them before it runs a command."""
    from openstackclient import shell as osc_shell

    shell = osc_shell.OpenStackShell()
    defaults, _rest = shell.parser.parse_known_args([])
    shell.options = defaults
    # The cloud configuration as openstack.config makes it from the
    # options' defaults when there is no clouds.yaml and no OS_* variable.
    config = {key[3:] if key.startswith('os_') else key: value
              for key, value in vars(defaults).items() if value is not None}
    shell.cloud = types.SimpleNamespace(config=config)
    shell._load_plugins()
    shell._load_commands()
    return shell


def _group_of(entry_point):
    """The entry point group a command was loaded from."""
    return getattr(entry_point, 'group', None) or 'openstack.cli'


def _api_groups(api, version, modules):
    """The entry point groups of the commands of *api* at major
    *version*: openstack.API.vN and its plugins' extensions."""
    base = 'openstack.' + api.replace('-', '_') + '.v' + \
        version.replace('.', '_').split('_')[0]
    groups = [base]
    for module in modules:
        if api == module.API_NAME:
            groups += [base + '.' + extension
                       for extension in getattr(module, 'API_EXTENSIONS',
                                                None) or ()]
    return groups


def _version_option(parser, dest):
    """The longest option string of the global option stored in
    *dest*."""
    for action in parser._actions:
        if action.dest == dest:
            return max(action.option_strings, key=len)
    return None


def _api_entry(shell, module, modules, specs):
    """The entry in ``apis`` of the API of *module*, one of the plugin
    *modules*: its commands at the default version, and the tables of its
    other major versions (*specs* makes a table's PARSERs); None if the
    shell has no default version for it."""
    from cliff.commandmanager import CommandManager
    from openstackclient import shell as osc_shell

    api = module.API_NAME
    default = shell.api_version.get(api)
    if default is None:
        return None
    own = set(_api_groups(api, default, modules))
    entry = {
        'option': _version_option(shell.parser, module.API_VERSION_OPTION),
        'default': default,
        'commands': sorted(
            name for name, entry_point in
            shell.command_manager.commands.items()
            if _group_of(entry_point) in own),
        'versions': {},
    }
    all_groups = sorted(importlib.metadata.entry_points().groups)
    pattern = re.compile(
        r'openstack\.' + re.escape(api.replace('-', '_')) + r'\.v(\d+)$')
    for group in all_groups:
        match = pattern.match(group)
        if not match or group in own:
            continue
        major = match.group(1)
        table = CommandManager(None, ignored_modules=osc_shell.IGNORED_MODULES)
        for name in _api_groups(api, major, modules):
            if name in all_groups:
                table.load_commands(name)
        entry['versions'][major] = specs(table.commands)
    return entry


def generate():
    """(data, notes): the command data of the installed packages, and
    what it leaves out, one note a line."""
    _clean_environment()
    warnings.simplefilter('ignore')
    check_versions()
    from openstackclient.common import clientmanager

    shell = make_shell()
    notes = []
    modules = clientmanager.PLUGIN_MODULES
    versions = {module.API_NAME.replace('-', '_'):
                shell.api_version[module.API_NAME] for module in modules
                if module.API_NAME in shell.api_version}
    formatters = formatter_specs(shell)

    def specs(table):
        """Command name -> PARSER of a cliff command table."""
        out = {}
        for name, entry_point in sorted(table.items()):
            found = []
            out[name] = factor_formatters(
                command_spec(shell, name, entry_point.load(), versions,
                             found), formatters)
            notes.extend(f'{name}: {note}' for note in found)
        return out

    commands = specs(shell.command_manager.commands)
    apis = {}
    for module in modules:
        entry = _api_entry(shell, module, modules, specs)
        if entry is not None:
            apis[module.API_NAME] = entry
    plugins = sorted(module.API_NAME for module in modules
                     if module.__name__.split('.')[0] != 'openstackclient')
    data = {
        'format': 1,
        'packages': {package: importlib.metadata.version(package)
                     for package in sorted(PINS)},
        'plugins': plugins,
        'global': _sorted(parser_spec(shell.parser, notes)),
        'formatters': formatters,
        'apis': dict(sorted(apis.items())),
        'commands': commands,
    }
    return data, notes


def _sorted(spec):
    """*spec* in an order that does not depend on the process: the
    global parser has the options of every keystoneauth1 plugin, which
    osc-lib adds from a set."""
    options = []
    for option in sorted(spec['o'], key=lambda option: option['s']):
        if 'c' in option:
            option = dict(option, c=sorted(option['c']))
        options.append(option)
    return dict(spec, o=options)


def _compact(value):
    return json.dumps(value, sort_keys=True, separators=(',', ':'),
                      ensure_ascii=False)


def _table(table):
    lines = [f'{_compact(name)}:{_compact(spec)}'
             for name, spec in sorted(table.items())]
    return '{\n' + ',\n'.join(lines) + '}'


def _api(entry):
    """One entry of ``apis``, its tables one command a line."""
    fields = [f'{_compact(field)}:{_compact(entry[field])}'
              for field in sorted(entry) if field != 'versions']
    versions = ','.join(f'{_compact(major)}:{_table(table)}'
                        for major, table in sorted(entry['versions'].items()))
    fields.append(f'"versions":{{{versions}}}')
    return '{' + ','.join(fields) + '}'


def dumps(data):
    """The data as JSON with one command a line, so that a change to a
    command is a change to its line."""
    parts = []
    for key in sorted(data):
        value = data[key]
        if key == 'commands':
            text = _table(value)
        elif key == 'apis':
            text = '{\n' + ',\n'.join(f'{_compact(api)}:{_api(value[api])}'
                                       for api in sorted(value)) + '}'
        else:
            text = _compact(value)
        parts.append(f'{_compact(key)}:{text}')
    return '{' + ',\n'.join(parts) + '}\n'


def main(argv=None):
    """Write the data (``--output``, or the package's file) and say what
    it holds."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--output', help='default: the package data '
                        f'({openstack.DATA.name})')
    args = parser.parse_args(argv)
    data, notes = generate()
    output = pathlib.Path(args.output or openstack.DATA)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(dumps(data), encoding='utf-8')
    count = len(data['commands'])
    others = sum(len(table) for api in data['apis'].values()
                 for table in api['versions'].values())
    print(f'{output}: {count} commands, {others} more at other API '
          f'versions, {len(data["global"]["o"])} global options; '
          + ', '.join(f'{p} {v}' for p, v in data['packages'].items()))
    for note in notes:
        print('note:', note, file=sys.stderr)


if __name__ == '__main__':
    main()
