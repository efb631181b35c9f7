"""Syntax of ini snippets, read with oslo.config's own ini parser.

Options before the first ``[section]`` are a fragment of ``[DEFAULT]``.
The parser is oslo.config's; this module only turns its errors into
findings and keeps going after each, so one bad line does not hide the
next.
"""

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

    def __init__(self):
        self.findings = []
        self.section = 'DEFAULT'
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


def parse(text):
    """Parse *text*; return the parser with its findings and assignments."""
    parser = IniSyntax()
    parser.parse(text.split('\n'))
    return parser


def check(snippet, document):
    return parse(snippet.text).findings
