"""Syntax of ini snippets, read with oslo.config's own ini parser.

Options before the first ``[section]`` are a fragment of ``[DEFAULT]``,
unless the document names their section (``Snippet.fragment_section``).
The parser is oslo.config's; this module only turns its errors into
findings and keeps going after each, so one bad line does not hide the
next.

Ceph's configuration files and keyrings (:func:`ceph_file`) are ini
files of another dialect, read by ceph's own parser (``ConfFile`` in
ceph's src/common/ConfUtils.cc, which keyrings go through too);
:func:`parse_ceph` follows its grammar:

* a section header ``[name]`` starts at the first column; ``name`` is any
  text without ``]`` (``[client.cinder]``, ``[osd.0]``);
* an option is ``name = value``, and only ``=`` separates them; the name
  is words separated by blanks (``mon host``), indented by spaces or tabs
  as one likes; ceph reads blanks in it as one ``_``, so ``mon host`` and
  ``mon_host`` are the same option, and the last one set wins;
* a value is the rest of the line, or a text in double or single quotes;
  ``#`` or ``;`` starts a comment anywhere (``\\#`` is a ``#``), also
  inside quotes, where ceph then misses the closing quote;
* a line ending in ``\\`` continues on the next one; an indented line is
  no continuation.

Options before the first section are a fragment of ``[global]``.
"""

import posixpath
import re

from oslo_config import iniparser

from snippetcheck.catalogue import Check
from snippetcheck.findings import Finding
from snippetcheck.findings import shorten

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('INI001', 'ini',
          'A section header is malformed.',
          '[DEFAULT', '[DEFAULT]', 'ini'),
    Check('INI002', 'ini',
          'A line is neither a section, an option, a comment nor a '
          'continuation.',
          'debug true', 'debug = true', 'ini'),
    Check('INI003', 'ini',
          'An option is set twice in one section; the second value wins.',
          '[DEFAULT]\ndebug = true\ndebug = false',
          '[DEFAULT]\ndebug = false', 'ini'),
    Check('INI004', 'ini',
          'An indented line continues no option.',
          '[DEFAULT]\n  true', '[DEFAULT]\ndebug = true', 'ini'),
    Check('INI005', 'ini',
          'An option has no name before its "=".',
          '= true', 'debug = true', 'ini'),
)


_SPACE = re.compile(r'\s')


class IniSyntax(iniparser.BaseParser):
    """Collects findings instead of raising on the first error."""

    def __init__(self, fragment_section=''):
        self.findings = []
        self.section = fragment_section or 'DEFAULT'
        self.assignments = []  # (section, key, values, line)
        self.repeats = {}      # INI003 finding -> (section, key)
        self._seen = {}
        self._key_line = 0

    def _add(self, code, message):
        self.findings.append(Finding(self.lineno, code, message))

    def new_section(self, section):
        self.section = section

    def _split_key_value(self, line):
        self._key_line = self.lineno
        return super()._split_key_value(line)

    def assignment(self, key, value):
        if key is _INVALID:
            return
        line = self._key_line
        seen = self._seen.setdefault(self.section, {})
        if _SPACE.search(key):
            name = key.split()[0]
            self.findings.append(Finding(
                line, 'INI002',
                f'"{_short(key)}" is not an option name (it holds a '
                f'space); write "{name} = ..."'))
            return
        if key in seen:
            above = line - seen[key]
            finding = Finding(
                line, 'INI003',
                f'option "{key}" is already set in [{self.section}] '
                f'{above} line{"s" if above != 1 else ""} above; keep one '
                'of the two')
            self.findings.append(finding)
            self.repeats[finding] = (self.section, key)
        else:
            seen[key] = line
        self.assignments.append((self.section, key, value, line))

    def error_invalid_assignment(self, line):
        self._add('INI002',
                  f'"{_short(line)}" is neither a [section], an option '
                  '("name = value"), a comment ("# ...") nor a '
                  'continuation; write "name = value"')
        return _INVALID, []

    def error_empty_key(self, line):
        self._add('INI005',
                  f'"{_short(line)}" has no option name before "="; '
                  'write "name = value"')

    def error_unexpected_continuation(self, line):
        self._add('INI004',
                  f'indented line "{_short(line.strip())}" continues no '
                  'option; remove the indentation or join it to an option')

    def error_no_section_end_bracket(self, line):
        self._add('INI001',
                  f'section header "{_short(line)}" does not end with "]"; '
                  'write "[name]"')
        return None

    def error_no_section_name(self, line):
        self._add('INI001', 'section header "[]" has no name; write "[name]"')
        return None


class _Invalid(str):
    pass


_INVALID = _Invalid('\0invalid')


def _short(text):
    return shorten(text.strip(), 60)


def parse(text, fragment_section=''):
    """Parse *text*; return the parser with its findings and assignments.
    Options before the first header are in *fragment_section*, or in
    [DEFAULT] when it is empty."""
    parser = IniSyntax(fragment_section)
    parser.parse(text.split('\n'))
    return parser


def check(snippet, document):
    return parse(snippet.text, snippet.fragment_section).findings


# -- ceph ---------------------------------------------------------------------

#: Directories whose files named ``keyring`` are ceph keyrings
#: (``/etc/ceph/keyring``, ``/var/lib/ceph/mon/ceph-a/keyring``).
_CEPH_DIRECTORIES = ('/etc/ceph/', '/var/lib/ceph/')


def ceph_file(path):
    """``'keyring'`` when *path* is a ceph keyring (``*.keyring``, or a
    ``keyring`` in a ceph directory), ``'conf'`` when it is a ceph
    configuration file (``ceph.conf``, or any ``*.conf`` right in
    ``/etc/ceph``, as ``$cluster.conf``), else None."""
    if not path:
        return None
    path = path.strip()
    name = posixpath.basename(path)
    folder = posixpath.dirname(path) + '/'
    if name.endswith('.keyring') or (
            name == 'keyring' and
            any(d in folder for d in _CEPH_DIRECTORIES)):
        return 'keyring'
    if name == 'ceph.conf' or (folder.endswith('/etc/ceph/') and
                               name.endswith('.conf')):
        return 'conf'
    return None


_BLANKS = ' \t'
_COMMENT = '#;'


def ceph_key(name):
    """The name ceph stores an option under: blanks around it removed,
    each run of blanks inside it one ``_``."""
    return '_'.join(name.split())


class CephSyntax:
    """Findings, assignments and repeats of a ceph file, as IniSyntax
    gives them for an oslo.config file; the keys of its assignments are
    the names ceph stores (:func:`ceph_key`)."""

    def __init__(self):
        self.findings = []
        self.section = 'global'
        self.assignments = []  # (section, key, [value], line)
        self.repeats = {}
        self._seen = {}

    def _add(self, line, code, message):
        self.findings.append(Finding(line, code, message))

    def parse(self, lines):
        for number, line in _logical_lines(lines):
            self._line(number, line)

    def _line(self, number, line):
        rest = line.lstrip(_BLANKS)
        if not rest or rest[0] in _COMMENT:
            return
        if rest[0] == '[':
            self._heading(number, line, indented=rest != line)
        else:
            self._assignment(number, line)

    def _heading(self, number, line, indented):
        if indented:
            self._add(number, 'INI001',
                      f'section header "{_short(line)}" is indented; '
                      'ceph reads a header only at the start of a line')
            return
        name, end = _text(line, 1, ']')
        if end >= len(line) or line[end] != ']':
            self._add(number, 'INI001',
                      f'section header "{_short(line)}" does not end with '
                      '"]" (a "#" or ";" starts a comment); write "[name]"')
            return
        if not name:
            self._add(number, 'INI001',
                      'section header "[]" has no name; write "[name]"')
            return
        if not _ends(line, end + 1):
            self._add(number, 'INI001',
                      f'section header "{_short(line)}" has text after '
                      '"]"; ceph allows only a comment there')
            return
        self.section = name

    def _assignment(self, number, line):
        start = len(line) - len(line.lstrip(_BLANKS))
        key, end = _text(line, start, '=[')
        if end >= len(line) or line[end] != '=':
            stop = ('holds "["' if end < len(line) and line[end] == '['
                    else 'has no "="')
            self._add(number, 'INI002',
                      f'"{_short(line)}" {stop}; ceph reads a [section], '
                      'an option ("name = value") or a comment ("# ...")')
            return
        key = key.strip(_BLANKS)
        if not key:
            self._add(number, 'INI005',
                      f'"{_short(line)}" has no option name before "="; '
                      'write "name = value"')
            return
        value = self._value(number, line, end + 1)
        if value is None:
            return
        name = ceph_key(key)
        seen = self._seen.setdefault(self.section, {})
        if name in seen:
            first, above = seen[name]
            same = '' if first == key else f' (ceph reads "{first}" as ' \
                f'{name} too)'
            finding = Finding(
                number, 'INI003',
                f'option "{key}" is already set in [{self.section}] '
                f'{number - above} line{"s" if number - above != 1 else ""}'
                f' above{same}; the last one wins: keep one of the two')
            self.findings.append(finding)
            self.repeats[finding] = (self.section, name)
        else:
            seen[name] = (key, number)
        self.assignments.append((self.section, name, [value], number))

    def _value(self, number, line, start):
        while start < len(line) and line[start] in _BLANKS:
            start += 1
        if start < len(line) and line[start] in '"\'':
            quote = line[start]
            value, end = _text(line, start + 1, quote)
            if end >= len(line) or line[end] != quote:
                inside = end < len(line)
                self._add(number, 'INI002',
                          f'"{_short(line)}" opens a {quote} quote it does '
                          'not close' + (
                              ' (a "#" or ";" starts a comment even inside '
                              'quotes; write "\\#")' if inside else ''))
                return None
            if not _ends(line, end + 1):
                self._add(number, 'INI002',
                          f'"{_short(line)}" has text after its quoted '
                          'value; ceph allows only a comment there')
                return None
            return value
        value, _end = _text(line, start, '')
        return value.strip(_BLANKS)


def _text(line, start, stops):
    """The text of *line* from *start* up to a character of *stops*, a
    comment or the end, with ceph's backslash escapes resolved; and the
    index it stopped at."""
    chars = []
    index = start
    while index < len(line):
        char = line[index]
        if char == '\\' and index + 1 < len(line):
            chars.append(line[index + 1])
            index += 2
            continue
        if char in stops or char in _COMMENT:
            break
        chars.append(char)
        index += 1
    return ''.join(chars), index


def _ends(line, start):
    """Whether *line* has only blanks, then maybe a comment, from
    *start*."""
    rest = line[start:].lstrip(_BLANKS)
    return not rest or rest[0] in _COMMENT


def _continues(line):
    """Whether *line* ends in a backslash that escapes nothing and stands
    before any comment: ceph then reads the next line as part of it."""
    index = 0
    while index < len(line):
        char = line[index]
        if char == '\\':
            if index + 1 == len(line):
                return True
            index += 2
            continue
        if char in _COMMENT:
            return False
        index += 1
    return False


def _logical_lines(lines):
    """(number of the first line, text) of each line, with the lines a
    trailing backslash continues joined to it."""
    pending, first = None, 0
    for number, line in enumerate(lines, 1):
        if pending is None:
            first, pending = number, ''
        if _continues(line):
            pending += line[:-1]
            continue
        yield first, pending + line
        pending = None
    if pending is not None:
        yield first, pending


def parse_ceph(text):
    """Parse *text* as ceph reads a configuration file or keyring."""
    parser = CephSyntax()
    parser.parse(text.split('\n'))
    return parser
