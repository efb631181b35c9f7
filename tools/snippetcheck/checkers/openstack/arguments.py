"""Judging one command's arguments as its argparse parser reads them: the
options, then the positional arguments matched all together against the
command's, then what is required (OSC002 to OSC008).

An unquoted expansion, or an option that cannot be read (unknown or
ambiguous), makes the count of positional arguments unknown: then neither
that count nor the required arguments and options are judged.
"""

import re

from snippetcheck.findings import did_you_mean
from snippetcheck.findings import shorten

from .options import OptionReader
from .options import classify
from .values import check_value

#: A positional argument's nargs -> its part of argparse's match pattern.
_NARGS_PATTERN = {None: '(A)', '?': '(A?)', '*': '(A*)', '+': '(A+)',
                  '...': '(A*)', 'A...': '(A+)'}


class ArgumentReader(OptionReader):
    """argparse's reading of the arguments *words* of the command that
    *check* found (``check.name``) with *parser*."""

    def __init__(self, check, parser, words):
        super().__init__(check, parser, check.name)
        self.words = words
        self.positionals = []
        self.uncertain = False

    def run(self):
        """Read the words and report on the check."""
        parser = self.parser
        words = self.words
        index = 0
        while index < len(words):
            word = words[index]
            if word.text == '--' and not word.dynamic:
                self.positionals.extend(words[index + 1:])
                break
            kind = classify(word, parser)
            if kind[0] == 'A':
                if word.loose:
                    self.uncertain = True
                else:
                    self.positionals.append(word)
                index += 1
            elif kind[0] == 'UNKNOWN':
                self._unknown_option(word)
                self.uncertain = True
                index += 1
            elif kind[0] == 'AMBIGUOUS':
                self.ambiguous(word, kind[1])
                self.uncertain = True
                index += 1
            else:
                index, _values = self.option(kind, word, words, index)
        self._positionals()
        self._required()

    def _unknown_option(self, word):
        text = word.text.split('=', 1)[0]
        candidates = list(self.parser.strings)
        hint = did_you_mean(text, candidates) or did_you_mean(
            text, list(self.check.data.global_parser.strings))
        self.check.add('OSC002', f'"{self.where}" has no option '
                       f'"{shorten(text)}"'
                       + (hint or f'; see "openstack help '
                          f'{self.where[len("openstack "):]}"'))

    def _positionals(self):
        specs = self.parser.positionals
        words = self.positionals
        if self.uncertain:
            return
        matched, counts = _match(specs, len(words))
        used = sum(counts)
        if used < len(words):
            extra = words[used]
            takes = self.parser.usage() or 'no positional argument'
            self.check.add('OSC005', f'"{shorten(extra.text)}" is one '
                           f'argument too many for "{self.where}" (it takes '
                           f'{takes}); quote a value that has spaces, or '
                           'remove it')
        else:
            start = 0
            for spec, count in zip(specs, counts, strict=False):
                for word in words[start:start + count]:
                    check_value(self.check, spec, spec['m'], word,
                                self.where)
                if count:
                    self.record(spec, spec['m'])
                start += count
        missing = [spec['m'] for spec in specs[matched:]
                   if spec.get('n') not in ('?', '*', '...')
                   and spec.get('n') != 0]
        if missing:
            usage = self.parser.usage()
            self.check.add('OSC004', f'"{self.where}" is missing '
                           f'{" ".join(missing)}; write "{self.where} '
                           f'[options] {usage}"')

    def _required(self):
        if self.uncertain:
            return
        for option in self.parser.options:
            if option.get('r') and option['s'][0] not in self.seen:
                string = max(option['s'], key=len)
                self.check.add('OSC004', f'"{self.where}" needs the option '
                               f'{string}; add "{string} '
                               f'{option.get("m") or "VALUE"}"')
        for required, members in self.parser.groups:
            if required and not any(member in self.seen
                                    for member in members):
                self.check.add('OSC004', f'"{self.where}" needs one of '
                               f'{", ".join(members)}; add one')


def _match(specs, count):
    """(how many of *specs* argparse fills, values each takes) when
    *count* positional words are given."""
    text = 'A' * count
    for size in range(len(specs), -1, -1):
        pattern = ''.join(_pattern(spec) for spec in specs[:size])
        found = re.match(pattern, text)
        if found is not None:
            return size, [len(group) for group in found.groups()]
    return 0, []


def _pattern(spec):
    nargs = spec.get('n')
    if isinstance(nargs, int):
        return '(' + 'A' * nargs + ')'
    return _NARGS_PATTERN[nargs]
