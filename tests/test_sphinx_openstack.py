"""openstack commands checked in a Sphinx build (the OSC codes)."""

import pytest

from tests.sphinxwarnings import families
from tests.sphinxwarnings import findings
from tests.sphinxwarnings import line_of


@pytest.mark.sphinx('html', testroot='openstack')
def test_findings_in_a_build(app):
    """The findings stand at the prompt line of their command, in the
    snippetcheck.openstack family, and a block's opt-out holds."""
    app.build()
    assert findings(app) == [
        ('index.rst', line_of(app, 'index.rst', 'endpoint create'),
         'OSC006'),
        ('index.rst', line_of(app, 'index.rst', '--servce'), 'OSC002'),
    ]
    assert set(families(app).values()) == {'openstack'}
