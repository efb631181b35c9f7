"""Checks of ``openstack`` commands (python-openstackclient).

A command is judged from the command data of :mod:`snippetcheck.openstack`
alone, the way ``openstack`` itself reads it, without importing the client
and without a request:

1. the global options (``--os-cloud NAME``, ``--debug``, ...) are taken
   out wherever they stand, as the client's ``parse_known_args`` does
   (``--help`` turns the command into ``openstack help ...``);
2. the command is the longest run of leading words, up to the first that
   starts with ``-``, that names a command, where each word may be the
   start of the command's word (cliff's lookup); ``--os-API-api-version
   N`` switches an API's commands to those of version N, and a command
   found only at another version (``OS_VOLUME_API_VERSION`` in the
   environment) is judged at that version;
3. its arguments are read as argparse reads them: options by exact name,
   ``--name=value``, ``-fvalue`` or an unambiguous abbreviation, each with
   the number of values it takes; ``--`` ends the options; the positional
   arguments are matched against the command's all together. That is the
   most any argparse accepts: the argparse of Python 3.13 and older also
   rejects an optional positional argument (``server ssh``'s ssh
   arguments) given after an option that follows the first positional,
   and a ``--`` that no positional argument takes. Those depend on the
   Python version and are not reported.

Codes:

* OSC001 unknown command;
* OSC002 unknown or ambiguous option;
* OSC003 an option without its value, or with a value it does not take;
* OSC004 a required argument or option missing;
* OSC005 more positional arguments than the command takes;
* OSC006 a value that is not one of the option's choices;
* OSC007 a value of the wrong form (an integer, ``KEY=VALUE``, the keys
  of ``--allocation-pool``-style options);
* OSC008 options that exclude each other, given together;
* OSC009 an abbreviated command or option name, which works only as long
  as no other command or option starts the same way.

Placeholders (``<Virtual IP>``, ``RABBIT_PASS``) and shell expansions
(``$KEYSTONE_REGION``, ``$(...)``) are accepted as any value. An unquoted
expansion standing where an argument is expected may be several words or
none, so the count of positional arguments and the required options are
not judged then; an expansion among the command's words leaves the command
unjudged unless no command could match.
"""

import bisect
import difflib
import re

from snippetcheck import openstack as data
from snippetcheck.catalogue import Check
from snippetcheck.findings import Finding
from snippetcheck.findings import did_you_mean
from snippetcheck.findings import shorten
from snippetcheck.openstack.invocations import Word
from snippetcheck.openstack.invocations import invocations
from snippetcheck.placeholders import has_placeholder
from snippetcheck.placeholders import is_placeholder

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('OSC001', 'openstack',
          'Unknown openstack command (python-openstackclient and the '
          'plugins the data covers).',
          '$ openstack netwrk agent list',
          '$ openstack network agent list', 'console'),
    Check('OSC002', 'openstack',
          'An option the openstack command does not have, or an '
          'abbreviation that fits several.',
          '$ openstack endpoint list --servce identity',
          '$ openstack endpoint list --service identity', 'console'),
    Check('OSC003', 'openstack',
          'An option without its value, or with a value it does not take.',
          '$ openstack endpoint list --service',
          '$ openstack endpoint list --service identity', 'console'),
    Check('OSC004', 'openstack',
          'A required argument or option of the openstack command is '
          'missing.',
          '$ openstack endpoint create --region RegionOne identity internal',
          '$ openstack endpoint create --region RegionOne identity internal '
          'http://10.0.0.11:5000/v3', 'console'),
    Check('OSC005', 'openstack',
          'More positional arguments than the openstack command takes.',
          '$ openstack volume service list cinder-volume',
          '$ openstack volume service list --service cinder-volume',
          'console'),
    Check('OSC006', 'openstack',
          'A value that is not one of the choices of the option or '
          'argument.',
          '$ openstack endpoint create --region RegionOne identity private '
          'http://10.0.0.11:5000/v3',
          '$ openstack endpoint create --region RegionOne identity internal '
          'http://10.0.0.11:5000/v3', 'console'),
    Check('OSC007', 'openstack',
          'A value of the wrong form: not an integer, not KEY=VALUE, or '
          'with keys the option does not take.',
          '$ openstack volume create --size 10G data',
          '$ openstack volume create --size 10 data', 'console'),
    Check('OSC008', 'openstack',
          'Options that exclude each other, given together.',
          '$ openstack network agent list --network NETWORK --router ROUTER',
          '$ openstack network agent list --network NETWORK', 'console'),
    Check('OSC009', 'openstack',
          'An abbreviated command or option name: it works only until a '
          'new command or option starts the same way.',
          '$ openstack net agent list',
          '$ openstack network agent list', 'console'),
)


_NEGATIVE = re.compile(r'^-\d+$|^-\d*\.\d+$')
_NARGS_PATTERN = {None: '(A)', '?': '(A?)', '*': '(A*)', '+': '(A+)',
                  '...': '(A*)', 'A...': '(A+)'}


def check_command(command, document):
    """Findings for the ``openstack`` commands of one console *command*."""
    line = getattr(command, 'line', 1)
    found = invocations(command.text, 'openstack')
    if not found:
        return []
    findings = []
    for words in found:
        findings.extend(Finding(line, code, message)
                        for code, message in check_words(words))
    return findings


def check_words(words):
    """(code, message) pairs for the arguments *words* of one
    ``openstack`` command (:class:`Word` or plain strings)."""
    words = [word if isinstance(word, Word) else Word(str(word))
             for word in words]
    return _Check(words).run()


# -- the data, indexed once --------------------------------------------------

class Parser:
    """One command's parser from the data, indexed for lookups."""

    def __init__(self, spec, formatters):
        options = list(spec.get('o', ()))
        groups = list(spec.get('x', ()))
        if 'f' in spec:
            common = formatters[spec['f']]
            options = common['o'] + options
            groups = common.get('x', []) + groups
        self.options = options
        self.positionals = spec.get('p', [])
        self.negative = bool(spec.get('neg'))
        self.strings = {}
        for option in options:
            for string in option['s']:
                self.strings.setdefault(string, option)
        self.sorted = sorted(self.strings)
        self.groups = groups
        self.conflicts = {}
        for _required, members in groups:
            for member in members:
                self.conflicts.setdefault(member, []).append(members)

    def prefixed(self, prefix):
        """The option strings that start with *prefix*."""
        found = []
        strings = self.sorted
        for index in range(bisect.bisect_left(strings, prefix),
                           len(strings)):
            if not strings[index].startswith(prefix):
                break
            found.append(strings[index])
        return found

    def usage(self):
        return ' '.join(_positional_usage(spec)
                        for spec in self.positionals)


def _positional_usage(spec):
    name = spec['m']
    nargs = spec.get('n')
    if nargs == '?':
        return f'[{name}]'
    if nargs == '*':
        return f'[{name} ...]'
    if nargs in ('+', 'A...'):
        return f'{name} [{name} ...]'
    if isinstance(nargs, int):
        return ' '.join([name] * nargs)
    return name


class _Data:
    """The command tables, built lazily once."""

    _instance = None

    def __init__(self):
        raw = data.load()
        self.raw = raw
        self.formatters = raw['formatters']
        self.global_parser = Parser(raw['global'], self.formatters)
        self.apis = raw['apis']
        self.default = raw['commands']
        self._parsers = {}
        self._tables = {}
        self.version_options = {
            entry['option']: api for api, entry in self.apis.items()
            if entry.get('option')}
        plugins = raw.get('plugins') or []
        self.about = (f"python-openstackclient "
                      f"{raw['packages'].get('python-openstackclient')}"
                      + (f" (with the {', '.join(plugins[:-1])} and "
                         f"{plugins[-1]} plugins)" if len(plugins) > 1 else
                         f" (with the {plugins[0]} plugin)" if plugins
                         else ''))

    @classmethod
    def get(cls):
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def parser(self, spec):
        key = id(spec)
        parser = self._parsers.get(key)
        if parser is None:
            parser = self._parsers[key] = Parser(spec, self.formatters)
        return parser

    def table(self, versions=()):
        """The commands with the APIs of *versions* ((api, major), ...)
        at those versions."""
        versions = tuple(sorted(versions))
        table = self._tables.get(versions)
        if table is None:
            table = dict(self.default)
            for api, major in versions:
                entry = self.apis[api]
                others = entry['versions'].get(major)
                if others is None:
                    continue
                for name in entry['commands']:
                    table.pop(name, None)
                table.update(others)
            self._tables[versions] = table
            _index(table)
        return table

    def alternatives(self, versions):
        """Tables at every other API version the data has."""
        chosen = dict(versions)
        for api, entry in sorted(self.apis.items()):
            if api in chosen:
                continue
            for major in sorted(entry['versions']):
                yield (api, major), self.table((*versions, (api, major)))


_BY_LENGTH = {}


class _Names:
    """The command names of one table that have the same number of words,
    sorted, for cliff's lookup by word prefixes."""

    __slots__ = ('names', 'parts')

    def __init__(self, names):
        self.names = sorted(names)
        self.parts = [tuple(name.split()) for name in self.names]

    def starting(self, typed):
        """Names each of whose words starts with the word typed there."""
        first = typed[0]
        start = bisect.bisect_left(self.names, first)
        found = []
        for index in range(start, len(self.names)):
            parts = self.parts[index]
            if not parts[0].startswith(first):
                if parts[0] > first and not self.names[index].startswith(
                        first):
                    break
                continue
            if all(part.startswith(word)
                   for part, word in zip(parts[1:], typed[1:],
                                         strict=True)):
                found.append(self.names[index])
        return found


def _index(table):
    """Command names of *table* by their number of words."""
    by_length = {}
    for name in table:
        by_length.setdefault(len(name.split()), []).append(name)
    _BY_LENGTH[id(table)] = {count: _Names(names)
                             for count, names in by_length.items()}


def _names(table, count):
    names = _BY_LENGTH[id(table)].get(count)
    return names.names if names else ()


def _starting(table, typed):
    names = _BY_LENGTH[id(table)].get(len(typed))
    return names.starting(typed) if names else []


# -- checking one command ----------------------------------------------------

class _Stop(Exception):
    """The rest of the command cannot be judged."""


class _Check:
    def __init__(self, words):
        self.words = words
        self.data = _Data.get()
        self.findings = []
        self.versions = {}
        self.help = False
        self.name = ''

    def add(self, code, message):
        self.findings.append((code, message))

    def run(self):
        try:
            rest = self._global_options()
            if not rest:
                return self.findings   # the interactive shell, or --help
            found = self._command(rest)
            if found is None:
                return self.findings
            name, spec, arguments = found
            self.name = 'openstack ' + name
            if not self.help:
                _Arguments(self, self.data.parser(spec), arguments).run()
        except _Stop:
            pass
        return self.findings

    # -- step 1: global options --------------------------------------------

    def _global_options(self):
        reader = _Reader(self, self.data.global_parser, 'openstack')
        rest = []
        words = self.words
        index = 0
        while index < len(words):
            word = words[index]
            if word.text == '--' and not word.dynamic:
                rest.extend(words[index:])
                break
            kind = _classify(word, reader.parser)
            if kind[0] == 'AMBIGUOUS':
                self._ambiguous(word, kind[1], 'openstack')
                raise _Stop()
            if kind[0] != 'O':
                rest.append(word)
                index += 1
                continue
            index, values = reader.option(kind, word, words, index)
            option = kind[1]
            api = self.data.version_options.get(option['s'][-1])
            if api and values and not _is_open_value(values[0]):
                self.versions[api] = values[0].text.split('.')[0]
        self.help = '-h' in reader.seen
        return rest

    # -- step 2: the command -----------------------------------------------

    def _command(self, words):
        end = len(words)
        for index, word in enumerate(words):
            if word.text.startswith('-') and not word.leading:
                end = index
                break
        if end == 0 and words[0].text != '--':
            text = words[0].text.split('=', 1)[0]
            self.add('OSC002', f'"openstack" has no global option '
                     f'"{shorten(text)}"'
                     + (did_you_mean(text, self.data.global_parser.strings)
                        or '; write the command first, as in "openstack '
                        'server list --long"'))
            return None
        if end == 0:
            self.add('OSC001', f'no command after "openstack" (a command '
                     f'starts with a word, not with '
                     f'"{shorten(words[0].text)}"); write the command '
                     'first, as in "openstack server list --long"')
            return None
        table = self.data.table(tuple(self.versions.items()))
        found = _find(table, words, end)
        if found is None:
            for _version, other in self.data.alternatives(
                    tuple(self.versions.items())):
                found = _find(other, words, end)
                if found is not None:
                    break
        if found is None:
            self._unknown_command(table, words[:end])
            return None
        if found == 'unknown':
            return None
        name, count, exact = found
        if not exact:
            typed = ' '.join(word.text for word in words[:count])
            self.add('OSC009', f'"openstack {shorten(typed, 60)}" '
                     f'abbreviates "openstack {name}": write the command '
                     'in full; an abbreviation stops working when a new '
                     'command starts the same way')
        spec = table.get(name)
        if spec is None:
            for _version, other in self.data.alternatives(
                    tuple(self.versions.items())):
                if name in other:
                    spec = other[name]
                    break
        return name, spec, words[count:]

    def _unknown_command(self, table, words):
        typed = [word.text for word in words]
        best = None
        for count in range(min(len(typed), 6), 0, -1):
            candidate = ' '.join(typed[:count])
            for name in difflib.get_close_matches(
                    candidate, _names(table, count), n=1, cutoff=0.75):
                ratio = difflib.SequenceMatcher(None, candidate,
                                                name).ratio()
                if best is None or ratio > best[0]:
                    best = (ratio, name)
        shown = shorten(' '.join(typed), 60)
        if typed[0] == 'openstack' and len(words) > 1 and \
                _find(table, words[1:], len(words) - 1) not in (None,
                                                                 'unknown'):
            best = (1, ' '.join(typed[1:]))
        if best is not None:
            hint = f'; did you mean "openstack {best[1]}"?'
        else:
            hint = ('; if another client plugin provides it, opt the block '
                    'out naming the plugin')
        self.add('OSC001', f'"openstack {shown}" is not a command of '
                 f'{self.data.about}{hint}')

    # -- messages shared with the arguments --------------------------------

    def _ambiguous(self, word, matches, where):
        shown = ', '.join(sorted(matches)[:4])
        self.add('OSC002', f'"{shorten(word.text)}" is ambiguous in '
                 f'"{where}": it abbreviates {shown}; write the option in '
                 'full')

    def _abbreviation(self, typed, string, where):
        self.add('OSC009', f'"{shorten(typed)}" abbreviates {string} in '
                 f'"{where}": write {string} in full; an abbreviation stops '
                 'working when a new option starts the same way')


def _find(table, words, end):
    """(name, words used, exact) of the command *words* name in *table*;
    'unknown' when an expansion among them could name one; None."""
    longest = max(_BY_LENGTH[id(table)], default=0)
    for count in range(min(end, longest), 0, -1):
        head = words[:count]
        if any(word.dynamic or _is_angle(word.text) for word in head):
            if _could_match(table, head):
                return 'unknown'
            continue
        name = ' '.join(word.text for word in head)
        if name in table:
            return name, count, True
        candidates = _starting(table, [word.text for word in head])
        if len(candidates) == 1:
            return candidates[0], count, False
    return None


def _is_angle(text):
    return text.startswith('<') and text.endswith('>')


def _could_match(table, head):
    for name in _names(table, len(head)):
        parts = name.split()
        if all(word.dynamic or _is_angle(word.text) or
               part.startswith(word.text)
               for part, word in zip(parts, head, strict=True)):
            return True
    return False


# -- reading the arguments ---------------------------------------------------

def _classify(word, parser):
    """How argparse reads *word*: ('A',), ('O', option, string, explicit
    value, abbreviated), ('UNKNOWN',) or ('AMBIGUOUS', matches)."""
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
    nargs = option.get('n')
    return 1 if nargs is None else nargs


def _is_value(word, parser):
    if word.text == '--' and not word.dynamic:
        return False
    return _classify(word, parser)[0] == 'A'


def _take_values(check, option, string, explicit, words, index, parser,
                 where):
    """Read the values of *option*; return (next index, values)."""
    nargs = _takes(option)
    if explicit is not None:
        if nargs == 0:
            check.add('OSC003', f'{string} of "{where}" takes no value, '
                      f'but is given "{shorten(explicit)}"; write {string} '
                      'alone')
            return index, []
        if isinstance(nargs, int) and nargs > 1:
            _missing_value(check, option, string, where)
            return index, []
        return index, [Word(explicit)]
    values = []
    limit = {0: 0, 1: 1, '?': 1}.get(nargs, nargs)
    while index < len(words) and (limit in ('*', '+', '...', 'A...') or
                                  len(values) < limit):
        if not _is_value(words[index], parser):
            break
        values.append(words[index])
        index += 1
    wanted = 1 if nargs in ('+', 'A...') else nargs
    if isinstance(wanted, int) and len(values) < wanted:
        _missing_value(check, option, string, where)
    return index, values


def _missing_value(check, option, string, where):
    metavar = option.get('m') or 'VALUE'
    count = _takes(option)
    values = ' '.join([metavar] * count) if isinstance(count, int) \
        else metavar
    check.add('OSC003', f'{string} of "{where}" needs a value; write '
              f'"{string} {values}"')


def _is_open_value(word):
    """A value the reader or the shell fills in."""
    return word.dynamic or is_placeholder(word.text)


def _check_value(check, spec, label, word, where):
    if _is_open_value(word):
        return
    text = word.text
    form = spec.get('t')
    if form in ('int', 'uint', 'float'):
        try:
            number = float(text) if form == 'float' else int(text)
        except ValueError:
            if has_placeholder(text):
                return
            kind = {'int': 'an integer', 'uint':
                    'a non-negative integer', 'float': 'a number'}[form]
            check.add('OSC007', f'{label} of "{where}" takes {kind}, not '
                      f'"{shorten(text)}"; write {kind}')
            return
        if form == 'uint' and number < 0:
            check.add('OSC007', f'{label} of "{where}" takes a '
                      f'non-negative integer, not "{shorten(text)}"; write '
                      '0 or more')
            return
        text = str(number)
    elif form == 'kv':
        key = text.split('=', 1)[0]
        if '=' not in text or not key:
            if not has_placeholder(text):
                check.add('OSC007', f'{label} of "{where}" takes KEY=VALUE, '
                          f'not "{shorten(text)}"; write {label} KEY=VALUE')
            return
    elif form in ('mkv', 'mkvc'):
        _check_pairs(check, spec, label, text, form, where)
        return
    choices = spec.get('c')
    if choices is None:
        return
    folded = text.lower() if spec.get('i') else text
    allowed = [choice.lower() for choice in choices] if spec.get('i') \
        else choices
    if folded in allowed or has_placeholder(text):
        return
    same = [choice for choice in choices if choice.lower() == text.lower()]
    hint = (f'; did you mean "{same[0]}"?' if same else
            did_you_mean(text, choices) or
            f'; write one of {", ".join(choices[:6])}')
    listed = ', '.join(choices[:8]) + (', ...' if len(choices) > 8 else '')
    check.add('OSC006', f'"{shorten(text)}" is not a choice of {label} of '
              f'"{where}" ({listed}){hint}')


def _check_pairs(check, spec, label, text, form, where):
    keys = []
    for item in text.split(','):
        if '=' in item:
            key = item.split('=', 1)[0]
            if not key:
                break
            keys.append(key)
        elif form == 'mkv' or not keys:
            if has_placeholder(item):
                return
            check.add('OSC007', f'{label} of "{where}" takes KEY=VALUE '
                      f'pairs separated by commas, not "{shorten(text)}"; '
                      f'write {label} {spec.get("m") or "KEY=VALUE"}')
            return
    else:
        known = spec.get('k')
        if known:
            for key in keys:
                if key not in known and not has_placeholder(key):
                    check.add('OSC007', f'{label} of "{where}" has no key '
                              f'"{shorten(key)}" (it takes '
                              f'{", ".join(known)})'
                              + (did_you_mean(key, known) or
                                 '; write one of those keys'))
                    return
        missing = [key for key in spec.get('rk', ()) if key not in keys]
        if missing:
            check.add('OSC007', f'{label} of "{where}" needs the key(s) '
                      f'{", ".join(missing)}; add '
                      f'{",".join(key + "=..." for key in missing)}')
        return
    check.add('OSC007', f'{label} of "{where}" has a pair without a key in '
              f'"{shorten(text)}"; write KEY=VALUE')


class _Reader:
    """Reads the options of one parser, as argparse does."""

    def __init__(self, check, parser, where):
        self.check = check
        self.parser = parser
        self.where = where
        self.seen = {}             # first option string -> as written

    def option(self, kind, word, words, index):
        """Read the option *kind* found at *index*; return (next index,
        its values)."""
        _kind, option, string, explicit, abbreviated = kind
        if abbreviated:
            self.check._abbreviation(word.text, string, self.where)
        # -vq: flags written in one word
        while explicit and _takes(option) == 0 and \
                not string.startswith('--') and \
                '-' + explicit[0] in self.parser.strings:
            self._seen(option, string)
            string = '-' + explicit[0]
            explicit = explicit[1:] or None
            option = self.parser.strings[string]
        index, values = _take_values(self.check, option, string, explicit,
                                     words, index + 1, self.parser,
                                     self.where)
        for value in values:
            _check_value(self.check, option, string, value, self.where)
        self._seen(option, string)
        return index, values

    def _seen(self, option, string):
        first = option['s'][0] if 's' in option else option['m']
        for members in self.parser.conflicts.get(first, ()):
            for other in members:
                if other != first and other in self.seen:
                    self.check.add(
                        'OSC008', f'{self.seen[other]} and {string} of '
                        f'"{self.where}" exclude each other; keep one')
        self.seen[first] = string


class _Arguments(_Reader):
    """argparse's reading of one command's arguments."""

    def __init__(self, check, parser, words):
        super().__init__(check, parser, check.name)
        self.words = words
        self.positionals = []
        self.uncertain = False

    def run(self):
        parser = self.parser
        words = self.words
        index = 0
        while index < len(words):
            word = words[index]
            if word.text == '--' and not word.dynamic:
                self.positionals.extend(words[index + 1:])
                break
            kind = _classify(word, parser)
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
                self.check._ambiguous(word, kind[1], self.where)
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
                    _check_value(self.check, spec, spec['m'], word,
                                 self.where)
                if count:
                    self._seen(spec, spec['m'])
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
