"""The tool data (snippetcheck.tooldata): its loader, its parsers, and
that regenerating it from the installed tools gives the committed files
(``tox -e tooldata-check``)."""

import json
import os
import pathlib
import shutil
import textwrap

import pytest

from snippetcheck import tooldata
from snippetcheck.tooldata import generate
from snippetcheck.tooldata import haproxy

PROXY = ('defaults', 'frontend', 'listen', 'backend')


# -- the committed data, through the loader -----------------------------------

@pytest.mark.parametrize('name, tool', [
    ('pcs', 'pcs'), ('crmsh', 'crmsh'), ('haproxy', 'haproxy')])
def test_each_file_names_the_tool_and_version_it_came_from(name, tool):
    assert tooldata.load(name)['tool'] == tool
    assert tooldata.version(name)


def test_manual_data_is_from_the_pinned_manuals():
    assert tooldata.haproxy_manual_versions() == sorted(
        generate.MANUALS, key=lambda v: tuple(map(int, v.split('.'))))
    for release, pin in generate.MANUALS.items():
        manual = tooldata.haproxy_manual(release)['manual']
        assert manual['version'] == release
        assert manual['sha256'] == pin['sha256']


def test_pcs_routers_and_commands_agree():
    commands = tooldata.pcs_commands()
    for path, facts in commands.items():
        if path:
            parent = commands[path[:-1]]
            assert parent['kind'] == 'router', path
            assert path[-1] in parent['subcommands'], path
        if facts['kind'] == 'router':
            for word in facts['subcommands']:
                assert (*path, word) in commands
            if facts['default'] is not None:
                assert facts['default'] in facts['subcommands'], path
        else:
            assert facts['modifiers'] is None or \
                isinstance(facts['modifiers'], list)


def test_pcs_tree_is_nested_dicts_ending_in_none():
    tree = tooldata.pcs_tree()
    assert tree['resource']['create'] is None
    assert tree['resource']['op']['add'] is None
    # routed by hand: a command by default, a router on request
    assert tree['constraint']['location'] is None
    assert isinstance(
        tooldata.pcs_tree(by_hand=True)['constraint']['location'], dict)


def test_pcs_defaults_options_and_modifiers():
    assert tooldata.pcs_default_commands()[('resource',)] == 'status'
    long = tooldata.pcs_long_options()
    assert long['force'] is False
    assert long['group'] is True
    assert tooldata.pcs_short_options() == {'h': False, 'f': True,
                                            'p': True, 'u': True}
    modifiers = tooldata.pcs_modifiers(('resource', 'create'))
    assert {'--group', '--disabled', '-f', '--debug'} <= modifiers
    assert '--full' not in modifiers
    for path in tooldata.pcs_commands():
        declared = tooldata.pcs_modifiers(path) if \
            tooldata.pcs_commands()[path]['kind'] == 'command' else None
        for option in declared or ():
            name = option.lstrip('-')
            assert name in long or name in tooldata.pcs_short_options(), \
                (path, option)


def test_pcs_argument_counts_are_ranges():
    arguments = tooldata.pcs_arguments()
    assert arguments[('resource', 'create')][0] == 2
    assert arguments[('constraint', 'colocation', 'add')][0] == 3
    for path, (low, high) in arguments.items():
        assert low >= 0 and (high is None or high >= low), path
    assert tooldata.pcs_resource_create_keywords() >= {'op', 'meta',
                                                       'clone'}


def test_crmsh_aliases_name_commands_of_their_level():
    for path, level in tooldata.crmsh_levels().items():
        names = set(level['commands']) | set(level['sublevels'])
        for alias, name in tooldata.crmsh_aliases(path).items():
            assert name in names and alias not in names, (path, alias)
        for name in level['sublevels']:
            assert (*path, name) in tooldata.crmsh_levels()
        for name, command in level['commands'].items():
            assert command['min'] >= 0, (path, name)
            assert command['max'] is None or \
                command['max'] >= command['min'], (path, name)


def test_crmsh_elements_and_configure_commands():
    elements = tooldata.crmsh_elements()
    assert {'primitive', 'clone', 'colocation', 'order'} <= set(elements)
    commands = tooldata.crmsh_configure_commands()
    assert 'commit' in commands and not commands & set(elements)
    assert tooldata.crmsh_deprecated_aliases(('configure',))[
        'collocation'] == 'colocation'
    assert '--help' not in tooldata.crmsh_deprecated_aliases()
    assert tooldata.crm_options()['-f'] is True
    assert tooldata.crm_options()['-F'] is False


def test_haproxy_keywords_have_argument_counts():
    for table in (tooldata.haproxy_bind_keywords(),
                  tooldata.haproxy_server_keywords()):
        assert table
        assert all(isinstance(n, int) and n >= -1 for n in table.values())
    assert tooldata.haproxy_server_keywords()['check'] == 0
    assert tooldata.haproxy_server_keywords()['inter'] == 1
    assert tooldata.haproxy_actions('http-request')['set-var'] is True


def test_merged_matrix_takes_the_most_permissive_flag():
    merged = tooldata.haproxy_proxy_matrix()
    rows = [tooldata.haproxy_manual(r)['matrix']
            for r in tooldata.haproxy_manual_versions()]
    for keyword, entry in merged.items():
        for section in PROXY:
            flags = {row[keyword][section] for row in rows if keyword in row}
            for flag in ('X', 'N', '-'):
                if flag in flags:
                    assert entry[section] == flag, (keyword, section)
                    break
    assert merged['bind']['backend'] == '-'
    assert merged['http-request']['defaults'] == 'N'
    with_described = tooldata.haproxy_proxy_matrix(described=True)
    assert set(merged) < set(with_described)
    for keyword in merged:
        assert with_described[keyword] == merged[keyword]
    assert 'daemon' in tooldata.haproxy_global_keywords()


# -- the parsers, on small inputs ---------------------------------------------

DUMP = textwrap.dedent('''\
    # List of registered ACL keywords:
    path_beg = path -m beg
    # List of registered configuration keywords:
    global
    \tca-base
    listen
    \ttimeout
    \tbind <addr> accept-proxy
    \tbind <addr> ssl crt +1
    \tserver <name> <addr> source +-1
    \toption httplog [ FE HTTP ]
    \thttp-request set-var*
    \ttcp-request content accept
    # List of registered sample converter functions:
    lower: str => str
    # List of registered sample fetch functions:
    #  / _.- frontend rule
    # / _.-- CLI parser
    [ Y . ] src: ip
    # List of registered service names:
    prometheus-exporter
    ''')


def test_parse_dump():
    facts = haproxy.parse_dump(DUMP)
    assert facts['acl']['path_beg'] == {'fetch': 'path', 'match': 'beg'}
    assert facts['sections']['global'] == {'keywords': ['ca-base']}
    assert facts['bind'] == {'accept-proxy': {'args': 0, 'ssl': False},
                             'crt': {'args': 1, 'ssl': True}}
    assert facts['server'] == {'source': {'args': -1}}
    assert facts['options']['httplog'] == {
        'frontend': True, 'backend': False, 'http_only': True}
    assert facts['actions']['http-request'] == {'set-var': {'prefix': True}}
    assert facts['actions']['tcp-request content'] == {
        'accept': {'prefix': False}}
    assert facts['converters']['lower'] == {'args': None, 'input': 'str',
                                            'output': 'str'}
    assert facts['fetches']['src']['usable'] == 'Y.'
    assert facts['fetch_usage'] == ['frontend rule', 'CLI parser']
    assert facts['services'] == ['prometheus-exporter']


MATRIX = textwrap.dedent('''\
     keyword                              defaults   frontend   listen    backend
    ------------------------------------+----------+----------+---------+---------
    acl                                       X (!)      X         X         X
    dispatch                    (deprecated)  -          -         X         X
    option abortonclose                  (*)  X          -         X         X
    -- keyword -------------------------- defaults - frontend - listen -- backend -
    capture request header                    -          X         X         -
    ''')  # noqa: E501


def test_parse_matrix():
    rows = haproxy.parse_matrix(MATRIX.split('\n'))
    assert rows['acl'] == {'defaults': 'N', 'frontend': 'X', 'listen': 'X',
                           'backend': 'X'}
    assert rows['dispatch']['deprecated'] is True
    assert rows['option abortonclose']['negatable'] is True
    assert rows['capture request header']['frontend'] == 'X'


def test_parse_matrix_refuses_a_line_it_cannot_read():
    with pytest.raises(ValueError, match='not a row'):
        haproxy.parse_matrix((MATRIX + 'bogus line\n').split('\n'))


def test_parse_described():
    text = textwrap.dedent('''\

        balance <algorithm> [ <arguments> ]
        balance url_param <param> [check_post]
          Define the load balancing algorithm to be used in a backend.
          May be used in sections :   defaults | frontend | listen | backend
                                         yes   |    no    |   yes  |   yes

        stick-table type {ip | integer} size <size>
          Configure the stickiness table for the current section
          May be used in sections :   defaults | frontend | listen | backend
                                          no   |    yes   |   yes  |   yes
        ''')
    described = haproxy.parse_described(text.split('\n'),
                                        known={'stick-table'})
    assert described == {
        'balance': {'defaults': 'X', 'frontend': '-', 'listen': 'X',
                    'backend': 'X'},
        'stick-table': {'defaults': '-', 'frontend': 'X', 'listen': 'X',
                        'backend': 'X'}}


def test_parse_global_splits_listed_heads_without_an_entry():
    listing = ['   - daemon', '   - stats', '   - old (deprecated)']
    body = textwrap.dedent('''\

        daemon
          Makes the process fork into background.

        stats socket [<address:port>|<path>] [param*]
          Binds a UNIX socket to <path>.

        stats timeout <timeout, in milliseconds>
          The default timeout on the stats socket.

        quick-exit
          Described, but missing from the list.
        ''').split('\n')
    assert haproxy.parse_global(listing, body) == {
        'daemon': {'listed': True},
        'old': {'listed': True, 'deprecated': True},
        'stats socket': {'listed': True}, 'stats timeout': {'listed': True},
        'quick-exit': {'listed': False}}


def test_parse_options_reads_arguments():
    body = textwrap.dedent('''\

        check
          Enables health checks.

        inter <delay>
          Sets the interval.

        set-proxy-v2-tlv-fmt(<id>) <fmt>
          Sends a TLV.
        ''').split('\n')
    assert haproxy.parse_options(body) == {
        'check': {'argument': False}, 'inter': {'argument': True},
        'set-proxy-v2-tlv-fmt': {'argument': True}}


# -- generate -----------------------------------------------------------------

def test_interpreter_is_read_from_the_script(tmp_path, monkeypatch):
    script = tmp_path / 'tool'
    script.write_text('#!/usr/bin/python3 -Es\nprint()\n')
    script.chmod(0o755)
    monkeypatch.setenv('PATH', str(tmp_path))
    assert generate.interpreter('tool') == '/usr/bin/python3'
    script.write_text('#!/usr/bin/env python3\n')
    assert generate.interpreter('tool') == 'python3'


def test_a_manual_that_is_not_the_pinned_one_is_refused(tmp_path):
    wrong = tmp_path / 'configuration.txt'
    wrong.write_text('not the manual\n')
    with pytest.raises(SystemExit, match='not the pinned'):
        generate.generate(tmp_path / 'out', {'3.4': str(wrong)},
                          only=['manuals'])


def test_the_manual_path_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv('SNIPPETCHECK_HAPROXY_MANUAL_3_4', '/x/c.txt')
    assert generate.manual_path('3.4', {}) == '/x/c.txt'
    assert generate.manual_path('3.4', {'3.4': '/y'}) == '/y'


# -- regenerating (tox -e tooldata-check) -------------------------------------

REGENERATE = pytest.mark.skipif(
    os.environ.get('SNIPPETCHECK_TOOLDATA') != '1',
    reason='regenerating needs the installed pcs, crmsh and haproxy; run '
           'tox -e tooldata-check')
TOOLS = {'pcs': 'pcs', 'crmsh': 'crm', 'haproxy': 'haproxy'}


def _same(fresh, name):
    committed = tooldata.DATA / name
    assert fresh.read_text() == committed.read_text(), (
        f'{name} differs from what the installed tools give: run tox -e '
        'tooldata and review the difference')


@REGENERATE
@pytest.mark.parametrize('name', sorted(TOOLS))
def test_regenerating_gives_the_committed_data(name, tmp_path):
    if shutil.which(TOOLS[name], path=os.environ.get('PATH', '') +
                    ':/usr/sbin') is None:
        pytest.fail(f'{TOOLS[name]} is not installed')
    generate.generate(tmp_path, only=[name])
    fresh = tmp_path / f'{name}.json'
    wanted = tooldata.version(name)
    got = json.loads(fresh.read_text())['version']
    assert got == wanted, (f'the data is from {name} {wanted}, the '
                           f'installed one is {got}: run tox -e tooldata')
    _same(fresh, f'{name}.json')


@REGENERATE
@pytest.mark.parametrize('release', sorted(generate.MANUALS))
def test_regenerating_the_manual_data(release, tmp_path):
    path = generate.manual_path(release, {})
    if path is None:
        variable = 'SNIPPETCHECK_HAPROXY_MANUAL_' + release.replace('.', '_')
        pytest.skip(f'needs the haproxy {release} manual '
                    f'({generate.MANUALS[release]["source"]}): set '
                    f'{variable} to its path')
    generate.generate(tmp_path, {release: path}, only=['manuals'])
    name = f'haproxy-manual-{release}.json'
    _same(pathlib.Path(tmp_path) / name, name)
