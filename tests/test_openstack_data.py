"""The openstack command data (tools/snippetcheck/openstack/data) and its
generator."""

import json
import os
import pathlib
import subprocess
import sys

import pytest

from snippetcheck import openstack
from snippetcheck.openstack import generate

ROOT = pathlib.Path(__file__).resolve().parent.parent
OPTION_KEYS = {'s', 'n', 'm', 'r', 'c', 'i', 't', 'k', 'rk'}
PARSER_KEYS = {'o', 'p', 'x', 'f', 'v', 'neg'}
FORMS = {'int', 'float', 'uint', 'kv', 'mkv', 'mkvc'}


def test_the_requirements_file_has_the_pins():
    lines = [line.strip() for line in
             (ROOT / 'oscdata-requirements.txt').read_text().splitlines()
             if line.strip() and not line.startswith('#')]
    assert lines == [f'{package}=={version}' for package, version
                     in sorted(generate.PINS.items())]


def test_the_data_came_from_the_pins():
    assert openstack.load()['packages'] == generate.PINS


def test_the_file_is_written_as_the_generator_writes_it():
    data = openstack.load()
    assert openstack.DATA.read_text(encoding='utf-8') == \
        generate.dumps(data)
    assert json.loads(generate.dumps(data)) == data


def _parsers(data):
    yield 'global', data['global']
    yield from data['formatters'].items()
    yield from data['commands'].items()
    for api in data['apis'].values():
        for table in api['versions'].values():
            yield from table.items()


def test_the_schema():
    data = openstack.load()
    assert data['format'] == 1
    assert len(data['commands']) > 800
    for name, spec in _parsers(data):
        assert set(spec) <= PARSER_KEYS, name
        assert spec.get('f', 'list') in data['formatters'], name
        options = list(spec['o'])
        if 'f' in spec:
            options += data['formatters'][spec['f']]['o']
        strings = {string for option in options for string in option['s']}
        strings |= {positional['m'] for positional in spec['p']}
        for option in options + spec['p']:
            assert set(option) <= OPTION_KEYS, (name, option)
            assert option.get('t', 'int') in FORMS, (name, option)
            nargs = option.get('n')
            assert nargs is None or nargs in ('?', '*', '+', '...',
                                              'A...') or \
                (isinstance(nargs, int) and nargs >= 0), (name, option)
            if nargs != 0:
                assert option['m'], (name, option)
        for option in spec['p']:
            assert 's' not in option and option['m'], (name, option)
        for required, members in spec.get('x', []):
            assert required in (0, 1)
            assert all(member in strings for member in members), name


def test_the_apis():
    data = openstack.load()
    global_strings = {string for option in data['global']['o']
                      for string in option['s']}
    for api, entry in data['apis'].items():
        assert entry['option'] in global_strings, api
        assert set(entry['commands']) <= set(data['commands']), api
    assert data['apis']['identity']['default'] == '3'
    assert data['apis']['volume']['default'] == '3'
    assert 'endpoint create' in data['apis']['identity']['versions']['2']


def test_the_commands_of_the_guide_are_there():
    commands = openstack.load()['commands']
    for name in ('endpoint create', 'endpoint list', 'endpoint set',
                 'network agent list', 'compute service list',
                 'volume service list', 'share service list',
                 'router create', 'token issue', 'volume list',
                 'orchestration service list', 'resource provider list'):
        assert name in commands, name


@pytest.mark.skipif(
    os.environ.get('SNIPPETCHECK_OSCDATA') != '1',
    reason='regenerating needs the pinned client packages; run tox -e '
           'oscdata-check')
def test_regenerating_gives_the_committed_data(tmp_path):
    fresh = tmp_path / 'osc.json'
    subprocess.run([sys.executable, '-m', 'snippetcheck.openstack.generate',
                    '--output', str(fresh)], check=True,
                   env=dict(os.environ, OS_CLOUD='elsewhere',
                            OS_VOLUME_API_VERSION='2'))
    assert fresh.read_text(encoding='utf-8') == \
        openstack.DATA.read_text(encoding='utf-8')
