"""haproxy, pcs and crmsh checks through a real Sphinx build."""

import pytest

from tests.sphinxwarnings import findings
from tests.sphinxwarnings import line_of


@pytest.mark.sphinx('html', testroot='haproxy')
def test_haproxy_findings_at_their_lines(app):
    app.build()

    def at(text, nth=1):
        return line_of(app, 'index.rst', text, nth)

    got = findings(app)
    expected = sorted([
        ('index.rst', at('timeout connect 10x'), 'HAP006'),
        ('index.rst', at('balanse source'), 'HAP002'),
        ('index.rst', at('bind 10.0.0.10'), 'HAP004'),
        ('index.rst', at('server s1 10.0.0.1:80'), 'HAP003'),
        ('index.rst', at('default_backend app'), 'HAP008'),
        ('index.rst', at('listen galera_cluster', 2), 'HAP007'),
        ('index.rst', at('server s1 check'), 'HAP005'),
    ])
    assert got == expected


@pytest.mark.sphinx('html', testroot='haproxy')
def test_haproxy_lexer_highlights_blocks(app):
    app.build()
    html = (app.outdir / 'index.html').read_text(encoding='utf-8')
    assert 'highlight-haproxy' in html
    assert 'lexer name' not in app.warning.getvalue()
    # sections and keywords are marked up as tokens, not plain text
    assert '<span class="kn">listen</span>' in html
    assert '<span class="k">bind</span>' in html
    assert '<span class="k">balance</span>' in html


@pytest.mark.sphinx('html', testroot='cluster')
def test_pcs_and_crmsh_findings(app):
    app.build()

    def at(text, nth=1):
        return line_of(app, 'index.rst', text, nth)

    got = findings(app)
    expected = sorted([
        ('index.rst', at('systemd:haproxy --clone'), 'PCS003'),
        ('index.rst', at('order start vip lb-haproxy-clone'), 'PCS005'),
        ('index.rst', at('resource crate'), 'PCS001'),
        ('index.rst', at('create broken ocf:heartbeat'), 'PCS002'),
        ('index.rst', at('with vipp'), 'PCS006'),
        ('index.rst', at('primitve p_x'), 'CRM001'),
        ('index.rst', at('order o_api vip'), 'CRM002'),
        ('index.rst', at('nosuchvip'), 'CRM003'),
        ('index.rst', at('clone cl_keystone ocf:'), 'CRM005'),
        ('index.rst', at('order bad-order'), 'CRM002'),
    ])
    assert got == expected
