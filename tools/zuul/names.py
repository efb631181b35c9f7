"""The Zuul jobs and project templates that .zuul.yaml may name, pinned.

OpenStack's Zuul takes the jobs and templates a repository names in its
.zuul.yaml from two places: openstack/openstack-zuul-jobs (the tox, docs
and unit-test jobs, and the project templates) and openstack/project-config
(among others, the promote jobs that publish to docs.openstack.org). This
script reads the Zuul configuration of a checkout of each, at one commit,
and writes ``names.json`` beside it: every job and template name, where it
is defined, and what tests/test_zuul.py needs to know of each job (the tox
environments it runs, the bindep profiles it installs, its file matchers,
its nodesets, whether it is abstract or final) and of each template (the
jobs it adds to each pipeline). It records the commit of each repository.

Usage::

    python tools/zuul/names.py write [OPENSTACK_ZUUL_JOBS [PROJECT_CONFIG]]
    python tools/zuul/names.py check [OPENSTACK_ZUUL_JOBS [PROJECT_CONFIG]]

Each path is a checkout or a git directory (bare or not); by default, clones
beside this repository (``../openstack-zuul-jobs`` and
``../project-config``). ``write`` reads the commit each path has checked
out (HEAD) and records it. ``check`` reads the commits names.json records
and fails unless they give names.json again, so it proves the committed data
is what those repositories define.
"""

import argparse
import json
import pathlib
import subprocess
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA = HERE / 'names.json'

#: The repositories read, in order, each with a file only it has (so that a
#: path given in the wrong place is caught) and where to clone it from.
REPOSITORIES = (
    ('openstack/openstack-zuul-jobs', 'zuul.d/project-templates.yaml'),
    ('openstack/project-config', 'gerrit/projects.yaml'),
)
CLONE_URL = 'https://opendev.org/{}'

#: Where Zuul looks for a repository's configuration, first match wins.
CONFIG_PLACES = ('zuul.yaml', 'zuul.d', '.zuul.yaml', '.zuul.d')

#: Job variables worth recording: the tox environments a job runs and the
#: bindep profiles it installs.
JOB_VARS = ('tox_envlist', 'tox_pdf_envlist', 'bindep_profile')


class Failure(Exception):
    """Something the user has to fix; printed without a traceback."""


class _Loader(yaml.SafeLoader):
    """Safe YAML that also reads Zuul's tags (!inherit, !override,
    !encrypted/...) as the plain values they tag."""


def _untagged(loader, suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_Loader.add_multi_constructor('!', _untagged)


def load_yaml(text):
    return yaml.load(text, Loader=_Loader)


def git(path, *args):
    try:
        return subprocess.run(
            ['git', '-C', str(path), *args], check=True, text=True,
            capture_output=True).stdout
    except subprocess.CalledProcessError as error:
        raise Failure(f'git {" ".join(args)} in {path}: '
                      f'{error.stderr.strip()}') from None


def resolve(path, rev):
    """The full commit id *rev* names in the repository at *path*."""
    if not pathlib.Path(path).is_dir():
        raise Failure(f'{path} is not a directory')
    try:
        return subprocess.run(
            ['git', '-C', str(path), 'rev-parse', '--verify', '--quiet',
             f'{rev}^{{commit}}'], check=True, text=True,
            capture_output=True).stdout.strip()
    except subprocess.CalledProcessError:
        raise Failure(
            f'{path} has no commit {rev}; fetch it first '
            f'(git -C {path} fetch origin)') from None


def config_files(path, commit):
    """The Zuul configuration files of *commit*, in the order Zuul reads
    them."""
    tree = git(path, 'ls-tree', '-r', '--name-only', commit).splitlines()
    for place in CONFIG_PLACES:
        if place in tree:
            return [place]
        inside = sorted(name for name in tree
                        if name.startswith(place + '/')
                        and name.endswith(('.yaml', '.yml')))
        if inside:
            return inside
    return []


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _add(values, more):
    for value in more:
        if value not in values:
            values.append(value)


def _job_names(entries):
    """The job names of a project-pipeline (or template) job list."""
    names = []
    for entry in entries or []:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict) and entry:
            names.append(next(iter(entry)))
    return names


def read_repository(name, path, commit):
    """The jobs and templates the repository *name* defines at *commit*."""
    jobs, templates = {}, {}
    for filename in config_files(path, commit):
        items = load_yaml(git(path, 'show', f'{commit}:{filename}')) or []
        for item in items:
            if not isinstance(item, dict) or len(item) != 1:
                continue
            kind, body = next(iter(item.items()))
            if kind == 'job':
                _read_job(jobs, name, body)
            elif kind == 'project-template':
                _read_template(templates, name, body)
    return jobs, templates


def _read_job(jobs, repository, body):
    job = jobs.setdefault(body['name'], {'defined_in': repository})
    for key in ('abstract', 'final'):
        if body.get(key):
            job[key] = True
    if 'parent' in body and body['parent'] is not None:
        _add(job.setdefault('parent', []), [body['parent']])
    if isinstance(body.get('nodeset'), str):
        _add(job.setdefault('nodeset', []), [body['nodeset']])
    for key in ('files', 'irrelevant-files'):
        if key in body:
            _add(job.setdefault(key, []), _as_list(body[key]))
    variables = body.get('vars') or {}
    for key in JOB_VARS:
        if key in variables:
            _add(job.setdefault(key, []), _as_list(variables[key]))


def _read_template(templates, repository, body):
    template = templates.setdefault(body['name'], {
        'defined_in': repository, 'jobs': {}})
    for pipeline, stanza in body.items():
        if isinstance(stanza, dict) and 'jobs' in stanza:
            _add(template['jobs'].setdefault(pipeline, []),
                 _job_names(stanza['jobs']))


def generate(paths, commits=None):
    """The data, from the repositories at *paths* (one per entry of
    REPOSITORIES), at *commits* (their HEAD when not given)."""
    data = {
        'generated-by': 'tools/zuul/names.py; regenerate with tox -e '
                        'zuuljobs, never edit by hand',
        'sources': {}, 'jobs': {}, 'project-templates': {},
    }
    for (name, marker), path in zip(REPOSITORIES, paths, strict=True):
        tree = git(path, 'ls-tree', '-r', '--name-only', resolve(
            path, 'HEAD'))
        if marker not in tree.splitlines():
            raise Failure(f'{path} is not a clone of {name} (it has no '
                          f'{marker})')
        commit = resolve(path, (commits or {}).get(name, 'HEAD'))
        date = git(path, 'show', '-s', '--format=%cI', commit).strip()
        data['sources'][name] = {'commit': commit, 'date': date}
        jobs, templates = read_repository(name, path, commit)
        for kind, found in (('jobs', jobs), ('project-templates', templates)):
            clash = sorted(set(found) & set(data[kind]))
            if clash:
                raise Failure(f'{name} defines {kind} that another '
                              f'repository defines too: {", ".join(clash)}')
            data[kind].update(found)
    return data


def dump(data):
    return json.dumps(data, indent=1, sort_keys=True,
                      ensure_ascii=False) + '\n'


def _differences(old, new):
    lines = []
    for key in ('sources', 'jobs', 'project-templates'):
        before, after = old.get(key, {}), new.get(key, {})
        for name in sorted(set(before) | set(after)):
            if name not in after:
                lines.append(f'  {key}: {name} is in the data only')
            elif name not in before:
                lines.append(f'  {key}: {name} is missing from the data')
            elif before[name] != after[name]:
                lines.append(f'  {key}: {name} differs')
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Pin the Zuul job and template names OpenStack defines '
                    f'({DATA.relative_to(ROOT)}).')
    parser.add_argument('action', choices=('write', 'check'))
    for name, _marker in REPOSITORIES:
        short = name.split('/')[1]
        parser.add_argument(
            short, nargs='?', default=str(ROOT.parent / short),
            help=f'checkout or git directory of {name} (default: '
                 f'../{short})')
    parser.add_argument('--output', type=pathlib.Path, default=DATA,
                        help='where write puts the data')
    args = parser.parse_args(argv)
    paths = [getattr(args, name.split('/')[1]) for name, _ in REPOSITORIES]
    for (name, _marker), path in zip(REPOSITORIES, paths, strict=True):
        if not pathlib.Path(path).is_dir():
            parser.error(f'no clone of {name} at {path}: git clone '
                         f'{CLONE_URL.format(name)} {path}')
    try:
        if args.action == 'write':
            data = generate(paths)
            args.output.write_text(dump(data))
            for name, source in data['sources'].items():
                print(f'{name} at {source["commit"]} ({source["date"]})')
            print(f'{len(data["jobs"])} jobs, '
                  f'{len(data["project-templates"])} project templates: '
                  f'{args.output}')
            return 0
        committed = json.loads(DATA.read_text())
        commits = {name: source['commit']
                   for name, source in committed['sources'].items()}
        fresh = generate(paths, commits)
        if dump(fresh) != DATA.read_text():
            print(f'{DATA.relative_to(ROOT)} is not what the recorded '
                  'commits give:', file=sys.stderr)
            for line in _differences(committed, fresh) or [
                    '  (the same names; the file is not as written)']:
                print(line, file=sys.stderr)
            print('Regenerate it with tox -e zuuljobs.', file=sys.stderr)
            return 1
        print(f'{DATA.relative_to(ROOT)} is what '
              + ', '.join(f'{name} {commit[:12]}'
                          for name, commit in commits.items())
              + ' define.')
        return 0
    except Failure as failure:
        print(f'error: {failure}', file=sys.stderr)
        return 2


if __name__ == '__main__':
    sys.exit(main())
