"""Documents checked in a worker process: the same reports as in this
process, and a clear finding at the block when a check hangs or crashes."""

import pathlib
import sys
import time

import pytest

from snippetcheck import engine
from snippetcheck import offload
from snippetcheck.context import Snippet

MISBEHAVING = [sys.executable,
               str(pathlib.Path(__file__).parent / 'helpers'
                   / 'misbehaving_worker.py')]


def page(name, *blocks):
    """Snippets of a page *name*, one block every ten lines."""
    return [Snippet(language, text, source=f'{name}.rst', line=10 * n + 1)
            for n, (language, text) in enumerate(blocks)]


PAGES = {
    'ini': page('ini', ('ini', '[DEFAULT\ndebug = true'),
                ('ini', '[DEFAULT]\ndebug = true\ndebug = false')),
    'cluster': page(
        'cluster',
        ('console', '# pcs resource create vip ocf:heartbeat:IPaddr2 '
                    'ip=10.0.0.11'),
        ('console', '# pcs constraint colocation add lb-clone with vip\n'
                    '# pcs resource crate x')),
    'haproxy': page('haproxy', ('haproxy', 'listen web\n  balanse rr')),
    'options': [Snippet('ini', '[DEFAULT]\ndebug = maybe', source='o.rst',
                        line=3, filename='/etc/cinder/cinder.conf')],
    'empty': [],
}


def expected(pages=PAGES):
    return {key: engine.check_snippets(snippets, '2026.2')
            for key, snippets in pages.items()}


def submit_all(checker, pages=PAGES):
    for key, snippets in pages.items():
        checker.submit(key, snippets, '2026.2')


def test_the_worker_gives_the_reports_of_this_process():
    checker = offload.Offload(timeout=60)
    submit_all(checker)
    got = checker.collect()
    assert got == expected()
    assert sum(len(reports) for reports in got.values()) >= 6
    assert checker._worker is None  # stopped once collected


def test_a_hanging_check_is_reported_at_its_block_and_the_rest_checked():
    pages = {'first': PAGES['ini'],
             'stuck': page('stuck', ('ini', '[DEFAULT]\ndebug = true'),
                           ('ini', '[DEFAULT]\n# HANG\n')),
             **{key: PAGES[key] for key in ('cluster', 'haproxy')}}
    checker = offload.Offload(timeout=1, command=MISBEHAVING)
    submit_all(checker, pages)
    start = time.monotonic()
    got = checker.collect()
    assert time.monotonic() - start < 30
    assert [(r.source, r.line, r.code) for r in got['stuck']] == [
        ('stuck.rst', 11, 'SC006')]
    assert 'did not finish within 1 s' in got['stuck'][0].message
    reference = expected(pages)
    for key in ('first', 'cluster', 'haproxy'):
        assert got[key] == reference[key]


def test_a_crash_is_reported_at_its_block_and_the_rest_checked():
    pages = {'crash': page('crash', ('ini', '[DEFAULT]\n'),
                           ('ini', '[DEFAULT]\n# CRASH\n'),
                           ('ini', '[DEFAULT]\n')),
             'ini': PAGES['ini']}
    checker = offload.Offload(timeout=60, command=MISBEHAVING)
    submit_all(checker, pages)
    got = checker.collect()
    assert [(r.line, r.code) for r in got['crash']] == [(11, 'SC000')]
    assert 'exit status 3' in got['crash'][0].message
    assert got['ini'] == expected()['ini']


def test_after_repeated_failures_the_rest_is_checked_here():
    stuck = {f'stuck{n}': page(f'stuck{n}', ('ini', '# HANG'))
             for n in range(offload.MAX_FAILURES)}
    checker = offload.Offload(timeout=1, command=MISBEHAVING)
    submit_all(checker, {**stuck, 'ini': PAGES['ini']})
    got = checker.collect()
    assert all([r.code for r in got[key]] == ['SC006'] for key in stuck)
    assert got['ini'] == expected()['ini']


@pytest.mark.parametrize('command', [
    ['/nonexistent/python'],                   # cannot start
    [sys.executable, '-c', 'pass'],            # ends without a word
    [sys.executable, '-c', 'import sys; sys.stdout.write("junk")'],
])
def test_without_a_working_worker_everything_is_checked_here(command):
    checker = offload.Offload(timeout=60, command=command)
    submit_all(checker)
    assert checker.collect() == expected()


def test_a_worker_idle_longer_than_the_timeout_is_not_blamed():
    """The timeout runs from the last sign of work, not from the last
    answer: a worker that waited for documents is not stuck."""
    checker = offload.Offload(timeout=1)
    checker.submit('ini', PAGES['ini'], '2026.2')
    time.sleep(1.5)
    checker.submit('haproxy', PAGES['haproxy'], '2026.2')
    got = checker.collect()
    reference = expected()
    assert got == {key: reference[key] for key in ('ini', 'haproxy')}


def test_a_worker_that_never_begins_is_not_blamed_on_a_block():
    checker = offload.Offload(
        timeout=1, command=[sys.executable, '-c',
                            'import time; time.sleep(3600)'])
    submit_all(checker)
    assert checker.collect() == expected()
