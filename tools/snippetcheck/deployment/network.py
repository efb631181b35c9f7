"""Rules on the network side of the whole deployment: who listens where,
what HAProxy sends where, what the catalog points at, and the timeouts in
front of the database and the message queue.

:func:`assemble` reads the facts of every document in reading order, a
later HAProxy proxy of the same name replacing an earlier one (as a page
that shows a changed listener does); :func:`judge` returns the findings,
each at the line that must change, as (document, Report).
"""

import dataclasses
import os

from snippetcheck.catalogue import Check
from snippetcheck.deployment import services
from snippetcheck.deployment.model import WILDCARDS
from snippetcheck.findings import Report

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('DEP001', 'deployment',
          'A service listens on a VIP, or on an address and port where an '
          'HAProxy listener binds: the two clash on the node that holds '
          'the VIP, and no other node listens where HAProxy checks.',
          '[DEFAULT]\nosapi_volume_listen = 10.0.0.11',
          '[DEFAULT]\nosapi_volume_listen = 10.0.0.12', 'none',
          '/etc/cinder/cinder.conf'),
    Check('DEP002', 'deployment',
          'An HAProxy server is not where its service listens on that node '
          '(another port, an address that is no node, a VIP).',
          'listen cinder_api_cluster\n  bind <Virtual IP>:8776\n'
          '  server controller1 10.0.0.12:8778 check',
          'listen cinder_api_cluster\n  bind <Virtual IP>:8776\n'
          '  server controller1 10.0.0.12:8776 check', 'none'),
    Check('DEP003', 'deployment',
          'An endpoint URL points where no HAProxy listener (or service) '
          'answers.',
          '$ openstack endpoint create volumev3 internal '
          'http://10.0.0.11:8777/v3',
          '$ openstack endpoint create volumev3 internal '
          'http://10.0.0.11:8776/v3', 'none'),
    Check('DEP004', 'deployment',
          'An API service is configured, registered or in the reference '
          'architecture, but no HAProxy listener binds a VIP on its port.',
          '$ openstack endpoint create placement internal '
          'http://10.0.0.11:8778   (and no listener on 8778)',
          'listen placement_api_cluster\n  bind <Virtual IP>:8778\n'
          '  server controller1 10.0.0.12:8778 check', 'none'),
    Check('DEP005', 'deployment',
          'The HAProxy listener in front of the database cuts connections '
          "sooner than oslo.db's connection_recycle_time keeps them.",
          'listen galera_cluster\n  bind <Virtual IP>:3306\n'
          '  timeout client 1m\n  timeout server 1m',
          'listen galera_cluster\n  bind <Virtual IP>:3306\n'
          '  timeout client 90m\n  timeout server 90m', 'none'),
    Check('DEP006', 'deployment',
          'An HAProxy listener in front of RabbitMQ cuts connections '
          "sooner than oslo.messaging's heartbeats arrive.",
          'listen rabbitmq\n  bind <Virtual IP>:5672\n'
          '  timeout client 30s',
          'listen rabbitmq\n  bind <Virtual IP>:5672\n'
          '  timeout client 3m', 'none'),
)


@dataclasses.dataclass
class Assembled:
    """The deployment's facts together: proxies by name (with the
    defaults they inherit), and the rest in reading order, each with the
    document it comes from."""

    proxies: dict = dataclasses.field(default_factory=dict)
    listens: list = dataclasses.field(default_factory=list)
    endpoints: list = dataclasses.field(default_factory=list)
    settings: list = dataclasses.field(default_factory=list)


def assemble(documents):
    """Assembled facts of [(document, Facts)] in reading order."""
    result = Assembled()
    defaults = None
    for document, facts in documents:
        for proxy in facts.proxies:
            if proxy.kind == 'defaults':
                defaults = proxy
                continue
            result.proxies[proxy.name] = (document, proxy, defaults)
        result.listens.extend((document, f) for f in facts.listens)
        result.endpoints.extend((document, f) for f in facts.endpoints)
        result.settings.extend((document, f) for f in facts.settings)
    return result


def judge(deployment, assembled):
    """Findings as [(document, Report)]."""
    judge = _Judge(deployment, assembled)
    judge.listening()
    judge.backends()
    judge.endpoints()
    judge.unbalanced()
    judge.timeouts()
    return judge.found


class _Judge:
    def __init__(self, deployment, assembled):
        self.deployment = deployment
        self.assembled = assembled
        self.found = []
        self.binds = []   # (address or wildcard, port, proxy name)
        for _document, proxy, _defaults in assembled.proxies.values():
            for host, port, _where in proxy.binds:
                address = host if host in WILDCARDS else \
                    deployment.resolve(host)
                if port is not None and address is not None:
                    self.binds.append((address, port, proxy.name))
        self.listen = {}  # service -> (host or None, port, Listen)
        for _document, listen in assembled.listens:
            host, port, _old = self.listen.get(listen.service,
                                               (None, None, None))
            self.listen[listen.service] = (
                listen.host if listen.host is not None else host,
                listen.port if listen.port is not None else port, listen)

    def add(self, document, where, code, message):
        self.found.append((document, Report(where.source, where.line, code,
                                            message)))

    def port_of(self, service):
        _host, port, _listen = self.listen.get(service, (None, None, None))
        return port or services.SERVICES[service]['port']

    def served_by_haproxy(self, address, port):
        return [name for bind, bind_port, name in self.binds
                if bind_port == port and (bind == address or
                                          bind in WILDCARDS)]

    # -- DEP001 ---------------------------------------------------------

    def listening(self):
        for document, listen in self.assembled.listens:
            if listen.host is None:
                continue
            port = listen.port or self.port_of(listen.service)
            address = self.deployment.resolve(listen.host)
            what = f'{listen.service} listens on {listen.host}:{port}'
            if address is not None and self.deployment.is_vip(address):
                self.add(document, listen.where, 'DEP001',
                         f'{what}, a VIP: HAProxy binds it on the node that '
                         'holds the VIP, and no other node listens where '
                         "HAProxy checks; listen on each node's own "
                         f'address ({self._example()})')
            elif listen.host in WILDCARDS:
                clash = [(bind, name) for bind, bind_port, name
                         in self.binds if bind_port == port]
                if clash:
                    bind, name = clash[0]
                    self.add(document, listen.where, 'DEP001',
                             f'{what}, every address, where HAProxy '
                             f'"{name}" binds {bind}:{port}; listen on each '
                             f"node's own address ({self._example()})")
            elif address is not None:
                names = [name for bind, bind_port, name in self.binds
                         if bind_port == port and bind == address]
                if names:
                    self.add(document, listen.where, 'DEP001',
                             f'{what}, where HAProxy "{names[0]}" binds; '
                             'one of the two must move')

    def _example(self):
        name, address = self.deployment.nodes[0]
        return f'{address} on {name}'

    # -- DEP002 ---------------------------------------------------------

    def backends(self):
        for document, proxy, _defaults in self.assembled.proxies.values():
            ports = {port for _h, port, _w in proxy.binds if port}
            service = next((services.by_port(port) for port in sorted(ports)
                            if services.by_port(port)), None)
            for server in proxy.servers:
                address = self.deployment.resolve(server.host)
                if address is None:
                    continue
                where = f'server {server.name} {server.host}:{server.port}'
                if self.deployment.is_vip(address):
                    self.add(document, server.where, 'DEP002',
                             f'{where} of "{proxy.name}" sends to a VIP, '
                             'which HAProxy itself holds; send to the nodes\''
                             ' own addresses')
                    continue
                node = self.deployment.node_of(address)
                if node is None:
                    self.add(document, server.where, 'DEP002',
                             f'{where} of "{proxy.name}" is no node of the '
                             'deployment (' + ', '.join(
                                 f'{n} {a}' for n, a in
                                 self.deployment.nodes) + ')')
                    continue
                if service is None or server.port is None:
                    continue
                expected = self.port_of(service)
                if server.port != expected:
                    _h, _p, listen = self.listen.get(service,
                                                     (None, None, None))
                    said = (f' ({os.path.basename(listen.where.source)}:'
                            f'{listen.where.line})'
                            if listen is not None else ' (its default)')
                    self.add(document, server.where, 'DEP002',
                             f'{where} of "{proxy.name}": {service} listens '
                             f'on port {expected} on {node}{said}; send to '
                             f'{address}:{expected}')

    # -- DEP003 ---------------------------------------------------------

    def endpoints(self):
        for document, endpoint in self.assembled.endpoints:
            address = self.deployment.resolve(endpoint.host)
            if address is None:
                continue   # a placeholder or host name of another place
            what = (f'the {endpoint.interface} endpoint {endpoint.url} of '
                    f'{endpoint.service}')
            if self.deployment.is_vip(address):
                if not self.served_by_haproxy(address, endpoint.port) and \
                        not self._unbalanced(endpoint.service):
                    ports = sorted({port for bind, port, _n in self.binds
                                    if bind in (address, *WILDCARDS)})
                    self.add(document, endpoint.where, 'DEP003',
                             f'{what}: no HAProxy listener binds '
                             f'{address}:{endpoint.port} (it binds ports '
                             f'{", ".join(map(str, ports)) or "none"} '
                             'there)')
            elif self.deployment.node_of(address) is not None:
                served = any(self.port_of(service) == endpoint.port
                             for service in self.listen) or \
                    services.by_port(endpoint.port)
                if not served:
                    self.add(document, endpoint.where, 'DEP003',
                             f'{what}: nothing listens on {address}:'
                             f'{endpoint.port}')
            else:
                self.add(document, endpoint.where, 'DEP003',
                         f'{what}: {endpoint.host} is neither a VIP nor a '
                         'node of the deployment')

    def _unbalanced(self, service):
        """Whether *service* has no listener at all (DEP004 says so)."""
        spec = services.SERVICES.get(service)
        return spec is not None and not any(
            self.served_by_haproxy(vip, spec['port'])
            for vip, _p in self.deployment.vips)

    # -- DEP004 ---------------------------------------------------------

    def unbalanced(self):
        wanted = {}   # service -> (document, where) of its first mention
        for document, endpoint in self.assembled.endpoints:
            if endpoint.service in services.SERVICES:
                wanted.setdefault(endpoint.service,
                                  (document, endpoint.where, 'registered'))
        for document, listen in self.assembled.listens:
            wanted.setdefault(listen.service,
                              (document, listen.where, 'configured'))
        first = next(iter(self.assembled.proxies.values()), None)
        for service in self.deployment.services:
            if first is not None:
                wanted.setdefault(service, (first[0], first[1].where,
                                            'in the reference architecture'))
        vips = [vip for vip, _p in self.deployment.vips]
        for service, (document, where, how) in wanted.items():
            port = services.SERVICES[service]['port']
            if any(self.served_by_haproxy(vip, port) for vip in vips):
                continue
            self.add(document, where, 'DEP004',
                     f'{service} is {how}, but no HAProxy listener binds a '
                     f'VIP on its port {port}; add a "listen" block that '
                     f'binds <VIP>:{port} and sends to every node')

    # -- DEP005, DEP006 -------------------------------------------------

    def timeouts(self):
        recycle = self._setting('database', 'connection_recycle_time')
        heartbeat = self._setting('oslo_messaging_rabbit',
                                  'heartbeat_timeout_threshold')
        for document, proxy, defaults in self.assembled.proxies.values():
            ports = {server.port for server in proxy.servers} | {
                port for _h, port, _w in proxy.binds}
            if services.DATABASE_PORT in ports:
                self._timeout(document, proxy, defaults, recycle, 'DEP005',
                              "oslo.db's connection_recycle_time",
                              'HAProxy cuts the pooled connections oslo.db '
                              'keeps idle up to that long')
            if ports & set(services.AMQP_PORTS):
                self._timeout(document, proxy, defaults, heartbeat, 'DEP006',
                              "oslo.messaging's heartbeat_timeout_threshold",
                              'HAProxy cuts an AMQP connection between two '
                              'heartbeats')

    def _setting(self, section, option):
        """(seconds, what set it): the largest value the deployment sets,
        or the option's default (from the option data)."""
        best = (services.default(section, option), 'the default')
        for _document, setting in self.assembled.settings:
            if (setting.section, setting.option) != (section, option):
                continue
            try:
                value = float(setting.value)
            except ValueError:
                continue
            if value > best[0]:
                best = (value, f'{setting.where.source}:'
                               f'{setting.where.line}')
        return best

    def _timeout(self, document, proxy, defaults, limit, code, option,
                 why):
        seconds, origin = limit
        for name in ('client', 'server'):
            found = proxy.timeout(name)
            inherited = False
            if found is None and defaults is not None:
                found = defaults.timeout(name)
                inherited = True
            if found is None:
                continue
            value, where = found
            if value > seconds:
                continue
            source = (' (inherited from defaults)' if inherited else '')
            self.add(document, where, code,
                     f'timeout {name} of "{proxy.name}" is {_human(value)}'
                     f'{source}, not longer than {option} ({_human(seconds)}'
                     f', {origin}): {why}; set it longer, e.g. '
                     f'{_suggest(seconds)}')


def _human(seconds):
    if seconds >= 60 and seconds % 60 == 0:
        return f'{int(seconds // 60)} min'
    return f'{seconds:g} s'


def _suggest(seconds):
    minutes = int(seconds * 1.5 // 60) + 1
    return f'"timeout client {minutes}m" and "timeout server {minutes}m"'
