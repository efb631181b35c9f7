"""Hostile snippets: nothing in an RST file can run code on the machine
that builds it, read its files, reach the network or touch a cluster.

Each attack is tried through the whole external tier (allow-lists and
sandbox together), and the sandbox is also tried alone, with code that
does run inside it. Every test asserts what the build machine sees: no
file written outside the scratch directory, no secret of a file outside
it in any output, no connection to a listener on the loopback (which
counts them), no process left behind, and no call of ``systemctl`` or
``ssh`` (stand-ins that record their calls are put first on the
sandbox's PATH).
"""

import os
import pathlib
import secrets
import shutil
import socket
import stat
import threading
import time

import pytest

from snippetcheck import engine
from snippetcheck.context import DocumentContext
from snippetcheck.context import Snippet
from snippetcheck.external import crmsh_replay
from snippetcheck.external import sandbox
from snippetcheck.external import tier

TOOLS = ('haproxy', 'pcs', 'crm', 'cibadmin', 'crm_verify')
pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    any(shutil.which(t, path=sandbox.PATH) is None for t in TOOLS)
    or sandbox.problem() is not None,
    reason='needs the tools and a working sandbox (bindep.txt)')]


class Listener:
    """A TCP listener on the loopback that counts connections."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(('127.0.0.1', 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.count = 0
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.count += 1
            connection.close()

    def close(self):
        self.stop = True
        self.thread.join()
        self.socket.close()


class World:
    """What an attack aims at, and what the test looks at afterwards."""

    def __init__(self, tmp_path, monkeypatch):
        self.outside = tmp_path / 'outside'
        self.outside.mkdir()
        self.token = secrets.token_hex(16)
        self.secret = self.outside / 'secret'
        self.secret.write_text(f'{self.token}\n', encoding='utf-8')
        self.marker = f'8{secrets.randbelow(10 ** 8):08d}'
        # a resource agent outside the agent directories
        agent = self.outside / 'agent'
        agent.write_text(f'#!/bin/sh\ntouch {self.outside}/agent-ran\n'
                         'exit 0\n', encoding='utf-8')
        agent.chmod(0o755)
        lua = self.outside / 'evil.lua'
        lua.write_text(f'os.execute("touch {self.outside}/lua-ran")\n',
                       encoding='utf-8')
        self.before = self._listing()
        self.listener = Listener()
        # systemctl and ssh stand-ins, first on the sandbox's PATH
        fake = tmp_path / 'fakebin'
        fake.mkdir()
        self.calls = tmp_path / 'calls'
        self.calls.mkdir()
        for name in ('systemctl', 'ssh'):
            script = fake / name
            script.write_text('#!/bin/sh\necho "$0 $*" >> /canary/calls\n',
                              encoding='utf-8')
            script.chmod(0o755)
        real = sandbox._filesystem

        def with_stand_ins(scratch, binds):
            args = real(scratch, binds)
            at = args.index('--remount-ro')
            args[at:at] = ['--ro-bind', str(fake), '/usr/local/bin',
                           '--bind', str(self.calls), '/canary']
            return args

        monkeypatch.setattr(sandbox, '_filesystem', with_stand_ins)

    def _listing(self):
        return sorted(str(p) for p in self.outside.rglob('*'))

    def fill(self, text):
        return text.format(out=self.outside, secret=self.secret,
                           port=self.listener.port, marker=self.marker)

    def run(self, *snippets, timeout=60):
        """The reports of the whole tier on *snippets* (language, text)."""
        found = [Snippet(language, self.fill(text), 'hostile.rst',
                         10 * number)
                 for number, (language, text) in enumerate(snippets, 1)]
        reports, _ran = tier.run_jobs(tier.jobs_for(found), tier.Cache(None),
                                      timeout)
        static = engine.check_snippets(found)
        return reports + static

    def assert_contained(self, reports=(), output=''):
        self.listener.close()
        text = output + '\n'.join(r.render() for r in reports)
        assert self.token not in text, 'a secret reached the output'
        assert self._listing() == self.before, 'a file appeared outside'
        assert self.listener.count == 0, 'a connection was made'
        assert not any(self.calls.iterdir()), (
            'systemctl or ssh was called: ' + ' '.join(
                p.read_text() for p in self.calls.iterdir()))
        assert not _processes_with(self.marker), 'a process outlived it'


def _processes_with(marker):
    found = []
    for entry in pathlib.Path('/proc').iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / 'cmdline').read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline:
            found.append(entry.name)
    return found


@pytest.fixture
def world(tmp_path, monkeypatch):
    world = World(tmp_path, monkeypatch)
    yield world
    world.listener.stop = True


def codes(reports):
    return sorted({(r.line, r.code) for r in reports})


def external(reports):
    """(line, code) of the findings of the external tier."""
    return [(line, code) for line, code in codes(reports)
            if code.startswith('X')]


# -- through the whole tier ---------------------------------------------------

def test_crm_filter_runs_no_shell(world):
    reports = world.run(
        ('console', '# crm configure filter "touch {out}/pwned; cat"'),
        ('crmsh', 'filter "touch {out}/pwned2; cat"'))
    assert (10, 'XCRM004') in codes(reports)
    assert (20, 'XCRM004') in codes(reports)
    world.assert_contained(reports)


def test_haproxy_that_loads_itself_as_lua(world):
    polyglot = ('--[[\nglobal\n  lua-load "${{HOME}}/haproxy.cfg"\n--]]\n'
                'os.execute("touch {out}/pwned; sleep {marker} &")\n')
    reports = world.run(('haproxy', polyglot))
    assert (12, 'XHA004') in codes(reports)
    world.assert_contained(reports)


def test_haproxy_lua_file_and_keyword_from_the_environment(world):
    reports = world.run(
        ('haproxy', 'global\n  lua-load {out}/evil.lua\n'),
        ('haproxy', 'global\n  setenv KW lua-load\n'
                    '  "${{KW}}" "{out}/evil.lua"\n'),
        ('haproxy', 'global\n  ssl-engine rdrand\n'))
    assert {(11, 'XHA004'), (22, 'XHA004'), (31, 'XHA004')} <= set(
        codes(reports))
    world.assert_contained(reports)


def test_haproxy_file_arguments_read_stand_ins(world):
    text = ('listen web\n  mode http\n'
            '  bind :443 ssl crt {secret} ca-file {secret} crl-file {secret}'
            ' verify optional\n'
            '  acl evil src -f {secret}\n'
            '  http-request set-var(txn.x) src,map_ip({secret},none)\n'
            '  errorfile 503 {secret}\n'
            '  server s1 10.0.0.12:443 ssl ca-file {secret} check\n')
    reports = world.run(('haproxy', text))
    assert [r for r in reports if r.code.startswith('X')] == []
    world.assert_contained(reports)


def test_crm_files_and_the_network(world):
    reports = world.run(('crmsh', 'save {out}/saved\ncib new evil\n'
                                  'load update {secret}\n'
                                  'load update http://127.0.0.1:{port}/x\n'
                                  'primitive ok ocf:heartbeat:Dummy\n'))
    assert external(reports) == [
        (10, 'XCRM004'), (11, 'XCRM004'), (12, 'XCRM004'),
        (13, 'XCRM004')]
    world.assert_contained(reports)


def test_crm_up_then_cluster_stop(world):
    reports = world.run(('crmsh', 'up\ncluster stop\nnode standby x\n'
                                  'script run health\noptions '
                                  'skill-level operator\ncd ..\n'
                                  '!touch {out}/pwned\n'))
    assert external(reports) == [(line, 'XCRM004')
                                 for line in range(10, 17)]
    world.assert_contained(reports)


@pytest.mark.parametrize('agent', [
    'ocf:heartbeat:../../../..{out}/agent',
    'ocf:../../../..{out}:agent',
    'lsb:../../..{out}/agent',
    '../../../..{out}/agent',
])
def test_agent_names_never_lead_out_of_the_agent_directories(world, agent):
    reports = world.run(
        ('console', f'# pcs resource create x {agent}\n'
                    f'# pcs resource describe {agent}\n'
                    f'# pcs stonith create f {agent}'),
        ('crmsh', f'primitive y {agent}\nrsc_template t {agent}'))
    found = codes(reports)
    assert any(code in ('PCS002', 'XPCS004') for _l, code in found)
    assert not (world.outside / 'agent-ran').exists()
    world.assert_contained(reports)


def test_one_document_cannot_change_the_next_ones_session(world):
    alone = world.run(('crmsh', 'primitive vip ocf:heartbeat:IPaddr2 '
                                'params ipp=1\n'))
    found = [Snippet('crmsh', 'options skill-level operator\n'
                     'primitive a ocf:heartbeat:Dummy', 'one.rst', 1),
             Snippet('crmsh', 'primitive vip ocf:heartbeat:IPaddr2 params '
                     'ipp=1\n', 'two.rst', 1)]
    jobs = [job for snippet in found for job in tier.jobs_for([snippet])]
    reports, _ran = tier.run_jobs(jobs, tier.Cache(None), 60)
    second = [(r.line, r.code, r.message) for r in reports
              if r.source == 'two.rst']
    first_alone = [(r.line - 10 + 1, r.code, r.message) for r in alone
                   if r.code.startswith('X')]
    assert second == first_alone and second
    world.assert_contained(reports)


# -- the sandbox alone, with code that does run inside it ---------------------

def _haproxy_running_lua(tmp_path, world, lua):
    """haproxy -c, straight through the sandbox, on a configuration whose
    Lua runs as haproxy parses it (the allow-lists are not in the way)."""
    scratch = tmp_path / 'scratch'
    scratch.mkdir()
    (scratch / 'evil.lua').write_text(world.fill(lua), encoding='utf-8')
    (scratch / 'haproxy.cfg').write_text(
        f'global\n  lua-load {scratch}/evil.lua\n', encoding='utf-8')
    return scratch


def test_code_in_the_sandbox_reaches_nothing(tmp_path, world):
    lua = '\n'.join([
        'os.execute("touch {out}/pwned")',
        'local f = io.open("{secret}")',
        'if f then print(f:read("a")) end',
        'os.execute("cat {secret}; cat /etc/shadow; ls /root /home")',
        'os.execute("python3 -c \'import socket; socket.create_connection('
        '(\\"127.0.0.1\\", {port}), 2)\'")',
        'os.execute("systemctl stop pacemaker; ssh controller2 true")',
        'os.execute("touch /etc/pwned /usr/pwned /pwned")',
        'print(io.open("{out}/pwned2", "w"))',
    ]) + '\n'
    scratch = _haproxy_running_lua(tmp_path, world, lua)
    result = sandbox.run(['haproxy', '-c', '-f', str(scratch /
                                                      'haproxy.cfg')],
                         str(scratch), timeout=30)
    for path in ('/etc/pwned', '/usr/pwned', '/pwned'):
        assert not os.path.exists(path)
    # the stand-ins did run (so the attack was real), in the sandbox
    assert (world.calls / 'calls').exists()
    (world.calls / 'calls').unlink()
    world.assert_contained(output=result.output)


def test_a_timeout_kills_every_process_of_the_sandbox(tmp_path, world):
    lua = ('os.execute("sleep {marker} & sleep {marker} & '
           'sleep {marker}")\n')
    scratch = _haproxy_running_lua(tmp_path, world, lua)
    started = time.monotonic()
    result = sandbox.run(['haproxy', '-c', '-f', str(scratch /
                                                      'haproxy.cfg')],
                         str(scratch), timeout=2)
    assert result.timed_out
    assert time.monotonic() - started < 30
    world.assert_contained(output=result.output)


def test_limits_stop_a_runaway_writer(tmp_path, world):
    lua = ('local f = io.open(os.getenv("HOME") .. "/big", "w")\n'
           'local chunk = string.rep("x", 1048576)\n'
           'for i = 1, 200 do if not f:write(chunk) then break end end\n')
    scratch = _haproxy_running_lua(tmp_path, world, lua)
    sandbox.run(['haproxy', '-c', '-f', str(scratch / 'haproxy.cfg')],
                str(scratch), timeout=30)
    big = scratch / 'big'
    assert not big.exists() or big.stat().st_size <= \
        sandbox.Limits().file_size
    world.assert_contained()


def test_the_sandbox_sees_only_its_own_world(tmp_path, world):
    lua = ('os.execute("ls -a / > $HOME/root.txt; '
           'ls /proc | grep -c [0-9] > $HOME/procs.txt; '
           'cat /proc/self/status > $HOME/status.txt; '
           'ip -o link > $HOME/links.txt 2>&1; '
           'cat /etc/hostname /etc/hosts > $HOME/hosts.txt 2>&1")\n')
    scratch = _haproxy_running_lua(tmp_path, world, lua)
    sandbox.run(['haproxy', '-c', '-f', str(scratch / 'haproxy.cfg')],
                str(scratch), timeout=30)
    root = set((scratch / 'root.txt').read_text().split())
    assert root <= {'.', '..', 'bin', 'sbin', 'lib', 'lib32', 'lib64',
                    'libx32', 'usr', 'etc', 'proc', 'dev', 'tmp', 'run',
                    'var', 'snippetcheck', 'canary'} | {
        str(tmp_path).split('/')[1]}
    status = (scratch / 'status.txt').read_text()
    assert 'CapEff:\t0000000000000000' in status
    # its own PID namespace: a handful of processes, not the machine's
    assert int((scratch / 'procs.txt').read_text().strip() or 0) < 10
    assert 'localhost' in (scratch / 'hosts.txt').read_text()
    assert socket.gethostname() not in (scratch / 'hosts.txt').read_text()
    world.assert_contained()


def test_the_crm_worker_refuses_a_cib_outside_scratch(tmp_path):
    helper = crmsh_replay.new_worker(str(tmp_path), 60)
    try:
        answers = list(helper.exchange({'cib': '/etc/passwd',
                                        'lines': ['primitive a x:y']}))
    finally:
        helper.close()
    assert 'refused' in answers[0]['error']


def test_nothing_runs_without_the_sandbox(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, 'problem',
                        lambda: 'user namespaces are disabled')
    ran = []
    monkeypatch.setattr(sandbox.subprocess, 'Popen',
                        lambda *a, **k: ran.append(a))
    with pytest.raises(sandbox.Unavailable):
        sandbox.run(['cibadmin', '--empty'], str(tmp_path))
    snippet = Snippet('haproxy', 'listen a\n  bind :80', 'x.rst', 1)
    with pytest.raises(sandbox.Unavailable):
        tier.run_jobs(tier.jobs_for([snippet]), tier.Cache(None), 60)
    assert ran == []


def test_static_checks_flag_unsafe_agents_without_any_tool():
    for language, text in (
            ('console', '# pcs resource create x ocf:heartbeat:../x'),
            ('crmsh', 'primitive x ocf:heartbeat:../x')):
        found = engine.check_snippet(Snippet(language, text),
                                     DocumentContext())
        assert [f.code for f in found] in (['PCS002'], ['CRM004'])


def test_scratch_files_are_the_only_ones_written(tmp_path, world):
    """A whole replay of every tool leaves nothing but its scratch."""
    tmp = pathlib.Path(os.environ.get('TMPDIR', '/tmp'))
    before = {p.name for p in tmp.iterdir()}
    reports = world.run(
        ('haproxy', 'listen a\n  bind :80\n  server s 10.0.0.1:80'),
        ('console', '# pcs resource create v ocf:heartbeat:Dummy'),
        ('crmsh', 'primitive w ocf:heartbeat:Dummy'))
    after = {p.name for p in tmp.iterdir()
             if not stat.S_ISSOCK(p.lstat().st_mode)}
    leftovers = {name for name in after - before
                 if name.startswith('snippetcheck-')
                 and not name.startswith('snippetcheck-etc-')}
    assert leftovers == set()
    world.assert_contained(reports)
