"""haproxy.cfg snippets: a small parser, then the judging.

A snippet may be a whole haproxy.cfg or a fragment of one; a ``listen``
block alone is fine.  ``parse`` splits the text into sections and keyword
lines the way haproxy tokenizes them (``#`` comments, blank lines, weak
``"..."`` and strong ``'...'`` quoting, backslash escapes).  It is public so
that a later tier can map ``haproxy -c`` output back to snippet lines.
``check`` judges the parsed sections against the keyword tables of
:mod:`snippetcheck.checkers.haproxy_keywords`, which hold for haproxy 2.6 up
to 3.x.

Rules worth knowing:

* A placeholder (``<Virtual IP>``, ``PUBLIC_VIP``, see
  :mod:`snippetcheck.placeholders`) is accepted wherever a value is
  expected, and an angle-bracket placeholder may contain spaces.  It never
  causes a finding by itself: ``bind <Virtual IP>`` is reported because it
  has no port, ``bind <Virtual IP>:443`` is fine.  Environment variables
  (``$VIP``, ``"${VIP}"``) are accepted like placeholders.
* A line that is only ``...`` stands for omitted lines and is skipped, and
  so are the conditional directives (``.if``, ``.endif``...).
* HAP001 or HAP002: a word haproxy does not know, at the start of a line
  that is not indented, is taken for a misspelled section (HAP001) when it
  resembles a section keyword, or when the snippet indents its keywords
  and the word resembles none of the current section's keywords; the lines
  under it are then not judged.  Otherwise it is an unknown keyword
  (HAP002).  Keywords of the global section that start with ``tune.`` are
  only reported when they resemble a known one, as the tuning knobs change
  with every haproxy release.
* HAP007: two proxies may not share a name, not even a frontend and a
  backend (``FRONTEND_BACKEND_MAY_SHARE_NAME``): the manuals up to 3.2 allow
  that pairing, but haproxy 3.1 and 3.2 warn about it and 3.3 refuses it,
  and the guide's configurations must work on every haproxy from 2.6 on.  Named
  ``defaults`` sections live in their own name space and may even repeat,
  unless a ``from`` in the snippet refers to the repeated name.
* HAP008: ``default_backend`` and ``use_backend`` must name a ``backend`` or
  ``listen`` section of the snippet, as ``haproxy -c`` demands of the file
  the reader writes.  Dynamic names (``%[...]``), placeholders and
  environment variables are not judged.
* HAP009 is reported once, on the first keyword before any section; the
  keywords after it are still checked for spelling.
* HAP012 applies to every section whose name haproxy requires, proxies
  first among them; ``global``, ``traces`` and the optional names of
  ``defaults`` and ``crt-store`` are exempt.

The checker is linear in the size of the snippet, precomputes everything it
can at import, and never raises on any text.
"""

import functools
import re
import typing

from snippetcheck.catalogue import Check
from snippetcheck.checkers import haproxy_keywords as kw
from snippetcheck.findings import Finding
from snippetcheck.findings import closest
from snippetcheck.findings import shorten
from snippetcheck.placeholders import has_placeholder
from snippetcheck.placeholders import is_placeholder

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('HAP001', 'haproxy',
          'Unknown section.',
          'listener web', 'listen web', 'haproxy'),
    Check('HAP002', 'haproxy',
          'Unknown keyword.',
          'listen web\n  balanse roundrobin',
          'listen web\n  balance roundrobin', 'haproxy'),
    Check('HAP003', 'haproxy',
          'A keyword stands in a section where haproxy does not allow it.',
          'frontend web\n  server s1 10.0.0.1:80',
          'backend web\n  server s1 10.0.0.1:80', 'haproxy'),
    Check('HAP004', 'haproxy',
          '"bind" without a port.',
          'listen web\n  bind 10.0.0.10', 'listen web\n  bind 10.0.0.10:80',
          'haproxy'),
    Check('HAP005', 'haproxy',
          '"server" without an address.',
          'backend web\n  server s1 check',
          'backend web\n  server s1 10.0.0.1:80 check', 'haproxy'),
    Check('HAP006', 'haproxy',
          'A time value has an unknown unit.',
          'defaults\n  timeout client 10x',
          'defaults\n  timeout client 10s', 'haproxy'),
    Check('HAP007', 'haproxy',
          'Two proxies have the same name.',
          'listen web\nlisten web', 'listen web\nlisten web2', 'haproxy'),
    Check('HAP008', 'haproxy',
          'default_backend or use_backend names a backend the snippet does '
          'not define.',
          'frontend web\n  default_backend app',
          'frontend web\n  default_backend app\nbackend app', 'haproxy'),
    Check('HAP009', 'haproxy',
          'A keyword stands before any section.',
          'maxconn 4000', 'global\n  maxconn 4000', 'haproxy'),
    Check('HAP010', 'haproxy',
          'Unknown "option" or "timeout" name.',
          'defaults\n  option http-keepalive-on',
          'defaults\n  option http-keep-alive', 'haproxy'),
    Check('HAP011', 'haproxy',
          'A keyword lacks a required argument.',
          'backend web\n  balance', 'backend web\n  balance roundrobin',
          'haproxy'),
    Check('HAP012', 'haproxy',
          'A section that needs a name has none.',
          'listen\n  bind :80', 'listen web\n  bind :80', 'haproxy'),
)


#: haproxy 3.3 refuses a frontend and a backend of the same name; the
#: manuals up to 3.2 accept it.  The guide's configurations must work on
#: every haproxy it covers, so the checker follows the newer rule.
FRONTEND_BACKEND_MAY_SHARE_NAME = False

_PROXIES = frozenset(('frontend', 'backend', 'listen'))
_BACKENDS = frozenset(('backend', 'listen'))
_ELLIPSIS = frozenset(('...', '\u2026', '[...]'))
_TIME = re.compile(r'[0-9]+(?:us|ms|s|m|h|d)?\Z')
_NUMBER = re.compile(r'[0-9]+\Z')
_DIGITS_THEN = re.compile(r'([0-9]+)(.*)\Z', re.DOTALL)
_ESCAPES = {'r': '\r', 'n': '\n', 't': '\t'}
_LONG_QUOTED = re.compile(r'"([^"]{61,})"')
_HEX = frozenset('0123456789abcdefABCDEF')
_NO_PORT_PREFIXES = ('unix', 'abns', 'fd', 'sockpair', 'rhttp', 'uxst',
                     'uxdg')
_ORDER = ('global', 'defaults', 'frontend', 'listen', 'backend')


# -- parsing ----------------------------------------------------------------

class KeywordLine(typing.NamedTuple):
    """One non-blank, non-comment line: its 1-based number, the column of
    its first word, its words as haproxy splits them and the line as
    written."""

    line: int
    column: int
    words: tuple
    text: str


class Section:
    """A section of the snippet.

    ``kind`` is the section keyword (``listen``...), or ``''`` for the
    lines that stand before any section; ``header`` is the line that opened
    the section (``None`` for that leading pseudo-section) and ``lines``
    the keyword lines under it.
    """

    __slots__ = ('header', 'kind', 'line', 'lines', 'name')

    def __init__(self, kind, name, line, header):
        self.kind = kind
        self.name = name
        self.line = line
        self.header = header
        self.lines = []

    def __repr__(self):
        return (f'Section({self.kind!r}, {self.name!r}, line={self.line}, '
                f'lines={len(self.lines)})')


def parse(text):
    """Split haproxy configuration *text* into a list of :class:`Section`.

    Lines before the first section keyword are gathered in a leading
    section of kind ``''``.  Every keyword line keeps its line number, so
    a message of ``haproxy -c`` about a line can be traced to its section.
    """
    sections = []
    current = None
    sectionwords = kw.SECTIONS
    new = tuple.__new__
    number = 0
    for raw in text.split('\n'):
        number += 1
        if '"' in raw or "'" in raw or '\\' in raw:
            words, column = _split_quoted(raw)
            if not words:
                continue
        else:
            hash_ = raw.find('#')
            code = raw if hash_ < 0 else raw[:hash_]
            words = code.split()
            if not words:
                continue
            words = tuple(words)
            column = (len(code) - len(code.lstrip())
                      if code[0].isspace() else 0)
        entry = new(KeywordLine, (number, column, words, raw))
        first = words[0]
        if first in sectionwords:
            current = Section(first, _section_name(words), number, entry)
            sections.append(current)
            continue
        if current is None:
            current = Section('', '', number, None)
            sections.append(current)
        current.lines.append(entry)
    return sections


def split_line(raw):
    """Return the words of one line and the column of the first one."""
    if '"' in raw or "'" in raw or '\\' in raw:
        return _split_quoted(raw)
    hash_ = raw.find('#')
    if hash_ >= 0:
        raw = raw[:hash_]
    words = raw.split()
    if not words:
        return (), 0
    return tuple(words), len(raw) - len(raw.lstrip())


def _split_quoted(raw):
    """The slow path of :func:`split_line`, for lines with quotes or
    backslashes."""
    words = []
    buf = []
    in_word = False
    quote = ''
    index = 0
    end = len(raw)
    while index < end:
        char = raw[index]
        index += 1
        if quote == "'":
            if char == "'":
                quote = ''
            else:
                buf.append(char)
            continue
        if char == '\\' and index < end:
            in_word = True
            following = raw[index]
            index += 1
            if following in _ESCAPES:
                buf.append(_ESCAPES[following])
            elif (following == 'x' and index + 1 < end
                  and raw[index] in _HEX and raw[index + 1] in _HEX):
                buf.append(chr(int(raw[index:index + 2], 16)))
                index += 2
            elif following in '\\"\'# $':
                buf.append(following)
            else:
                buf.append('\\')
                buf.append(following)
            continue
        if quote:
            if char == '"':
                quote = ''
            else:
                buf.append(char)
            continue
        if char == '"' or char == "'":
            quote = char
            in_word = True
        elif char == '#':
            break
        elif char.isspace():
            if in_word:
                words.append(''.join(buf))
                buf = []
                in_word = False
        else:
            buf.append(char)
            in_word = True
    if in_word:
        words.append(''.join(buf))
    if not words:
        return (), 0
    return tuple(words), len(raw) - len(raw.lstrip())


def _section_name(words):
    if len(words) < 2:
        return ''
    if words[0] == 'defaults' and words[1] == 'from':
        return ''
    return words[1]


def _join_angles(words):
    """Join the words of an angle-bracket placeholder split at its spaces
    (``<Virtual``, ``IP>:443`` become ``<Virtual IP>:443``)."""
    count = len(words)
    closes = [-1] * count          # index of the next word holding a '>'
    following = -1
    for index in range(count - 1, -1, -1):
        closes[index] = following
        if '>' in words[index]:
            following = index
    joined = []
    index = 0
    while index < count:
        word = words[index]
        if '<' in word and word.rfind('<') > word.rfind('>'):
            close = closes[index]
            if close > index:
                joined.append(' '.join(words[index:close + 1]))
                index = close + 1
                continue
        joined.append(word)
        index += 1
    return tuple(joined)


# -- judging -----------------------------------------------------------------

def check(snippet, document):
    return judge(parse(snippet.text))


def judge(sections):
    """Return the findings for parsed *sections* (see :func:`parse`)."""
    return _Judge(sections).run()


def _quote_list(items):
    items = [f'"{item}"' for item in items]
    if len(items) < 2:
        return ''.join(items)
    return ', '.join(items[:-1]) + ' or ' + items[-1]


def _kinds(kinds):
    ordered = [kind for kind in _ORDER if kind in kinds]
    ordered += sorted(kind for kind in kinds if kind not in _ORDER)
    if len(ordered) < 2:
        return ''.join(ordered)
    return ', '.join(ordered[:-1]) + ' or ' + ordered[-1]


def _suggest(word, candidates, cutoff=0.6):
    return closest(word, candidates, cutoff) or ''


def _free(value):
    """Whether *value* is a placeholder or an environment variable, which
    the checker accepts anywhere."""
    if '$' in value:
        return True
    if '<' not in value and value == value.lower():
        return False
    return has_placeholder(value)


_HINTS = {
    'balance': ('an algorithm', 'balance roundrobin'),
    'mode': ('a value: tcp, http, log or spop', 'mode http'),
    'maxconn': ('a number', 'maxconn 4000'),
    'retries': ('a number', 'retries 3'),
    'fullconn': ('a number', 'fullconn 1000'),
    'backlog': ('a number', 'backlog 1024'),
    'default_backend': ('a backend name', 'default_backend app'),
    'use_backend': ('a backend name', 'use_backend app if is_app'),
    'bind': ('an address and port', 'bind 10.0.0.10:80'),
    'dgram-bind': ('an address and port', 'dgram-bind 127.0.0.1:514'),
    'acl': ('a name and a criterion', 'acl is_api path_beg /api'),
    'cookie': ('a cookie name', 'cookie SERVERID insert indirect nocache'),
    'errorfile': ('a status code and a file',
                  'errorfile 503 /etc/haproxy/errors/503.http'),
    'hash-type': ('a method', 'hash-type consistent'),
    'http-request': ('an action', 'http-request deny if blocked'),
    'http-response': ('an action', 'http-response del-header Server'),
    'http-after-response': ('an action',
                            'http-after-response set-header X-Id %[uuid]'),
    'monitor-uri': ('a path', 'monitor-uri /health'),
    'log': ('a target, or "global"', 'log global'),
    'stick-table': ('a type and a size',
                    'stick-table type ip size 1m expire 30m'),
    'use-server': ('a server name', 'use-server s1 if is_s1'),
    'chroot': ('a directory', 'chroot /var/lib/haproxy'),
    'pidfile': ('a file', 'pidfile /var/run/haproxy.pid'),
    'user': ('a name', 'user haproxy'),
    'group': ('a name', 'group haproxy'),
    'uid': ('a number', 'uid 99'),
    'gid': ('a number', 'gid 99'),
    'nbthread': ('a number', 'nbthread 4'),
    'ulimit-n': ('a number', 'ulimit-n 65536'),
    'hard-stop-after': ('a time', 'hard-stop-after 30s'),
    'stats socket': ('a path or an address',
                     'stats socket /var/lib/haproxy/stats'),
    'stats timeout': ('a time', 'stats timeout 30s'),
    'stats maxconn': ('a number', 'stats maxconn 10'),
    'stats uri': ('a path', 'stats uri /haproxy?stats'),
    'stats auth': ('a user:password pair', 'stats auth admin:secret'),
    'stats realm': ('a realm', 'stats realm HAProxy\\ Statistics'),
    'stats refresh': ('a time', 'stats refresh 10s'),
    'tcp-request inspect-delay': ('a time', 'tcp-request inspect-delay 5s'),
    'tcp-response inspect-delay': ('a time',
                                   'tcp-response inspect-delay 5s'),
    'nameserver': ('a name and an address',
                   'nameserver dns1 10.0.0.1:53'),
    'hold': ('a status and a time', 'hold valid 10s'),
    'resolve_retries': ('a number', 'resolve_retries 3'),
    'peer': ('a name and an address', 'peer node1 10.0.0.11:10000'),
    'mailer': ('a name and an address', 'mailer smtp1 10.0.0.1:25'),
}

#: Keywords and how many arguments they need at least.
_MIN_ARGS = {
    'balance': 1, 'mode': 1, 'maxconn': 1, 'retries': 1, 'fullconn': 1,
    'backlog': 1, 'default_backend': 1, 'use_backend': 1, 'bind': 1,
    'dgram-bind': 1, 'acl': 2, 'cookie': 1, 'errorfile': 2, 'errorloc': 2,
    'errorloc302': 2, 'errorloc303': 2, 'errorfiles': 1, 'hash-type': 1,
    'http-request': 1, 'http-response': 1, 'http-after-response': 1,
    'tcp-request connection': 1, 'tcp-request content': 1,
    'tcp-request session': 1, 'tcp-request inspect-delay': 1,
    'tcp-response content': 1, 'tcp-response inspect-delay': 1,
    'monitor-uri': 1, 'monitor fail': 2, 'log': 1, 'log-format': 1,
    'unique-id-format': 1, 'stick-table': 2, 'use-server': 1,
    'use-fcgi-app': 1, 'dispatch': 1, 'source': 1, 'http-reuse': 1,
    'retry-on': 1, 'redirect': 1, 'filter': 1, 'compression': 1,
    'id': 1, 'guid': 1, 'log-tag': 1, 'max-keep-alive-queue': 1,
    'rate-limit sessions': 1, 'force-persist': 2, 'ignore-persist': 2,
    'stats uri': 1, 'stats auth': 1, 'stats realm': 1, 'stats refresh': 1,
    'stats scope': 1, 'stats socket': 1, 'stats timeout': 1,
    'stats maxconn': 1, 'stick on': 1, 'stick match': 1,
    'stick store-request': 1, 'stick store-response': 1,
    'external-check command': 1, 'external-check path': 1,
    'http-check expect': 2, 'tcp-check expect': 2,
    'chroot': 1, 'pidfile': 1, 'user': 1, 'group': 1, 'uid': 1, 'gid': 1,
    'nbthread': 1, 'ulimit-n': 1, 'hard-stop-after': 1, 'grace': 1,
    'lua-load': 1, 'lua-load-per-thread': 1, 'ca-base': 1, 'crt-base': 1,
    'setenv': 2, 'presetenv': 2, 'cpu-map': 2, 'maxconnrate': 1,
    'maxsessrate': 1, 'maxsslconn': 1, 'maxsslrate': 1, 'maxpipes': 1,
    'spread-checks': 1, 'thread-groups': 1, 'node': 1,
    'ssl-default-bind-ciphers': 1, 'ssl-default-bind-ciphersuites': 1,
    'ssl-default-server-ciphers': 1, 'ssl-default-server-ciphersuites': 1,
    'ssl-dh-param-file': 1, 'nameserver': 2, 'hold': 2,
    'resolve_retries': 1, 'accepted_payload_size': 1, 'peer': 2,
    'mailer': 2, 'table': 1, 'total-max-size': 1, 'max-age': 1,
    'max-object-size': 1, 'command': 1, 'docroot': 1, 'load': 1,
    'directory': 1, 'trace': 1, 'size': 1, 'format': 1, 'maxlen': 1,
    'backing-file': 1,
}
for _key in kw.WHERE:
    if _key.startswith('timeout '):
        _MIN_ARGS[_key] = 1
        _HINTS.setdefault(_key, ('a time', f'{_key} 30s'))
del _key

_NUMERIC = frozenset((
    'maxconn', 'retries', 'fullconn', 'backlog', 'nbthread', 'ulimit-n',
    'maxconnrate', 'maxsessrate', 'maxsslconn', 'maxsslrate', 'maxpipes',
    'thread-groups', 'resolve_retries', 'accepted_payload_size',
    'spread-checks', 'mworker-max-reloads', 'stats maxconn', 'uid', 'gid',
    'hash-balance-factor',
))

#: Keywords whose argument at this index (after the keyword) is a time.
_TIME_ARG = {key: 0 for key in kw.WHERE if key.startswith('timeout ')}
_TIME_ARG.update({
    'tcp-request inspect-delay': 0, 'tcp-response inspect-delay': 0,
    'stats refresh': 0, 'stats timeout': 0, 'clitcpka-idle': 0,
    'clitcpka-intvl': 0, 'srvtcpka-idle': 0, 'srvtcpka-intvl': 0,
    'hard-stop-after': 0, 'grace': 0, 'close-spread-time': 0,
    'max-spread-checks': 0, 'httpclient.timeout.connect': 0,
    'warn-blocked-traffic-after': 0, 'force-cfg-parser-pause': 0,
    'tune.lua.burst-timeout': 0, 'tune.lua.service-timeout': 0,
    'tune.lua.session-timeout': 0, 'tune.lua.task-timeout': 0,
    'tune.quic.be.max-idle-timeout': 0, 'tune.quic.fe.max-idle-timeout': 0,
    'tune.quic.frontend.max-idle-timeout': 0, 'tune.ssl.lifetime': 0,
    'hold': 1,
})
_TIME_EXTRA = {'close-spread-time': 'infinite'}
_PROXY_AND_GLOBAL = frozenset((*kw.PROXY_SECTIONS, 'global'))
#: When a keyword is misplaced in one of these sections, name the sections
#: of this group it belongs to first.
_NEAR = {kind: _PROXY_AND_GLOBAL for kind in _PROXY_AND_GLOBAL}
_SERVER_LINES = frozenset(('server', 'default-server', 'server-template'))
_TABLE_LINES = frozenset(('stick-table', 'table'))
_EXPIRE = frozenset(('expire',))
_PREFIXES = frozenset(('no', 'default'))
#: How many candidate comparisons the "did you mean" hints of one snippet
#: may cost in total.
_HINT_BUDGET = 30000

_ALL_HEADS = frozenset().union(*kw.HEADS.values())
_FIRST_WORDS = {
    kind: sorted({key.split(' ', 1)[0] for key in keys})
    for kind, keys in kw.KEYWORDS.items()
}
_ALL_FIRST_WORDS = sorted(kw.FIRST_WORDS)
_ALL_NAMES = {'option': tuple(sorted(kw.OPTION_NAMES)),
              'timeout': tuple(sorted(kw.TIMEOUT_NAMES))}
_SECTION_WORDS = sorted(kw.SECTIONS)
_DIRECTIVE_WORDS = sorted(kw.DIRECTIVES)


@functools.lru_cache(maxsize=256)
def _seconds(kind, head):
    """Second words of the keywords of *kind* starting with *head*."""
    prefix = head + ' '
    return tuple(sorted(key[len(prefix):] for key in kw.KEYWORDS.get(kind, ())
                        if key.startswith(prefix)))


def _clashes(kind):
    """The proxy kinds whose names a proxy of *kind* may not take."""
    if kind == 'listen' or not FRONTEND_BACKEND_MAY_SHARE_NAME:
        return ('frontend', 'backend', 'listen')
    return (kind, 'listen')


class _Judge:

    def __init__(self, sections):
        self.sections = sections
        self.findings = []
        self.proxies = {}          # name -> {kind: first line}
        self.defaults = {}         # name -> [line]
        self.inherited = set()     # names given after "from"
        self.backends = set()      # names of backend and listen sections
        self.references = []       # (line, keyword, name)
        self.hints = {}            # (word, candidates tag, cutoff) -> hint
        self.budget = _HINT_BUDGET

    @functools.cached_property
    def indented(self):
        """Whether the snippet indents its keyword lines."""
        return any(entry.column
                   for section in self.sections for entry in section.lines)

    def suggest(self, word, tag, candidates, cutoff=0.6):
        """A close match of *word* among *candidates*, or ''.

        Suggestions are cached, and their total cost is bounded so that a
        snippet full of unknown words stays linear."""
        key = (word, tag, cutoff)
        hint = self.hints.get(key)
        if hint is None:
            hint = ''
            if self.budget >= len(candidates):
                self.budget -= len(candidates)
                hint = _suggest(word, candidates, cutoff)
            self.hints[key] = hint
        return hint

    def add(self, line, code, message):
        self.findings.append(Finding(line, code, _one_line(message)))

    def run(self):
        for section in self.sections:
            if section.kind:
                self.section(section)
            else:
                self.orphans(section)
        self.duplicate_defaults()
        self.references_to_backends()
        return self.findings

    # -- sections ---------------------------------------------------------

    def section(self, section):
        kind = section.kind
        header = section.header
        words = header.words
        name = section.name
        if '<' in header.text:
            words = _join_angles(words)
            name = _section_name(words)
        if 'from' in words[1:-1]:
            index = words.index('from', 1)
            if index + 1 < len(words):
                self.inherited.add(words[index + 1])
        if not name and kw.SECTIONS[kind] == 'required':
            self.add(section.line, 'HAP012',
                     f'{kind} section has no name; write "{kind} <name>"')
        elif name and kind in _PROXIES:
            self.proxy_name(kind, name, section.line)
        elif name and kind == 'defaults':
            self.defaults.setdefault(name, []).append(section.line)
        table = kw.KEYWORDS[kind]
        heads = kw.HEADS[kind]
        line = self.line
        for entry in section.lines:
            if line(section, entry, table, heads):
                break

    def proxy_name(self, kind, name, line):
        if kind in _BACKENDS:
            self.backends.add(name)
        if is_placeholder(name) or '$' in name:
            return
        earlier = self.proxies.setdefault(name, {})
        for other in _clashes(kind):
            if other in earlier:
                self.add(line, 'HAP007',
                         f'{kind} "{name}" has the same name as the {other} '
                         f'on line {earlier[other]}; give one of them '
                         'another name')
                break
        earlier.setdefault(kind, line)

    def duplicate_defaults(self):
        for name, lines in self.defaults.items():
            if len(lines) > 1 and name in self.inherited:
                for line in lines[1:]:
                    self.add(line, 'HAP007',
                             f'defaults "{name}" has the same name as the '
                             f'defaults on line {lines[0]}, and "from '
                             f'{name}" cannot tell them apart; rename one')

    def references_to_backends(self):
        known = self.backends
        candidates = sorted(known)
        for line, keyword, name in self.references:
            if name in known:
                continue
            hint = self.suggest(name, 'backends', candidates)
            hint = (f'did you mean "{hint}"?' if hint else
                    f'define "backend {name}" or name one of '
                    f'{_quote_list(candidates[:5])}')
            self.add(line, 'HAP008',
                     f'{keyword} "{name}" names no backend or listen '
                     f'section of this snippet; {hint}')

    # -- lines before any section ----------------------------------------

    def orphans(self, section):
        reported = False
        for entry in section.lines:
            words = entry.words
            if '<' in entry.text:
                words = _join_angles(words)
            first = words[0]
            if first in kw.DIRECTIVES or first in _ELLIPSIS:
                continue
            if first in ('no', 'default') and len(words) > 1:
                words = words[1:]
                first = words[0]
            known = first in kw.FIRST_WORDS
            if not known and is_placeholder(first):
                continue
            if not reported:
                reported = True
                if not known and entry.column == 0 and (
                        self.suggest(first, 'sections', _SECTION_WORDS, 0.75)
                        or not self.suggest(first, '', _ALL_FIRST_WORDS)):
                    self.unknown_section(entry.line, first)
                    return
                where = kw.WHERE.get(first)
                if where is None and len(words) > 1:
                    where = kw.WHERE.get(f'{first} {words[1]}')
                if where:
                    where = where & _PROXY_AND_GLOBAL or where
                place = (f'put it under a {_kinds(where)} section' if where
                         else 'start the section it belongs to first')
                self.add(entry.line, 'HAP009',
                         f'keyword "{first}" stands before any section; '
                         f'{place}')
            if not known:
                hint = self.suggest(first, '', _ALL_FIRST_WORDS)
                self.add(entry.line, 'HAP002',
                         f'unknown keyword "{first}"; '
                         + (f'did you mean "{hint}"?' if hint else
                            'remove it or use a keyword haproxy knows'))

    def unknown_section(self, line, word):
        hint = self.suggest(word, 'sections', _SECTION_WORDS)
        self.add(line, 'HAP001',
                 f'unknown section "{word}"; '
                 + (f'did you mean "{hint}"?' if hint else
                    f'sections are {_quote_list(_SECTION_WORDS)}'))

    # -- keyword lines ------------------------------------------------------

    def line(self, section, entry, table, heads):
        """Judge one keyword line; return True when the lines after it
        belong to an unknown section and must not be judged."""
        words = entry.words
        if '<' in entry.text:
            words = _join_angles(words)
        stripped = False
        while True:
            first = words[0]
            if first in heads and first not in table:
                if len(words) < 2:
                    self.missing_name(entry.line, first, section.kind)
                    return False
                key = f'{first} {words[1]}'
                args = words[2:]
            else:
                key = first
                args = words[1:]
            flag = table.get(key)
            if flag is not None:
                break
            if first in _PREFIXES and len(words) > 1 and not stripped:
                words = words[1:]            # "no option ...", only once
                stripped = True
                continue
            return self.misplaced(section, entry, words, key)
        if flag == 'N' and not section.name and section.kind == 'defaults':
            self.add(entry.line, 'HAP003',
                     f'"{key}" is only allowed in a named defaults section; '
                     'write "defaults <name>"')
            return False
        spec = _ARGS.get(key)
        if spec is not None:
            self.arguments(section, entry.line, key, args, spec)
        return False

    def missing_name(self, line, head, kind):
        names = _seconds(kind, head)
        example = f'{head} {names[0]}' if names else head
        if head == 'timeout':
            example = ('timeout client 30s' if 'client' in names
                       else f'{example} 30s')
        self.add(line, 'HAP011',
                 f'"{head}" needs the name of the {head} to set; write e.g. '
                 f'"{example}"')

    def misplaced(self, section, entry, words, key):
        """The keyword is not one of the section's: misplaced, misspelled
        or a misspelled section.  Return True to skip the lines after."""
        kind = section.kind
        first = words[0]
        if first in _ELLIPSIS or first in kw.DIRECTIVES:
            return False
        if first[:1] == '.':
            hint = self.suggest(first, '.', _DIRECTIVE_WORDS)
            self.add(entry.line, 'HAP002',
                     f'unknown directive "{first}"; '
                     + (f'did you mean "{hint}"?' if hint else
                        'use .if, .elif, .else or .endif'))
            return False
        pair = f'{first} {words[1]}' if len(words) > 1 else ''
        for candidate in (key, pair, first):
            where = kw.WHERE.get(candidate) if candidate else None
            if where:
                near = where & _NEAR.get(kind, where)
                self.add(entry.line, 'HAP003',
                         f'"{candidate}" is not allowed in a {kind} section; '
                         f'it belongs in {_kinds(near or where)}')
                return False
        if first in ('option', 'timeout'):
            if len(words) < 2:
                self.missing_name(entry.line, first, kind)
                return False
            name = words[1]
            if is_placeholder(name):
                return False
            names = _seconds(kind, first) or _ALL_NAMES[first]
            hint = self.suggest(name, f'{kind} {first}', names)
            self.add(entry.line, 'HAP010',
                     f'unknown {first} "{name}" in {kind} section; '
                     + (f'did you mean "{first} {hint}"?' if hint else
                        f'write one of the {first} names of the haproxy '
                        'manual'))
            return False
        if first in _ALL_HEADS and len(words) > 1:
            if is_placeholder(words[1]):
                return False
            names = _seconds(kind, first)
            hint = self.suggest(words[1], f'{kind} {first}', names)
            self.add(entry.line, 'HAP002',
                     f'unknown keyword "{pair}" in {kind} section; '
                     + (f'did you mean "{first} {hint}"?' if hint else
                        'remove it or use a keyword haproxy knows'))
            return False
        if is_placeholder(first):
            return False
        section_hint = self.suggest(first, 'sections', _SECTION_WORDS, 0.75)
        hint = self.suggest(first, kind, _FIRST_WORDS[kind])
        if entry.column == 0 and (section_hint or (
                self.indented and not hint)):
            self.unknown_section(entry.line, first)
            return True
        if kind == 'global' and first.startswith('tune.') and not (
                self.suggest(first, kind, _FIRST_WORDS[kind], 0.85)):
            return False
        self.add(entry.line, 'HAP002',
                 f'unknown keyword "{first}" in {kind} section; '
                 + (f'did you mean "{hint}"?' if hint else
                    'remove it or use a keyword haproxy knows'))
        return False

    # -- arguments ---------------------------------------------------------

    def arguments(self, section, line, key, args, spec):
        needed, check, index = spec
        if len(args) < needed:
            if not args or not _free(' '.join(args)):
                self.lacking(line, key, args, needed)
            return
        if check is not None:
            check(self, section, line, key, args)
        if index is not None and index < len(args):
            self.time(line, key, args[index])

    def check_mode(self, section, line, key, args):
        value = args[0]
        if value not in kw.MODES and not _free(value):
            self.add(line, 'HAP011',
                     f'"mode {value}" is not a mode; write "mode tcp" or '
                     '"mode http" (or "mode log", "mode spop")')

    def check_number(self, section, line, key, args):
        value = args[0]
        if not _NUMBER.match(value) and not _free(value):
            example = _HINTS.get(key, ('', f'{key} 10'))[1]
            self.add(line, 'HAP011',
                     f'"{key}" needs a number, not "{value}"; write e.g. '
                     f'"{example}"')

    def check_bind(self, section, line, key, args):
        for address in args[0].split(','):
            if address and not _has_port(address):
                self.add(line, 'HAP004',
                         f'"{key} {address}" has no port; write '
                         f'"{address}:<port>", e.g. "{address}:80"')
                return

    def check_server(self, section, line, key, args):
        if key != 'default-server' and section.kind != 'peers':
            self.server(line, key, args)
        if not kw.SERVER_TIME_PARAMS.isdisjoint(args):
            self.parameter_times(line, args, kw.SERVER_TIME_PARAMS)

    def check_table(self, section, line, key, args):
        if 'expire' in args:
            self.parameter_times(line, args, _EXPIRE)

    def check_reference(self, section, line, key, args):
        name = args[0]
        if '%[' not in name and not _free(name):
            self.references.append((line, key, name))

    def lacking(self, line, key, args, needed):
        what, example = _HINTS.get(key, ('', ''))
        if not what:
            what = ('an argument' if needed == 1
                    else f'{needed} arguments')
        message = f'"{key}" lacks its argument: it needs {what}'
        if example:
            message += f'; write e.g. "{example}"'
        self.add(line, 'HAP011', message)

    def server(self, line, key, args):
        if not args:
            self.add(line, 'HAP005',
                     f'"{key}" has no name and no address; write '
                     f'"{key} <name> <address>:<port>"')
            return
        position = 2 if key == 'server-template' else 1
        if len(args) <= position or args[position] in kw.SERVER_PARAMS:
            name = ' '.join(args[:position])
            self.add(line, 'HAP005',
                     f'"{key} {name}" has no address; write '
                     f'"{key} {name} <address>:<port>" before its options')

    def time(self, line, key, value):
        if _TIME.match(value) or value == _TIME_EXTRA.get(key):
            return
        if _free(value):
            return
        match = _DIGITS_THEN.match(value)
        if match:
            problem = f'the unknown unit "{match.group(2)}"'
            example = f'{match.group(1)}s'
        else:
            problem = 'no number'
            example = '30s'
        self.add(line, 'HAP006',
                 f'time "{value}" of "{key}" has {problem}; write a number '
                 'with an optional unit us, ms, s, m, h or d (ms if none), '
                 f'e.g. "{example}"')

    def parameter_times(self, line, args, parameters):
        last = len(args) - 1
        for index, word in enumerate(args):
            if word in parameters and index < last:
                self.time(line, word, args[index + 1])


def _argument_specs():
    """``{keyword: (arguments needed, check, index of a time argument)}``
    for every keyword whose arguments are judged."""
    checks = {'mode': _Judge.check_mode}
    checks.update(dict.fromkeys(_NUMERIC, _Judge.check_number))
    checks.update(dict.fromkeys(('bind', 'dgram-bind'), _Judge.check_bind))
    checks.update(dict.fromkeys(_SERVER_LINES, _Judge.check_server))
    checks.update(dict.fromkeys(_TABLE_LINES, _Judge.check_table))
    checks.update(dict.fromkeys(('default_backend', 'use_backend'),
                                _Judge.check_reference))
    keys = set(_MIN_ARGS) | set(checks) | set(_TIME_ARG)
    return {key: (_MIN_ARGS.get(key, 0), checks.get(key), _TIME_ARG.get(key))
            for key in keys}


_ARGS = _argument_specs()


def _one_line(message):
    """Keep a message on one line of reasonable length, whatever words of
    the snippet it quotes."""
    if len(message) > 240:
        message = _LONG_QUOTED.sub(
            lambda match: f'"{shorten(match.group(1), 60)}"', message)
    return shorten(message, len(message))


def _has_port(address):
    if '$' in address:
        return True
    at = address.rfind('@')
    if at >= 0:
        prefix = address[:at].lower()
        if any(name in prefix for name in _NO_PORT_PREFIXES):
            return True
        address = address[at + 1:]
    if address.startswith('/'):
        return True
    if address.startswith('['):
        close = address.find(']')
        if close < 0:
            return True
        address = address[close + 1:]
    colon = address.rfind(':')
    return colon >= 0 and colon < len(address) - 1
