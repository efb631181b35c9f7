"""haproxy snippets judged by ``haproxy -c``.

A fragment is wrapped in a minimal ``global`` and ``defaults`` of our own
(only the sections it lacks), placeholders are replaced by values of the
right kind, and every ALERT and WARNING haproxy prints becomes a finding at
the snippet line it names. Server and bind addresses that are host names
are replaced by documentation addresses (192.0.2.0/24), so haproxy never
asks a resolver: the check needs no network.
"""

import ipaddress
import os
import re

from snippetcheck.checkers import haproxy as haproxy_checker
from snippetcheck.external import sandbox

WRAP_GLOBAL = ('global', '  log /dev/log local0')
WRAP_DEFAULTS = ('defaults', '  log global', '  mode tcp',
                 '  timeout connect 10s', '  timeout client 1m',
                 '  timeout server 1m')

_ANGLE = re.compile(r'<[^<>\n]*>')
_MESSAGE = re.compile(
    r'^\[(?P<level>ALERT|WARNING)\]\s*(?:\(\d+\)\s*)?:\s*(?:config\s*:\s*)?'
    r'(?:parsing\s*\[(?P<file>[^\]]*?):(?P<line>\d+)\]\s*:\s*)?'
    r'(?P<message>.*)$', re.IGNORECASE)
_PROXY = re.compile(r"(?:[Pp]roxy|section|backend|frontend|listen) "
                    r"'([^']+)'")
_IGNORED = ('Fatal errors found in configuration',
            'Error(s) found in configuration file')


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


_ADDRESS_WORD = {'bind': 1, 'server': 2, 'peer': 2, 'nameserver': 2}


def _scratch_line(line, number):
    """*line* with placeholders made one word and addresses made IPs."""
    line = _ANGLE.sub('PLACEHOLDER', line)
    words = line.split()
    index = _ADDRESS_WORD.get(words[0]) if words else None
    if index is None or len(words) <= index:
        return line
    words[index] = _address_word(words[index], 10 + number % 200)
    indent = line[:len(line) - len(line.lstrip())]
    return indent + ' '.join(words)


def prepare(text):
    """The scratch haproxy.cfg for *text* and the number of lines added
    before the snippet's first line."""
    sections = {section.kind for section in haproxy_checker.parse(text)}
    prefix = []
    if 'global' not in sections:
        prefix.extend(WRAP_GLOBAL)
    if 'defaults' not in sections:
        prefix.extend(WRAP_DEFAULTS)
    lines = [_scratch_line(line, number)
             for number, line in enumerate(text.split('\n'), 1)]
    return '\n'.join([*prefix, *lines]) + '\n', len(prefix)


def check(text, scratch, timeout=sandbox.DEFAULT_TIMEOUT):
    """(line, code, message) findings of ``haproxy -c`` for a snippet."""
    config, offset = prepare(text)
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
        findings.append((1, 'XHA001', 'haproxy -c failed: ' +
                         (result.output.strip().splitlines() or ['?'])[-1]))
    return findings


def _relative(message, path, offset):
    """*message* with the scratch file's lines given as snippet lines."""
    return re.sub(re.escape(path) + r':(\d+)',
                  lambda m: f'line {int(m.group(1)) - offset}', message)


def _proxy_line(message, sections):
    match = _PROXY.search(message)
    if match:
        for section in sections:
            if section.name == match.group(1):
                return section.line
    return 1
