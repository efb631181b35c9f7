"""What haproxy accepts where: the keyword tables of the haproxy checker.

The facts come from haproxy's configuration manual (doc/configuration.txt),
read in its 2.8 and 3.4 editions and merged so that the tables hold for
haproxy 2.6 up to 3.x: a keyword valid in one of the releases is valid here,
and where the two proxy keyword matrices (section 4.1) disagree about a
section, the more permissive answer is kept.  Keywords the manual describes
but leaves out of its matrix on purpose are added with the sections their
description names.  Removed keywords (``nbproc``, ``option forceclose``,
``contimeout``...) are not listed, as haproxy 2.6 and later reject them.

The tables are written compactly and expanded once, at import:

``PROXY_MATRIX``
    one keyword per line, then one column per proxy section in the order
    defaults, frontend, listen, backend: ``X`` allowed, ``N`` allowed only
    in a *named* defaults section (the manual's "(!)"), ``-`` refused.
    Keywords of two words (``option httpchk``, ``timeout client``) name
    their head and the word after it; ``capture request header`` is kept as
    ``capture request``.

``GLOBAL_KEYWORDS`` and ``SECTION_KEYWORDS``
    whitespace separated keywords, two-word ones joined with ``+``.

Everything else in the package (the checker and the Pygments lexer) reads
the derived structures at the bottom of the module, so the keyword lists
have a single source.
"""

#: Sections and whether their header needs a name: 'required', 'optional'
#: or 'none'.
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

PROXY_SECTIONS = ('defaults', 'frontend', 'listen', 'backend')

#: Section 4.1 of the manual, 2.8 and 3.4 merged (see the module docstring).
PROXY_MATRIX = """
acl                                       N X X X
backlog                                   X X X -
balance                                   X - X X
bind                                      - X X -
capture cookie                            - X X -
capture request                           - X X -
capture response                          - X X -
clitcpka-cnt                              X X X -
clitcpka-idle                             X X X -
clitcpka-intvl                            X X X -
compression                               X X X X
cookie                                    X - X X
crt                                       - X X -
declare capture                           - X X -
default-server                            X - X X
default_backend                           X X X -
description                               - X X X
disabled                                  X X X X
dispatch                                  - - X X
dynamic-cookie-key                        X - X X
email-alert from                          X X X X
email-alert level                         X X X X
email-alert mailers                       X X X X
email-alert myhostname                    X X X X
email-alert to                            X X X X
enabled                                   X X X X
errorfile                                 X X X X
errorfiles                                X X X X
errorloc                                  X X X X
errorloc302                               X X X X
errorloc303                               X X X X
error-log-format                          X X X -
external-check command                    X - X X
external-check path                       X - X X
filter                                    - X X X
force-be-switch                           - X X -
force-persist                             - - X X
fullconn                                  X - X X
guid                                      - X X X
hash-balance-factor                       X - X X
hash-preserve-affinity                    X - X X
hash-type                                 X - X X
http-after-response                       N X X X
http-check comment                        X - X X
http-check connect                        X - X X
http-check disable-on-404                 X - X X
http-check expect                         X - X X
http-check send                           X - X X
http-check send-state                     X - X X
http-check set-var                        X - X X
http-check unset-var                      X - X X
http-error                                X X X X
http-request                              N X X X
http-response                             N X X X
http-reuse                                X - X X
http-send-name-header                     X - X X
id                                        - X X X
ignore-persist                            - - X X
load-server-state-from-file               X - X X
log                                       X X X X
log-format                                X X X -
log-format-sd                             X X X -
log-steps                                 X X X -
log-tag                                   X X X X
max-keep-alive-queue                      X - X X
max-session-srv-conns                     X X X -
maxconn                                   X X X -
mode                                      X X X X
monitor fail                              - X X -
monitor-uri                               X X X -
option abortonclose                       X X X X
option accept-invalid-http-request        X X X -
option accept-invalid-http-response       X - X X
option accept-unsafe-violations-in-http-request   X X X -
option accept-unsafe-violations-in-http-response  X - X X
option allbackups                         X - X X
option checkcache                         X - X X
option clitcpka                           X X X -
option contstats                          X X X -
option disable-h2-upgrade                 X X X -
option dontlog-normal                     X X X -
option dontlognull                        X X X -
option external-check                     X - X X
option forwarded                          X - X X
option forwardfor                         X X X X
option h1-case-adjust-bogus-client        X X X -
option h1-case-adjust-bogus-server        X - X X
option http-buffer-request                X X X X
option http-drop-request-trailers         X - X X
option http-drop-response-trailers        X X X -
option http-ignore-probes                 X X X -
option http-keep-alive                    X X X X
option http-no-delay                      X X X X
option http-pretend-keepalive             X - X X
option http-restrict-req-hdr-names        X X X X
option http-server-close                  X X X X
option http-use-proxy-header              X X X -
option httpchk                            X - X X
option httpclose                          X X X X
option httplog                            X X X -
option httpslog                           X X X -
option idle-close-on-response             X X X -
option independent-streams                X X X X
option ldap-check                         X - X X
option log-health-checks                  X - X X
option log-separate-errors                X X X -
option logasap                            X X X -
option mysql-check                        X - X X
option nolinger                           X X X X
option originalto                         X X X X
option persist                            X - X X
option pgsql-check                        X - X X
option prefer-last-server                 X - X X
option redis-check                        X - X X
option redispatch                         X - X X
option smtpchk                            X - X X
option socket-stats                       X X X -
option splice-auto                        X X X X
option splice-request                     X X X X
option splice-response                    X X X X
option spop-check                         X - X X
option srvtcpka                           X - X X
option ssl-hello-chk                      X - X X
option tcp-check                          X - X X
option tcp-smart-accept                   X X X -
option tcp-smart-connect                  X - X X
option tcpka                              X X X X
option tcplog                             X X X X
option transparent                        X - X X
persist rdp-cookie                        X - X X
quic-initial                              N X X -
rate-limit sessions                       X X X -
redirect                                  - X X X
retries                                   X - X X
retry-on                                  X - X X
server                                    - - X X
server-state-file-name                    X - X X
server-template                           - - X X
source                                    X - X X
srvtcpka-cnt                              X - X X
srvtcpka-idle                             X - X X
srvtcpka-intvl                            X - X X
ssl-f-use                                 - X X -
stats admin                               - X X X
stats auth                                X X X X
stats enable                              X X X X
stats hide-version                        X X X X
stats http-request                        - X X X
stats realm                               X X X X
stats refresh                             X X X X
stats scope                               X X X X
stats show-desc                           X X X X
stats show-legends                        X X X X
stats show-node                           X X X X
stats uri                                 X X X X
stick match                               - - X X
stick on                                  - - X X
stick store-request                       - - X X
stick store-response                      - - X X
stick-table                               - X X X
tcp-check comment                         X - X X
tcp-check connect                         X - X X
tcp-check expect                          X - X X
tcp-check send                            X - X X
tcp-check send-binary                     X - X X
tcp-check send-binary-lf                  X - X X
tcp-check send-lf                         X - X X
tcp-check set-var                         X - X X
tcp-check unset-var                       X - X X
tcp-request connection                    N X X -
tcp-request content                       N X X X
tcp-request inspect-delay                 N X X X
tcp-request session                       N X X -
tcp-response content                      N - X X
tcp-response inspect-delay                N - X X
timeout check                             X - X X
timeout client                            X X X -
timeout client-fin                        X X X -
timeout client-hs                         X X X -
timeout connect                           X - X X
timeout http-keep-alive                   X X X X
timeout http-request                      X X X X
timeout queue                             X - X X
timeout server                            X - X X
timeout server-fin                        X - X X
timeout tarpit                            X X X X
timeout tunnel                            X - X X
transparent                               X - X X
unique-id-format                          X X X -
unique-id-header                          X X X -
use-fcgi-app                              - - X X
use-server                                - - X X
use_backend                               - X X -
"""

#: Section 3 of the manual (3.1 to 3.4), the lists of 2.8 and 3.4 and the
#: keywords described there but missing from those lists.
GLOBAL_KEYWORDS = """
51degrees-allow-unmatched 51degrees-cache-size 51degrees-data-file
51degrees-difference 51degrees-drift 51degrees-property-name-list
51degrees-property-separator 51degrees-use-performance-graph
51degrees-use-predictive-graph
acme.scheduler anonkey
busy-polling
ca-base chroot close-spread-time cluster-secret cpu-affinity cpu-map
cpu-policy cpu-set crt-base
daemon debug.counters default-path description deviceatlas-json-file
deviceatlas-log-level deviceatlas-properties-cookie deviceatlas-separator
dns-accept-family
expose-deprecated-directives expose-experimental-directives external-check
fd-hard-limit force-cfg-parser-pause
gid grace group
h1-accept-payload-with-any-method h1-case-adjust h1-case-adjust-file
h1-do-not-close-on-insecure-transfer-encoding
h2-workaround-bogus-websocket-clients hard-stop-after
harden.reject-privileged-ports.quic harden.reject-privileged-ports.tcp
http-err-codes http-fail-codes
httpclient.resolvers.disabled httpclient.resolvers.id
httpclient.resolvers.prefer httpclient.retries httpclient.ssl.ca-file
httpclient.ssl.verify httpclient.timeout.connect
insecure-fork-wanted insecure-setuid-wanted issuers-chain-path
key-base
limited-quic localpeer log log-send-hostname log-tag lua-load
lua-load-per-thread lua-prepend-path
master-worker max-spread-checks max-thread-per-group max-threads-per-group
maxcompcpuusage maxcomprate maxconn maxconnrate maxpipes maxsessrate
maxsslconn maxsslrate maxzlibmem mworker-max-reloads
nbthread no-memory-trimming node noepoll noevports nogetaddrinfo nokqueue
noktls nopoll noreuseport nosplice numa-cpu-mapping
ocsp-update.disable ocsp-update.httpproxy ocsp-update.maxdelay
ocsp-update.mindelay ocsp-update.mode
pidfile pp2-never-send-local prealloc-fd presetenv profiling.memory
profiling.tasks
quick-exit quiet
resetenv
server-state-base server-state-file set-dumpable set-var set-var-fmt setcap
setenv shm-stats-file shm-stats-file-max-objects spread-checks
ssl-default-bind-ciphers ssl-default-bind-ciphersuites
ssl-default-bind-client-sigalgs ssl-default-bind-curves
ssl-default-bind-options ssl-default-bind-sigalgs ssl-default-server-ciphers
ssl-default-server-ciphersuites ssl-default-server-client-sigalgs
ssl-default-server-curves ssl-default-server-options
ssl-default-server-sigalgs ssl-dh-param-file ssl-engine
ssl-load-extra-del-ext ssl-load-extra-files ssl-mode-async
ssl-passphrase-cmd ssl-propquery ssl-provider ssl-provider-path
ssl-security-level ssl-server-verify ssl-skip-self-issued-ca
stats+maxconn stats+socket stats+timeout stats-file stress-level
strict-limits
thread-group thread-groups thread-hard-limit
tune.applet.zero-copy-forwarding tune.buffers.limit tune.buffers.reserve
tune.bufsize tune.bufsize.large tune.bufsize.small tune.comp.maxlevel
tune.defaults.purge tune.disable-fast-forward
tune.disable-zero-copy-forwarding tune.epoll.mask-events
tune.events.max-events-at-once tune.fail-alloc tune.fd.edge-triggered
tune.glitches.kill.cpu-usage tune.h1.be.glitches-threshold
tune.h1.fe.glitches-threshold tune.h1.zero-copy-fwd-recv
tune.h1.zero-copy-fwd-send tune.h2.be.glitches-threshold
tune.h2.be.initial-window-size tune.h2.be.max-concurrent-streams
tune.h2.be.rxbuf tune.h2.fe.glitches-threshold
tune.h2.fe.initial-window-size tune.h2.fe.max-concurrent-streams
tune.h2.fe.max-total-streams tune.h2.fe.rxbuf tune.h2.header-table-size
tune.h2.initial-window-size tune.h2.max-concurrent-streams
tune.h2.max-frame-size tune.h2.zero-copy-fwd-send tune.http.cookielen
tune.http.logurilen tune.http.maxhdr tune.idle-pool.shared tune.idletimer
tune.listener.default-shards tune.listener.multi-queue
tune.lua.bool-sample-conversion tune.lua.burst-timeout
tune.lua.forced-yield tune.lua.log.loggers tune.lua.log.stderr
tune.lua.maxmem tune.lua.service-timeout tune.lua.session-timeout
tune.lua.task-timeout tune.max-checks-per-thread tune.max-rules-at-once
tune.maxaccept tune.maxpollevents tune.maxrewrite tune.memory.hot-size
tune.notsent-lowat.client tune.notsent-lowat.server tune.pattern.cache-size
tune.peers.max-updates-at-once tune.pipesize tune.pool-high-fd-ratio
tune.pool-low-fd-ratio tune.pt.zero-copy-forwarding
tune.quic.be.cc.cubic-min-losses tune.quic.be.cc.hystart
tune.quic.be.cc.max-frame-loss tune.quic.be.cc.max-win-size
tune.quic.be.cc.reorder-ratio tune.quic.be.max-idle-timeout
tune.quic.be.sec.glitches-threshold tune.quic.be.stream.data-ratio
tune.quic.be.stream.max-concurrent tune.quic.be.stream.rxbuf
tune.quic.be.tx.pacing tune.quic.be.tx.udp-gso tune.quic.cc-hystart
tune.quic.cc.cubic.min-losses tune.quic.disable-tx-pacing
tune.quic.disable-udp-gso tune.quic.fe.cc.cubic-min-losses
tune.quic.fe.cc.hystart tune.quic.fe.cc.max-frame-loss
tune.quic.fe.cc.max-win-size tune.quic.fe.cc.reorder-ratio
tune.quic.fe.max-idle-timeout tune.quic.fe.sec.glitches-threshold
tune.quic.fe.sec.retry-threshold tune.quic.fe.sock-per-conn
tune.quic.fe.stream.data-ratio tune.quic.fe.stream.max-concurrent
tune.quic.fe.stream.rxbuf tune.quic.fe.tx.pacing tune.quic.fe.tx.udp-gso
tune.quic.frontend.conn-tx-buffers.limit
tune.quic.frontend.default-max-window-size
tune.quic.frontend.glitches-threshold tune.quic.frontend.max-data-size
tune.quic.frontend.max-idle-timeout tune.quic.frontend.max-streams-bidi
tune.quic.frontend.max-tx-mem tune.quic.frontend.stream-data-ratio
tune.quic.listen tune.quic.max-frame-loss tune.quic.mem.tx-max
tune.quic.reorder-ratio tune.quic.retry-threshold tune.quic.socket-owner
tune.quic.zero-copy-fwd-send
tune.rcvbuf.backend tune.rcvbuf.client tune.rcvbuf.frontend
tune.rcvbuf.server tune.recv_enough tune.renice.runtime tune.renice.startup
tune.ring.queues tune.runqueue-depth tune.sched.low-latency
tune.sndbuf.backend tune.sndbuf.client tune.sndbuf.frontend
tune.sndbuf.server tune.ssl.cachesize tune.ssl.capture-buffer-size
tune.ssl.capture-cipherlist-size tune.ssl.certificate-compression
tune.ssl.default-dh-param tune.ssl.force-private-cache
tune.ssl.hard-maxrecord tune.ssl.keylog tune.ssl.lifetime tune.ssl.maxrecord
tune.ssl.ocsp-update.maxdelay tune.ssl.ocsp-update.mindelay
tune.ssl.ssl-ctx-cache-size tune.stick-counters
tune.takeover-other-tg-connections tune.vars.global-max-size
tune.vars.proc-max-size tune.vars.reqres-max-size tune.vars.sess-max-size
tune.vars.txn-max-size tune.zlib.memlevel tune.zlib.windowsize
uid ulimit-n unix-bind unsetenv user
warn-blocked-traffic-after wurfl-cache-size wurfl-data-file
wurfl-information-list wurfl-information-list-separator wurfl-patch-file
zero-warning
"""

#: The other sections (manual sections 3.4 to 3.10 of 2.8; 5.3.2, 6.2.1,
#: 10.1.1, 11.2 and 12 of 3.4; log-profile from 3.1's section 8.3.5).
SECTION_KEYWORDS = {
    'peers': 'bind default-bind default-server disabled enabled log peer '
             'server shards table',
    'resolvers': 'accepted_payload_size hold nameserver parse-resolv-conf '
                 'resolve_retries timeout+resolve timeout+retry',
    'userlist': 'group user',
    'mailers': 'mailer timeout+mail',
    'program': 'command group user option+start-on-reload',
    'http-errors': 'errorfile',
    'ring': 'backing-file description format maxlen server size '
            'timeout+connect timeout+server',
    'cache': 'max-age max-object-size max-secondary-entries process-vary '
             'total-max-size',
    'log-forward': 'backlog bind dgram-bind log maxconn timeout+client '
                   'option+assume-rfc6587-ntf option+dont-parse-log '
                   'option+host',
    'log-profile': 'log-tag on',
    'fcgi-app': 'acl docroot index log-stderr pass-header path-info '
                'set-param option+get-values option+keep-conn '
                'option+max-reqs option+mpxs-conns',
    'crt-store': 'crt-base key-base load',
    'traces': 'trace',
    'acme': 'account-key bits challenge contact curves directory keytype '
            'map reuse-key',
}

#: Preprocessor-like directives (manual section 2.4), valid on any line.
DIRECTIVES = frozenset((
    '.if', '.elif', '.else', '.endif', '.diag', '.notice', '.warning',
    '.alert',
))

#: "mode" values: tcp, http, log (2.9+) and spop (3.1+).
MODES = frozenset(('tcp', 'http', 'log', 'spop'))

#: Parameters of "server", "default-server" and "server-template" lines
#: (manual section 5.2), used to tell a missing address from a present one.
_SERVER_PARAMS = """
addr agent-addr agent-check agent-inter agent-port agent-send allow-0rtt
alpn backup ca-file check check-alpn check-pool-conn-name check-proto
check-reuse-pool check-send-proxy check-sni check-sni-auto check-ssl
check-via-socks4 ciphers ciphersuites client-sigalgs cookie crl-file crt
curves disabled downinter enabled error-limit fall fastinter force-sslv3
force-tlsv10 force-tlsv11 force-tlsv12 force-tlsv13 guid hash-key id
idle-ping init-addr init-state inter log-bufsize log-proto maxconn
max-reuse maxqueue minconn namespace no-agent-check no-backup no-check
no-check-ssl no-send-proxy no-send-proxy-v2 no-send-proxy-v2-ssl
no-send-proxy-v2-ssl-cn no-sni-auto no-ssl no-ssl-reuse no-sslv3
no-tls-tickets no-tlsv10 no-tlsv11 no-tlsv12 no-tlsv13 no-tfo
no-verifyhost non-stick npn observe on-error on-marked-down on-marked-up
pool-conn-name pool-low-conn pool-max-conn pool-purge-delay port proto
quic-cc-algo redir resolve-net resolve-opts resolve-prefer resolvers rise
send-proxy send-proxy-v2 send-proxy-v2-ssl send-proxy-v2-ssl-cn
set-proxy-v2-tlv-fmt shard sigalgs slowstart sni sni-auto socks4 source
ssl ssl-max-ver ssl-min-ver ssl-reuse stick strict-maxconn tcp-md5sig
tcp-ut tfo tls-tickets track verify verifyhost weight ws
"""
SERVER_PARAMS = frozenset(_SERVER_PARAMS.split())

#: Server parameters whose value is a time (manual sections 2.5 and 5.2).
SERVER_TIME_PARAMS = frozenset((
    'inter', 'fastinter', 'downinter', 'slowstart', 'agent-inter',
    'pool-purge-delay', 'tcp-ut',
))


# -- derived structures ----------------------------------------------------

def _expand():
    """Expand the compact tables into ``{section: {keyword: flag}}``.

    The flag is 'X' (allowed) or 'N' (allowed in named defaults only).
    A listen section has both the frontend and the backend capabilities, so
    whatever either of them accepts, a listen accepts too.
    """
    table = {kind: {} for kind in SECTIONS}
    for row in PROXY_MATRIX.strip().split('\n'):
        words = row.split()
        flags = words[-4:]
        keyword = ' '.join(words[:-4])
        for kind, flag in zip(PROXY_SECTIONS, flags, strict=True):
            if flag != '-':
                table[kind][keyword] = flag
        if keyword in table['frontend'] or keyword in table['backend']:
            table['listen'][keyword] = 'X'
    for keyword in GLOBAL_KEYWORDS.split():
        table['global'][keyword.replace('+', ' ')] = 'X'
    for kind, keywords in SECTION_KEYWORDS.items():
        for keyword in keywords.split():
            table[kind][keyword.replace('+', ' ')] = 'X'
    return table


#: ``{section: {keyword: 'X' or 'N'}}``; two-word keywords hold a space.
KEYWORDS = _expand()

#: ``{section: frozenset of first words that need a second one}``.
HEADS = {
    kind: frozenset(key.split(' ', 1)[0] for key in keys if ' ' in key)
    for kind, keys in KEYWORDS.items()
}

#: ``{keyword: frozenset of sections that accept it}``, over all sections.
WHERE = {}
for _kind, _keys in KEYWORDS.items():
    for _key in _keys:
        WHERE.setdefault(_key, set()).add(_kind)
WHERE = {key: frozenset(kinds) for key, kinds in WHERE.items()}
del _kind, _keys, _key

#: Every first word of every keyword, for the lexer.
FIRST_WORDS = frozenset(key.split(' ', 1)[0] for key in WHERE)

#: Every word that follows "option" or "timeout" somewhere.
OPTION_NAMES = frozenset(
    key.split(' ', 1)[1] for key in WHERE if key.startswith('option '))
TIMEOUT_NAMES = frozenset(
    key.split(' ', 1)[1] for key in WHERE if key.startswith('timeout '))
