"""haproxy.cfg text as haproxy reads it: lines, words and sections.

``#`` starts a comment, blank lines are skipped, and a line splits into
words at blanks outside weak ``"..."`` and strong ``'...'`` quotes, with
backslash escapes (``\\ ``, ``\\"``, ``\\#``, ``\\xHH``...).  A line whose
first word is a section keyword opens a section; every other line belongs
to the section above it.
"""

import typing

from snippetcheck.checkers.haproxy.keywords import SECTIONS

_ESCAPES = {'r': '\r', 'n': '\n', 't': '\t'}
_HEX = frozenset('0123456789abcdefABCDEF')


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
    sectionwords = SECTIONS
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
            current = Section(first, section_name(words), number, entry)
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


def section_name(words):
    """The name a section header (its words) gives, or ''."""
    if len(words) < 2:
        return ''
    if words[0] == 'defaults' and words[1] == 'from':
        return ''
    return words[1]
