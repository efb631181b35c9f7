"""The whole deployment: the pages read together, in toctree order.

Fixture projects with several pages: each finding must fire at its line,
and a near miss beside each must not.
"""

import json
import pathlib
import shutil

import pytest

from snippetcheck import settings
from snippetcheck.context import Snippet
from snippetcheck.deployment import facts
from snippetcheck.deployment import model
from snippetcheck.deployment import services
from snippetcheck.external import sandbox
from snippetcheck.options import schema
from tests.sphinxwarnings import findings
from tests.sphinxwarnings import line_of
from tests.sphinxwarnings import strip_colors

TOOLS = ('pcs', 'crm', 'cibadmin', 'crm_verify', 'crm_simulate')


def needs_tools():
    missing = [t for t in TOOLS
               if shutil.which(t, path=sandbox.PATH) is None]
    return pytest.mark.skipif(
        bool(missing) or sandbox.problem() is not None,
        reason='needs pcs, crmsh, the Pacemaker tools and a sandbox')


# -- the model ----------------------------------------------------------------

@pytest.mark.parametrize('value, says', [
    ('nodes', 'must be a dict'),
    ({'vips': {}}, "['nodes'] must map"),
    ({'nodes': {'a': 'not-an-ip'}}, 'is not an IP address'),
    ({'nodes': {'a': '10.0.0.1'}, 'vips': ['10.0.0.2']}, "['vips'] must"),
    ({'nodes': {'a': '10.0.0.1'}, 'services': ['keystone', 'nova']},
     'unknown services nova'),
    ({'nodes': {'a': '10.0.0.1'}, 'node': {}}, 'unknown keys node'),
])
def test_a_deployment_that_makes_no_sense_is_said_so(value, says):
    deployment, problem = settings.deployment(value)
    assert deployment is None
    assert says in problem and 'deployment checks are off' in problem


def test_addresses_and_placeholders_resolve():
    deployment = model.Deployment.from_config({
        'nodes': {'controller1': '10.0.0.12'},
        'vips': {'10.0.0.11': ['<Virtual IP>', 'VIP'],
                 '10.0.0.21': ['PUBLIC_VIP']}})
    assert deployment.resolve('<Virtual IP>') == '10.0.0.11'
    assert deployment.resolve('PUBLIC_VIP') == '10.0.0.21'
    assert deployment.resolve('controller1') == '10.0.0.12'
    assert deployment.resolve('[::1]') == '::1'
    assert deployment.resolve('controller') is None
    assert deployment.is_vip('10.0.0.21')
    assert deployment.node_of('10.0.0.12') == 'controller1'
    assert settings.deployment(None) == (None, None)


def test_the_listen_options_are_options_of_the_services():
    """services.py names the options cinder, manila and nova listen with;
    the option data must have them."""
    for name, spec in services.SERVICES.items():
        listen = spec.get('listen')
        if not listen:
            continue
        data = schema.for_file(f'/etc/x/{spec["file"]}', '2026.2')
        group, host, port = listen
        assert data.option(group, host) is not None, (name, host)
        assert data.option(group, port) is not None, (name, port)


@pytest.mark.parametrize('text, expected', [
    ('10.0.0.11:8776', ('10.0.0.11', 8776)),
    ('<Virtual IP>:443', ('<Virtual IP>', 443)),
    ('[fd00::1]:5000', ('fd00::1', 5000)),
    (':80', ('', 80)),
    ('8080', ('', 8080)),
    ('ipv4@10.0.0.1:80-85', ('10.0.0.1', 80)),
    ('controller1', ('controller1', None)),
])
def test_split_address(text, expected):
    assert facts.split_address(text) == expected


def test_haproxy_times():
    assert facts.seconds('90m') == 5400
    assert facts.seconds('10s') == 10
    assert facts.seconds('5000') == 5
    assert facts.seconds('2d') == 172800
    assert facts.seconds('10x') is None


def test_alternatives_give_no_facts():
    found = facts.collect([
        Snippet('haproxy', 'listen a\n  bind <Virtual IP>:80', 'x.rst', 1),
        Snippet('haproxy', 'listen b\n  bind <Virtual IP>:81', 'x.rst', 9,
                alternative='keepalived')])
    assert [proxy.name for proxy in found.proxies] == ['a']


def test_endpoint_urls_and_bootstrap():
    found = facts.collect([Snippet(
        'console',
        '$ openstack endpoint create --region RegionOne volumev3 public '
        'https://PUBLIC_VIP/v3\n'
        '# keystone-manage bootstrap --bootstrap-password ADMIN_PASS \\\n'
        '  --bootstrap-internal-url http://<Virtual IP>:5000/v3',
        'x.rst', 1)])
    assert [(e.service, e.interface, e.host, e.port, e.where.line)
            for e in found.endpoints] == [
        ('cinder-api', 'public', 'PUBLIC_VIP', 443, 1),
        ('keystone', 'internal', '<Virtual IP>', 5000, 2)]


# -- the network rules, through Sphinx ----------------------------------------

@pytest.mark.sphinx('html', testroot='deployment', freshenv=True)
def test_every_network_rule_at_its_line(app):
    app.build()

    def at(name, text, nth=1):
        return line_of(app, name, text, nth)

    expected = [
        # DEP001: on a VIP, on every address where HAProxy binds the port
        ('services.rst', at('services.rst', 'osapi_volume_listen'),
         'DEP001'),
        ('services.rst', at('services.rst', 'novncproxy_host'), 'DEP001'),
        # DEP002: another port; no node; a later page's listener replaces
        # an earlier one (heat fixed, aodh broken)
        ('haproxy.rst', at('haproxy.rst', '10.0.0.13:8778'), 'DEP002'),
        ('haproxy.rst', at('haproxy.rst', '10.0.0.99:8776'), 'DEP002'),
        ('later.rst', at('later.rst', '10.0.0.12:8043'), 'DEP002'),
        # DEP003: a port nothing serves on the VIP
        ('endpoints.rst', at('endpoints.rst', ':8777'), 'DEP003'),
        # DEP004: registered (placement), configured (manila)
        ('endpoints.rst', at('endpoints.rst', 'placement'), 'DEP004'),
        ('services.rst', at('services.rst', 'osapi_share_listen ='),
         'DEP004'),
        # DEP005: inherited from defaults, at the defaults' lines
        ('haproxy.rst', at('haproxy.rst', 'timeout client 1m'), 'DEP005'),
        ('haproxy.rst', at('haproxy.rst', 'timeout server 1m'), 'DEP005'),
        # DEP006
        ('haproxy.rst', at('haproxy.rst', 'timeout client 30s'), 'DEP006'),
    ]
    assert findings(app) == sorted(expected)
    warnings = strip_colors(app.warning.getvalue())
    # near misses: the PUBLIC_VIP endpoint (a second VIP), the keystone
    # web server on the node's address, the long galera timeouts, a host
    # name that is no address of the deployment
    assert 'PUBLIC_VIP:5000' not in warnings
    assert 'galera_long' not in warnings
    assert 'controller:5000' not in warnings
    assert 'send to 10.0.0.13:8776' in warnings


@pytest.mark.sphinx('html', testroot='deployment', freshenv=True,
                    confoverrides={'snippetcheck_deployment': None})
def test_no_deployment_no_rules(app):
    app.build()
    assert not any(code.startswith('DEP') for _n, _l, code in findings(app))


# -- toctree context ----------------------------------------------------------

@pytest.mark.sphinx('html', testroot='toctree', freshenv=True)
def test_pages_know_what_earlier_pages_made(app):
    app.build()
    assert findings(app) == sorted([
        # made only by an alternative: not known after it
        ('second.rst', line_of(app, 'second.rst', 'location other'),
         'PCS006'),
        # an orphan page stands alone
        ('third.rst', line_of(app, 'third.rst', 'colocation'), 'PCS006'),
        ('third.rst', line_of(app, 'third.rst', 'colocation'), 'PCS006'),
    ])


@pytest.mark.sphinx('html', testroot='toctree', freshenv=True,
                    confoverrides={'snippetcheck_context': 'document'})
def test_each_page_alone_in_document_context(app):
    app.build()
    codes = [(name, code) for name, _line, code in findings(app)]
    assert codes.count(('second.rst', 'PCS006')) == 3
    assert ('second.rst', 'CRM003') in codes


@pytest.mark.sphinx('html', testroot='toctree', freshenv=True,
                    confoverrides={'snippetcheck_context': 'pages'})
def test_a_misspelled_context_is_a_warning(app):
    app.build()
    assert "snippetcheck_context = 'pages' is not" in strip_colors(
        app.warning.getvalue())


# -- the cluster, proven by crm_simulate --------------------------------------

@pytest.mark.slow
@needs_tools()
@pytest.mark.sphinx('html', testroot='deployment-cluster', freshenv=True)
def test_the_cluster_is_proven_by_the_scheduler(app):
    app.build()
    assert findings(app) == sorted([
        # a Mandatory order restarts HAProxy on nodes that did not fail
        ('resources.rst', line_of(app, 'resources.rst',
                                  'order start vip then'), 'DEP009'),
        # a resource pinned to one node stops when that node is lost
        ('resources.rst', line_of(app, 'resources.rst',
                                  'create pinned'), 'DEP008'),
    ])
    warnings = strip_colors(app.warning.getvalue())
    assert 'order-vip-lb-haproxy-clone-mandatory' in warnings
    # near misses: the crmsh cluster's Optional order; the alternative
    # makes fence-controller1 again without "already exists"
    assert 'haproxy-after-vip' not in warnings
    assert 'already exists' not in warnings
    page = (app.outdir / 'failover.html').read_text(encoding='utf-8')
    assert 'The cluster the pcs commands build' in page
    assert 'controller1 is lost' in page
    assert 'Fence (reboot) controller1' in page
    assert 'restart lb-haproxy' in page
    assert 'The cluster the crmsh input builds' in page


@pytest.mark.slow
@needs_tools()
@pytest.mark.sphinx('html', testroot='deployment-nofence', freshenv=True)
def test_a_cluster_without_fencing(app):
    app.build()
    assert findings(app) == [
        ('index.rst', line_of(app, 'index.rst', 'resource create vip'),
         'DEP010')]


@pytest.mark.slow
@needs_tools()
@pytest.mark.sphinx('html', testroot='deployment-cluster', freshenv=True)
def test_the_proof_is_cached(app, make_app):
    app.build()
    again = make_app('html', srcdir=app.srcdir)
    again.build()
    assert findings(again) == findings(app)
    status = strip_colors(again.status.getvalue())
    assert '0 external check(s) run' in status
    cache = pathlib.Path(again.doctreedir) / 'snippetcheck-cache'
    entries = [json.loads(p.read_text()) for p in cache.rglob('*.json')]
    assert any(entry['data'] and entry['data'].get('scenarios')
               for entry in entries)


def test_the_timeout_rules_take_defaults_from_the_option_data():
    assert services.default('database', 'connection_recycle_time') == 3600
    assert services.default('oslo_messaging_rabbit',
                            'heartbeat_timeout_threshold') == 60
