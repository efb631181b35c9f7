"""haproxy snippets judged by ``haproxy -c``.

A fragment is wrapped in a minimal ``global`` and ``defaults`` of our own
(only the sections it lacks), and every ALERT and WARNING haproxy prints
becomes a finding at the snippet line it names. What the snippet cannot
give haproxy is made up in the scratch directory:

* placeholders become values of the right kind, and server and bind
  addresses that are host names become documentation addresses
  (192.0.2.0/24), so haproxy never asks a resolver;
* every file argument (``crt``, ``ca-file``, ``crl-file``, ``errorfile``,
  ``-f`` pattern files, map files, state files, ...) is replaced by a stand-in
  in the scratch directory: a throwaway certificate of our own
  (``standins/``), an empty pattern file, an HTTP response with the right
  status. haproxy reads no file of the machine's, whatever the snippet
  names.

A snippet that loads code or a file haproxy would have to trust
(``lua-load``, ``ssl-engine``, a filter's configuration file, or a keyword
built from an environment variable) is not replayed at all: XHA004 says so
at that line.
"""

import ipaddress
import os
import re
import shutil

from snippetcheck import placeholders
from snippetcheck.catalogue import Check
from snippetcheck.checkers import haproxy as haproxy_checker
from snippetcheck.external import sandbox

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('XHA001', 'haproxy',
          'haproxy -c rejects the configuration (an ALERT).',
          'listen web\n  bind :80\n  balance roundrobinn',
          'listen web\n  bind :80\n  balance roundrobin', 'haproxy'),
    Check('XHA002', 'haproxy',
          'haproxy -c warns about the configuration (a WARNING).',
          'global\n  maxconn 4000\ndefaults\n  log global\n  mode http\n'
          '  option httplog\n  timeout connect 5s\n  timeout client 1m\n'
          '  timeout server 1m\nlisten web\n  bind :80',
          'global\n  log /dev/log local0\ndefaults\n  log global\n'
          '  mode http\n  option httplog\n  timeout connect 5s\n'
          '  timeout client 1m\n  timeout server 1m\nlisten web\n'
          '  bind :80', 'haproxy'),
    Check('XHA003', 'haproxy',
          'haproxy -c did not finish in time, or failed without saying '
          'why (a crash); the result is not cached.',
          'a configuration haproxy hangs on', 'a configuration it checks',
          'none'),
    Check('XHA004', 'haproxy',
          'The snippet loads code or a file haproxy would have to trust '
          '(lua-load, ssl-engine, a filter\'s configuration file, a keyword '
          'taken from an environment variable): it is not replayed.',
          'global\n  lua-load /etc/haproxy/auth.lua',
          'global\n  log /dev/log local0', 'haproxy'),
)


WRAP_GLOBAL = ('global', '  log /dev/log local0')
WRAP_DEFAULTS = ('defaults', '  log global', '  mode tcp',
                 '  timeout connect 10s', '  timeout client 1m',
                 '  timeout server 1m')
STANDINS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        'standins')

_MESSAGE = re.compile(
    r'^\[(?P<level>ALERT|WARNING)\]\s*(?:\(\d+\)\s*)?:\s*(?:config\s*:\s*)?'
    r'(?:(?:parsing\s*)?\[(?P<file>[^\]]*?):(?P<line>\d+)\]\s*:?\s*)?'
    r'(?P<message>.*)$', re.IGNORECASE)
_PROXY = re.compile(r"(?:[Pp]roxy|section|backend|frontend|listen) "
                    r"'([^']+)'")
_IGNORED = ('Fatal errors found in configuration',
            'Error(s) found in configuration file')

#: Keywords that load code or trust a file, at the start of a line.
LOADS_CODE = frozenset([
    'lua-load', 'lua-load-per-thread', 'lua-prepend-path', 'ssl-engine',
    'ssl-provider', 'ssl-provider-path', 'module-path', 'module-load',
])
#: Filters whose configuration file names what they load.
FILTERS_WITH_FILES = frozenset(['opentracing', 'ot', 'spoe', 'bwlim'])

#: Keywords whose first argument is a file or directory, and the kind of
#: stand-in it gets.
FILE_KEYWORDS = {
    'ssl-dh-param-file': 'dh', 'crt-base': 'dir', 'ca-base': 'dir',
    'key-base': 'dir', 'issuers-chain-path': 'dir',
    'server-state-file': 'empty', 'server-state-base': 'dir',
    'h1-case-adjust-file': 'empty',
}
#: Options (anywhere on a line) whose value is a file, and its stand-in.
FILE_OPTIONS = {
    'crt': 'certificate', 'crt-list': 'crt-list', 'ca-file': 'ca',
    'ca-verify-file': 'ca', 'ca-sign-file': 'certificate',
    'crl-file': 'crl', '-f': 'empty', 'file': 'empty', 'lf-file': 'empty',
}
#: Converters and actions whose first parenthesised argument is a file.
_FILE_CALL = re.compile(
    r'\b(map(?:_[a-z0-9_]+)?|set-map|del-map|add-acl|del-acl)\(([^,)]*)')
_STANDIN_FILES = {'certificate': 'certificate.pem', 'ca': 'ca.pem',
                  'crl': 'crl.pem', 'dh': 'dhparam.pem'}


def _address_word(word, number):
    """*word* with a host name or placeholder swapped for an address."""
    if word.startswith(('unix@', 'abns@', 'fd@', 'sockpair@', '/')):
        return word
    prefix = ''
    for family in ('ipv4@', 'ipv6@', 'tcp@', 'tcp4@', 'tcp6@', 'udp@'):
        if word.startswith(family):
            prefix, word = family, word[len(family):]
    host, sep, port = word.rpartition(':') if ':' in word else (word, '',
                                                                 '')
    if host.startswith('['):
        return prefix + word
    if not host or host == '*':
        return prefix + word
    try:
        ipaddress.ip_address(host)
        return prefix + word
    except ValueError:
        pass
    return f'{prefix}192.0.2.{number}{sep}{port}'


_ADDRESS_WORD = {'bind': 1, 'server': 2, 'peer': 2, 'nameserver': 2,
                 'mailer': 2}


class _Standins:
    """The stand-in files of one scratch directory, made on first use."""

    def __init__(self, scratch):
        self.scratch = scratch
        self.count = 0

    def path(self, kind, detail=''):
        if kind == 'dir':
            return self.scratch
        if kind in _STANDIN_FILES:
            target = os.path.join(self.scratch, _STANDIN_FILES[kind])
            if not os.path.exists(target):
                shutil.copyfile(os.path.join(STANDINS, _STANDIN_FILES[kind]),
                                target)
            return target
        # one file a use: haproxy refuses a pattern file used as a map too
        self.count += 1
        target = os.path.join(self.scratch, f'standin-{self.count}')
        with open(target, 'w', encoding='utf-8') as stream:
            if kind == 'crt-list':
                stream.write(self.path('certificate') + '\n')
            elif kind == 'http':
                stream.write(f'HTTP/1.0 {detail} Stand-in\r\n'
                             'Content-Type: text/plain\r\n'
                             'Content-Length: 0\r\n\r\n')
        return target


def _quote(word):
    """*word* written so that haproxy reads it back as it is."""
    if word and re.fullmatch(r'[A-Za-z0-9_.:/@%,=+\[\]()*-]+', word):
        return word
    if "'" not in word:
        return f"'{word}'"
    return '"' + re.sub(r'(["\\$#])', r'\\\1', word) + '"'


def loads_code(words):
    """What on a line of *words* loads code or trusts a file, or ''."""
    first = words[0]
    if first in LOADS_CODE:
        return first
    if '$' in first:
        return 'a keyword taken from an environment variable'
    if first == 'filter' and len(words) > 1 and \
            words[1] in FILTERS_WITH_FILES:
        return f'filter {words[1]}'
    return ''


def refusal(text):
    """(line, reason) of the first line of haproxy snippet *text* that
    keeps it from being replayed (see :func:`loads_code`), or (0, '')."""
    for number, raw in enumerate(text.split('\n'), 1):
        words, _column = haproxy_checker.split_line(
            placeholders.substitute(raw, 'PLACEHOLDER'))
        if words:
            reason = loads_code(words)
            if reason:
                return number, reason
    return 0, ''


def _scratch_words(words, number, standins):
    """*words* with addresses made IPs and files made stand-ins, or None
    when nothing changes."""
    changed = list(words)
    index = _ADDRESS_WORD.get(words[0])
    if index is not None and len(words) > index:
        changed[index] = _address_word(words[index], 10 + number % 200)
    kind = FILE_KEYWORDS.get(words[0])
    if kind and len(words) > 1:
        changed[1] = standins.path(kind)
    if words[0] == 'errorfile' and len(words) > 2:
        changed[2] = standins.path('http', words[1])
    for position in range(1, len(words) - 1):
        kind = FILE_OPTIONS.get(words[position])
        if kind == 'empty' and words[position] != '-f' and \
                not words[0].startswith('http-'):
            continue  # "file" is an option of the http-* return actions
        if kind:
            changed[position + 1] = standins.path(kind)
    for position, word in enumerate(changed):
        if '(' in word:
            changed[position] = _FILE_CALL.sub(
                lambda m: f'{m.group(1)}({standins.path("empty")}', word)
    return None if changed == list(words) else changed


def prepare(text, scratch):
    """The scratch haproxy.cfg for *text*, the number of lines added
    before the snippet's first line, and the line and reason of the first
    thing that keeps the snippet from being replayed (0, '' if none)."""
    sections = {section.kind for section in haproxy_checker.parse(text)}
    prefix = []
    if 'global' not in sections:
        prefix.extend(WRAP_GLOBAL)
    if 'defaults' not in sections:
        prefix.extend(WRAP_DEFAULTS)
    standins = _Standins(scratch)
    lines = []
    for number, raw in enumerate(text.split('\n'), 1):
        line = placeholders.substitute(raw, 'PLACEHOLDER')
        words, _column = haproxy_checker.split_line(line)
        if words:
            reason = loads_code(words)
            if reason:
                return '', len(prefix), (number, reason)
            changed = _scratch_words(words, number, standins)
            if changed is not None:
                indent = line[:len(line) - len(line.lstrip())]
                line = indent + ' '.join(_quote(word) for word in changed)
        lines.append(line)
    return '\n'.join([*prefix, *lines]) + '\n', len(prefix), (0, '')


def check(text, scratch, timeout=sandbox.DEFAULT_TIMEOUT):
    """(line, code, message) findings of ``haproxy -c`` for a snippet."""
    config, offset, (refused_at, reason) = prepare(text, scratch)
    if refused_at:
        return [(refused_at, 'XHA004',
                 f'{reason} loads code or a file the snippet does not '
                 'show: haproxy -c is not run on this snippet (the guide '
                 'may show it, but it is not replayed)')]
    path = os.path.join(scratch, 'haproxy.cfg')
    with open(path, 'w', encoding='utf-8') as stream:
        stream.write(config)
    result = sandbox.run(['haproxy', '-c', '-f', path], scratch,
                         timeout=timeout)
    if result.timed_out:
        return [(1, 'XHA003', f'haproxy -c did not finish within '
                 f'{timeout} s')]
    sections = haproxy_checker.parse(text)
    lines = text.count('\n') + 1
    findings = []
    seen = set()
    for raw in result.output.splitlines():
        match = _MESSAGE.match(raw.strip())
        if not match:
            continue
        message = _relative(match['message'].strip(), path, offset)
        if not message or message.startswith(_IGNORED):
            continue
        if match['line']:
            line = int(match['line']) - offset
        else:
            line = _proxy_line(message, sections)
        if line < 1 or line > lines:
            line = 1  # a problem of the wrapper or the file as a whole
        code = 'XHA001' if match['level'] == 'ALERT' else 'XHA002'
        key = (line, code, message)
        if key in seen:
            continue
        seen.add(key)
        findings.append((line, code, f'haproxy -c: {message}'))
    if result.returncode not in (0, 2) and not findings:
        findings.append((1, 'XHA003', 'haproxy -c failed: ' +
                         (result.output.strip().splitlines() or ['?'])[-1]))
    return findings


def _relative(message, path, offset):
    """*message* with the scratch file's lines given as snippet lines and
    the scratch directory's paths left out."""
    message = re.sub(re.escape(path) + r':(\d+)',
                     lambda m: f'line {int(m.group(1)) - offset}', message)
    return message.replace(os.path.dirname(path) + os.sep, '')


def _proxy_line(message, sections):
    match = _PROXY.search(message)
    if match:
        for section in sections:
            if section.name == match.group(1):
                return section.line
    return 1
