"""Where each OpenStack service listens, as data.

For every service behind HAProxy: its default port (what it listens on
when nothing says otherwise), the catalog types it is registered with
(``openstack endpoint create ... TYPE ...``), the configuration file that
names it, and the options of that file that set where it listens, where
the service still has them (cinder and manila in 2026.2; the others run
under a WSGI server, whose configuration decides). The option names are
the ones of the option data; a test holds them to it.
"""

#: service -> what the rules need of it.
SERVICES = {
    'keystone': {'port': 5000, 'types': ('identity',),
                 'file': 'keystone.conf'},
    'glance-api': {'port': 9292, 'types': ('image',),
                   'file': 'glance-api.conf'},
    'placement': {'port': 8778, 'types': ('placement',),
                  'file': 'placement.conf'},
    'nova-api': {'port': 8774, 'types': ('compute',), 'file': 'nova.conf'},
    'nova-metadata': {'port': 8775, 'types': ()},
    'nova-novncproxy': {'port': 6080, 'types': (), 'file': 'nova.conf',
                        'listen': ('vnc', 'novncproxy_host',
                                   'novncproxy_port')},
    'neutron': {'port': 9696, 'types': ('network',),
                'file': 'neutron.conf'},
    'cinder-api': {'port': 8776,
                   'types': ('volumev3', 'block-storage', 'volume',
                             'volumev2'),
                   'file': 'cinder.conf',
                   'listen': ('DEFAULT', 'osapi_volume_listen',
                              'osapi_volume_listen_port')},
    'manila-api': {'port': 8786,
                   'types': ('sharev2', 'share', 'shared-file-system'),
                   'file': 'manila.conf',
                   'listen': ('DEFAULT', 'osapi_share_listen',
                              'osapi_share_listen_port')},
    'heat-api': {'port': 8004, 'types': ('orchestration',),
                 'file': 'heat.conf'},
    'heat-api-cfn': {'port': 8000, 'types': ('cloudformation',)},
    'swift-proxy': {'port': 8080, 'types': ('object-store',)},
    'aodh-api': {'port': 8042, 'types': ('alarming',), 'file': 'aodh.conf'},
    'gnocchi-api': {'port': 8041, 'types': ('metric',),
                    'file': 'gnocchi.conf'},
    'octavia-api': {'port': 9876, 'types': ('load-balancer',),
                    'file': 'octavia.conf'},
    'barbican-api': {'port': 9311, 'types': ('key-manager',),
                     'file': 'barbican.conf'},
    'designate-api': {'port': 9001, 'types': ('dns',),
                      'file': 'designate.conf'},
    'horizon': {'port': 80, 'types': ()},
}

#: The database and message queue ports, for the timeout rules.
DATABASE_PORT = 3306
AMQP_PORTS = (5672, 5671)

#: The options the timeout rules compare with (oslo.db's and
#: oslo.messaging's, which every service shares).
TIMEOUT_OPTIONS = (('database', 'connection_recycle_time'),
                   ('oslo_messaging_rabbit', 'heartbeat_timeout_threshold'))


def default(section, option):
    """The default of a shared option, in seconds, as the option data
    records it."""
    from snippetcheck.options import schema
    from snippetcheck.options import sources

    shared = schema.for_file('/etc/<service>/<service>.conf',
                             sources.DEFAULT_RELEASE)
    return float(shared.default(section, option))


def by_port(port):
    """The service whose default port is *port*, or None."""
    for name, spec in SERVICES.items():
        if spec['port'] == port:
            return name
    return None


def by_type(kind):
    """The service registered with catalog type *kind*, or None."""
    for name, spec in SERVICES.items():
        if kind in spec['types']:
            return name
    return None


def by_file(filename):
    """The services configured in the file named *filename*."""
    return [name for name, spec in SERVICES.items()
            if spec.get('file') == filename]


def listen_option(filename, section, option):
    """(service, 'host' or 'port') when *option* of *section* in
    *filename* sets where a service listens, else None."""
    for name, spec in SERVICES.items():
        listen = spec.get('listen')
        if not listen or spec.get('file') != filename:
            continue
        group, host, port = listen
        if section == group and option in (host, port):
            return name, 'host' if option == host else 'port'
    return None
