"""The external tier when things go wrong: a tool that hangs or crashes,
a missing tool or sandbox, a cache that cannot be trusted, settings that
make no sense; and where its messages land."""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import threading

import pytest

from snippetcheck.context import Snippet
from snippetcheck.external import cache as cache_module
from snippetcheck.external import crmsh_replay
from snippetcheck.external import haproxy_replay
from snippetcheck.external import pcs_replay
from snippetcheck.external import sandbox
from snippetcheck.external import tier
from snippetcheck.external import toolid
from snippetcheck.external import worker
from tests.sphinxwarnings import findings
from tests.sphinxwarnings import strip_colors

pytestmark = pytest.mark.slow

HELPERS = pathlib.Path(__file__).parent / 'helpers'
ROOTS = pathlib.Path(__file__).parent / 'roots'


def needs(*programs):
    missing = [p for p in programs
               if shutil.which(p, path=sandbox.PATH) is None]
    return pytest.mark.skipif(
        bool(missing) or sandbox.problem() is not None,
        reason=f'{", ".join(missing) or "the sandbox"} not available '
        '(bindep.txt)')


# -- a tool that hangs or crashes ---------------------------------------------

@pytest.fixture
def faulty(tmp_path, monkeypatch):
    """Workers that run tests/helpers/faulty_tool_worker.py instead of the
    real ones (under crm's Python, in the sandbox)."""
    scripts = tmp_path / 'scripts'
    scripts.mkdir()
    shutil.copy(HELPERS / 'faulty_tool_worker.py', scripts)
    shutil.copy(pathlib.Path(worker.__file__).parent / 'zygote.py', scripts)
    monkeypatch.setattr(worker, '_HERE', str(scripts))

    def new(scratch, timeout):
        return worker.Worker('crm', 'faulty_tool_worker.py', scratch,
                             timeout)

    return new


def _no_process_with(marker):
    for entry in pathlib.Path('/proc').iterdir():
        try:
            if marker.encode() in (entry / 'cmdline').read_bytes():
                return False
        except OSError:
            continue
    return True


@needs('crm', 'cibadmin')
def test_crm_crash_blames_its_line_and_keeps_the_others(tmp_path, faulty):
    crm = faulty(str(tmp_path), 30)
    try:
        found = crmsh_replay.replay(
            ['primitive bad one', 'primitive crash x',
             'primitive bad three'], str(tmp_path), crm, 30)[0]
    finally:
        crm.close()
    assert sorted((index, code) for index, code, _m in found) == [
        (0, 'XCRM001'), (1, 'XCRM003'), (2, 'XCRM001')]
    assert 'problem with bad one' in found[0][2] or any(
        'bad one' in message for _i, _c, message in found)


@needs('crm', 'cibadmin')
def test_crm_hang_is_killed_and_blamed(tmp_path, faulty):
    marker = '97531'
    crm = faulty(str(tmp_path), 3)
    try:
        found = crmsh_replay.replay(
            ['primitive bad one', f'primitive hang {marker}',
             'primitive bad three'],
            str(tmp_path), crm, 3)[0]
    finally:
        crm.close()
    assert sorted((index, code) for index, code, _m in found) == [
        (0, 'XCRM001'), (1, 'XCRM003'), (2, 'XCRM001')]
    assert 'within 3 s' in dict(((i, c), m) for i, c, m in found)[
        (1, 'XCRM003')]
    assert _no_process_with(f'sleep\0{marker}')


@needs('pcs', 'crm', 'cibadmin', 'crm_verify')
def test_pcs_crash_and_hang_blame_their_command_alone(tmp_path, faulty):
    pcs = faulty(str(tmp_path), 3)
    try:
        found = pcs_replay.replay(
            [['pcs', 'resource', 'create', 'a', 'ocf:heartbeat:Dummy'],
             ['pcs', 'resource', 'create', 'crash', 'ocf:heartbeat:Dummy'],
             ['pcs', 'resource', 'create', 'b', 'ocf:heartbeat:Dummy',
              'bad'],
             ['pcs', 'resource', 'create', 'hang', '86420'],
             ['pcs', 'resource', 'create', 'c', 'ocf:heartbeat:Dummy']],
            str(tmp_path), pcs, 3)[0]
    finally:
        pcs.close()
    assert [(index, code) for index, code, _m in found] == [
        (1, 'XPCS003'), (2, 'XPCS001'), (3, 'XPCS003')]
    assert _no_process_with('sleep\x0086420')


@needs('crm', 'cibadmin')
def test_a_failure_is_never_cached(tmp_path, faulty, monkeypatch):
    snippet = Snippet('crmsh', 'primitive crash ocf:heartbeat:Dummy',
                      'x.rst', 1)
    cache = tier.Cache(str(tmp_path / 'cache'))
    monkeypatch.setattr(crmsh_replay, 'new_worker', faulty)
    reports, ran = tier.run_jobs(tier.jobs_for([snippet]), cache, 30)
    assert [r.code for r in reports] == ['XCRM003'] and ran == 1
    monkeypatch.undo()
    reports, ran = tier.run_jobs(tier.jobs_for([snippet]), cache, 30)
    assert reports == [] and ran == 1    # tried again, not replayed
    reports, ran = tier.run_jobs(tier.jobs_for([snippet]), cache, 30)
    assert reports == [] and ran == 0    # a real answer is kept


# -- the cache ----------------------------------------------------------------

KEY = 'ab' + '0' * 62


@pytest.mark.parametrize('damage', [
    'junk', 'truncated', 'symlink', 'fifo', 'directory', 'wrong key',
    'wrong sum', 'huge'])
def test_a_damaged_entry_is_a_miss_with_one_note(tmp_path, damage):
    cache = tier.Cache(str(tmp_path))
    cache.put(KEY, [(3, 'XHA001', 'haproxy -c: x')])
    assert cache.get(KEY) == ([(3, 'XHA001', 'haproxy -c: x')], None)
    path = pathlib.Path(cache._path(KEY))
    good = path.read_text()
    path.unlink()
    if damage == 'junk':
        path.write_bytes(b'\x00\xffnot json')
    elif damage == 'truncated':
        path.write_text(good[:len(good) // 2])
    elif damage == 'symlink':
        target = tmp_path / 'elsewhere.json'
        target.write_text(good)
        path.symlink_to(target)
    elif damage == 'fifo':
        os.mkfifo(path)
    elif damage == 'directory':
        path.mkdir()
    elif damage == 'wrong key':
        entry = json.loads(good)
        entry['key'] = 'cd' + '0' * 62
        path.write_text(json.dumps(entry))
    elif damage == 'wrong sum':
        entry = json.loads(good)
        entry['findings'] = []
        path.write_text(json.dumps(entry))
    else:
        path.write_text(' ' * (cache_module.MAX_ENTRY_BYTES + 10))
    assert cache.get(KEY) is None
    assert cache.get(KEY) is None
    assert len(cache.notes) == 1 and str(path) in cache.notes[0]


def test_a_read_only_or_missing_cache_directory(tmp_path):
    missing = tier.Cache(str(tmp_path / 'not' / 'yet'))
    assert missing.get(KEY) is None and missing.notes == []
    missing.put(KEY, [])
    assert missing.get(KEY) == ([], None)
    blocked = tmp_path / 'blocked'
    blocked.write_text('a file where the directory should be')
    cache = tier.Cache(str(blocked))
    assert cache.get(KEY) is None
    cache.put(KEY, [])
    cache.put('cd' + '0' * 62, [])
    assert len(cache.notes) == 1 and 'results are not kept' in \
        cache.notes[0]


def test_two_builds_sharing_a_cache(tmp_path):
    errors = []

    def writer(number):
        cache = tier.Cache(str(tmp_path))
        try:
            for turn in range(200):
                cache.put(KEY, [(turn, 'XHA001', f'writer {number}')])
                got = cache.get(KEY)
                assert got is not None and got[0][0][1] == 'XHA001'
            assert cache.notes == []
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert not any(p.name.endswith('.tmp') for p in tmp_path.rglob('*'))


def test_the_key_covers_what_decides_a_result():
    job = tier.Job('haproxy', ('listen a',), (('x', 1),), ((),))
    ident = toolid.identity('haproxy') or {'programs': [], 'code': ''}
    keys = {job.key(ident)}
    for change in ({'code': 'other'}, {'programs': [['/x', 1, 2]]},
                   {'packages': {'pcs': '0.12.0'}}, {'agents': 'new'}):
        keys.add(job.key({**ident, **change}))
    keys.add(tier.Job('haproxy', ('listen b',), (('x', 1),), ((),))
             .key(ident))
    assert len(keys) == 6


@needs('pcs', 'crm')
def test_the_identity_names_the_versions_and_the_agents():
    ident = toolid.identity('pcs')
    assert ident['packages']['pcs'][:1].isdigit()
    assert len(ident['agents']) == 64
    assert toolid.identity('crmsh')['packages']['crmsh'][:1].isdigit()


# -- missing tools, no sandbox, settings --------------------------------------

def _without(monkeypatch, program):
    real = shutil.which

    def which(name, path=None):
        return None if name == program else real(name, path=path)

    monkeypatch.setattr(toolid.shutil, 'which', which)
    monkeypatch.setattr(worker.shutil, 'which', which)


@pytest.mark.sphinx('html', testroot='external', freshenv=True)
def test_a_missing_crm_is_named_not_a_crash(app, monkeypatch):
    _without(monkeypatch, 'crm')
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    assert 'external checks need crm (Debian package crmsh)' in warnings
    assert 'Traceback' not in warnings and 'KeyError' not in warnings
    assert not any(code.startswith('XCRM')
                   for _n, _l, code in findings(app))


def _build_without_sandbox(tmp_path, mode):
    """sphinx-build of the test-external root where bwrap cannot make a
    sandbox (as where user namespaces are disabled)."""
    source = tmp_path / 'source'
    shutil.copytree(ROOTS / 'test-external', source)
    script = ('import sys, runpy\n'
              'from snippetcheck.external import sandbox\n'
              'sandbox.problem = lambda: "no user namespaces here"\n'
              'sys.argv = ["sphinx-build", "-q", "-b", "html", "-D", '
              f'"snippetcheck_external={mode}", sys.argv[1], sys.argv[2]]\n'
              'runpy.run_module("sphinx", run_name="__main__")\n')
    return subprocess.run([sys.executable, '-c', script, str(source),
                           str(tmp_path / 'build')], capture_output=True,
                          text=True, timeout=300, check=False)


def test_no_sandbox_in_auto_mode_is_one_warning(tmp_path):
    result = _build_without_sandbox(tmp_path, 'auto')
    assert result.returncode == 0, result.stderr
    assert result.stderr.count('the external checks are off') == 1
    assert 'no user namespaces here' in result.stderr
    assert ': X' not in result.stderr


def test_no_sandbox_when_required_fails_the_build(tmp_path):
    result = _build_without_sandbox(tmp_path, 'True')
    assert result.returncode == 1
    assert 'snippetcheck_external = True, but the tools cannot be ' \
        'sandboxed: no user namespaces here' in result.stderr
    assert 'Traceback' not in result.stderr and ': X' not in result.stderr


@pytest.mark.sphinx('html', testroot='external', freshenv=True,
                    confoverrides={'snippetcheck_external': 'ture',
                                   'snippetcheck_release': '2031.1'})
def test_misspelled_settings_are_warnings(app):
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    assert "snippetcheck_external = 'ture' is not True, False or 'auto'" \
        in warnings
    assert "snippetcheck_release = '2031.1'" in warnings
    assert not any(code.startswith('X') for _n, _l, code in findings(app))


# -- where messages land ------------------------------------------------------

@needs('haproxy')
def test_haproxy_messages_without_parsing_land_on_their_line(tmp_path):
    text = ('listen web\n  mode http\n  bind :80\n'
            '  server s1 10.0.0.1:80 check inter 2x\n')
    found = haproxy_replay.check(text, str(tmp_path))
    assert [(line, code) for line, code, _m in found] == [(4, 'XHA001')]
    assert str(tmp_path) not in found[0][2]


@needs('crm', 'cibadmin')
def test_crm_commit_messages_land_on_their_element(tmp_path):
    helper = crmsh_replay.new_worker(str(tmp_path), 60)
    try:
        found = crmsh_replay.replay(
            ['primitive p_api systemd:api', 'clone cl_api p_api',
             'primitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.10',
             'colocation c inf: cl_api nosuchvip'], str(tmp_path), helper)[0]
    finally:
        helper.close()
    assert {index for index, _code, _m in found} == {3}


# -- the command line ---------------------------------------------------------

@needs('haproxy', 'pcs', 'crm', 'cibadmin', 'crm_verify')
@pytest.mark.sphinx('html', testroot='external', freshenv=True)
def test_the_command_line_runs_the_same_tier(app, tmp_path):
    app.build()
    page = ROOTS / 'test-external' / 'index.rst'
    result = subprocess.run(
        [sys.executable, '-m', 'snippetcheck', '--external', '--cache-dir',
         str(tmp_path / 'cache'), str(page)], capture_output=True,
        text=True, timeout=300, check=False)
    assert result.returncode == 1, result.stderr
    cli = sorted((int(line.split(':')[1]), line.split()[1])
                 for line in result.stdout.splitlines())
    sphinx = sorted((line, code) for _name, line, code in findings(app))
    assert cli == sphinx
    off = subprocess.run([sys.executable, '-m', 'snippetcheck', str(page)],
                         capture_output=True, text=True, timeout=300,
                         check=False)
    assert ' X' not in off.stdout


def test_the_command_line_without_a_sandbox(tmp_path):
    page = tmp_path / 'a.rst'
    page.write_text('.. code-block:: haproxy\n\n   listen a\n')
    script = ('import sys\nfrom snippetcheck.external import sandbox\n'
              'sandbox.problem = lambda: "no user namespaces here"\n'
              'from snippetcheck import cli\n'
              'sys.exit(cli.main(["--external", sys.argv[1]]))\n')
    result = subprocess.run([sys.executable, '-c', script, str(page)],
                            capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 2
    assert 'never run without the sandbox' in result.stderr
