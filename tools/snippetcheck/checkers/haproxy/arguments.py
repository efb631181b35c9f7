"""The arguments of a keyword line, judged as its spec says.

:func:`check` is called with the judge of the snippet (it reports through
``judge.add`` and collects backend names in ``judge.references``), the
section, the line number, the keyword's :class:`~.specs.Spec` and the
words after the keyword.  Placeholders and environment variables are
accepted wherever a value is expected (:func:`free`).
"""

import re

from snippetcheck.checkers.haproxy import keywords as kinds
from snippetcheck.checkers.haproxy.keywords import MODES
from snippetcheck.checkers.haproxy.keywords import SERVER_TIME_PARAMS
from snippetcheck.checkers.haproxy.specs import SERVER_PARAMS
from snippetcheck.placeholders import has_placeholder

_TIME = re.compile(r'[0-9]+(?:us|ms|s|m|h|d)?\Z')
_NUMBER = re.compile(r'[0-9]+\Z')
_DIGITS_THEN = re.compile(r'([0-9]+)(.*)\Z', re.DOTALL)
_NO_PORT_PREFIXES = ('unix', 'abns', 'fd', 'sockpair', 'rhttp', 'uxst',
                     'uxdg')


def free(value):
    """Whether *value* is a placeholder or an environment variable, which
    the checker accepts anywhere."""
    if '$' in value:
        return True
    if '<' not in value and value == value.lower():
        return False
    return has_placeholder(value)


def check(judge, section, line, spec, args):
    """Judge the arguments *args* of a keyword line."""
    if len(args) < spec.args:
        if not args or not free(' '.join(args)):
            lacking(judge, line, spec, args)
        return
    if spec.kind is not None:
        _BY_KIND[spec.kind](judge, section, line, spec, args)
    index = spec.time
    if index is not None and index < len(args):
        time(judge, line, spec.key, args[index], spec.time_or)


def lacking(judge, line, spec, args):
    what = spec.what or ('an argument' if spec.args == 1
                         else f'{spec.args} arguments')
    message = f'"{spec.key}" lacks its argument: it needs {what}'
    if spec.example:
        message += f'; write e.g. "{spec.example}"'
    judge.add(line, 'HAP011', message)


def mode(judge, section, line, spec, args):
    value = args[0]
    if value not in MODES and not free(value):
        judge.add(line, 'HAP011',
                  f'"mode {value}" is not a mode; write "mode tcp" or '
                  '"mode http" (or "mode log", "mode spop")')


def number(judge, section, line, spec, args):
    value = args[0]
    if not _NUMBER.match(value) and not free(value):
        example = spec.example or f'{spec.key} 10'
        judge.add(line, 'HAP011',
                  f'"{spec.key}" needs a number, not "{value}"; write '
                  f'e.g. "{example}"')


def bind(judge, section, line, spec, args):
    for address in args[0].split(','):
        if address and not has_port(address):
            judge.add(line, 'HAP004',
                      f'"{spec.key} {address}" has no port; write '
                      f'"{address}:<port>", e.g. "{address}:80"')
            return


def server(judge, section, line, spec, args):
    """A server line: a name (and a count, for server-template), an
    address, then options.  ``default-server`` has only options, and a
    server of a peers section may lack its address (the local peer)."""
    key = spec.key
    start = 0
    if key != 'default-server':
        if not args:
            if section.kind != 'peers':
                judge.add(line, 'HAP005',
                          f'"{key}" has no name and no address; write '
                          f'"{key} <name> <address>:<port>"')
            return
        start = 2 if key == 'server-template' else 1
        if start < len(args) and args[start] not in SERVER_PARAMS:
            start += 1              # past the address
        elif section.kind != 'peers':
            name = ' '.join(args[:start])
            judge.add(line, 'HAP005',
                      f'"{key} {name}" has no address; write '
                      f'"{key} {name} <address>:<port>" before its options')
    if not SERVER_TIME_PARAMS.isdisjoint(args):
        parameter_times(judge, line, args, start)


def parameter_times(judge, line, args, index):
    """Judge the times of the server options from *index* on, stepping
    over the words each option takes."""
    end = len(args)
    while index < end:
        word = args[index]
        index += 1
        skip = SERVER_PARAMS.get(word)
        if not skip:
            continue                # not an option, or one without value
        if skip < 0:
            return                  # takes the rest of the line
        if index < end and word in SERVER_TIME_PARAMS:
            time(judge, line, word, args[index])
        index += skip


def table(judge, section, line, spec, args):
    """A stick table: the value of its "expire" is a time."""
    if 'expire' in args:
        last = len(args) - 1
        for index, word in enumerate(args):
            if word == 'expire' and index < last:
                time(judge, line, word, args[index + 1])


def backend(judge, section, line, spec, args):
    name = args[0]
    if '%[' not in name and not free(name):
        judge.references.append((line, spec.key, name))


def time(judge, line, key, value, other=''):
    if _TIME.match(value) or (other and value == other):
        return
    if free(value):
        return
    match = _DIGITS_THEN.match(value)
    if match:
        problem = f'the unknown unit "{match.group(2)}"'
        example = f'{match.group(1)}s'
    else:
        problem = 'no number'
        example = '30s'
    judge.add(line, 'HAP006',
              f'time "{value}" of "{key}" has {problem}; write a number '
              'with an optional unit us, ms, s, m, h or d (ms if none), '
              f'e.g. "{example}"')


def has_port(address):
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


_BY_KIND = {
    kinds.NUMBER: number,
    kinds.MODE: mode,
    kinds.BIND: bind,
    kinds.SERVER: server,
    kinds.TABLE: table,
    kinds.BACKEND: backend,
}
