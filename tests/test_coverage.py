"""Which checks judged each block, and the guide's coverage."""

import pathlib
import subprocess
import sys

import pytest

from snippetcheck import cli
from snippetcheck import coverage
from snippetcheck.context import Snippet
from tests.sphinxwarnings import strip_colors

ROOT = pathlib.Path(__file__).resolve().parent.parent
RELEASE = '2026.2'


def judge(language, text, external=True, **fields):
    return coverage.judge(Snippet(language, text, 'page.rst', 3, **fields),
                          RELEASE, external)


# -- ini ----------------------------------------------------------------------

def test_ini_with_option_data_is_fully_judged():
    item = judge('ini', '[DEFAULT]\ndebug = true',
                 filename='/etc/nova/nova.conf', filename_from='caption')
    assert item.status == coverage.FULL
    assert item.groups == ('ini',)
    assert 'options of /etc/nova/nova.conf (nova 34.0.0, release 2026.2; ' \
        'named by the caption)' in item.checks


def test_ini_without_a_file_is_not_fully_judged():
    item = judge('ini', '[DEFAULT]\ndebug = true')
    assert item.status == coverage.PARTIAL
    assert item.checks == ('ini syntax',)
    assert item.missing[0].startswith('no file recognised: name the file')
    item = judge('ini', '[x]', filename_from='the paragraph before names '
                 'several files (a.conf, b.conf)')
    assert item.missing[0].startswith('the paragraph before names several')


def test_ini_of_a_file_without_option_data_is_not_applicable():
    item = judge('ini', '[mysqld]\nbind-address = 10.0.0.12',
                 filename='/etc/my.cnf.d/galera.cnf', filename_from='caption')
    assert item.status == coverage.NOT_APPLICABLE
    assert item.missing == ('no option data for /etc/my.cnf.d/galera.cnf '
                            '(named by the caption)',)


def test_ceph_files():
    item = judge('ini', '[global]\nmon host = 10.0.0.12',
                 filename='/etc/ceph/ceph.conf', filename_from='caption')
    assert (item.status, item.checks) == (coverage.NOT_APPLICABLE,
                                          ("ceph's ini syntax",))
    assert item.missing[0].startswith('no option data for /etc/ceph/ceph.conf')
    item = judge('ini', '[client.cinder]\n    key = KEY',
                 filename='/etc/ceph/ceph.client.cinder.keyring',
                 filename_from='caption')
    assert (item.status, item.groups) == (coverage.FULL, ('ini',))


# -- haproxy and crmsh --------------------------------------------------------

def test_haproxy():
    assert judge('haproxy', 'listen a\n  bind :80').status == coverage.FULL
    item = judge('haproxy', 'listen a\n  bind :80', external=False)
    assert (item.status, item.missing) == (coverage.PARTIAL,
                                           (coverage.NO_TOOLS,))
    item = judge('haproxy', 'global\n  lua-load /etc/x.lua')
    assert item.status == coverage.PARTIAL
    assert item.missing == ('line 2: lua-load is not given to haproxy -c',)


def test_crmsh():
    text = 'primitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.11'
    item = judge('crmsh', text)
    assert item.status == coverage.FULL
    assert item.checks == ('crmsh grammar', 'crm replay and crm_verify')
    item = judge('crmsh', text + '\nload update /tmp/x')
    assert item.status == coverage.PARTIAL
    assert item.missing[0].startswith('line 2: not replayed: "load"')


# -- console ------------------------------------------------------------------

def test_console_with_checked_programs():
    item = judge('console', '# pcs resource create vip '
                 'ocf:heartbeat:IPaddr2 ip=10.0.0.11\n'
                 '$ openstack token issue')
    assert item.status == coverage.FULL
    assert item.groups == ('pcs', 'openstack')
    assert item.checks == ('pcs checker', 'openstack checker',
                           'replay through the real tool')
    assert judge('console', '# pcs resource create vip '
                 'ocf:heartbeat:IPaddr2', external=False).status == \
        coverage.PARTIAL


def test_commands_that_act_on_a_live_cluster_have_no_replay_to_miss():
    item = judge('console', '# pcs status\n# crm status', external=False)
    assert item.status == coverage.FULL
    assert item.groups == ('pcs', 'crm')


def test_crm_at_its_own_prompt_counts_as_crm():
    item = judge('console', 'crm(live)configure# primitive vip '
                 'ocf:heartbeat:IPaddr2')
    assert (item.status, item.groups) == (coverage.FULL, ('crm',))


def test_a_command_never_replayed_is_said():
    item = judge('console', '# pcs resource create x ocf:heartbeat:../../x')
    assert item.status == coverage.PARTIAL
    assert 'not replayed' in item.missing[0]


@pytest.mark.parametrize('text, why', [
    ('# systemctl restart haproxy', 'programs not checked: systemctl'),
    ("MariaDB [(none)]> SHOW DATABASES;",
     'input of mysql (not shell commands)'),
])
def test_console_without_checked_programs_is_not_checked(text, why):
    item = judge('console', text)
    assert (item.status, item.missing, item.groups) == (
        coverage.NOT_CHECKED, (why,), ())


# -- other languages and opt-outs ---------------------------------------------

def test_other_languages():
    assert judge('python', 'x = 1').status == coverage.FULL
    item = judge('none', 'output')
    assert (item.status, item.missing) == (
        coverage.NOT_CHECKED, ("the language 'none' is not checked",))


def test_opted_out_blocks_count_in_their_group():
    item = judge('ini', '[DEFAULT]', ignore=frozenset(['all']),
                 ignore_reason='shown wrong on purpose',
                 filename='/etc/nova/nova.conf')
    assert (item.status, item.groups) == (coverage.OPTED_OUT, ('ini',))
    assert item.missing == ('opted out: shown wrong on purpose',)
    item = judge('ini', '[DEFAULT]', ignore=frozenset(['INI003']),
                 ignore_reason='why', filename='/etc/nova/nova.conf')
    assert item.status == coverage.FULL
    assert item.checks[-1] == 'opts out of INI003'


def test_summary():
    items = [judge('ini', '[DEFAULT]', filename='/etc/nova/nova.conf'),
             judge('ini', '[DEFAULT]'),
             judge('ini', '[mysqld]', filename='/etc/my.cnf'),
             judge('console', '# pcs status'),
             judge('none', 'x')]
    summary = coverage.summarize(items)
    assert (summary.blocks, summary.in_scope, summary.full_in_scope,
            summary.not_applicable) == (5, 4, 2, 1)
    assert summary.percent == pytest.approx(200 / 3)
    assert summary.render() == (
        '5 blocks; in scope: 2 of 3 fully judged (66.7%): ini 1/2 (+1 not '
        'applicable), pcs 1/1; out of scope: 1 not checked')


def test_a_block_of_an_included_file_is_judged_once():
    snippet = Snippet('ini', '[DEFAULT]', 'part.rst', 3)
    assert len(coverage.judge_all([snippet, snippet], RELEASE, True)) == 1


# -- the guide ----------------------------------------------------------------

def guide():
    cli.rstread.register()
    known = cli.blocks.known_directives()
    snippets = []
    for path in cli.rst_files([ROOT / 'doc' / 'source']):
        found, _reports = cli.read_file(path, known)
        snippets.extend(found)
    return coverage.judge_all(snippets, RELEASE, True)


def test_the_guide_fully_judges_every_block_in_scope():
    """Every ini, haproxy, crmsh, pcs, crm and openstack block of the
    guide is fully judged when the external checks run; ini blocks of
    files without option data are not applicable, and say so."""
    judged = guide()
    missing = [item.render() for item in judged if item.groups
               and item.status not in (coverage.FULL,
                                       coverage.NOT_APPLICABLE)]
    assert missing == []
    summary = coverage.summarize(judged)
    assert summary.percent == 100.0
    for group in ('ini', 'haproxy', 'crmsh', 'pcs', 'openstack'):
        assert summary.groups[group][0] > 0, group
    for item in judged:
        if item.status == coverage.NOT_APPLICABLE:
            assert item.missing[0].startswith('no option data for ')


# -- reporting it -------------------------------------------------------------

def test_the_command_line_prints_coverage(tmp_path):
    page = tmp_path / 'page.rst'
    page.write_text('Edit ``/etc/nova/nova.conf``:\n\n.. code-block:: ini\n\n'
                    '   [DEFAULT]\n   debug = true\n\n'
                    '.. code-block:: none\n\n   output\n', encoding='utf-8')
    result = subprocess.run(
        [sys.executable, '-m', 'snippetcheck', '--coverage', str(page)],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f'{page}:5: ini fully judged: ini syntax; options of '
        '/etc/nova/nova.conf (nova 34.0.0, release 2026.2; named by the '
        'paragraph before)',
        f"{page}:10: none not checked: the language 'none' is not checked",
        'snippetcheck coverage: 2 blocks; in scope: 1 of 1 fully judged '
        '(100.0%): ini 1/1; out of scope: 1 not checked',
    ]


@pytest.mark.sphinx('html', testroot='filenames')
def test_the_sphinx_build_says_its_coverage(app):
    app.build()
    status = strip_colors(app.status.getvalue())
    assert 'snippetcheck: coverage: 8 blocks; in scope: 5 of 8 fully ' \
        'judged (62.5%): ini 5/8' in status
    # the blocks in scope not fully judged, and why
    assert status.count('ini block not fully judged: ini syntax; no file '
                        'recognised') == 2
    assert 'names several files' in status
