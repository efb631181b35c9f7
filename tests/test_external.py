"""The external tier: snippets replayed through haproxy, pcs and crm.

Tests that need a tool are skipped where it is missing; CI installs them
all (bindep.txt).
"""

import shutil
import subprocess

import pytest

from snippetcheck import catalogue
from snippetcheck.external import crmsh_replay
from snippetcheck.external import haproxy_replay
from snippetcheck.external import pcs_replay
from snippetcheck.external import sandbox
from snippetcheck.external import tier
from snippetcheck.external import toolid
from tests.sphinxwarnings import findings
from tests.sphinxwarnings import line_of
from tests.sphinxwarnings import strip_colors

pytestmark = pytest.mark.slow


def needs(*programs):
    missing = [p for p in programs
               if shutil.which(p, path='/usr/sbin:/usr/bin') is None]
    return pytest.mark.skipif(
        bool(missing), reason=f'{", ".join(missing)} not installed '
        '(bindep.txt: haproxy, pcs, crmsh, pacemaker-cli-utils)')


# -- the sandbox --------------------------------------------------------------

@pytest.mark.parametrize('argv, env', [
    (['pcs', 'resource', 'create', 'vip', 'ocf:heartbeat:IPaddr2'], {}),
    (['pcs', '-f', '/etc/cib.xml', 'resource', 'config'], {}),
    (['crm', 'configure', 'show'], {}),
    (['crm', 'configure', 'show'], {'CIB_file': '/var/lib/pacemaker/cib'}),
    (['crm_verify', '-L'], {}),
    (['crm_verify', '--version', '-L'], {}),
    (['cibadmin', '--query'], {}),
    (['haproxy', '-f', 'haproxy.cfg'], {}),
    (['systemctl', 'restart', 'pacemaker'], {}),
    (['sh', '-c', 'pcs status'], {}),
    (['/usr/bin/python3', 'worker.py', '/', 'pcs-worker'], {}),
])
def test_guard_refuses_what_could_reach_a_live_system(tmp_path, argv, env):
    with pytest.raises(sandbox.Refused):
        sandbox.guard(argv, sandbox.clean_environment(tmp_path, **env),
                      tmp_path)


def test_guard_lets_the_version_be_asked(tmp_path):
    for argv in (['crm_verify', '--version'], ['haproxy', '-v']):
        sandbox.guard(argv, sandbox.clean_environment(tmp_path), tmp_path)


def test_guard_refuses_cluster_settings_of_the_caller(tmp_path):
    env = sandbox.clean_environment(tmp_path, CIB_shadow='live')
    with pytest.raises(sandbox.Refused):
        sandbox.guard(['cibadmin', '--empty'], env, tmp_path)


def test_clean_environment_keeps_nothing_of_the_caller(tmp_path,
                                                        monkeypatch):
    monkeypatch.setenv('CIB_file', '/var/lib/pacemaker/cib/cib.xml')
    monkeypatch.setenv('PCSD_PORT', '2224')
    env = sandbox.clean_environment(tmp_path)
    assert not any(key.startswith(('CIB_', 'PCSD_')) for key in env)
    assert env['HOME'] == str(tmp_path)


def test_refused_argv_is_never_run(tmp_path, monkeypatch):
    ran = []
    monkeypatch.setattr(subprocess, 'Popen',
                        lambda *a, **k: ran.append(a) or None)
    with pytest.raises(sandbox.Refused):
        sandbox.run(['pcs', 'resource', 'delete', 'vip'], tmp_path)
    assert ran == []


@needs('pcs', 'cibadmin', 'crm_verify')
def test_every_pcs_command_replayed_names_a_scratch_cib(tmp_path,
                                                        monkeypatch):
    sent = []
    original = pcs_replay.worker.Worker.exchange

    def spy(self, payload):
        sent.append(payload['argv'])
        return original(self, payload)

    monkeypatch.setattr(pcs_replay.worker.Worker, 'exchange', spy)
    commands = [('pcs', 'resource', 'create', 'vip',
                 'ocf:heartbeat:IPaddr2', 'ip=10.0.0.10'),
                ('pcs', 'cluster', 'stop', '--all'),
                ('pcs', 'status'),
                ('pcs', '-f', '/etc/cib.xml', 'resource', 'delete', 'vip')]
    helper = pcs_replay.new_worker(str(tmp_path), 60)
    try:
        pcs_replay.replay(commands, str(tmp_path), helper)
    finally:
        helper.close()
    # only the CIB commands are replayed, always with -f on a scratch
    # file (a command on a file of its own is replayed on ours)
    assert [argv[2:] for argv in sent] == [
        ['resource', 'create', 'vip', 'ocf:heartbeat:IPaddr2',
         'ip=10.0.0.10'],
        ['resource', 'delete', 'vip']]
    assert all(argv[0] == '-f' and argv[1].startswith(str(tmp_path))
               for argv in sent)


@needs('pcs')
def test_pcs_worker_refuses_a_command_without_f(tmp_path):
    helper = pcs_replay.new_worker(str(tmp_path), 60)
    try:
        answers = list(helper.exchange(
            {'argv': ['resource', 'create', 'x', 'systemd:x']}))
    finally:
        helper.close()
    assert answers[0]['rc'] == 2 and 'refused' in answers[0]['err']
    assert answers[-1] == {'done': 0}


# -- haproxy -c ---------------------------------------------------------------

@needs('haproxy')
def test_haproxy_alert_at_its_line(tmp_path):
    text = ('listen web\n  bind :80\n  balance roundrobinn\n'
            '  server s1 10.0.0.1:80')
    assert [(line, code) for line, code, _m in
            haproxy_replay.check(text, str(tmp_path))] == [(3, 'XHA001')]


@needs('haproxy')
def test_haproxy_warning_at_the_line_it_names(tmp_path):
    text = ('defaults\n  log global\n  mode tcp\n  option httplog\n'
            '  timeout connect 5s\n  timeout client 1m\n'
            '  timeout server 1m\n\nlisten web\n  bind :80\n'
            '  server s1 10.0.0.1:80')
    found = haproxy_replay.check(text, str(tmp_path))
    assert [(line, code) for line, code, _m in found] == [(4, 'XHA002')]
    assert "'option httplog'" in found[0][2]


@needs('haproxy')
def test_haproxy_logging_that_goes_nowhere(tmp_path):
    text = ('global\n  maxconn 4000\ndefaults\n  log global\n'
            '  mode http\n  option httplog\n  timeout connect 5s\n'
            '  timeout client 1m\n  timeout server 1m\n'
            'listen web\n  bind :80\n  server s1 10.0.0.1:80')
    found = haproxy_replay.check(text, str(tmp_path))
    assert [(line, code) for line, code, _m in found] == [(10, 'XHA002')]
    assert 'no log address' in found[0][2]


@needs('haproxy')
def test_haproxy_near_miss_with_placeholders_and_host_names(tmp_path):
    text = ('listen galera_cluster\n  bind <Virtual IP>:3306\n'
            '  balance source\n  option httpchk\n'
            '  server controller1 controller1:3306 check port 9200\n'
            '  server controller2 CONTROLLER2_IP:3306 backup check')
    assert haproxy_replay.check(text, str(tmp_path)) == []


def test_haproxy_scratch_file_needs_no_resolver(tmp_path):
    config, offset, refused = haproxy_replay.prepare(
        'listen web\n  bind <Virtual IP>:80\n'
        '  server s1 controller1.example.org:80 check', str(tmp_path))
    assert offset > 0 and refused == (0, '')
    assert 'controller1' not in config and '<' not in config
    assert '192.0.2.' in config


# -- pcs -f -------------------------------------------------------------------

def _pcs(commands, tmp_path):
    helper = pcs_replay.new_worker(str(tmp_path), 60)
    try:
        return pcs_replay.replay([c.split() for c in commands],
                                 str(tmp_path), helper)[0]
    finally:
        helper.close()


@needs('pcs', 'cibadmin', 'crm_verify')
def test_pcs_rejects_removed_option_and_unknown_resource(tmp_path):
    found = _pcs([
        'pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.10',
        'pcs resource create lb systemd:haproxy --clone',
        'pcs resource create lb2 systemd:haproxy clone',
        'pcs constraint colocation add lb2-clone with vipp',
    ], tmp_path)
    assert [(index, code) for index, code, _m in found] == [
        (1, 'XPCS001'), (3, 'XPCS001')]
    assert '--clone' in found[0][2]
    assert 'vipp' in found[1][2]
    # the finding names the releases that judged it
    pacemaker = subprocess.run([shutil.which('crm_verify',
                                             path='/usr/sbin:/usr/bin'),
                                '--version'],
                               capture_output=True, text=True,
                               check=True).stdout.split()[1]
    assert found[0][2].startswith(
        f"pcs {toolid.package_version('pcs')} (Pacemaker {pacemaker}) "
        'rejects this command: ')


@needs('pcs', 'cibadmin', 'crm_verify')
def test_pcs_near_miss_sequence(tmp_path):
    assert _pcs([
        'pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.10 '
        'cidr_netmask=24 op monitor interval=30s',
        'pcs resource create lb-haproxy systemd:haproxy clone',
        'pcs resource meta lb-haproxy-clone interleave=true',
        'pcs constraint order start vip then lb-haproxy-clone kind=Optional',
        'pcs constraint colocation add vip with lb-haproxy-clone',
    ], tmp_path) == []


@needs('pcs', 'cibadmin', 'crm_verify')
def test_pcs_commands_for_the_live_cluster_only_are_left_out(tmp_path):
    """pcs refuses -f for commands that act on the running cluster; they
    are not replayed (nor reported), and the commands after them are."""
    found = _pcs([
        'pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.10',
        'pcs resource cleanup vip',
        'pcs stonith fence controller2',
        'pcs resource restart vip',
        'pcs constraint colocation add vip with vipp',
    ], tmp_path)
    assert [(index, code) for index, code, _m in found] == [
        (4, 'XPCS001')]


@needs('pcs', 'cibadmin', 'crm_verify')
def test_an_agent_not_installed_here_is_not_the_snippets_fault(tmp_path):
    """ocf:linbit:drbd (a provider snippetcheck knows, not installed on
    the build machine) cannot be probed: the commands are replayed with
    --force, or, where pcs refuses even then, not judged, nor what names
    the clone they would have made. A provider nobody knows stays an
    error (a typo), and so do the other mistakes around them."""
    assert not pcs_replay.os.path.isdir(
        pcs_replay.os.path.join(pcs_replay.OCF_ROOT, 'linbit')), \
        'drbd-utils is installed: this test needs a machine without it'
    found = _pcs([
        'pcs -f drbd_cfg resource create WebData ocf:linbit:drbd '
        'drbd_resource=wwwdata op monitor interval=29s role=Promoted',
        'pcs -f drbd_cfg resource promotable WebData promoted-max=1 '
        'notify=true',
        'pcs resource create WebFS ocf:heartbeat:Filesystem '
        'device=/dev/drbd1 directory=/var/www/html fstype=xfs',
        'pcs constraint colocation add WebFS with Promoted WebData-clone',
        'pcs resource create typo ocf:linbt:drbd',
        'pcs constraint colocation add WebFS with WebDataa',
    ], tmp_path)
    assert [(index, code) for index, code, _m in found] == [
        (4, 'XPCS001'), (5, 'XPCS001')]
    assert 'linbt' in found[0][2]


@needs('pcs', 'cibadmin', 'crm_verify')
def test_pcs_state_does_not_leak_between_documents(tmp_path):
    helper = pcs_replay.new_worker(str(tmp_path), 60)
    try:
        first, second = tmp_path / 'a', tmp_path / 'b'
        first.mkdir()
        second.mkdir()
        assert pcs_replay.replay(
            [['pcs', 'resource', 'create', 'lb', 'systemd:haproxy',
              'clone']], str(first), helper) == ([], None)
        assert pcs_replay.replay(
            [['pcs', 'resource', 'create', 'api', 'systemd:api', 'clone'],
             ['pcs', 'resource', 'meta', 'api-clone', 'interleave=true']],
            str(second), helper) == ([], None)
    finally:
        helper.close()


# -- crm ----------------------------------------------------------------------

def _crm(text, tmp_path):
    helper = crmsh_replay.new_worker(str(tmp_path), 60)
    try:
        items = [element for _line, element in crmsh_replay.elements(text)]
        return crmsh_replay.replay(items, str(tmp_path), helper)[0]
    finally:
        helper.close()


@needs('crm', 'cibadmin')
def test_crm_errors_at_their_element(tmp_path):
    found = _crm('primitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.1\n'
                 'clone cl_keystone ocf:openstack:keystone\n'
                 'primitive vip2 ocf:heartbeat:IPaddr2 params ipp=1\n',
                 tmp_path)
    codes = {(index, code) for index, code, _m in found}
    assert (1, 'XCRM001') in codes
    assert (2, 'XCRM001') in codes
    assert all(index != 0 for index, _c, _m in found)


@needs('crm', 'cibadmin')
def test_crm_near_miss(tmp_path):
    assert _crm('primitive vip ocf:heartbeat:IPaddr2 \\\n'
                '  params ip="<Virtual IP>" op monitor interval=10s\n'
                'primitive p_api systemd:openstack-api \\\n'
                '  op monitor interval=30s\n'
                'clone cl_api p_api meta interleave=true\n'
                'colocation api-with-vip inf: vip cl_api\n'
                'order api-after-vip Mandatory: vip cl_api\n',
                tmp_path) == []


def test_crm_console_commands_become_elements():
    assert crmsh_replay.command_element(
        ('crm', 'configure', 'primitive', 'x', 'systemd:x')) == \
        'primitive x systemd:x'
    assert crmsh_replay.command_element(('crm', 'configure')) is None
    assert crmsh_replay.command_element(('crm', 'configure', 'commit')) \
        == 'commit'
    assert crmsh_replay.command_element(('crm', 'status')) is None


# -- the cache ----------------------------------------------------------------

def test_jobs_and_cache(tmp_path):
    from snippetcheck.context import Snippet
    snippets = [
        Snippet('haproxy', 'listen a\n  bind :80', 's.rst', 10),
        Snippet('console', '# pcs resource create a systemd:a\n'
                '# crm configure primitive b systemd:b', 's.rst', 20),
        Snippet('crmsh', 'primitive c systemd:c', 's.rst', 30),
        Snippet('haproxy', 'listen x', 's.rst', 40,
                ignore=frozenset({'all'}), ignore_reason='example'),
    ]
    jobs = tier.jobs_for(snippets, 's')
    assert [(job.kind, job.places) for job in jobs] == [
        ('haproxy', (('s.rst', 10, 's'),)),
        ('pcs', (('s.rst', 20, 's'),)),
        ('crmsh', (('s.rst', 21, 's'), ('s.rst', 30, 's'))),
    ]
    cache = tier.Cache(str(tmp_path))
    key = jobs[0].key([['haproxy', 1, 2]])
    assert key != jobs[0].key([['haproxy', 1, 3]])
    assert cache.get(key) is None
    cache.put(key, [(2, 'XHA001', 'm')])
    assert cache.get(key) == ([(2, 'XHA001', 'm')], None)


# -- through Sphinx -----------------------------------------------------------

@needs('haproxy', 'pcs', 'crm', 'cibadmin', 'crm_verify')
@pytest.mark.sphinx('html', testroot='external', freshenv=True)
def test_external_findings_in_a_build_and_from_the_cache(app, make_app):
    app.build()

    def at(text):
        return line_of(app, 'index.rst', text)

    expected = [
        ('index.rst', at('option httplog'), 'XHA002'),
        ('index.rst', at('ipp=10.0.0.1'), 'XPCS001'),
        ('index.rst', at('params ipp=1'), 'XCRM001'),
        ('index.rst', at('params ipp=1'), 'XCRM001'),
    ]
    assert findings(app) == sorted(expected)
    assert '3 external check(s) run, 0 from cache' in strip_colors(
        app.status.getvalue())
    again = make_app('html', srcdir=app.srcdir)
    again.build()
    assert findings(again) == sorted(expected)
    assert 'external check(s) run, 3 from cache' in strip_colors(
        again.status.getvalue())


@pytest.mark.sphinx('html', testroot='external', freshenv=True)
def test_missing_tool_is_an_error_when_required(app, monkeypatch):
    real = shutil.which
    monkeypatch.setattr(toolid.shutil, 'which',
                        lambda name, path=None: None if name == 'haproxy'
                        else real(name, path=path))
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    assert 'external checks need haproxy (Debian package haproxy)' in \
        warnings
    assert 'XHA' not in warnings


@pytest.mark.sphinx('html', testroot='external', freshenv=True,
                    confoverrides={'snippetcheck_external': 'auto'})
def test_missing_tool_is_named_once_in_auto_mode(app, monkeypatch):
    real = shutil.which
    monkeypatch.setattr(toolid.shutil, 'which',
                        lambda name, path=None: None if name == 'haproxy'
                        else real(name, path=path))
    app.build()
    assert 'external checks need' not in strip_colors(
        app.warning.getvalue())
    assert strip_colors(app.status.getvalue()).count(
        'external checks skip what needs haproxy') == 1


@pytest.mark.sphinx('html', testroot='external', freshenv=True,
                    confoverrides={'snippetcheck_external': False})
def test_external_tier_off(app):
    app.build()
    assert not any(code.startswith('X') for _n, _l, code in findings(app))


@needs('haproxy', 'pcs', 'crm', 'cibadmin', 'crm_verify')
@pytest.mark.parametrize('check', [
    check for check in catalogue.CHECKS
    if check.external and check.language != 'none'], ids=lambda c: c.code)
def test_catalogue_examples_of_the_external_tier(check):
    from snippetcheck.context import Snippet

    # the resources the examples refer to
    setup = {
        'console': '# pcs resource create vip ocf:heartbeat:IPaddr2 '
                   'ip=10.0.0.10\n# pcs resource create lb systemd:haproxy'
                   ' clone\n',
        'crmsh': 'primitive p_api systemd:api\nclone cl_api p_api\n'
                 'primitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.10\n',
        'haproxy': '',
    }[check.language]

    def codes(text):
        snippet = Snippet(check.language, setup + text, 'x.rst', 1)
        reports, _ran = tier.run_jobs(tier.jobs_for([snippet]),
                                      tier.Cache(None), 60)
        return {report.code for report in reports}

    assert check.code in codes(check.wrong)
    assert codes(check.right) == set()


def test_what_a_pcs_command_makes():
    assert pcs_replay.defines(('pcs', '-f', 'x.xml', 'resource', 'create',
                               'web', 'systemd:httpd', 'clone')) == [
        'web', 'web-clone']
    assert pcs_replay.defines(('pcs', 'stonith', 'create', 'f1',
                               'fence_ipmilan')) == ['f1']
    assert pcs_replay.defines(('pcs', 'constraint', 'order', 'a', 'then',
                               'b')) == []
