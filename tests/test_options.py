"""ini snippets checked against the options of the services (OPT codes),
and the option data itself."""

import json
import os
import pathlib
import subprocess
import sys

import pytest

from snippetcheck import engine
from snippetcheck.context import DocumentContext
from snippetcheck.context import Snippet
from snippetcheck.options import schema as schemas
from snippetcheck.options import sources
from tests.sphinxwarnings import findings
from tests.sphinxwarnings import line_of

DATA = pathlib.Path(schemas.DATA) / sources.DEFAULT_RELEASE


def check(text, filename):
    return [(f.line, f.code) for f in engine.check_snippet(
        Snippet('ini', text, filename=filename), DocumentContext())]


NOVA = '/etc/nova/nova.conf'


@pytest.mark.parametrize('code, text, filename', [
    ('OPT001', '[DEFAULT]\nosapi_volume_listen = 10.0.0.11',
     '/etc/manila/manila.conf'),
    ('OPT001', '[cache]\nMemcached_servers = c1:11211',
     '/etc/keystone/keystone.conf'),
    ('OPT001', '[DEFAULT]\nrabbit_hosts = r1:5672',
     '/etc/<service>/<service>.conf'),
    ('OPT002', '[DEFAULT]\nlogdir = /var/log/nova', NOVA),
    ('OPT003', '[glance]\napi_servers = http://10.0.0.11:9292', NOVA),
    ('OPT004', '[DEFAULT]\ndebug = maybe', NOVA),
    ('OPT004', '[vnc]\nnovncproxy_port = 99999', NOVA),
    ('OPT004', '[libvirt]\nvirt_type = xen', NOVA),
    ('OPT005', '[keystone_authtoken]\nauth_url = http://x:5000',
     '/etc/keystone/keystone.conf'),
])
def test_each_code(code, text, filename):
    assert (2, code) in check(text, filename)


@pytest.mark.parametrize('text, filename', [
    ('[DEFAULT]\nosapi_share_listen = 10.0.0.11', '/etc/manila/manila.conf'),
    ('[cache]\nmemcache_servers = c1:11211', '/etc/keystone/keystone.conf'),
    ('[DEFAULT]\ntransport_url = rabbit://u:p@r1:5672/',
     '/etc/<service>/<service>.conf'),
    ('[DEFAULT]\nlog_dir = /var/log/nova', NOVA),
    ('[glance]\nendpoint_override = http://10.0.0.11:9292', NOVA),
    ('[DEFAULT]\ndebug = true', NOVA),
    ('[vnc]\nnovncproxy_port = 6080', NOVA),
    ('[libvirt]\nvirt_type = kvm', NOVA),
    ('[cache]\nenabled = true', '/etc/keystone/keystone.conf'),
    # placeholders and substitutions are values of any type
    ('[DEFAULT]\ndebug = DEBUG_ENABLED\nmy_ip = $my_block_storage_ip\n'
     '[vnc]\nnovncproxy_port = <port>', NOVA),
])
def test_near_misses(text, filename):
    assert check(text, filename) == []


def test_messages_say_what_to_write():
    def message(text, filename):
        [finding] = engine.check_snippet(
            Snippet('ini', text, filename=filename), DocumentContext())
        return finding.message

    assert 'did you mean osapi_share_listen?' in message(
        '[DEFAULT]\nosapi_volume_listen = x', '/etc/manila/manila.conf')
    assert 'it belongs in [database]' in message(
        '[DEFAULT]\nconnection = mysql://x', '/etc/manila/manila.conf')
    assert 'write log_dir in [DEFAULT]' in message(
        '[DEFAULT]\nlogdir = /var/log/nova', NOVA)
    assert 'since 21.0.0' in message(
        '[glance]\napi_servers = http://x:9292', NOVA)
    assert 'write one of kvm, lxc, qemu, parallels' in message(
        '[libvirt]\nvirt_type = xen', NOVA)


def test_cinder_backend_sections_take_the_backend_options():
    text = ('[DEFAULT]\nenabled_backends = lvm\n[lvm]\n'
            'volume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver\n'
            'volume_group = cinder-volumes\ntarget_helper = lioadm')
    assert check(text, '/etc/cinder/cinder.conf') == []
    assert check('[lvm]\nvolume_groop = x', '/etc/cinder/cinder.conf') == [
        (2, 'OPT001')]


def test_cinder_backend_sections_take_backend_host():
    """cinder-volume registers backend_host in every backend section (the
    active/passive setting cinder documents); backend_defaults itself and
    the groups of the service do not take it."""
    cinder = '/etc/cinder/cinder.conf'
    assert check('[DEFAULT]\nenabled_backends = nfs\n[nfs]\n'
                 'backend_host = cinder-cluster-1', cinder) == []
    assert check('[backend_defaults]\nbackend_host = x', cinder) == [
        (2, 'OPT001')]
    assert check('[database]\nbackend_host = x', cinder) == [(2, 'OPT001')]
    assert check('[nfs]\nbackend_hots = x', cinder) == [(2, 'OPT001')]


def test_manila_backend_sections_take_the_share_driver_options():
    text = ('[DEFAULT]\nenabled_share_backends = generic\n[generic]\n'
            'share_driver = manila.share.drivers.generic.GenericShareDriver'
            '\ndriver_handles_share_servers = true')
    assert check(text, '/etc/manila/manila.conf') == []


def test_auth_plugin_options_follow_auth_type():
    password = ('[keystone_authtoken]\nauth_type = password\n'
                'auth_url = http://x:5000\nusername = nova\n'
                'user_domain_name = Default\nproject_name = service')
    assert check(password, NOVA) == []
    # the token plugin has no username
    assert check('[keystone_authtoken]\nauth_type = token\nusername = n',
                 NOVA) == [(3, 'OPT001')]


def test_multi_valued_options_may_repeat():
    text = ('[pci]\nalias = {"name": "a1"}\nalias = {"name": "a2"}')
    assert check(text, NOVA) == []
    assert check('[DEFAULT]\ndebug = true\ndebug = false', NOVA) == [
        (3, 'INI003')]


def test_common_file_judges_the_shared_groups_only():
    common = '/etc/<service>/<service>.conf'
    assert check('[DEFAULT]\nmy_ip = 10.0.0.1\n[libvirt]\nvirt_type = x',
                 common) == []
    assert check('[oslo_messaging_rabbit]\nrabbit_retry_interval = soon',
                 common) == [(2, 'OPT004')]


def test_unknown_file_is_not_judged():
    assert check('[DEFAULT]\nanything = goes', '/etc/foo/foo.conf') == []
    assert check('[DEFAULT]\nanything = goes', '') == []


# -- the data -----------------------------------------------------------------

def test_data_names_its_sources():
    manifest = json.loads((DATA / 'manifest.json').read_text())
    assert manifest['release'] == sources.DEFAULT_RELEASE
    for name, spec in sources.RELEASES[sources.DEFAULT_RELEASE].items():
        service = manifest['services'][name]
        assert service['version'] == spec['version']
        assert service['files'] == spec['files']
        # no namespace of the generator config came out empty
        assert service['namespaces_without_options'] == []
        for namespace in service['namespaces']:
            assert (DATA / 'namespaces' / f'{namespace}.json').is_file()
    # cinder's broken optional import is recorded, not silently dropped
    assert manifest['services']['cinder']['optional_imports_unavailable']


def test_every_file_the_guide_configures_has_data():
    for path in ('keystone.conf', 'glance-api.conf', 'cinder.conf',
                 'manila.conf', 'nova.conf', 'neutron.conf',
                 'ceilometer.conf'):
        assert schemas.service_for(f'/etc/x/{path}',
                                   sources.DEFAULT_RELEASE), path


def test_optdata_requirements_match_the_pins():
    pinned = pathlib.Path(__file__).parent.parent / 'optdata-requirements.txt'
    lines = [line.split('#')[0].strip() for line in
             pinned.read_text().splitlines()]
    assert sorted(line for line in lines if line) == \
        sources.pins(sources.DEFAULT_RELEASE)


@pytest.mark.skipif(
    os.environ.get('SNIPPETCHECK_OPTDATA') != '1',
    reason='regenerating needs the pinned service packages and the package '
           'index; run tox -e optdata-check')
def test_regenerating_gives_the_committed_data(tmp_path):
    subprocess.run([sys.executable, '-m', 'snippetcheck.options.generate',
                    '--output', str(tmp_path)], check=True)
    for path in sorted(DATA.rglob('*.json')):
        fresh = tmp_path / path.relative_to(DATA)
        assert fresh.read_text() == path.read_text(), path
    assert len(list(tmp_path.rglob('*.json'))) == len(list(
        DATA.rglob('*.json')))


# -- through Sphinx -----------------------------------------------------------

@pytest.mark.sphinx('html', testroot='options')
def test_option_findings_in_a_build(app):
    app.build()

    def at(text):
        return line_of(app, 'index.rst', text)

    assert findings(app) == sorted([
        ('index.rst', at('osapi_volume_listen'), 'OPT001'),
        ('index.rst', at('logdir'), 'OPT002'),
        ('index.rst', at('debug = maybe'), 'OPT004'),
        ('index.rst', at('api_servers'), 'OPT003'),
        # the finding stands at the section's first option
        ('index.rst', line_of(app, 'index.rst', '[keystone_authtoken]', 2)
         + 1, 'OPT005'),
        ('index.rst', at('connection = mysql'), 'OPT001'),
        ('index.rst', at('rabbit_hosts'), 'OPT001'),
        ('index.rst', at('rabbit_retry_interval = soon'), 'OPT004'),
    ])
