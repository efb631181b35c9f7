"""The judging of parsed haproxy sections: sections and their names,
keywords and where they stand, and references to backends.  The
arguments of each keyword are judged by :mod:`.arguments`."""

import functools
import re

from snippetcheck.checkers.haproxy import arguments
from snippetcheck.checkers.haproxy import specs
from snippetcheck.checkers.haproxy.keywords import DIRECTIVES
from snippetcheck.checkers.haproxy.keywords import PROXY_SECTIONS
from snippetcheck.checkers.haproxy.keywords import SECTIONS
from snippetcheck.checkers.haproxy.parser import section_name
from snippetcheck.findings import Finding
from snippetcheck.findings import closest
from snippetcheck.findings import shorten
from snippetcheck.placeholders import is_placeholder
from snippetcheck.placeholders import join_placeholders

_PROXIES = frozenset(('frontend', 'backend', 'listen'))
_BACKENDS = frozenset(('backend', 'listen'))
_ELLIPSIS = frozenset(('...', '\u2026', '[...]'))
_LONG_QUOTED = re.compile(r'"([^"]{61,})"')
_ORDER = ('global', 'defaults', 'frontend', 'listen', 'backend')
_PROXY_AND_GLOBAL = frozenset((*PROXY_SECTIONS, 'global'))
#: When a keyword is misplaced in one of these sections, name the sections
#: of this group it belongs to first.
_NEAR = {kind: _PROXY_AND_GLOBAL for kind in _PROXY_AND_GLOBAL}
_PREFIXES = frozenset(('no', 'default'))
#: How many candidate comparisons the "did you mean" hints of one snippet
#: may cost in total.
_HINT_BUDGET = 30000

_ALL_HEADS = frozenset().union(*specs.HEADS.values())
_FIRST_WORDS = {
    kind: sorted({key.split(' ', 1)[0] for key in keys})
    for kind, keys in specs.KEYWORDS.items()
}
_ALL_FIRST_WORDS = sorted(specs.FIRST_WORDS)
_ALL_NAMES = {'option': tuple(sorted(specs.OPTION_NAMES)),
              'timeout': tuple(sorted(specs.TIMEOUT_NAMES))}
_SECTION_WORDS = sorted(SECTIONS)
_JUDGED = specs.JUDGED
_DIRECTIVE_WORDS = sorted(DIRECTIVES)


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


def _one_line(message):
    """Keep a message on one line of reasonable length, whatever words of
    the snippet it quotes."""
    if len(message) > 240:
        message = _LONG_QUOTED.sub(
            lambda match: f'"{shorten(match.group(1), 60)}"', message)
    return shorten(message, len(message))


@functools.lru_cache(maxsize=256)
def _seconds(kind, head):
    """Second words of the keywords of *kind* starting with *head*."""
    prefix = head + ' '
    return tuple(sorted(key[len(prefix):]
                        for key in specs.KEYWORDS.get(kind, ())
                        if key.startswith(prefix)))


def _pair(words):
    """The two-word keyword the first two words make; an argument in
    parentheses is not part of it (``http-check set-var(check.x)``).
    :meth:`Judge.line` does the same inline, on every line."""
    second = words[1]
    if '(' in second:
        second = second[:second.index('(')]
    return f'{words[0]} {second}'


def _clashes(kind, frontend_backend_may_share_name):
    """The proxy kinds whose names a proxy of *kind* may not take."""
    if kind == 'listen' or not frontend_backend_may_share_name:
        return ('frontend', 'backend', 'listen')
    return (kind, 'listen')


class Judge:
    """The findings of one snippet: ``Judge(sections).run()``.

    *frontend_backend_may_share_name* is the rule of the haproxy releases
    up to 3.2; haproxy 3.3 refuses the pairing.
    """

    def __init__(self, sections, frontend_backend_may_share_name=False):
        self.sections = sections
        self.share = frontend_backend_may_share_name
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
                hint = closest(word, candidates, cutoff) or ''
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
            words = join_placeholders(words)
            name = section_name(words)
        if 'from' in words[1:-1]:
            index = words.index('from', 1)
            if index + 1 < len(words):
                self.inherited.add(words[index + 1])
        if not name and SECTIONS[kind] == 'required':
            self.add(section.line, 'HAP012',
                     f'{kind} section has no name; write "{kind} <name>"')
        elif name and kind in _PROXIES:
            self.proxy_name(kind, name, section.line)
        elif name and kind == 'defaults':
            self.defaults.setdefault(name, []).append(section.line)
        table = specs.KEYWORDS[kind]
        heads = specs.HEADS[kind]
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
        for other in _clashes(kind, self.share):
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
                words = join_placeholders(words)
            first = words[0]
            if first in DIRECTIVES or first in _ELLIPSIS:
                continue
            if first in _PREFIXES and len(words) > 1:
                words = words[1:]
                first = words[0]
            known = first in specs.FIRST_WORDS
            if not known and is_placeholder(first):
                continue
            if not reported:
                reported = True
                if not known and entry.column == 0 and (
                        self.suggest(first, 'sections', _SECTION_WORDS, 0.75)
                        or not self.suggest(first, '', _ALL_FIRST_WORDS)):
                    self.unknown_section(entry.line, first)
                    return
                where = specs.WHERE.get(first)
                if where is None and len(words) > 1:
                    where = specs.WHERE.get(f'{first} {words[1]}')
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
            words = join_placeholders(words)
        stripped = False
        while True:
            first = words[0]
            if first in heads and first not in table:
                if len(words) < 2:
                    self.missing_name(entry.line, first, section.kind)
                    return False
                second = words[1]
                if '(' in second:       # as _pair does
                    second = second[:second.index('(')]
                key = f'{first} {second}'
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
        spec = _JUDGED.get(key)
        if spec is not None:
            arguments.check(self, section, entry.line, spec, args)
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
        if first in _ELLIPSIS or first in DIRECTIVES:
            return False
        if first[:1] == '.':
            hint = self.suggest(first, '.', _DIRECTIVE_WORDS)
            self.add(entry.line, 'HAP002',
                     f'unknown directive "{first}"; '
                     + (f'did you mean "{hint}"?' if hint else
                        'use .if, .elif, .else or .endif'))
            return False
        pair = _pair(words) if len(words) > 1 else ''
        for candidate in (key, pair, first):
            where = specs.WHERE.get(candidate) if candidate else None
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
                     f'unknown keyword "{first} {words[1]}" in {kind} '
                     'section; '
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
