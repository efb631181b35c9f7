"""Regenerate the tool data from the installed tools and the pinned
haproxy manuals (``tox -e tooldata``)::

    python -m snippetcheck.tooldata.generate [--output DIR]
        [--manual VERSION=PATH ...] [--only pcs,crmsh,haproxy,manuals]

pcs and crmsh are read by ``pcs.py`` and ``crmsh.py`` run under the
interpreter that runs the installed ``pcs`` and ``crm`` (the first line of
those scripts), haproxy by ``haproxy.py --binary``.  The haproxy manuals are
pinned by SHA-256 in :data:`MANUALS`: a manual is read from ``--manual``,
from the environment variable ``SNIPPETCHECK_HAPROXY_MANUAL_<VERSION>``
(``SNIPPETCHECK_HAPROXY_MANUAL_3_4``), or from where a package installs it,
and a file that is not the pinned text is refused.  A manual that cannot be
found leaves its committed data as it is, and the run says so.

The output is sorted JSON without timestamps, so the same tools give the
same files.
"""

import argparse
import gzip
import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / 'data'

#: The haproxy configuration manuals the proxy keyword data comes from:
#: the oldest and the newest release the haproxy checker targets.
MANUALS = {
    '2.6': {
        'source': 'doc/configuration.txt of haproxy 2.6.12, which the '
                  'Debian 12 haproxy package installs compressed',
        'sha256': '13c2c6d98ad884817fbbead2236211ed4030d5a95f00a05540c2aa'
                  '78c83eac8d',
        'installed': ['/usr/share/doc/haproxy/configuration.txt.gz'],
    },
    '3.4': {
        'source': 'doc/configuration.txt of haproxy 3.4.0 (tag v3.4.0 of '
                  'the haproxy repository)',
        'sha256': '1d7e927f7d341d350b72925be798a3b5def9dabbb86eceaa7c7917'
                  '060d1cc9d0',
        'installed': [],
    },
}

TOOLS = ('pcs', 'crmsh', 'haproxy', 'manuals')


def interpreter(command):
    """The interpreter named on the first line of an installed script."""
    path = shutil.which(command) or shutil.which(command, path='/usr/sbin')
    if path is None:
        raise SystemExit(f'{command} is not installed')
    with open(path, encoding='utf-8', errors='replace') as stream:
        first = stream.readline()
    if not first.startswith('#!'):
        raise SystemExit(f'{path} is not a Python script')
    words = first[2:].split()
    if os.path.basename(words[0]) == 'env':
        words = words[1:]
    return words[0]


def run_json(argv):
    """Run a generator and return what it printed, as data."""
    with tempfile.TemporaryDirectory() as home:
        env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'),
               'HOME': home, 'LC_ALL': 'C.UTF-8'}
        result = subprocess.run(argv, capture_output=True, text=True,
                                env=env, cwd=home, check=False)
    if result.returncode:
        raise SystemExit(f'{" ".join(argv)} failed:\n{result.stderr}')
    return json.loads(result.stdout)


def write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, 'w', encoding='utf-8') as stream:
        json.dump(data, stream, sort_keys=True, indent=1)
        stream.write('\n')


def manual_path(version, given):
    """The file to read the *version* manual from, or None."""
    if version in given:
        return given[version]
    variable = 'SNIPPETCHECK_HAPROXY_MANUAL_' + version.replace('.', '_')
    if os.environ.get(variable):
        return os.environ[variable]
    for path in MANUALS[version]['installed']:
        if os.path.isfile(path) and sha256(path) == \
                MANUALS[version]['sha256']:
            return path
    return None


def sha256(path):
    with open(path, 'rb') as stream:
        raw = stream.read()
    if str(path).endswith('.gz'):
        raw = gzip.decompress(raw)
    return hashlib.sha256(raw).hexdigest()


def generate(output, manuals=None, only=TOOLS):
    """Write the data files to *output*; return {file: note}."""
    output = pathlib.Path(output)
    done = {}
    if 'pcs' in only:
        write_json(output / 'pcs.json', run_json(
            [interpreter('pcs'), '-I', str(HERE / 'pcs.py')]))
        done['pcs.json'] = 'from the installed pcs'
    if 'crmsh' in only:
        write_json(output / 'crmsh.json', run_json(
            [interpreter('crm'), '-I', str(HERE / 'crmsh.py')]))
        done['crmsh.json'] = 'from the installed crmsh'
    if 'haproxy' in only:
        binary = shutil.which('haproxy') or shutil.which(
            'haproxy', path='/usr/sbin')
        if binary is None:
            raise SystemExit('haproxy is not installed')
        write_json(output / 'haproxy.json', run_json(
            [sys.executable, '-I', str(HERE / 'haproxy.py'), '--binary',
             binary]))
        done['haproxy.json'] = f'from {binary} -dKall'
    if 'manuals' in only:
        for version, pin in sorted(MANUALS.items()):
            name = f'haproxy-manual-{version}.json'
            path = manual_path(version, manuals or {})
            if path is None:
                done[name] = (f'not regenerated: the {version} manual was '
                              f'not given ({pin["source"]})')
                continue
            if sha256(path) != pin['sha256']:
                raise SystemExit(f'{path} is not the pinned {version} '
                                 f'manual ({pin["source"]})')
            write_json(output / name, run_json(
                [sys.executable, '-I', str(HERE / 'haproxy.py'),
                 '--manual', str(path)]))
            done[name] = f'from {path}'
    return done


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--output', default=str(DATA),
                        help='default: the package data')
    parser.add_argument('--manual', action='append', default=[],
                        metavar='VERSION=PATH',
                        help='where the pinned haproxy manual of VERSION '
                        f'({", ".join(sorted(MANUALS))}) is')
    parser.add_argument('--only', default=','.join(TOOLS),
                        help='comma-separated subset of ' + ','.join(TOOLS))
    args = parser.parse_args(argv)
    manuals = {}
    for item in args.manual:
        version, _, path = item.partition('=')
        if version not in MANUALS or not path:
            parser.error(f'--manual wants VERSION=PATH with VERSION one '
                         f'of {", ".join(sorted(MANUALS))}')
        manuals[version] = path
    only = [name for name in args.only.split(',') if name]
    unknown = sorted(set(only) - set(TOOLS))
    if unknown:
        parser.error('unknown --only: ' + ', '.join(unknown))
    for name, note in generate(args.output, manuals, only).items():
        print(f'{name}: {note}')


if __name__ == '__main__':
    main()
