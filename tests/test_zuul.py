"""The Zuul configuration (.zuul.yaml) names only jobs and templates that
OpenStack's Zuul defines, each as what it is, and what those jobs run is in
tox.ini and bindep.txt.

The names come from tools/zuul/names.json, generated from
openstack-zuul-jobs and project-config by tools/zuul/names.py
(``tox -e zuuljobs``; ``tox -e zuuljobs-check`` proves it against clones of
both repositories).
"""

import configparser
import json
import pathlib
import re

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
NAMES = json.loads((ROOT / 'tools' / 'zuul' / 'names.json').read_text())
JOBS = NAMES['jobs']
TEMPLATES = NAMES['project-templates']
PIPELINES = ('check', 'gate')
#: The files the unit-test jobs must not skip: the guide the tests build.
GUIDE_FILES = ('doc/source/index.rst', 'doc/source/conf.py', 'README.rst',
               'tools/README.rst')
#: bindep profiles no Zuul job installs, and who does.
ONLY_IN_CI_RUN = {'e2e': 'tox -e e2e runs in .ci/run only'}


def _project():
    items = yaml.safe_load((ROOT / '.zuul.yaml').read_text())
    [project] = [item['project'] for item in items if 'project' in item]
    return project


PROJECT = _project()


def listed_jobs(pipelines=None):
    """(pipeline, job name, variant attributes) of every job .zuul.yaml
    lists."""
    for pipeline, stanza in PROJECT.items():
        if not isinstance(stanza, dict) or (
                pipelines and pipeline not in pipelines):
            continue
        for entry in stanza.get('jobs', []):
            if isinstance(entry, str):
                yield pipeline, entry, {}
            else:
                [(name, attributes)] = entry.items()
                yield pipeline, name, attributes or {}


def jobs_run(pipelines=PIPELINES):
    """{job name: variant attributes} of every job that runs on a change,
    listed here or added by a template."""
    run = {}
    for template in PROJECT.get('templates', []):
        for pipeline in pipelines:
            for name in TEMPLATES.get(template, {}).get('jobs', {}).get(
                    pipeline, []):
                run.setdefault(name, {})
    for _pipeline, name, attributes in listed_jobs(pipelines):
        run[name] = attributes
    return run


def tox_config():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / 'tox.ini')
    return parser


def test_names_record_their_sources():
    assert set(NAMES['sources']) == {'openstack/openstack-zuul-jobs',
                                     'openstack/project-config'}
    for source in NAMES['sources'].values():
        assert re.fullmatch(r'[0-9a-f]{40}', source['commit'])
    # a few names every OpenStack docs repository relies on
    assert 'openstack-tox-docs' in JOBS
    assert 'build-openstack-docs-pti' in TEMPLATES
    assert JOBS['promote-openstack-tox-docs-direct']['defined_in'] == \
        'openstack/project-config'


def test_templates_are_templates():
    assert PROJECT.get('templates')
    for name in PROJECT['templates']:
        assert name not in JOBS, (
            f'{name} is a job: list it under a pipeline\'s jobs')
        assert name in TEMPLATES, (
            f'no project template {name} in openstack-zuul-jobs or '
            'project-config (tools/zuul/names.json)')


def test_jobs_are_jobs():
    listed = list(listed_jobs())
    assert listed
    for pipeline, name, _attributes in listed:
        assert name not in TEMPLATES, (
            f'{name} ({pipeline}) is a project template: list it under '
            'templates')
        assert name in JOBS, (
            f'no job {name} ({pipeline}) in openstack-zuul-jobs or '
            'project-config (tools/zuul/names.json)')
        assert not JOBS[name].get('abstract'), f'{name} is abstract'


def test_final_jobs_are_not_changed():
    for pipeline, name, attributes in listed_jobs():
        if JOBS[name].get('final'):
            assert not attributes, (
                f'{name} ({pipeline}) is final: Zuul refuses a variant')


def test_every_tox_environment_a_job_runs_runs_something():
    """openstack-tox-pyXY runs tox -e pyXY: [testenv] must run the tests
    (an environment without commands passes having run nothing)."""
    tox = tox_config()
    environments = set()
    for name in jobs_run():
        for key in ('tox_envlist', 'tox_pdf_envlist'):
            for value in JOBS.get(name, {}).get(key, []):
                environments.update(value.split(','))
    assert {'docs', 'pdf-docs', 'linters', 'py311'} <= environments
    for environment in environments:
        section = f'testenv:{environment}'
        if tox.has_section(section) and tox.has_option(section, 'commands'):
            continue
        assert re.fullmatch(r'py3\d+', environment), (
            f'tox.ini has no [{section}] with commands')
        assert not tox.has_section(section), (
            f'[{section}] has no commands of its own')
        assert 'pytest' in tox.get('testenv', 'commands')


def test_unit_tests_run_on_guide_changes():
    """The tests build the guide: a change to its pages must run them,
    though the unit-test jobs of openstack-zuul-jobs skip *.rst and doc/
    changes unless the project narrows their irrelevant-files."""
    run = jobs_run()
    unit_tests = [name for name in run
                  if re.fullmatch(r'openstack-tox-py3\d+', name)]
    assert unit_tests
    for name in unit_tests:
        irrelevant = run[name].get('irrelevant-files',
                                   JOBS[name].get('irrelevant-files', []))
        for path in GUIDE_FILES:
            assert not any(re.match(regex, path) for regex in irrelevant), (
                f'{name} would skip a change to {path}')


def test_unit_test_pythons_are_supported():
    setup = configparser.ConfigParser()
    setup.read(ROOT / 'setup.cfg')
    minimum = re.fullmatch(r'>=\s*3\.(\d+)',
                           setup.get('options', 'python_requires').strip())
    for name in jobs_run(('check',)):
        found = re.fullmatch(r'openstack-tox-py3(\d+)', name)
        if found:
            assert int(found.group(1)) >= int(minimum.group(1)), name


def _bindep_profiles():
    profiles = set()
    for line in (ROOT / 'bindep.txt').read_text().splitlines():
        found = re.search(r'\[(.*)\]', line.split('#')[0])
        if found:
            profiles.update(
                word.lstrip('!') for word in found.group(1).split()
                if not word.lstrip('!').startswith('platform:'))
    return profiles


def test_every_bindep_profile_is_installed():
    installed = set()
    for name in jobs_run():
        for value in JOBS.get(name, {}).get('bindep_profile', []):
            installed.update(value.split())
    assert {'doc', 'test'} <= installed
    for profile in _bindep_profiles():
        assert profile in installed or profile in ONLY_IN_CI_RUN, (
            f'no job of .zuul.yaml installs the bindep profile {profile}')


@pytest.mark.parametrize('name', ['openstack-tox-py311',
                                  'openstack-tox-docs'])
def test_the_guide_is_built_and_tested(name):
    assert name in jobs_run()
