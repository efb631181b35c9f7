"""What the haproxy checker knows by hand, one row per keyword.

Where a keyword may stand in the proxy sections and in ``global`` comes
from the generated data (:mod:`snippetcheck.tooldata`: the 2.6 and 3.4
configuration manuals, and ``haproxy -dKall`` for the ``server`` line
options); :mod:`snippetcheck.checkers.haproxy.specs` merges it with the
rows below into one spec per keyword.  Everything here is by hand because
no tool says it:

* the sections and whether their header needs a name, and which keywords
  the sections other than the proxies and ``global`` take (peers,
  resolvers, userlist...): the manual describes them in prose, one
  section each, and has no table of them; ``haproxy -dK`` dumps only the
  keywords registered in tables, not those parsed inline;
* how many arguments a keyword needs, and whether an argument is a time,
  a number or something the checker judges otherwise (``kind``): haproxy
  parses the arguments of these keywords in its own code, and neither the
  manual's tables nor ``-dK`` count them (the counts follow the manual's
  syntax lines);
* what to write when an argument is missing (``what`` and ``example``),
  which are the checker's messages.

A row is ``row(keyword, arguments, kind, time=INDEX, what=..., example=...,
sections=...)``: *time* is the index (after the keyword) of an argument
that is a time, *sections* the sections other than the proxies and
``global`` where the keyword stands too.  A keyword whose argument is
judged needs it: a row with a *kind* that reads the first argument, or a
*time*, counts that argument (``tests/test_haproxy_specs.py`` holds
every row to it).
"""

import typing

#: Sections and whether their header needs a name: 'required', 'optional'
#: or 'none' (manual sections 3 and 4, and one section each for the rest).
SECTIONS = {
    'global': 'none',
    'defaults': 'optional',
    'frontend': 'required',
    'backend': 'required',
    'listen': 'required',
    'peers': 'required',
    'resolvers': 'required',
    'userlist': 'required',
    'mailers': 'required',
    'program': 'required',
    'http-errors': 'required',
    'ring': 'required',
    'cache': 'required',
    'log-forward': 'required',
    'log-profile': 'required',
    'fcgi-app': 'required',
    'crt-store': 'optional',
    'traces': 'none',
    'acme': 'required',
}

#: The sections of the manual's proxy keyword matrix, in its order.
PROXY_SECTIONS = ('defaults', 'frontend', 'listen', 'backend')

#: Preprocessor-like directives (manual section 2.4), valid on any line.
DIRECTIVES = frozenset((
    '.if', '.elif', '.else', '.endif', '.diag', '.notice', '.warning',
    '.alert',
))

#: "mode" values: tcp, http, log (2.9+) and spop (3.1+).
MODES = frozenset(('tcp', 'http', 'log', 'spop'))

#: Options of "server" lines whose value is a time (manual sections 2.5
#: and 5.2; ``-dK`` says only that they take one argument).
SERVER_TIME_PARAMS = frozenset((
    'inter', 'fastinter', 'downinter', 'slowstart', 'agent-inter',
    'pool-purge-delay', 'tcp-ut',
))

# How the arguments of a keyword are judged (see .arguments).
NUMBER = 'number'       # the first argument is a number
MODE = 'mode'           # the first argument is one of MODES
BIND = 'bind'           # the first argument is addresses with a port
SERVER = 'server'       # a name, then an address, then server options
TABLE = 'table'         # a stick table; its "expire" takes a time
BACKEND = 'backend'     # the first argument names a backend


class Row(typing.NamedTuple):
    """The facts of one keyword that no tool gives."""

    key: str
    args: int = 0
    kind: str = None
    time: int = None
    what: str = ''
    example: str = ''
    sections: tuple = ()
    time_or: str = ''      # a word accepted in place of the time


def row(key, args=0, kind=None, *, time=None, what='', example='',
        sections='', time_or=''):
    return Row(key, args, kind, time, what, example,
               tuple(sections.split()), time_or)


def family(key):
    """The row of a keyword that has none of its own but belongs to a
    family: every "timeout" takes a time (manual section 2.5)."""
    if key.startswith('timeout '):
        return row(key, 1, time=0, what='a time', example=f'{key} 30s')
    return None


ROWS = (
    # -- proxy keywords (their proxy sections: the manuals' matrix) ------
    row('acl', 2, what='a name and a criterion',
        example='acl is_api path_beg /api', sections='fcgi-app'),
    row('backlog', 1, NUMBER, what='a number', example='backlog 1024',
        sections='log-forward'),
    row('balance', 1, what='an algorithm', example='balance roundrobin'),
    row('bind', 1, BIND, what='an address and port',
        example='bind 10.0.0.10:80', sections='peers log-forward'),
    row('clitcpka-idle', 1, time=0),
    row('clitcpka-intvl', 1, time=0),
    row('compression', 1),
    row('cookie', 1, what='a cookie name',
        example='cookie SERVERID insert indirect nocache'),
    row('default-server', 0, SERVER, sections='peers'),
    row('default_backend', 1, BACKEND, what='a backend name',
        example='default_backend app'),
    row('description', sections='ring'),
    row('disabled', sections='peers'),
    row('dispatch', 1),
    row('enabled', sections='peers'),
    row('errorfile', 2, what='a status code and a file',
        example='errorfile 503 /etc/haproxy/errors/503.http',
        sections='http-errors'),
    row('errorfiles', 1),
    row('errorloc', 2),
    row('errorloc302', 2),
    row('errorloc303', 2),
    row('external-check command', 1),
    row('external-check path', 1),
    row('filter', 1),
    row('force-persist', 2),
    row('fullconn', 1, NUMBER, what='a number', example='fullconn 1000'),
    row('guid', 1),
    row('hash-balance-factor', 1, NUMBER),
    row('hash-type', 1, what='a method', example='hash-type consistent'),
    row('http-after-response', 1, what='an action',
        example='http-after-response set-header X-Id %[uuid]'),
    row('http-check expect', 2),
    row('http-request', 1, what='an action',
        example='http-request deny if blocked'),
    row('http-response', 1, what='an action',
        example='http-response del-header Server'),
    row('http-reuse', 1),
    row('id', 1),
    row('ignore-persist', 2),
    row('log', 1, what='a target, or "global"', example='log global',
        sections='peers log-forward'),
    row('log-format', 1),
    row('log-tag', 1, sections='log-profile'),
    row('max-keep-alive-queue', 1),
    row('maxconn', 1, NUMBER, what='a number', example='maxconn 4000',
        sections='log-forward'),
    row('mode', 1, MODE, what='a value: tcp, http, log or spop',
        example='mode http'),
    row('monitor fail', 2),
    row('monitor-uri', 1, what='a path', example='monitor-uri /health'),
    row('rate-limit sessions', 1),
    row('redirect', 1),
    row('retries', 1, NUMBER, what='a number', example='retries 3'),
    row('retry-on', 1),
    row('server', 0, SERVER, sections='peers ring'),
    row('server-template', 0, SERVER),
    row('source', 1),
    row('srvtcpka-idle', 1, time=0),
    row('srvtcpka-intvl', 1, time=0),
    row('stats auth', 1, what='a user:password pair',
        example='stats auth admin:secret'),
    row('stats realm', 1, what='a realm',
        example='stats realm HAProxy\\ Statistics'),
    row('stats refresh', 1, time=0, what='a time',
        example='stats refresh 10s'),
    row('stats scope', 1),
    row('stats uri', 1, what='a path', example='stats uri /haproxy?stats'),
    row('stick match', 1),
    row('stick on', 1),
    row('stick store-request', 1),
    row('stick store-response', 1),
    row('stick-table', 2, TABLE, what='a type and a size',
        example='stick-table type ip size 1m expire 30m'),
    row('tcp-check expect', 2),
    row('tcp-request connection', 1),
    row('tcp-request content', 1),
    row('tcp-request inspect-delay', 1, time=0, what='a time',
        example='tcp-request inspect-delay 5s'),
    row('tcp-request session', 1),
    row('tcp-response content', 1),
    row('tcp-response inspect-delay', 1, time=0, what='a time',
        example='tcp-response inspect-delay 5s'),
    row('timeout client', sections='log-forward'),
    row('timeout connect', sections='ring'),
    row('timeout server', sections='ring'),
    row('unique-id-format', 1),
    row('use-fcgi-app', 1),
    row('use-server', 1, what='a server name',
        example='use-server s1 if is_s1'),
    row('use_backend', 1, BACKEND, what='a backend name',
        example='use_backend app if is_app'),

    # -- global keywords (the manuals' lists of section 3) ----------------
    row('ca-base', 1),
    row('chroot', 1, what='a directory', example='chroot /var/lib/haproxy'),
    row('close-spread-time', 1, time=0, time_or='infinite'),
    row('cpu-map', 2),
    row('crt-base', 1, sections='crt-store'),
    row('force-cfg-parser-pause', 1, time=0),
    row('gid', 1, NUMBER, what='a number', example='gid 99'),
    row('grace', 1, time=0),
    row('group', 1, what='a name', example='group haproxy',
        sections='userlist program'),
    row('hard-stop-after', 1, time=0, what='a time',
        example='hard-stop-after 30s'),
    row('httpclient.timeout.connect', 1, time=0),
    row('key-base', sections='crt-store'),
    row('lua-load', 1),
    row('lua-load-per-thread', 1),
    row('max-spread-checks', 1, time=0),
    row('maxconnrate', 1, NUMBER),
    row('maxpipes', 1, NUMBER),
    row('maxsessrate', 1, NUMBER),
    row('maxsslconn', 1, NUMBER),
    row('maxsslrate', 1, NUMBER),
    row('mworker-max-reloads', 1, NUMBER),
    row('nbthread', 1, NUMBER, what='a number', example='nbthread 4'),
    row('node', 1),
    row('pidfile', 1, what='a file', example='pidfile /var/run/haproxy.pid'),
    row('presetenv', 2),
    row('setenv', 2),
    row('spread-checks', 1, NUMBER),
    row('ssl-default-bind-ciphers', 1),
    row('ssl-default-bind-ciphersuites', 1),
    row('ssl-default-server-ciphers', 1),
    row('ssl-default-server-ciphersuites', 1),
    row('ssl-dh-param-file', 1),
    row('stats maxconn', 1, NUMBER, what='a number',
        example='stats maxconn 10'),
    row('stats socket', 1, what='a path or an address',
        example='stats socket /var/lib/haproxy/stats'),
    row('stats timeout', 1, time=0, what='a time',
        example='stats timeout 30s'),
    row('thread-groups', 1, NUMBER),
    row('tune.lua.burst-timeout', 1, time=0),
    row('tune.lua.service-timeout', 1, time=0),
    row('tune.lua.session-timeout', 1, time=0),
    row('tune.lua.task-timeout', 1, time=0),
    row('tune.quic.be.max-idle-timeout', 1, time=0),
    row('tune.quic.fe.max-idle-timeout', 1, time=0),
    row('tune.quic.frontend.max-idle-timeout', 1, time=0),
    row('tune.ssl.lifetime', 1, time=0),
    row('uid', 1, NUMBER, what='a number', example='uid 99'),
    row('ulimit-n', 1, NUMBER, what='a number', example='ulimit-n 65536'),
    row('user', 1, what='a name', example='user haproxy',
        sections='userlist program'),
    row('warn-blocked-traffic-after', 1, time=0),

    # -- the other sections (2.8's sections 3.4 to 3.10; 3.4's 5.3.2,
    # 6.2.1, 10.1.1, 11.2 and 12; log-profile from 3.1's 8.3.5) ----------
    row('account-key', sections='acme'),
    row('bits', sections='acme'),
    row('challenge', sections='acme'),
    row('contact', sections='acme'),
    row('curves', sections='acme'),
    row('directory', 1, sections='acme'),
    row('keytype', sections='acme'),
    row('map', sections='acme'),
    row('reuse-key', sections='acme'),

    row('max-age', 1, sections='cache'),
    row('max-object-size', 1, sections='cache'),
    row('max-secondary-entries', sections='cache'),
    row('process-vary', sections='cache'),
    row('total-max-size', 1, sections='cache'),

    row('load', 1, sections='crt-store'),

    row('docroot', 1, sections='fcgi-app'),
    row('index', sections='fcgi-app'),
    row('log-stderr', sections='fcgi-app'),
    row('option get-values', sections='fcgi-app'),
    row('option keep-conn', sections='fcgi-app'),
    row('option max-reqs', sections='fcgi-app'),
    row('option mpxs-conns', sections='fcgi-app'),
    row('pass-header', sections='fcgi-app'),
    row('path-info', sections='fcgi-app'),
    row('set-param', sections='fcgi-app'),

    row('dgram-bind', 1, BIND, what='an address and port',
        example='dgram-bind 127.0.0.1:514', sections='log-forward'),
    row('option assume-rfc6587-ntf', sections='log-forward'),
    row('option dont-parse-log', sections='log-forward'),
    row('option host', sections='log-forward'),

    row('on', sections='log-profile'),

    row('mailer', 2, what='a name and an address',
        example='mailer smtp1 10.0.0.1:25', sections='mailers'),
    row('timeout mail', sections='mailers'),

    row('default-bind', sections='peers'),
    row('peer', 2, what='a name and an address',
        example='peer node1 10.0.0.11:10000', sections='peers'),
    row('shards', sections='peers'),
    row('table', 1, TABLE, sections='peers'),

    row('command', 1, sections='program'),
    row('option start-on-reload', sections='program'),

    row('accepted_payload_size', 1, NUMBER, sections='resolvers'),
    row('hold', 2, time=1, what='a status and a time',
        example='hold valid 10s', sections='resolvers'),
    row('nameserver', 2, what='a name and an address',
        example='nameserver dns1 10.0.0.1:53', sections='resolvers'),
    row('parse-resolv-conf', sections='resolvers'),
    row('resolve_retries', 1, NUMBER, what='a number',
        example='resolve_retries 3', sections='resolvers'),
    row('timeout resolve', sections='resolvers'),
    row('timeout retry', sections='resolvers'),

    row('backing-file', 1, sections='ring'),
    row('format', 1, sections='ring'),
    row('maxlen', 1, sections='ring'),
    row('size', 1, sections='ring'),

    row('trace', 1, sections='traces'),
)
