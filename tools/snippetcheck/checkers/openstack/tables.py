"""The command data, indexed once for the checks.

:class:`CommandData` holds what :func:`snippetcheck.openstack.load` reads:
the global parser, the command table of each set of API versions
(:class:`CommandTable`, built when first asked for) and each command's
parser (:class:`Parser`, built when first judged).
"""

import bisect

from snippetcheck import openstack as data


class Parser:
    """One command's argparse parser as the data describes it (a PARSER of
    :mod:`snippetcheck.openstack`), indexed for lookups."""

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
        #: option string -> its option (the first option that has it)
        self.strings = {}
        for option in options:
            for string in option['s']:
                self.strings.setdefault(string, option)
        self.sorted = sorted(self.strings)
        #: the mutually exclusive groups: [(required, [member, ...]), ...]
        self.groups = groups
        #: a member -> the member lists of the groups it is in
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
        """The positional arguments as argparse's usage line shows them."""
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


class CommandTable:
    """The commands ``openstack`` runs at one set of API versions: command
    name -> PARSER, and the names by their number of words."""

    __slots__ = ('_by_length', 'commands', 'longest')

    def __init__(self, commands):
        self.commands = commands
        by_length = {}
        for name in commands:
            by_length.setdefault(len(name.split()), []).append(name)
        self._by_length = {count: _Names(names)
                           for count, names in by_length.items()}
        #: the most words a command name has
        self.longest = max(self._by_length, default=0)

    def __contains__(self, name):
        return name in self.commands

    def get(self, name):
        """The PARSER of command *name*, or None."""
        return self.commands.get(name)

    def names(self, count):
        """The command names of *count* words, sorted."""
        names = self._by_length.get(count)
        return names.names if names else ()

    def starting(self, typed):
        """The command names each of whose words starts with the word of
        *typed* (a list of words) at its place."""
        names = self._by_length.get(len(typed))
        return names.starting(typed) if names else []


class CommandData:
    """The command data, read and indexed once (:meth:`get`)."""

    _instance = None

    def __init__(self):
        raw = data.load()
        self.formatters = raw['formatters']
        self.global_parser = Parser(raw['global'], self.formatters)
        self.apis = raw['apis']
        self.default = raw['commands']
        self._parsers = {}
        self._tables = {}
        #: --os-API-api-version -> API
        self.version_options = {
            entry['option']: api for api, entry in self.apis.items()
            if entry.get('option')}
        #: what the data covers, for the messages
        self.about = _about(raw)

    @classmethod
    def get(cls):
        """The one instance."""
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def parser(self, spec):
        """The :class:`Parser` of the command PARSER *spec*."""
        key = id(spec)
        parser = self._parsers.get(key)
        if parser is None:
            parser = self._parsers[key] = Parser(spec, self.formatters)
        return parser

    def table(self, versions=()):
        """The :class:`CommandTable` with the APIs of *versions* ((api,
        major), ...) at those versions."""
        versions = tuple(sorted(versions))
        table = self._tables.get(versions)
        if table is None:
            commands = dict(self.default)
            for api, major in versions:
                entry = self.apis[api]
                others = entry['versions'].get(major)
                if others is None:
                    continue
                for name in entry['commands']:
                    commands.pop(name, None)
                commands.update(others)
            table = self._tables[versions] = CommandTable(commands)
        return table

    def alternatives(self, versions):
        """((api, major), table) at every other API version the data
        has."""
        chosen = dict(versions)
        for api, entry in sorted(self.apis.items()):
            if api in chosen:
                continue
            for major in sorted(entry['versions']):
                yield (api, major), self.table((*versions, (api, major)))


def _about(raw):
    """"python-openstackclient 10.3.1 (with the ... plugins)"."""
    about = ('python-openstackclient '
             f"{raw['packages'].get('python-openstackclient')}")
    plugins = raw.get('plugins') or []
    if len(plugins) > 1:
        return (f"{about} (with the {', '.join(plugins[:-1])} and "
                f"{plugins[-1]} plugins)")
    if plugins:
        return f'{about} (with the {plugins[0]} plugin)'
    return about
