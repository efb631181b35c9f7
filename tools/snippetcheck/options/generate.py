"""Regenerate the option data of a release from the service packages.

Run it in an environment where the pinned packages of
:mod:`snippetcheck.options.sources` are installed (``tox -e optdata`` makes
one)::

    python -m snippetcheck.options.generate --release 2026.2

For each service it takes the service's own generator config from its
source distribution (downloaded from the package index, or found in
``--sdist-dir``), runs oslo-config-generator with ``--format yaml`` on it,
and keeps of every option only what the checks need: its type with every
attribute oslo.config judges a value by (choices and whether their case
matters, bounds, regex, the type of a list's items or a dict's values),
whether it is multi-valued, its default, deprecated names and removal
status (see :func:`compact`; the type comes from the option objects
themselves, which _genrun adds to the YAML). Namespaces that several
services list are stored once, as their library defines them (from a run
of the generator on those namespaces alone), and what a service changes in
them, mostly defaults, in its file under ``overrides``. The output is
sorted and has no timestamps, so regenerating from the same packages gives
the same files.
"""

import argparse
import collections
import importlib.metadata
import json
import os
import pathlib
import subprocess
import sys
import sysconfig
import tarfile
import tempfile

import yaml

from snippetcheck.options import sources

DATA = pathlib.Path(__file__).parent / 'data'

#: The short name of each oslo.config type class in the data.
KINDS = {
    'String': 'str', 'MultiString': 'str', 'Boolean': 'bool',
    'Integer': 'int', 'Port': 'port', 'Float': 'float', 'Range': 'range',
    'List': 'list', 'Dict': 'dict', 'IPAddress': 'ip', 'HostAddress': 'host',
    'HostDomain': 'hostdomain', 'Hostname': 'hostname', 'URI': 'uri',
    None: 'str',
}
#: The short key of each attribute of a type (see _genrun.describe).
KEYS = {
    'choices': 'c', 'ignore_case': 'i', 'quotes': 'q', 'regex': 're',
    'regex_flags': 'rf', 'max_length': 'ml', 'min': 'min', 'max': 'max',
    'inclusive': 'in', 'bounds': 'b', 'min_length': 'nl',
    'key_value_separator': 'ks', 'version': 've', 'schemes': 'sc',
    'custom': 'x',
}


def option_key(name):
    """The name an option has in a configuration file."""
    return name.replace('-', '_')


def type_spec(kind):
    """The short form of a type description of _genrun.describe: the kind
    't', its attributes by their KEYS, and the spec of the items of a list
    or the values of a dict as 'e' (left out when they are plain
    strings)."""
    spec = {'t': KINDS[kind['class']]}
    for name, value in kind.items():
        if name in ('item_type', 'value_type'):
            element = type_spec(value)
            if element != {'t': 'str'}:
                spec['e'] = element
        elif name != 'class':
            spec[KEYS[name]] = value
    return spec


def _installed_at():
    """(directory, how the data writes it) of where the packages the
    generator runs on are installed, the most specific first."""
    places = {}
    for key in ('purelib', 'platlib'):
        places[sysconfig.get_paths()[key]] = '<site-packages>'
    places[sys.prefix] = '<prefix>'
    return sorted(places.items(), key=lambda item: -len(item[0]))


def _portable(value):
    """*value* with the directories of this installation replaced by what
    they stand for (ceilometer's meter_definitions_dirs names its own
    package's directory); and whether it held one."""
    portable = value
    for directory, name in _installed_at():
        portable = portable.replace(directory, name)
    return portable, portable != value


def compact(opt):
    """What the checks need of one option of the generator's YAML (with
    the ``snippetcheck`` key _genrun adds): its type spec, 'm' when it is
    multi-valued, its default 'v' as the sample file writes it (a list of
    values for a multi-valued option; left out when it has none) with 'vs'
    when that is a documented sample rather than the value itself (or
    names where the packages are installed, written <site-packages>), its
    deprecated names 'd' and its removal reason 'r' and release 's'."""
    extra = opt['snippetcheck']
    spec = type_spec(extra['type'])
    if extra['multi']:
        spec['m'] = True
    if extra['defaults']:
        values = [_portable(value) for value in extra['defaults']]
        spec['v'] = [value for value, _local in values] if extra['multi'] \
            else values[0][0]
        if extra['sample_default'] or any(local for _value, local
                                          in values):
            spec['vs'] = True
    deprecated = sorted({
        (d.get('group') or 'DEFAULT', option_key(d.get('name') or
                                                 opt['name']))
        for d in opt.get('deprecated_opts') or []})
    if deprecated:
        spec['d'] = [list(pair) for pair in deprecated]
    if opt.get('deprecated_for_removal'):
        spec['r'] = ' '.join((opt.get('deprecated_reason') or '').split())
        if opt.get('deprecated_since'):
            spec['s'] = str(opt['deprecated_since'])
    return spec


def sdist(spec, directory, cache):
    """The path of the source distribution of *spec*."""
    name = f"{spec['package']}-{spec['version']}.tar.gz"
    if cache and (pathlib.Path(cache) / name).is_file():
        return pathlib.Path(cache) / name
    subprocess.run([sys.executable, '-m', 'pip', 'download', '--quiet',
                    '--no-deps', '--no-binary', ':all:',
                    f"{spec['package']}=={spec['version']}", '-d',
                    str(directory)], check=True)
    return pathlib.Path(directory) / name


def generator_config(archive, spec, directory):
    """Copy the service's generator config out of its sdist.

    Only that one regular file is read, and written under *directory* by
    its name in the archive (``tar.extract`` with an extraction filter
    would do the same, but Debian 12's Python 3.11.2 predates filters).
    """
    top = f"{spec['package']}-{spec['version']}"
    member = f"{top}/{spec['generator']}"
    target = pathlib.Path(directory, *member.split('/'))
    with tarfile.open(archive) as tar:
        info = tar.getmember(member)
        if not info.isfile():
            raise ValueError(f'{member} is not a regular file in {archive}')
        data = tar.extractfile(info).read()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


#: The two made-up machines the generator runs as (CPUs:host name), so that
#: what a service derives from the machine shows as a difference.
MACHINES = ('3:machine-a', '5:machine-b')


def run_generator(arguments, directory):
    """The namespaces (see :func:`collect`) of the generator's YAML for its
    *arguments* (``--config-file`` and the service's generator config, or
    ``--namespace`` options), the namespaces of its generator options, and
    the optional imports that failed while it ran. It runs as each of
    MACHINES, and keeps what the runs agree on (see :func:`settle`)."""
    runs = []
    for number, machine in enumerate(MACHINES):
        output = pathlib.Path(directory) / f'options-{number}.yaml'
        failed = pathlib.Path(directory) / 'failed.json'
        env = dict(os.environ, SNIPPETCHECK_FAILED_IMPORTS=str(failed),
                   SNIPPETCHECK_MACHINE=machine)
        subprocess.run([sys.executable, '-m',
                        'snippetcheck.options._genrun', *arguments,
                        '--format', 'yaml', '--output-file', str(output)],
                       check=True, env=env)
        with open(output, encoding='utf-8') as stream:
            runs.append(yaml.safe_load(stream))
    missing = json.loads(failed.read_text()) if failed.exists() else {}
    namespaces = collect(runs[0])
    for other in runs[1:]:
        settle(namespaces, collect(other))
    return (namespaces, runs[0]['generator_options']['namespace'],
            missing)


def settle(namespaces, other):
    """Drop from the specs of *namespaces* what differs in *other*, a run
    as another machine: such a default or bound is the machine's, not the
    service's. 'w' lists the keys dropped."""
    for namespace, groups in namespaces.items():
        for group, options in groups.items():
            if group == '_dynamic':
                continue
            for name, spec in options.items():
                theirs = other.get(namespace, {}).get(group, {}).get(name)
                if theirs is None:
                    raise SystemExit(f'[{group}] {name} of {namespace} is '
                                     'missing from a second run')
                dropped = sorted(key for key in set(spec) | set(theirs)
                                 if spec.get(key) != theirs.get(key))
                for key in dropped:
                    spec.pop(key, None)
                if 'v' in dropped:
                    spec.pop('vs', None)
                if dropped:
                    spec['w'] = dropped


def auth_plugins():
    """Options of the keystoneauth1 plugins a group's auth_type loads."""
    from keystoneauth1 import loading

    from snippetcheck.options import _genrun

    plugins = {}
    for name in sources.AUTH_PLUGINS:
        opts = {}
        for opt in loading.get_auth_plugin_conf_options(name):
            opts[option_key(opt.dest)] = compact(
                {'name': opt.dest, 'snippetcheck': _genrun.describe_opt(opt)})
        plugins[name] = dict(sorted(opts.items()))
    return plugins


def collect(data):
    """The namespaces of one generator run: namespace -> group -> option
    -> spec, with ``_dynamic`` (group -> owner option) where oslo.config
    declares a group dynamic."""
    namespaces = {}
    for group, content in (data.get('options') or {}).items():
        owner = content.get('dynamic_group_owner') or ''
        for opt in content.get('opts') or []:
            namespace = opt.get('namespace') or 'unknown'
            groups = namespaces.setdefault(namespace, {})
            options = groups.setdefault(group, {})
            options.setdefault(option_key(opt['name']), compact(opt))
            if owner:
                meta = namespaces[namespace].setdefault('_dynamic', {})
                meta[group] = owner
    for group, entries in (data.get('deprecated_options') or {}).items():
        for entry in entries:
            target = (entry.get('replacement_group') or group,
                      option_key(entry.get('replacement_name') or ''))
            old = [group, option_key(entry.get('name') or '')]
            for groups in namespaces.values():
                spec = groups.get(target[0], {}).get(target[1])
                if isinstance(spec, dict) and 't' in spec:
                    names = spec.setdefault('d', [])
                    if old not in names and old != list(target):
                        names.append(old)
                        names.sort()
    return namespaces


def overrides(run, shared):
    """What one service changes in the namespaces it shares with others:
    group -> option -> the service's spec, for every option whose spec
    differs from the library's own (services set the defaults of library
    options: keystone enables [cache], nova gives
    graceful_shutdown_timeout 180)."""
    changed = {}
    for namespace, groups in run.items():
        if namespace not in shared:
            continue
        for group, options in groups.items():
            if group == '_dynamic':
                continue
            for name, spec in options.items():
                if shared[namespace].get(group, {}).get(name) != spec:
                    changed.setdefault(group, {})[name] = spec
    return changed


def check_versions(release):
    wrong = []
    for spec in sources.RELEASES[release].values():
        try:
            version = importlib.metadata.version(spec['package'])
        except importlib.metadata.PackageNotFoundError:
            version = None
        if version != spec['version']:
            wrong.append(f"{spec['package']} {version} (want "
                         f"{spec['version']})")
    if wrong:
        raise SystemExit('installed packages differ from the pins: ' +
                         ', '.join(wrong) + '; run tox -e optdata')


def write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, 'w', encoding='utf-8') as stream:
        json.dump(data, stream, sort_keys=True, separators=(',', ':'))
        stream.write('\n')


def generate(release, output, sdist_dir=None):
    """Write the data of *release* to *output*: each namespace once, as
    the library or service that owns it defines it (namespaces several
    services list come from a run of the generator on those namespaces
    alone, so no service's changes are in them), and per service the
    options of those shared namespaces it changes."""
    check_versions(release)
    runs = {}
    services = {}
    archives = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, spec in sorted(sources.RELEASES[release].items()):
            work = pathlib.Path(scratch) / name
            work.mkdir()
            # One package can hold the generator configs of several files.
            key = (spec['package'], spec['version'])
            if key not in archives:
                archives[key] = sdist(spec, work, sdist_dir)
            archive = archives[key]
            config = generator_config(archive, spec, work)
            runs[name], wanted, missing = run_generator(
                ['--config-file', str(config)], work)
            lost = sorted(set(wanted) - set(runs[name]))
            services[name] = {
                'package': spec['package'], 'version': spec['version'],
                'files': spec['files'], 'namespaces': sorted(wanted),
                'runtime_namespaces': spec.get('runtime_namespaces', []),
                'namespaces_without_options': lost,
                'optional_imports_unavailable': missing,
            }
        listed = collections.Counter(namespace for service in
                                     services.values()
                                     for namespace in service['namespaces'])
        common = sorted({namespace for namespace, count in listed.items()
                         if count > 1} | set(sources.COMMON_NAMESPACES))
        work = pathlib.Path(scratch) / 'shared'
        work.mkdir()
        run, _wanted, _missing = run_generator(
            [f'--namespace={namespace}' for namespace in common], work)
        shared = {namespace: groups for namespace, groups in run.items()
                  if namespace in common}
    namespaces = dict(shared)
    for run in runs.values():
        for namespace, groups in run.items():
            namespaces.setdefault(namespace, groups)
    versions = {dist: importlib.metadata.version(dist) for dist in (
        'oslo.config', 'oslo.messaging', 'oslo.db', 'oslo.cache',
        'keystonemiddleware', 'keystoneauth1')}
    output = pathlib.Path(output)
    for namespace, groups in namespaces.items():
        write_json(output / 'namespaces' / f'{namespace}.json', groups)
    for name, run in runs.items():
        write_json(output / 'overrides' / f'{name}.json',
                   overrides(run, shared))
    write_json(output / 'auth_plugins.json', auth_plugins())
    write_json(output / 'manifest.json', {
        'release': release, 'services': services, 'libraries': versions,
        'common_namespaces': list(sources.COMMON_NAMESPACES),
    })
    return services


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--release', default=sources.DEFAULT_RELEASE,
                        choices=sorted(sources.RELEASES))
    parser.add_argument('--output', help='default: the package data')
    parser.add_argument('--sdist-dir', help='where source distributions '
                        'already downloaded lie')
    args = parser.parse_args(argv)
    output = args.output or DATA / args.release
    services = generate(args.release, output, args.sdist_dir)
    for name, service in services.items():
        missing = sorted(service['optional_imports_unavailable']) or 'none'
        print(f"{name} {service['version']}: "
              f"{len(service['namespaces'])} namespaces; optional imports "
              f"unavailable: {missing}")


if __name__ == '__main__':
    main()
