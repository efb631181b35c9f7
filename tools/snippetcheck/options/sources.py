"""Which packages, at which versions, the option data of a release comes
from, and which configuration file each generator config describes.

The generator config is the service's own, shipped in its source
distribution; it lists the oslo.config namespaces of the file.
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
            'files': ['nova.conf'],
        },
        'neutron': {
            'package': 'neutron', 'version': '29.0.0',
            'generator': 'etc/oslo-config-generator/neutron.conf',
            'files': ['neutron.conf'],
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
