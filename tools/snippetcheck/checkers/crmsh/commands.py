"""``crm ...`` console commands: crm's options, its command levels, and
the element a ``crm configure ELEMENT ...`` command defines.

crm's options, its levels with their commands and aliases, and which
aliases crm warns about as deprecated are crmsh's own facts, read from
its command tree (generated data, :mod:`snippetcheck.tooldata`).  By hand
are the levels crmsh 5.0 added, which the installed crmsh 4.4 the data
comes from lacks, and the messages.
"""

import dataclasses

from snippetcheck import tooldata
from snippetcheck.checkers.crmsh import block as block_module
from snippetcheck.checkers.crmsh import elements
from snippetcheck.findings import Finding
from snippetcheck.findings import did_you_mean
from snippetcheck.findings import shorten
from snippetcheck.placeholders import is_value_placeholder
from snippetcheck.placeholders import join_placeholders

#: By hand: levels of crmsh 5.0 that crmsh 4.4 lacks, with their commands
#: (the ``do_*`` methods of ``ui_sbd.SBD`` and ``ui_corosync.Link``).
ADDED_LEVELS = {
    ('sbd',): 'configure device purge status',
    ('corosync', 'link'): 'add remove show update',
}


@dataclasses.dataclass(frozen=True)
class Command:
    """A command or sublevel of a level: its name, the level it enters
    (None for a command), and for ``crm configure ELEMENT`` the element
    its arguments make."""

    name: str
    level: object = None
    element: str = ''


class Level:
    """A crm command level: what each word crm takes there runs."""

    def __init__(self):
        #: {name or alias: Command}
        self.entries = {}
        #: {alias: name} of the aliases crm warns about
        self.deprecated = {}

    def add(self, command, aliases=(), deprecated=()):
        self.entries[command.name] = command
        for alias in aliases:
            self.entries[alias] = command
            if alias in deprecated:
                self.deprecated[alias] = command.name

    def resolve(self, word):
        """The name or alias crm takes *word* for, or None: crmsh's
        fuzzy_get, which takes an exact name, a unique prefix, or a unique
        name holding the letters of *word* in order (from the first)."""
        if word in self.entries:
            return word
        lower = word.lower()
        if not lower:
            return None
        matches = [name for name in self.entries
                   if name.lower().startswith(lower)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            return None
        matches = [name for name in self.entries
                   if _subsequence(lower, name.lower())]
        if len(matches) == 1:
            return matches[0]
        return None

    def suggestions(self):
        """The words to suggest for a misspelt one: all but crm's hidden
        commands (``_test``)."""
        return [name for name in self.entries if not name.startswith('_')]


def _subsequence(letters, name):
    """Whether *name* starts with letters[0] and holds the rest in order."""
    if not name.startswith(letters[0]):
        return False
    position = 1
    for letter in letters[1:]:
        position = name.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def _navigation(found):
    """The commands every level below the top has from crm's base class,
    which crm's help hides (cd, help, ls, quit, up): {name: (aliases,
    deprecated aliases)}."""
    below = [path for path in found if path]
    first = found[below[0]]['commands']
    names = set(first).intersection(*(found[path]['commands']
                                      for path in below[1:]))
    warned = tooldata.crmsh_deprecated_aliases(below[0])
    return {name: (first[name]['aliases'],
                   [alias for alias in first[name]['aliases']
                    if alias in warned])
            for name in sorted(names)}


def _levels(found, navigation):
    """The top level, with every level under it."""
    levels = {path: Level() for path in [*found, *ADDED_LEVELS]}
    for path, facts in found.items():
        level = levels[path]
        deprecated = tooldata.crmsh_deprecated_aliases(path)
        for name, entry in facts['commands'].items():
            element = name if path == ('configure',) and \
                name in elements.SPECS else ''
            level.add(Command(name, element=element), entry['aliases'],
                      deprecated)
        for name, entry in facts['sublevels'].items():
            level.add(Command(name, levels[(*path, name)]),
                      entry['aliases'], deprecated)
    for path, names in ADDED_LEVELS.items():
        levels[path[:-1]].add(Command(path[-1], levels[path]))
        for name in names.split():
            levels[path].add(Command(name))
        for name, (aliases, deprecated) in navigation.items():
            levels[path].add(Command(name), aliases, deprecated)
    return levels[()]


_NAVIGATION = _navigation(tooldata.crmsh_levels())
#: The top level of crm's commands.
TOP = _levels(tooldata.crmsh_levels(), _NAVIGATION)
#: The navigation commands and their aliases: a fuzzy match to one is no
#: misspelling worth a finding (``crm configure hlp``).
NAVIGATION = frozenset(word for name, (aliases, _) in _NAVIGATION.items()
                       for word in (name, *aliases))
#: crm's own options: {option: takes a value}.
OPTIONS = tooldata.crm_options()


def check_command(command, document):
    """Findings for one ``crm ...`` console command."""
    argv = join_placeholders([str(arg) for arg in command.argv])
    line = getattr(command, 'line', 1)
    findings = []
    if not argv or argv[0] != 'crm':
        return findings
    index = 1
    while index < len(argv) and argv[index].startswith('-') and \
            argv[index] not in ('-h', '--help'):
        option, eq, _ = argv[index].partition('=')
        takes = OPTIONS.get(option)
        if takes is None:
            findings.append(Finding(line, 'CRM001', f'crm has no option '
                                    f'"{shorten(option)}"'
                                    + did_you_mean(option, OPTIONS)))
            return findings
        index += 2 if takes and not eq else 1
    words = argv[index:]
    level = TOP
    path = []
    entry = None
    while words:
        word = words[0]
        name = level.resolve(word)
        if name is None:
            if not is_value_placeholder(word):
                where = 'crm ' + ' '.join(path) if path else 'crm'
                findings.append(Finding(
                    line, 'CRM001', f'`{where}` has no command '
                    f'"{shorten(word)}"'
                    + did_you_mean(word.lower(), level.suggestions())))
            return findings
        entry = level.entries[name]
        if name == word and name in level.deprecated:
            findings.append(Finding(
                line, 'CRM008', f'crm warns that `{word}` is deprecated: '
                f'write `{entry.name}`'))
        elif name != word and name not in NAVIGATION and \
                len(word) >= len(name) - 2 and not name.startswith(word):
            findings.append(Finding(
                line, 'CRM001', f'"{shorten(word)}" is not a crm command (crm '
                f'guesses "{name}"); write `{name}`'))
        path.append(entry.name)
        words = words[1:]
        if entry.level is None:
            break
        level = entry.level
    if entry is not None and entry.element:
        block = block_module.Block(document)
        block.element(line, [entry.element, *words], entry.element)
        findings.extend(block.finish())
    return findings
