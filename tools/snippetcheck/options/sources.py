"""Which packages, at which versions, the option data of a release comes
from, and which configuration file each generator config describes.

The generator config is the service's own, shipped in its source
distribution; it lists the oslo.config namespaces of the file. Where a
process registers more namespaces as it starts than its generator config
lists, ``runtime_namespaces`` names them (they must be generated for
another file of the release).
"""

#: The release the checks use unless conf.py says otherwise.
DEFAULT_RELEASE = '2026.2'

RELEASES = {
    '2026.2': {
        'keystone': {
            'package': 'keystone', 'version': '30.0.0',
            'generator': 'config-generator/keystone.conf',
            'files': ['keystone.conf'],
        },
        'glance-api': {
            'package': 'glance', 'version': '33.0.0',
            'generator': 'etc/oslo-config-generator/glance-api.conf',
            'files': ['glance-api.conf'],
        },
        'glance-cache': {
            'package': 'glance', 'version': '33.0.0',
            'generator': 'etc/oslo-config-generator/glance-cache.conf',
            'files': ['glance-cache.conf'],
        },
        'glance-image-import': {
            'package': 'glance', 'version': '33.0.0',
            'generator': 'etc/oslo-config-generator/glance-image-import.conf',
            'files': ['glance-image-import.conf'],
        },
        'glance-scrubber': {
            'package': 'glance', 'version': '33.0.0',
            'generator': 'etc/oslo-config-generator/glance-scrubber.conf',
            'files': ['glance-scrubber.conf'],
        },
        'cinder': {
            'package': 'cinder', 'version': '29.0.0', 'extras': 'all',
            'generator': 'tools/config/cinder-config-generator.conf',
            'files': ['cinder.conf'],
        },
        'manila': {
            'package': 'manila', 'version': '23.0.1',
            'generator': 'etc/oslo-config-generator/manila.conf',
            'files': ['manila.conf'],
        },
        'nova': {
            'package': 'nova', 'version': '34.0.0',
            'generator': 'etc/nova/nova-config-generator.conf',
            # Every nova process reads nova.conf's options; packages and
            # nova's own guides give some of them a file of their own,
            # passed with a second --config-file.
            'files': ['nova.conf', 'nova-api.conf', 'nova-compute.conf',
                      'nova-novncproxy.conf', 'nova-serialproxy.conf',
                      'nova-spicehtml5proxy.conf'],
        },
        'neutron': {
            'package': 'neutron', 'version': '29.0.0',
            'generator': 'etc/oslo-config-generator/neutron.conf',
            'files': ['neutron.conf'],
        },
        'neutron-dhcp-agent': {
            'package': 'neutron', 'version': '29.0.0',
            'generator': 'etc/oslo-config-generator/dhcp_agent.ini',
            'files': ['dhcp_agent.ini'],
        },
        'neutron-l3-agent': {
            'package': 'neutron', 'version': '29.0.0',
            'generator': 'etc/oslo-config-generator/l3_agent.ini',
            'files': ['l3_agent.ini'],
        },
        'neutron-macvtap-agent': {
            'package': 'neutron', 'version': '29.0.0',
            'generator': 'etc/oslo-config-generator/macvtap_agent.ini',
            'files': ['macvtap_agent.ini'],
        },
        'neutron-metadata-agent': {
            'package': 'neutron', 'version': '29.0.0',
            'generator': 'etc/oslo-config-generator/metadata_agent.ini',
            'files': ['metadata_agent.ini'],
        },
        'neutron-metering-agent': {
            'package': 'neutron', 'version': '29.0.0',
            'generator': 'etc/oslo-config-generator/metering_agent.ini',
            'files': ['metering_agent.ini'],
        },
        'neutron-ml2': {
            'package': 'neutron', 'version': '29.0.0',
            'generator': 'etc/oslo-config-generator/ml2_conf.ini',
            'files': ['ml2_conf.ini'],
        },
        'neutron-ovn-metadata-agent': {
            'package': 'neutron', 'version': '29.0.0',
            'generator': 'etc/oslo-config-generator/'
                         'neutron_ovn_metadata_agent.ini',
            'files': ['neutron_ovn_metadata_agent.ini'],
            # The agent registers ML2/OVN's [ovn] options as it starts
            # (ovn_conf.register_opts() in neutron/agent/ovn/
            # metadata_agent.py) and reads ovn_sb_connection there, though
            # its generator config leaves them out of the sample file.
            'runtime_namespaces': ['neutron.ml2.ovn'],
        },
        'neutron-openvswitch-agent': {
            'package': 'neutron', 'version': '29.0.0',
            'generator': 'etc/oslo-config-generator/openvswitch_agent.ini',
            'files': ['openvswitch_agent.ini'],
        },
        'neutron-ovn-agent': {
            'package': 'neutron', 'version': '29.0.0',
            'generator': 'etc/oslo-config-generator/ovn_agent.ini',
            'files': ['ovn_agent.ini'],
        },
        'neutron-sriov-agent': {
            'package': 'neutron', 'version': '29.0.0',
            'generator': 'etc/oslo-config-generator/sriov_agent.ini',
            'files': ['sriov_agent.ini'],
        },
        'ceilometer': {
            'package': 'ceilometer', 'version': '27.0.0',
            'generator': 'etc/ceilometer/ceilometer-config-generator.conf',
            'files': ['ceilometer.conf'],
        },
    },
}

#: Namespaces every oslo service shares: what a snippet that names its
#: file ``/etc/<service>/<service>.conf`` is checked against.
COMMON_NAMESPACES = (
    'oslo.messaging', 'oslo.db', 'oslo.cache', 'oslo.log', 'oslo.policy',
    'oslo.concurrency', 'oslo.middleware', 'keystonemiddleware.auth_token',
    'osprofiler',
)

#: keystoneauth1 plugins whose options a group with ``auth_type`` takes.
AUTH_PLUGINS = ('password', 'v3password', 'token', 'v3token',
                'v3applicationcredential', 'admin_token', 'none')


def pins(release):
    """pip requirement lines of the packages of *release*."""
    lines = []
    for spec in RELEASES[release].values():
        extras = f"[{spec['extras']}]" if spec.get('extras') else ''
        lines.append(f"{spec['package']}{extras}=={spec['version']}")
    return sorted(set(lines))
