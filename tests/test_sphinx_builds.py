"""Findings survive incremental and parallel builds, and the extension
declares itself safe for both."""


import pytest

from snippetcheck import engine
from tests.sphinxwarnings import findings
from tests.sphinxwarnings import line_of
from tests.sphinxwarnings import strip_colors

BROKEN = ('broken.rst', 6, 'INI001')


def _status(app):
    return strip_colors(app.status.getvalue())


@pytest.mark.sphinx('html', testroot='incremental', freshenv=True)
def test_incremental_rebuild_still_reports_unchanged_pages(app, make_app):
    app.build()
    assert findings(app) == [BROKEN]

    again = make_app('html', srcdir=app.srcdir)
    again.build()
    assert '0 added, 0 changed, 0 removed' in _status(again)
    assert findings(again) == [BROKEN]

    (app.srcdir / 'fine.rst').write_text(
        'Fine\n====\n\n.. code-block:: ini\n\n   [DEFAULT]\n'
        '   debug = true\n   debug = false\n', encoding='utf-8')
    changed = make_app('html', srcdir=app.srcdir)
    changed.build()
    assert '0 added, 1 changed, 0 removed' in _status(changed)
    assert findings(changed) == sorted([BROKEN, ('fine.rst', 8, 'INI003')])

    (app.srcdir / 'broken.rst').write_text(
        'Broken\n======\n\n.. code-block:: ini\n\n   [DEFAULT]\n',
        encoding='utf-8')
    fixed = make_app('html', srcdir=app.srcdir)
    fixed.build()
    assert findings(fixed) == [('fine.rst', 8, 'INI003')]


@pytest.mark.sphinx('html', testroot='incremental', freshenv=True)
def test_removed_page_drops_its_findings(app, make_app):
    app.build()
    (app.srcdir / 'broken.rst').unlink()
    (app.srcdir / 'index.rst').write_text(
        'Incremental\n===========\n\n.. toctree::\n\n   fine\n',
        encoding='utf-8')
    again = make_app('html', srcdir=app.srcdir)
    again.build()
    assert findings(again) == []


@pytest.mark.sphinx('html', testroot='incremental', freshenv=True,
                    parallel=2)
def test_parallel_build_merges_the_findings(app):
    # The pages are read in worker processes; their findings reach the
    # main process only through env-merge-info.
    assert app.is_parallel_allowed('read')
    assert app.is_parallel_allowed('write')
    app.build()
    assert findings(app) == [BROKEN]


@pytest.mark.sphinx('html', testroot='incremental', freshenv=True,
                    confoverrides={'snippetcheck_timeout': 1})
def test_a_check_that_never_ends_is_a_finding_at_its_block(app,
                                                           monkeypatch):
    real = engine.CHECKERS['ini']

    def stuck(snippet, document):
        while '# HANG' in snippet.text:
            pass
        return real(snippet, document)

    monkeypatch.setitem(engine.CHECKERS, 'ini', stuck)
    (app.srcdir / 'stuck.rst').write_text(
        ':orphan:\n\nStuck\n=====\n\n.. code-block:: ini\n\n'
        '   [DEFAULT]\n   # HANG\n\n.. code-block:: ini\n\n'
        '   [DEFAULT\n', encoding='utf-8')
    app.build()
    assert findings(app) == sorted([
        BROKEN, ('stuck.rst', line_of(app, 'stuck.rst', '[DEFAULT]'),
                 'SC006'),
        ('stuck.rst', line_of(app, 'stuck.rst', '[DEFAULT', 2), 'INI001')])


def test_setup_metadata():
    from snippetcheck import __version__
    from snippetcheck import sphinxext

    class App:
        def __getattr__(self, name):
            return lambda *args, **kwargs: None

    metadata = sphinxext.setup(App())
    assert metadata['version'] == __version__
    assert metadata['parallel_read_safe'] is True
    assert metadata['parallel_write_safe'] is True
