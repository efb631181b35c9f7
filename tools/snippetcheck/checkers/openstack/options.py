"""Reading options and their values as argparse reads them: by exact name,
``--name=value``, ``-fvalue``, flags written together (``-vq``) or an
unambiguous abbreviation, each with the number of values it takes
(OSC002, OSC003, OSC008, OSC009)."""

import re

from snippetcheck.findings import shorten
from snippetcheck.openstack.invocations import Word

from .values import check_value

#: What argparse takes for a negative number rather than an option.
_NEGATIVE = re.compile(r'^-\d+$|^-\d*\.\d+$')


def classify(word, parser):
    """How argparse reads *word* with *parser*: ('A',) an argument, ('O',
    option, string, explicit value, abbreviated), ('UNKNOWN',) or
    ('AMBIGUOUS', matches)."""
    text = word.text
    if word.leading or not text.startswith('-') or text == '-':
        return ('A',)
    option = parser.strings.get(text)
    if option is not None:
        return ('O', option, text, None, False)
    if '=' in text:
        string, explicit = text.split('=', 1)
        option = parser.strings.get(string)
        if option is not None:
            return ('O', option, string, explicit, False)
    tuples = _option_tuples(text, parser)
    if len(tuples) > 1:
        return ('AMBIGUOUS', [string for string, _e in tuples])
    if len(tuples) == 1:
        string, explicit = tuples[0]
        exact = len(string) == 2 and text.startswith(string) and \
            explicit is not None
        return ('O', parser.strings[string], string, explicit, not exact)
    if _NEGATIVE.match(text) and not parser.negative:
        return ('A',)
    if ' ' in text:
        return ('A',)
    return ('UNKNOWN',)


def _option_tuples(text, parser):
    """argparse's prefix matches of *text* (Python 3.11 and later)."""
    if text.startswith('--'):
        prefix, explicit = (text.split('=', 1) if '=' in text
                            else (text, None))
        return [(string, explicit) for string in parser.prefixed(prefix)]
    short, attached = text[:2], text[2:]
    found = [(string, None) for string in parser.prefixed(text)]
    if short in parser.strings:
        found.append((short, attached))
    return found


def _takes(option):
    """The nargs of *option*: a count, or '?', '*', '+', '...', 'A...'."""
    nargs = option.get('n')
    return 1 if nargs is None else nargs


def _is_value(word, parser):
    if word.text == '--' and not word.dynamic:
        return False
    return classify(word, parser)[0] == 'A'


class OptionReader:
    """Reads the options of one parser in command *where*, as argparse
    does, and reports on *check*."""

    def __init__(self, check, parser, where):
        self.check = check
        self.parser = parser
        self.where = where
        self.seen = {}             # first option string -> as written

    def option(self, kind, word, words, index):
        """Read the option *kind* (see :func:`classify`) found at *index*
        of *words*; return (next index, its values)."""
        _kind, option, string, explicit, abbreviated = kind
        if abbreviated:
            self._abbreviation(word.text, string)
        # -vq: flags written in one word
        while explicit and _takes(option) == 0 and \
                not string.startswith('--') and \
                '-' + explicit[0] in self.parser.strings:
            self.record(option, string)
            string = '-' + explicit[0]
            explicit = explicit[1:] or None
            option = self.parser.strings[string]
        index, values = self._values(option, string, explicit, words,
                                     index + 1)
        for value in values:
            check_value(self.check, option, string, value, self.where)
        self.record(option, string)
        return index, values

    def _values(self, option, string, explicit, words, index):
        """Read the values of *option* from *index*; return (next index,
        values)."""
        nargs = _takes(option)
        if explicit is not None:
            if nargs == 0:
                self.check.add('OSC003', f'{string} of "{self.where}" takes '
                               f'no value, but is given '
                               f'"{shorten(explicit)}"; write {string} '
                               'alone')
                return index, []
            if isinstance(nargs, int) and nargs > 1:
                self._missing_value(option, string)
                return index, []
            return index, [Word(explicit)]
        values = []
        limit = {0: 0, 1: 1, '?': 1}.get(nargs, nargs)
        while index < len(words) and (limit in ('*', '+', '...', 'A...') or
                                      len(values) < limit):
            if not _is_value(words[index], self.parser):
                break
            values.append(words[index])
            index += 1
        wanted = 1 if nargs in ('+', 'A...') else nargs
        if isinstance(wanted, int) and len(values) < wanted:
            self._missing_value(option, string)
        return index, values

    def _missing_value(self, option, string):
        metavar = option.get('m') or 'VALUE'
        count = _takes(option)
        values = ' '.join([metavar] * count) if isinstance(count, int) \
            else metavar
        self.check.add('OSC003', f'{string} of "{self.where}" needs a value; '
                       f'write "{string} {values}"')

    def record(self, spec, string):
        """Note that the option or positional argument *spec* was given
        (as *string*); report the ones given before that it excludes."""
        first = spec['s'][0] if 's' in spec else spec['m']
        for members in self.parser.conflicts.get(first, ()):
            for other in members:
                if other != first and other in self.seen:
                    self.check.add(
                        'OSC008', f'{self.seen[other]} and {string} of '
                        f'"{self.where}" exclude each other; keep one')
        self.seen[first] = string

    def ambiguous(self, word, matches):
        """Report *word*, which abbreviates each of *matches*."""
        shown = ', '.join(sorted(matches)[:4])
        self.check.add('OSC002', f'"{shorten(word.text)}" is ambiguous in '
                       f'"{self.where}": it abbreviates {shown}; write the '
                       'option in full')

    def _abbreviation(self, typed, string):
        self.check.add('OSC009', f'"{shorten(typed)}" abbreviates {string} '
                       f'in "{self.where}": write {string} in full; an '
                       'abbreviation stops working when a new option starts '
                       'the same way')
