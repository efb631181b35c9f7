"""Regenerate the option data of a release from the service packages.

Run it in an environment where the pinned packages of
:mod:`snippetcheck.options.sources` are installed (``tox -e optdata`` makes
one)::

    python -m snippetcheck.options.generate --release 2026.2

For each service it takes the service's own generator config from its
source distribution (downloaded from the package index, or found in
``--sdist-dir``), runs oslo-config-generator with ``--format yaml`` on it,
and keeps of every option only what the checks need: its type, choices,
bounds, deprecated names and removal status. Options of namespaces that
several services share are stored once. The output is sorted and has no
timestamps, so regenerating from the same packages gives the same files.
"""

import argparse
import importlib.metadata
import json
import os
import pathlib
import subprocess
import sys
import tarfile
import tempfile

import yaml

from snippetcheck.options import sources

DATA = pathlib.Path(__file__).parent / 'data'

TYPES = {
    'string value': 'str', 'integer value': 'int',
    'floating point value': 'float', 'boolean value': 'bool',
    'port value': 'port', 'uri value': 'uri', 'list value': 'list',
    'dict value': 'dict', 'multi valued': 'multi', 'IP address value': 'ip',
    'host address value': 'host', 'hostname value': 'hostname',
    'host domain value': 'hostdomain',
}


def option_key(name):
    """The name an option has in a configuration file."""
    return name.replace('-', '_')


def compact(opt):
    """What the checks need of one option of the generator's YAML."""
    spec = {'t': TYPES.get(opt.get('type') or '', 'str')}
    choices = [choice[0] if isinstance(choice, list) else choice
               for choice in opt.get('choices') or []]
    if choices:
        spec['c'] = [None if c is None else str(c) for c in choices]
    for key in ('min', 'max'):
        if opt.get(key) is not None:
            spec[key] = opt[key]
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
    """Extract the service's generator config from its sdist."""
    top = f"{spec['package']}-{spec['version']}"
    member = f"{top}/{spec['generator']}"
    with tarfile.open(archive) as tar:
        tar.extract(member, directory, filter='data')
    return pathlib.Path(directory) / member


def run_generator(config, directory):
    """The generator's YAML for *config* and the optional imports that
    failed while it ran."""
    output = pathlib.Path(directory) / 'options.yaml'
    failed = pathlib.Path(directory) / 'failed.json'
    env = dict(os.environ, SNIPPETCHECK_FAILED_IMPORTS=str(failed))
    subprocess.run([sys.executable, '-m', 'snippetcheck.options._genrun',
                    '--config-file', str(config), '--format', 'yaml',
                    '--output-file', str(output)], check=True, env=env)
    with open(output, encoding='utf-8') as stream:
        data = yaml.safe_load(stream)
    missing = json.loads(failed.read_text()) if failed.exists() else {}
    return data, missing


def auth_plugins():
    """Options of the keystoneauth1 plugins a group's auth_type loads."""
    from keystoneauth1 import loading

    plugins = {}
    for name in sources.AUTH_PLUGINS:
        opts = {}
        for opt in loading.get_auth_plugin_conf_options(name):
            opts[option_key(opt.dest)] = {
                't': TYPES.get(str(getattr(opt.type, 'type_name', '')),
                               'str')}
        plugins[name] = dict(sorted(opts.items()))
    return plugins


def merge(data, namespaces):
    """Add the groups and options of one generator run to *namespaces*;
    return the namespaces the run covered."""
    seen = set()
    for group, content in (data.get('options') or {}).items():
        owner = content.get('dynamic_group_owner') or ''
        for opt in content.get('opts') or []:
            namespace = opt.get('namespace') or 'unknown'
            seen.add(namespace)
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
    return sorted(seen)


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
    check_versions(release)
    namespaces = {}
    services = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, spec in sorted(sources.RELEASES[release].items()):
            work = pathlib.Path(scratch) / name
            work.mkdir()
            archive = sdist(spec, work, sdist_dir)
            config = generator_config(archive, spec, work)
            data, missing = run_generator(config, work)
            covered = merge(data, namespaces)
            wanted = data['generator_options']['namespace']
            lost = sorted(set(wanted) - set(covered))
            services[name] = {
                'package': spec['package'], 'version': spec['version'],
                'files': spec['files'], 'namespaces': sorted(wanted),
                'namespaces_without_options': lost,
                'optional_imports_unavailable': missing,
            }
    versions = {dist: importlib.metadata.version(dist) for dist in (
        'oslo.config', 'oslo.messaging', 'oslo.db', 'oslo.cache',
        'keystonemiddleware', 'keystoneauth1')}
    output = pathlib.Path(output)
    for namespace, groups in namespaces.items():
        write_json(output / 'namespaces' / f'{namespace}.json', groups)
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
