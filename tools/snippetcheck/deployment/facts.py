"""What one document says about the deployment: the facts the rules of
:mod:`snippetcheck.deployment.network` judge together.

From each block that is part of the deployment (not an alternative, not
opted out of everything), in reading order:

* haproxy: its ``defaults`` and proxies (binds, servers, mode, timeouts),
  each with the line it stands on;
* where services listen: the listen options of their ini files (cinder's
  ``osapi_volume_listen``, ...), and the WSGI servers that run them
  (Apache ``Listen`` and ``<VirtualHost>``, uWSGI ``http-socket`` and
  ``http``, nginx ``listen``);
* the endpoints registered (``openstack endpoint create``,
  ``keystone-manage bootstrap``);
* the database and messaging settings the timeout rules compare with.

Facts are plain tuples and dataclasses, so Sphinx can keep them with the
document between builds.
"""

import dataclasses
import os
import re
import urllib.parse

from snippetcheck import console
from snippetcheck import engine
from snippetcheck import placeholders
from snippetcheck.checkers import haproxy as haproxy_checker
from snippetcheck.checkers import ini
from snippetcheck.deployment import services

_TIME = re.compile(r'([0-9]+)(us|ms|s|m|h|d)?\Z')
_UNITS = {'us': 1e-6, 'ms': 1e-3, None: 1e-3, 's': 1, 'm': 60, 'h': 3600,
          'd': 86400}
#: Catalog service names that are not types, and the service they name.
SERVICE_NAMES = {
    'keystone': 'keystone', 'glance': 'glance-api', 'nova': 'nova-api',
    'placement': 'placement', 'neutron': 'neutron',
    'cinderv3': 'cinder-api', 'cinder': 'cinder-api',
    'manilav2': 'manila-api', 'manila': 'manila-api', 'heat': 'heat-api',
    'heat-cfn': 'heat-api-cfn', 'swift': 'swift-proxy', 'aodh': 'aodh-api',
    'gnocchi': 'gnocchi-api', 'octavia': 'octavia-api',
    'barbican': 'barbican-api', 'designate': 'designate-api',
}
_TIMEOUTS = ('client', 'server', 'tunnel', 'connect')


@dataclasses.dataclass(frozen=True)
class Where:
    source: str
    line: int


@dataclasses.dataclass(frozen=True)
class Server:
    name: str
    host: str
    port: int
    where: Where


@dataclasses.dataclass(frozen=True)
class Proxy:
    """A haproxy section: ``defaults``, ``listen``, ``frontend`` or
    ``backend``; timeouts are {name: (seconds, Where)}."""

    kind: str
    name: str
    where: Where
    binds: tuple = ()       # ((host, port, Where), ...)
    servers: tuple = ()     # (Server, ...)
    mode: str = ''
    timeouts: tuple = ()    # ((name, seconds, Where), ...)

    def timeout(self, name):
        for key, seconds, where in self.timeouts:
            if key == name:
                return seconds, where
        return None


@dataclasses.dataclass(frozen=True)
class Listen:
    """Where a service listens, as a snippet says it (host or port None
    when the snippet leaves it to the default)."""

    service: str
    host: str
    port: int
    where: Where
    how: str


@dataclasses.dataclass(frozen=True)
class Endpoint:
    service: str
    interface: str
    url: str
    host: str
    port: int
    where: Where


@dataclasses.dataclass(frozen=True)
class Setting:
    """A database or messaging option the timeout rules compare with."""

    section: str
    option: str
    value: str
    where: Where


@dataclasses.dataclass
class Facts:
    """The facts of one document, in reading order."""

    proxies: list = dataclasses.field(default_factory=list)
    listens: list = dataclasses.field(default_factory=list)
    endpoints: list = dataclasses.field(default_factory=list)
    settings: list = dataclasses.field(default_factory=list)


def seconds(value):
    """haproxy's time format (``90m``, ``10s``, ``5000``) in seconds."""
    match = _TIME.match(value.strip())
    if not match:
        return None
    return int(match.group(1)) * _UNITS[match.group(2)]


def collect(snippets):
    """The Facts of a document's snippets (in reading order)."""
    facts = Facts()
    for snippet in snippets:
        if snippet.alternative or 'all' in snippet.ignore:
            continue
        language = engine.language_of(snippet) or snippet.language
        if language == 'haproxy':
            facts.proxies.extend(_haproxy(snippet))
        elif language == 'ini':
            _ini(snippet, facts)
        elif language == 'console':
            _console(snippet, facts)
        elif language in ('apache', 'apacheconf'):
            facts.listens.extend(_apache(snippet))
        elif language == 'nginx':
            facts.listens.extend(_nginx(snippet))
    return facts


def _where(snippet, line):
    return Where(snippet.source, snippet.line + line - 1)


def split_address(text, default_port=None):
    """(host, port) of ``host:port``, ``[v6]:port``, ``:port`` or
    ``port``; the port None when absent."""
    text = text.strip()
    for prefix in ('ipv4@', 'ipv6@', 'tcp@', 'tcp4@', 'tcp6@'):
        if text.startswith(prefix):
            text = text[len(prefix):]
    if text.startswith('['):
        host, _, rest = text[1:].partition(']')
        port = rest.lstrip(':')
    elif text.count(':') == 1:
        host, _, port = text.partition(':')
    elif text.isdigit():
        host, port = '', text
    else:
        host, port = text, ''
    port = port.split('-')[0]
    return host, int(port) if port.isdigit() else default_port


def _haproxy(snippet):
    proxies = []
    for section in haproxy_checker.parse(snippet.text):
        if section.kind not in ('defaults', 'listen', 'frontend',
                                'backend'):
            continue
        binds, servers, timeouts, mode = [], [], [], ''
        for entry in section.lines:
            words = placeholders.join_placeholders(list(entry.words))
            where = _where(snippet, entry.line)
            if words[0] == 'bind' and len(words) > 1:
                for address in words[1].split(','):
                    host, port = split_address(address)
                    binds.append((host, port, where))
            elif words[0] == 'server' and len(words) > 2:
                host, port = split_address(words[2])
                servers.append(Server(words[1], host, port, where))
            elif words[0] == 'mode' and len(words) > 1:
                mode = words[1]
            elif words[0] == 'timeout' and len(words) > 2 and \
                    words[1] in _TIMEOUTS:
                value = seconds(words[2])
                if value is not None:
                    timeouts.append((words[1], value, where))
        proxies.append(Proxy(section.kind, section.name,
                             _where(snippet, section.line), tuple(binds),
                             tuple(servers), mode, tuple(timeouts)))
    return proxies


def _ini(snippet, facts):
    filename = os.path.basename(snippet.filename)
    parsed = ini.parse(snippet.text, snippet.fragment_section)
    found = {}   # service -> {'host': (value, line), 'port': ...}
    uwsgi = {}
    for section, key, values, line in parsed.assignments:
        value = ' '.join(values).strip()
        where = _where(snippet, line)
        listen = services.listen_option(filename, section, key)
        if listen:
            service, what = listen
            found.setdefault(service, {})[what] = (value, where)
        elif (section, key) in services.TIMEOUT_OPTIONS:
            facts.settings.append(Setting(section, key, value, where))
        elif section == 'uwsgi' and key in ('http-socket', 'http',
                                            'http_socket'):
            uwsgi[key] = (value, where)
    for service, parts in found.items():
        host, host_where = parts.get('host', (None, None))
        port, port_where = parts.get('port', (None, None))
        facts.listens.append(Listen(
            service, host, int(port) if port and port.isdigit() else None,
            host_where or port_where, 'option'))
    for value, where in uwsgi.values():
        host, port = split_address(value)
        service = _service_of_file(snippet.filename) or \
            services.by_port(port)
        if service:
            facts.listens.append(Listen(service, host, port, where,
                                        'uwsgi'))


def _service_of_file(path):
    """The service a WSGI server's file is for, from its path
    (``/etc/httpd/conf.d/wsgi-keystone.conf``,
    ``/etc/cinder/cinder-api-uwsgi.ini``)."""
    name = os.path.basename(path or '').lower()
    best = None
    for service in services.SERVICES:
        short = service.split('-')[0]
        if service in name:
            return service
        if short in name and best is None:
            best = service
    return best


def _apache(snippet):
    listens = []
    service = _service_of_file(snippet.filename)
    for number, raw in enumerate(snippet.text.split('\n'), 1):
        words = raw.split()
        if not words:
            continue
        address = None
        if words[0] == 'Listen' and len(words) > 1:
            address = words[1]
        elif words[0].startswith('<VirtualHost') and len(words) > 1:
            address = words[1].rstrip('>')
        if address is None:
            continue
        host, port = split_address(address)
        listens.append(Listen(service or services.by_port(port) or '',
                              host, port, _where(snippet, number),
                              'apache'))
    return [listen for listen in listens if listen.service]


def _nginx(snippet):
    listens = []
    service = _service_of_file(snippet.filename)
    for number, raw in enumerate(snippet.text.split('\n'), 1):
        words = raw.strip().rstrip(';').split()
        if len(words) > 1 and words[0] == 'listen':
            host, port = split_address(words[1])
            name = service or services.by_port(port)
            if name:
                listens.append(Listen(name, host, port,
                                      _where(snippet, number), 'nginx'))
    return listens


def _console(snippet, facts):
    for command in console.commands(snippet.text, snippet.prompts):
        where = _where(snippet, command.line)
        words = placeholders.join_placeholders(list(command.argv))
        if words[:3] == ['openstack', 'endpoint', 'create']:
            positional = _positionals(words[3:], ('--region',
                                                  '--description'))
            if len(positional) >= 3:
                service_word, interface, url = positional[:3]
                _endpoint(facts, service_word, interface, url, where)
        elif words[:2] == ['keystone-manage', 'bootstrap']:
            for index, word in enumerate(words[:-1]):
                match = re.fullmatch(r'--bootstrap-(admin|internal|public)'
                                     r'-url', word)
                if match:
                    _endpoint(facts, 'identity', match.group(1),
                              words[index + 1], where)


def _positionals(words, with_value):
    found = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word in with_value:
            skip = True
        elif not word.startswith('-'):
            found.append(word)
    return found


def _endpoint(facts, service_word, interface, url, where):
    service = services.by_type(service_word) or \
        SERVICE_NAMES.get(service_word)
    parts = urllib.parse.urlsplit(url if '://' in url else f'http://{url}')
    try:
        port = parts.port
    except ValueError:
        return
    netloc = parts.netloc.rpartition('@')[2]
    host = netloc.rsplit(':', 1)[0] if port else netloc
    if port is None:
        port = 443 if parts.scheme == 'https' else 80
    facts.endpoints.append(Endpoint(service or service_word, interface, url,
                                    host, port, where))
