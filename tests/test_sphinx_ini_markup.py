"""ini, markup, python and yaml checks through a real Sphinx build."""

import pytest

from tests.sphinxwarnings import families
from tests.sphinxwarnings import findings
from tests.sphinxwarnings import line_of


@pytest.mark.sphinx('html', testroot='ini')
def test_ini_findings_at_their_lines(app):
    app.build()
    got = findings(app)
    expected = [
        ('index.rst', line_of(app, 'index.rst', '[DEFAULT'), 'INI001'),
        ('index.rst', line_of(app, 'index.rst', 'connection mysql'),
         'INI002'),
        # the block sits in a note inside a list item
        ('index.rst', line_of(app, 'index.rst', 'debug = false'), 'INI003'),
        ('index.rst', line_of(app, 'index.rst', 'indented = first'),
         'INI004'),
        ('index.rst', line_of(app, 'index.rst', '   = value'), 'INI005'),
        # opt-out without reason and with an unknown code
        ('index.rst', line_of(app, 'index.rst', ':snippetcheck-ignore: '
                              'INI003', 2) + 2, 'SC001'),
        ('index.rst', line_of(app, 'index.rst', 'INI999') + 2, 'SC004'),
    ]
    assert got == sorted(expected)
    assert set(families(app).values()) == {'ini', 'markup'}


@pytest.mark.sphinx('html', testroot='ini',
                    confoverrides={'snippetcheck_ignore': ['INI003']})
def test_conf_ignore_list(app):
    app.build()
    codes = [code for _name, _line, code in findings(app)]
    assert 'INI003' not in codes
    assert 'INI001' in codes


@pytest.mark.sphinx('html', testroot='ini',
                    confoverrides={'suppress_warnings': ['snippetcheck.ini']})
def test_suppress_warnings_by_family(app):
    app.build()
    codes = {code for _name, _line, code in findings(app)}
    assert codes == {'SC001', 'SC004'}


@pytest.mark.sphinx('html', testroot='markup')
def test_markup_findings(app):
    app.build()
    assert findings(app) == sorted([
        ('index.rst', line_of(app, 'index.rst', '.. code-block: console'),
         'RST001'),
        ('index.rst', line_of(app, 'index.rst', '.. note: This'), 'RST001'),
        ('index.rst', line_of(app, 'index.rst', 'rabbit_retry_interval'),
         'RST002'),
        ('index.rst', line_of(app, 'index.rst', '   pcs resource'),
         'RST002'),
    ])
    text = app.warning.getvalue()
    assert 'write ".. code-block:: console"' in text
    assert 'use ".. code-block:: ini"' in text


@pytest.mark.sphinx('html', testroot='syntax')
def test_python_and_yaml(app):
    app.build()
    assert findings(app) == sorted([
        ('index.rst', line_of(app, 'index.rst', 'OPENSTACK_HOST = 10'),
         'PY001'),
        ('index.rst', line_of(app, 'index.rst', 'sinks: []'), 'YML001'),
    ])
