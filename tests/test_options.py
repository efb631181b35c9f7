"""ini snippets checked against the options of the services (OPT codes),
and the option data itself."""

import json
import os
import pathlib
import subprocess
import sys

import pytest

from snippetcheck import engine
from snippetcheck.checkers import ini
from snippetcheck.checkers import options as options_checker
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
    # the files of neutron's agents and ML2, of glance's other processes
    ('OPT001', '[ml2]\nmechanism_driver = ovn',
     '/etc/neutron/plugins/ml2/ml2_conf.ini'),
    ('OPT002', '[ml2]\ntenant_network_types = geneve',
     '/etc/neutron/plugins/ml2/ml2_conf.ini'),
    ('OPT004', '[DEFAULT]\nagent_mode = dvr-snat',
     '/etc/neutron/l3_agent.ini'),
    ('OPT005', '[ovs_agent]\nbridge_mappings = physnet1:br-ex',
     '/etc/neutron/plugins/ml2/openvswitch_agent.ini'),
    ('OPT001', '[DEFAULT]\nimage_cache_size = 10737418240',
     '/etc/glance/glance-cache.conf'),
    ('OPT004', '[inject_metadata_properties]\ninject = p1:v1,p2...',
     '/etc/glance/glance-image-import.conf'),
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
    ('[ml2]\nmechanism_drivers = ovn\nproject_network_types = geneve\n'
     '[ovn]\novn_nb_connection = tcp:10.0.0.12:6641,tcp:10.0.0.13:6641',
     '/etc/neutron/plugins/ml2/ml2_conf.ini'),
    ('[DEFAULT]\nagent_mode = dvr_snat\ninterface_driver = openvswitch',
     '/etc/neutron/l3_agent.ini'),
    ('[ovs]\nbridge_mappings = physnet1:br-ex\n'
     '[agent]\ntunnel_types = vxlan',
     '/etc/neutron/plugins/ml2/openvswitch_agent.ini'),
    # registered by the agent as it starts, though not in its sample
    ('[ovn]\novn_sb_connection = tcp:10.0.0.12:6642',
     '/etc/neutron/neutron_ovn_metadata_agent.ini'),
    ('[DEFAULT]\nimage_cache_max_size = 10737418240',
     '/etc/glance/glance-cache.conf'),
    ('[libvirt]\nvirt_type = kvm', '/etc/nova/nova-compute.conf'),
    # "..." elides more items: a pattern, not a value
    ('[inject_metadata_properties]\ninject = p1:v1,p2:v2,...',
     '/etc/glance/glance-image-import.conf'),
    # oslo.config reads section names other than DEFAULT in any case
    ('[AGENT]\nextensions = port_forwarding', '/etc/neutron/l3_agent.ini'),
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
    # the option's own name in another section, before a name like it here
    # (cinder reads driver options from the backend's section only)
    assert message('[DEFAULT]\nvolume_driver = x',
                   '/etc/cinder/cinder.conf').endswith(
        'it belongs in [backend_defaults]')
    assert message('[DEFAULT]\nDebug = true', NOVA).endswith(
        'did you mean debug?')


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


@pytest.mark.parametrize('text, filename', [
    # a MultiStrOpt
    ('[tokenless_auth]\ntrusted_issuer = CN=a,O=x\n'
     'trusted_issuer = CN=b,O=x', '/etc/keystone/keystone.conf'),
    # a MultiOpt of dicts, each line judged as a dict
    ('[DEFAULT]\nreserved_huge_pages = node:0,size:2048,count:64\n'
     'reserved_huge_pages = node:1,size:1GB,count:1', NOVA),
    # in a backend section, which takes the share driver options
    ('[DEFAULT]\nenabled_share_backends = netapp\n[netapp]\n'
     'netapp_flexgroup_pools = pool1:aggr1\n'
     'netapp_flexgroup_pools = pool2:aggr2', '/etc/manila/manila.conf'),
    # no file named: multi-valued in that section in some service
    ('[pci]\nalias = {"name": "a1"}\nalias = {"name": "a2"}', ''),
    ('[tokenless_auth]\ntrusted_issuer = a\ntrusted_issuer = b',
     '/etc/<service>/<service>.conf'),
])
def test_multi_opts_may_repeat(text, filename):
    assert check(text, filename) == []


@pytest.mark.parametrize('text, filename', [
    ('[tokenless_auth]\nprotocol = x509\nprotocol = saml2',
     '/etc/keystone/keystone.conf'),
    # alias is multi-valued in nova's [pci] only
    ('[DEFAULT]\nalias = a\nalias = b', NOVA),
    ('[DEFAULT]\nalias = a\nalias = b', ''),
    ('[DEFAULT]\ndebug = true\ndebug = false', ''),
])
def test_single_valued_options_set_twice(text, filename):
    assert (3, 'INI003') in check(text, filename)


def test_every_multi_valued_option_of_the_data_may_repeat():
    release = sources.DEFAULT_RELEASE
    seen = 0
    for service in sources.RELEASES[release]:
        schema = schemas._schema(release, service)
        filename = f"/etc/x/{sources.RELEASES[release][service]['files'][0]}"
        for group, options in schema.groups.items():
            for name, spec in options.items():
                if not spec.get('m'):
                    continue
                seen += 1
                text = f'[{group}]\n{name} = a:b\n{name} = c:d'
                assert 'INI003' not in [code for _line, code in check(
                    text, filename)], (service, group, name)
    assert seen >= 30


MANILA = '/etc/manila/manila.conf'


@pytest.mark.parametrize('text, filename', [
    # ignore_case choices
    ('[DEFAULT]\nlog_rotate_interval_type = fortnight', NOVA),
    # the items of a list of integers, of a list with choices
    ('[glance]\nretriable_status_codes = 500,five', NOVA),
    ('[DEFAULT]\nenabled_share_protocols = nfs,smb', MANILA),
    # a dict, and each line of a multi-valued dict option
    ('[DEFAULT]\nreserved_huge_pages = node0', NOVA),
    # a regex
    ('[DEFAULT]\ninstance_usage_audit_period = week', NOVA),
    # the bounds of a service's own type (an Integer from 8 to 24)
    ('[designate]\nipv4_ptr_zone_prefix_size = 32',
     '/etc/neutron/neutron.conf'),
    # a float's bounds
    ('[oslo_messaging_rabbit]\nkombu_reconnect_delay = 5',
     '/etc/<service>/<service>.conf'),
])
def test_values_judged_by_the_options_own_type(text, filename):
    assert check(text, filename) == [(2, 'OPT004')]


@pytest.mark.parametrize('text, filename', [
    ('[DEFAULT]\nlog_rotate_interval_type = days', NOVA),
    ('[DEFAULT]\nlog_rotate_interval_type = Days', NOVA),
    ('[glance]\nretriable_status_codes = 500, 503', NOVA),
    ('[DEFAULT]\nenabled_share_protocols = nfs,cifs', MANILA),
    ('[DEFAULT]\nreserved_huge_pages = node:0,size:2048,count:64', NOVA),
    ('[DEFAULT]\ninstance_usage_audit_period = month@15', NOVA),
    ('[designate]\nipv4_ptr_zone_prefix_size = 16',
     '/etc/neutron/neutron.conf'),
    ('[oslo_messaging_rabbit]\nkombu_reconnect_delay = 4.5',
     '/etc/<service>/<service>.conf'),
    # a list of plain strings takes anything; a list on two lines is one
    # value, as oslo.config joins the lines
    ('[cache]\nmemcache_servers = c1:11211,\n  c2:11211',
     '/etc/keystone/keystone.conf'),
])
def test_values_that_fit_the_options_own_type(text, filename):
    assert check(text, filename) == []


def test_value_messages_name_the_choices_and_their_case():
    def message(text, filename):
        [finding] = engine.check_snippet(
            Snippet('ini', text, filename=filename), DocumentContext())
        return finding.message

    assert message('[DEFAULT]\nlog_rotate_interval_type = fortnight',
                   NOVA).endswith(
        'write one of Seconds, Minutes, Hours, Days, Weekday, Midnight '
        '(in any case)')
    assert 'write each item as one of NFS, CIFS' in message(
        '[DEFAULT]\nenabled_share_protocols = nfs,smb', MANILA)
    assert 'each item an integer' in message(
        '[glance]\nretriable_status_codes = 500,five', NOVA)


def test_common_file_judges_the_shared_groups_only():
    common = '/etc/<service>/<service>.conf'
    assert check('[DEFAULT]\nmy_ip = 10.0.0.1\n[libvirt]\nvirt_type = x',
                 common) == []
    assert check('[oslo_messaging_rabbit]\nrabbit_retry_interval = soon',
                 common) == [(2, 'OPT004')]


def test_unknown_file_is_not_judged():
    assert check('[DEFAULT]\nanything = goes', '/etc/foo/foo.conf') == []
    assert check('[DEFAULT]\nanything = goes', '') == []


# -- ceph's own dialect -------------------------------------------------------

CEPH = '/etc/ceph/ceph.conf'
KEYRING = '/etc/ceph/ceph.client.cinder.keyring'


@pytest.mark.parametrize('path, kind', [
    ('/etc/ceph/ceph.conf', 'conf'), ('ceph.conf', 'conf'),
    ('/etc/ceph/backup.conf', 'conf'),
    ('/etc/ceph/ceph.client.cinder.keyring', 'keyring'),
    ('ceph.client.glance.keyring', 'keyring'),
    ('/var/lib/ceph/mon/ceph-a/keyring', 'keyring'),
    # near misses: not ceph's ini files
    ('/etc/ceph/rbdmap', None), ('/etc/nova/nova.conf', None),
    ('/etc/nova/ceph.conf.sample', None), ('/etc/keyring', None),
    ('', None),
])
def test_ceph_files_are_recognised_by_name(path, kind):
    assert ini.ceph_file(path) == kind


def test_ceph_conf_as_ceph_reads_it():
    text = ('# the cluster\n'
            '[global]\n'
            '\tfsid = 8d5cc2e7-7bd4-4e6f-9f2b-6c7ae59c8c0e\n'
            '\tmon host = 10.0.0.12,10.0.0.13,10.0.0.14 ; the monitors\n'
            '\tpublic network = 10.0.0.0/24\n'
            'auth_cluster_required = cephx\n'
            'log file = "/var/log/ceph/$cluster-$name.log"\n'
            'mon initial members = controller1, \\\n'
            '  controller2, controller3\n'
            '\n'
            '[client.cinder]\n'
            '    keyring = /etc/ceph/ceph.client.cinder.keyring\n'
            '[client.glance]\n'
            'keyring = /etc/ceph/ceph.client.glance.keyring\n')
    assert check(text, CEPH) == []
    # the same text is no oslo.config file
    assert check(text, '/etc/foo/foo.conf') != []


def test_ceph_keyring_as_ceph_reads_it():
    text = ('[client.cinder]\n'
            '\tkey = AQBf5bVlAAAAABAAsh8bVJn2dk0TnbbX4b1ZRg==\n'
            '\tcaps mon = "profile rbd"\n'
            '\tcaps osd = "profile rbd pool=volumes, profile rbd '
            'pool=images"\n'
            'caps_mgr = "profile rbd pool=volumes"\n'
            '[global]\n')
    assert check(text, KEYRING) == []


@pytest.mark.parametrize('code, line, text, filename', [
    ('INI001', 2, '[global]\n  [osd]\nosd pool default size = 3', CEPH),
    ('INI001', 1, '[client.cinder\nkeyring = x', CEPH),
    ('INI001', 1, '[global] fsid = x', CEPH),
    ('INI002', 2, '[global]\nmon host 10.0.0.12', CEPH),
    # ceph separates a value by "=" only
    ('INI002', 2, '[global]\nmon_host: 10.0.0.12', CEPH),
    ('INI002', 2, '[global]\nlog file = "/var/log/ceph.log', CEPH),
    # "#" starts a comment inside quotes too
    ('INI002', 2, '[global]\nadmin socket = "/run/#1.asok"', CEPH),
    ('INI002', 2, '[global]\nauth = "cephx" none', CEPH),
    ('INI003', 3, '[global]\nmon host = 10.0.0.12\nmon_host = 10.0.0.13',
     CEPH),
    ('INI005', 2, '[global]\n= 10.0.0.12', CEPH),
    # a keyring's sections are entity names; its settings key and caps
    ('OPT005', 2, '[cinder]\nkey = AQBf5bVl', KEYRING),
    ('OPT001', 2, '[client.cinder]\nkeyring = /etc/ceph/x', KEYRING),
    ('OPT001', 2, '[client.cinder]\ncaps = "profile rbd"', KEYRING),
])
def test_what_ceph_rejects(code, line, text, filename):
    assert (line, code) in check(text, filename)


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


def test_section_names_in_any_case_as_oslo_config_reads_them(tmp_path):
    """What the checks take [AGENT] for is what oslo.config reads."""
    from oslo_config import cfg

    conf = cfg.ConfigOpts()
    conf.register_opt(cfg.ListOpt('extensions'), group='agent')
    conf.register_opt(cfg.BoolOpt('debug'))
    path = tmp_path / 'l3_agent.ini'
    path.write_text('[AGENT]\nextensions = port_forwarding\n'
                    '[default]\ndebug = true\n')
    conf(['--config-file', str(path)])
    assert conf.agent.extensions == ['port_forwarding']
    assert conf.debug is None  # [default] is not [DEFAULT]
    assert [f.message for f in engine.check_snippet(
        Snippet('ini', '[default]\ndebug = true', filename=NOVA),
        DocumentContext())] == [
        '[default] is no section of nova 34.0.0; write [DEFAULT]: '
        'oslo.config takes only DEFAULT in capitals for the default section']
    assert schemas.group_name('AGENT') == 'agent'
    assert schemas.group_name('DEFAULT') == 'DEFAULT'
    assert schemas.group_name('default') == 'default'


def test_a_fragment_takes_the_section_the_text_names():
    l3 = '/etc/neutron/l3_agent.ini'
    assert engine.check_snippet(
        Snippet('ini', 'extensions = ndp_proxy', filename=l3,
                fragment_section='agent'), DocumentContext()) == []
    assert [f.code for f in engine.check_snippet(
        Snippet('ini', 'extensions = ndp_proxy', filename=l3),
        DocumentContext())] == ['OPT001']


def test_every_file_the_guide_configures_has_data():
    for path in ('keystone.conf', 'glance-api.conf', 'cinder.conf',
                 'manila.conf', 'nova.conf', 'neutron.conf',
                 'ceilometer.conf', 'ml2_conf.ini',
                 'neutron_ovn_metadata_agent.ini'):
        assert schemas.service_for(f'/etc/x/{path}',
                                   sources.DEFAULT_RELEASE), path


def _spec(namespace, group, name):
    data = json.loads((DATA / 'namespaces' / f'{namespace}.json')
                      .read_text())
    return data[group][name]


def test_data_keeps_what_oslo_config_judges_a_value_by():
    assert _spec('oslo.log', 'DEFAULT', 'log_rotate_interval_type') == {
        't': 'str', 'c': ['Seconds', 'Minutes', 'Hours', 'Days', 'Weekday',
                          'Midnight'], 'i': True, 'v': 'days'}
    assert _spec('nova.conf', 'glance', 'retriable_status_codes')['e'] == {
        't': 'int'}
    # choices keep their type
    assert _spec('castellan.config', 'vault', 'kv_version')['c'] == [1, 2]
    assert _spec('nova.conf', 'pci', 'alias')['m'] is True
    assert _spec('nova.conf', 'DEFAULT', 'reserved_huge_pages') == {
        't': 'dict', 'm': True}
    assert _spec('nova.conf', 'DEFAULT', 'instance_usage_audit_period')[
        're'] == '^(hour|month|day|year)(@([0-9]+))?$'
    assert _spec('neutron', 'designate', 'ipv4_ptr_zone_prefix_size') == {
        't': 'int', 'min': 8, 'max': 24, 'v': '24', 'x': 'ZonePrefixIPv4'}


def test_data_keeps_the_defaults_the_sample_files_give():
    release = sources.DEFAULT_RELEASE
    nova = schemas.for_file(NOVA, release)
    keystone = schemas.for_file('/etc/keystone/keystone.conf', release)
    common = schemas.for_file('/etc/<service>/<service>.conf', release)
    for schema in (nova, keystone, common):
        assert schema.default('database', 'connection_recycle_time') == \
            '3600'
        assert schema.default('oslo_messaging_rabbit',
                              'heartbeat_timeout_threshold') == '60'
    # a service's own default of a library option is its own
    assert keystone.default('cache', 'enabled') == 'true'
    assert common.default('cache', 'enabled') == 'false'
    assert nova.default('DEFAULT', 'graceful_shutdown_timeout') == '180'
    assert common.default('DEFAULT', 'control_exchange') == 'openstack'
    assert keystone.default('DEFAULT', 'control_exchange') == 'keystone'
    # none, and a documented sample rather than the value itself
    assert nova.default('database', 'connection') is None
    assert nova.groups['DEFAULT']['my_ip'].get('vs') is True


def test_data_holds_the_services_values_not_the_machines():
    """What a service derives from the machine the generator runs on is
    left out: cinder's backup_workers is at most the number of CPUs of
    the machine cinder-backup runs on, and ceilometer's meter definitions
    lie where ceilometer is installed."""
    assert _spec('cinder', 'DEFAULT', 'backup_workers') == {
        't': 'int', 'min': 1, 'v': '8', 'vs': True, 'w': ['max']}
    assert check('[DEFAULT]\nbackup_workers = 16',
                 '/etc/cinder/cinder.conf') == []
    assert check('[DEFAULT]\nbackup_workers = 0',
                 '/etc/cinder/cinder.conf') == [(2, 'OPT004')]
    assert _spec('ceilometer', 'meter', 'meter_definitions_dirs')['v'] == [
        '/etc/ceilometer/meters.d', '<site-packages>/ceilometer/data/meters.d']
    root = str(pathlib.Path(__file__).resolve().parent.parent)
    for path in DATA.rglob('*.json'):
        text = path.read_text()
        assert root not in text and '.tox' not in text, path
        assert 'site-packages' not in text.replace('<site-packages>', ''), \
            path


#: Defaults the services write that their own option type rejects.
WRONG_DEFAULTS = {
    # an IntOpt whose default is 20.0
    ('cinder', 'backend_defaults', 'u4p_failover_timeout'),
}


def test_every_default_fits_its_own_type():
    """The judge of each spec is oslo.config's type as the service built
    it: the default the service writes passes it (unless it is a sample
    such as <host_ipv4>)."""
    release = sources.DEFAULT_RELEASE
    judged = 0
    wrong = set()
    for service in [*sources.RELEASES[release], schemas.COMMON]:
        schema = schemas._schema(release, service)
        for group, options in schema.groups.items():
            for name, spec in options.items():
                default = spec.get('v')
                if default is None or spec.get('vs'):
                    continue
                for value in default if spec.get('m') else [default]:
                    judged += 1
                    if options_checker.value_problem(spec, [value]):
                        wrong.add((service, group, name))
    assert wrong == WRONG_DEFAULTS
    assert judged > 3000


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
        # ceph reads "mon host" and "mon_host" as one option
        ('index.rst', at('mon_host = 10.0.0.12'), 'INI003'),
    ])
