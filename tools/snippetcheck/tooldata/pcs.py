"""Print pcs's command facts as JSON, read from the installed pcs itself.

Run it with the interpreter pcs runs under (the one named on the first line
of ``/usr/sbin/pcs``), never from the tox environment, where pcs cannot be
imported::

    /usr/bin/python3 -I tools/snippetcheck/tooldata/pcs.py > pcs.json

``generate`` does that for ``tox -e tooldata``.  Only the standard library
is used.  Nothing of pcs is run: its modules are imported, the command
routers are walked through the closures ``create_router`` leaves behind,
and each command's function is read with ``ast`` from pcs's sources (see
``_pcscommand``) for:

* the modifiers (``--force``, ``-f``...) it declares with
  ``modifiers.ensure_only_supported(...)``;
* the number of arguments it accepts, where its first statements say so
  (``if len(argv) < 2: raise CmdLineInputError()``);
* its ``raise_command_replaced(...)`` and ``deprecation_warning(...)``
  calls, and the "deprecated command, replaced with ..." comments above it
  in its router.

A command that only hands its arguments over is followed to the function
it hands them to.  A command that compares its first argument with
keywords itself (``pcs constraint location add|remove|...``) is a router
``by_hand``.  Whatever cannot be read that way stays ``null`` rather than
guessed.
"""

import os
import sys

# This file is named like the package it reads: its own directory goes to
# the end of the import path, so that "import pcs" finds pcs and "import
# _source" finds the helpers beside this file.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path
               if os.path.abspath(p or '.') != _HERE] + [_HERE]

import ast  # noqa: E402
import functools  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402

import _source  # noqa: E402
from _pcscommand import Command  # noqa: E402
from _source import Unknown  # noqa: E402
from _source import called  # noqa: E402
from _source import node_of  # noqa: E402
from _source import qualified_name  # noqa: E402

_ROUTER = 'create_router.<locals>._router'


# -- the command tree ---------------------------------------------------------

def _is_router(obj):
    return inspect.isfunction(obj) and obj.__qualname__ == _ROUTER


def _deprecated_keys(path, dict_node):
    """{key: comment} for the keys of a router's dict literal that pcs
    marks as deprecated commands in the comments above them."""
    comments = _source.comments(path)
    found = {}
    for key in dict_node.keys:
        if not isinstance(key, ast.Constant):
            continue
        lines = []
        line = key.lineno - 1
        while line in comments:
            lines.insert(0, comments[line])
            line -= 1
        text = ' '.join(lines)
        if re.search(r'deprecated', text, re.IGNORECASE):
            found[key.value] = text
    return found


@functools.cache
def _router_comments():
    """{(usage path, keys): {key: comment}} over pcs's routing modules."""
    import pcs.cli.routing as routing
    found = {}
    folder = os.path.dirname(routing.__file__)
    for name in sorted(os.listdir(folder)):
        if not name.endswith('.py'):
            continue
        path = os.path.join(folder, name)
        module, _ = _source.parse_file(path)
        for node in ast.walk(module):
            if isinstance(node, ast.Call) and called(node) == \
                    'create_router' and node.args and \
                    isinstance(node.args[0], ast.Dict):
                keys = frozenset(k.value for k in node.args[0].keys
                                 if isinstance(k, ast.Constant))
                found[keys] = _deprecated_keys(path, node.args[0])
    return found


def _walk_router(router, path, out):
    state = inspect.getclosurevars(router).nonlocals
    cmd_map = state['cmd_map']
    notes = _router_comments().get(frozenset(cmd_map), {})
    out[' '.join(path)] = {'kind': 'router',
                           'subcommands': sorted(cmd_map),
                           'default': state['default_cmd']}
    for key, handler in cmd_map.items():
        _walk(handler, (*path, key), out)
        if key in notes:
            out[' '.join((*path, key))]['deprecated'] = notes[key]


def _walk(handler, path, out):
    if _is_router(handler):
        _walk_router(handler, path, out)
        return
    command = Command(handler)
    key = ' '.join(path)
    out[key] = command.facts()
    if command.routes is not None:
        _walk_literal_router(command, command.routes, path, out)
    elif command.by_hand is not None:
        routes = command.by_hand['routes']
        entry = out[key]
        entry.update({
            'kind': 'router', 'by_hand': True,
            'subcommands': sorted(word for word in routes if word),
            'default': command.by_hand['default'],
            'other': [Command(callee, params).facts()
                      for callee, params in routes['']],
        })
        for name in ('modifiers', 'args', 'delegates'):
            entry.pop(name, None)
        for word, found in routes.items():
            if word in command.by_hand['own']:
                own = command.by_hand['own'][word]
                out[' '.join((*path, word))] = own
                moved = [(item['commands'], item['since'])
                         for item in own.get('replaced', [])]
                kept = [item for item in entry.get('replaced', [])
                        if (item['commands'], item['since']) not in moved]
                entry.pop('replaced', None)
                if kept:
                    entry['replaced'] = kept
            elif word:
                out[' '.join((*path, word))] = _combined(found)


def _combined(found):
    """Facts of a keyword a command routes by hand to *found* handlers."""
    commands = [Command(callee, params) for callee, params in found]
    if len(commands) == 1:
        return commands[0].facts()
    facts = {'kind': 'command', 'handler': None, 'args': None,
             'modifiers': None,
             'delegates': [qualified_name(command.func)
                           for command in commands]}
    declared = [c.facts()['modifiers'] for c in commands
                if c.modifiers is not None]
    if declared:
        facts['modifiers'] = sorted(set().union(*declared))
    return facts


def _walk_literal_router(command, call, path, out):
    """A router a command function builds when it runs (the defaults
    commands): read from its dict literal."""
    entry = out[' '.join(path)]
    default = None
    for keyword in call.keywords:
        if keyword.arg == 'default_cmd':
            default = _source.value(keyword.value, command.local,
                                    command.names)
    keys = []
    for key, value in zip(call.args[0].keys, call.args[0].values,
                          strict=True):
        keys.append(key.value)
        sub = (*path, key.value)
        if isinstance(value, ast.Call) and called(value) == \
                'create_router' and isinstance(value.args[0], ast.Dict):
            out[' '.join(sub)] = {'kind': 'router', 'handler': None}
            _walk_literal_router(command, value, sub, out)
        else:
            handler = command.resolve(value)
            _walk(handler, sub, out)
    entry.update({'kind': 'router', 'subcommands': sorted(keys),
                  'default': default})
    if command.before_routing:
        entry['before_routing'] = command.before_routing
    for name in ('modifiers', 'args', 'delegates'):
        entry.pop(name, None)


def command_tree():
    """{path: facts} for every router and command of pcs."""
    import pcs.app as app
    module, _ = _source.parse_file(app.__file__)
    main = next(node for node in module.body
                if isinstance(node, ast.FunctionDef) and node.name == 'main')
    cmd_map = next(
        node.value for node in ast.walk(main)
        if isinstance(node, ast.Assign) and
        isinstance(node.targets[0], ast.Name) and
        node.targets[0].id == 'cmd_map')
    out = {'': {'kind': 'router', 'default': None, 'subcommands': sorted(
        key.value for key in cmd_map.keys)}}
    resolver = Command.__new__(Command)
    resolver.names = vars(app)
    for key, value in zip(cmd_map.keys, cmd_map.values, strict=True):
        if isinstance(value, ast.Lambda):
            out[key.value] = {'kind': 'command', 'handler': 'pcs.app.main',
                              'modifiers': None, 'args': None}
            continue
        _walk(resolver.resolve(value), (key.value,), out)
    return out


# -- options and keywords -----------------------------------------------------

def global_options():
    """pcs's getopt tables: short and long options, with and without
    values."""
    from pcs.cli.common import parse_args
    short = parse_args.PCS_SHORT_OPTIONS
    with_value = [letter for index, letter in enumerate(short)
                  if letter != ':' and short[index + 1:index + 2] == ':']
    flags = [letter for index, letter in enumerate(short)
             if letter != ':' and short[index + 1:index + 2] != ':']
    longs = parse_args.PCS_LONG_OPTIONS
    return {
        'short_with_value': sorted(with_value),
        'short_flags': sorted(flags),
        'long_with_value': sorted(o[:-1] for o in longs if o.endswith('=')),
        'long_flags': sorted(o for o in longs if not o.endswith('=')),
    }


def always_supported():
    """Modifiers every command accepts, from ensure_only_supported."""
    from pcs.cli.common.parse_args import InputModifiers
    node, _ = node_of(InputModifiers.ensure_only_supported)
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Set):
            found.update(item.value for item in sub.elts
                         if isinstance(item, ast.Constant))
    return sorted(found)


def keyword_groups():
    """{function: keywords} of every group_by_keywords call in pcs's
    command line parsers."""
    import pcs
    root = os.path.dirname(pcs.__file__)
    found = {}
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if not name.endswith('.py'):
                continue
            path = os.path.join(folder, name)
            dotted = os.path.relpath(path, os.path.dirname(root))[:-3]
            dotted = dotted.replace(os.sep, '.')
            module, _ = _source.parse_file(path)
            for func in ast.walk(module):
                if not isinstance(func, ast.FunctionDef):
                    continue
                for call in ast.walk(func):
                    if isinstance(call, ast.Call) and called(call) == \
                            'group_by_keywords' and len(call.args) > 1:
                        local = _source.assignments(func)
                        try:
                            words = _source.value(call.args[1], local, {})
                        except Unknown:
                            continue
                        key = f'{dotted}.{func.name}'
                        found.setdefault(key, set()).update(words)
    return {key: sorted(words) for key, words in sorted(found.items())}


def facts():
    from pcs import settings
    groups = keyword_groups()
    return {
        'tool': 'pcs',
        'version': settings.pcs_version,
        'options': global_options(),
        'always_supported': always_supported(),
        'commands': command_tree(),
        'keyword_groups': groups,
        'resource_create_keywords': groups[
            'pcs.cli.resource.parse_args.parse_create'],
    }


def main():
    json.dump(facts(), sys.stdout, sort_keys=True, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
