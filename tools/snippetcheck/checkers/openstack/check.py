"""Checking one ``openstack`` command: the global options, the command,
then its arguments.

The other modules report on the :class:`CommandCheck` they are given,
with ``check.add(code, message)``, and read the command data from
``check.data`` (:class:`~.tables.CommandData`).
"""

from .arguments import ArgumentReader
from .lookup import find_command
from .options import OptionReader
from .options import classify
from .tables import CommandData
from .values import is_open_value


class CommandCheck:
    """The state of checking the arguments *words* (:class:`Word`) of one
    ``openstack`` command; :meth:`run` gives its (code, message) pairs."""

    def __init__(self, words):
        self.words = words
        self.data = CommandData.get()
        self.findings = []
        self.versions = {}         # API -> major version asked for
        self.help = False
        self.name = ''             # 'openstack NAME' once it is found

    def add(self, code, message):
        self.findings.append((code, message))

    def run(self):
        rest = self._global_options()
        if not rest:
            # no words (the interactive shell), only global options
            # (--help), or an ambiguous global option
            return self.findings
        found = find_command(self, rest)
        if found is None:
            return self.findings
        name, spec, arguments = found
        self.name = 'openstack ' + name
        if not self.help:
            ArgumentReader(self, self.data.parser(spec), arguments).run()
        return self.findings

    def _global_options(self):
        """The words without the global options, read wherever they stand
        as the client's ``parse_known_args`` does; None when the rest
        cannot be judged."""
        reader = OptionReader(self, self.data.global_parser, 'openstack')
        rest = []
        words = self.words
        index = 0
        while index < len(words):
            word = words[index]
            if word.text == '--' and not word.dynamic:
                rest.extend(words[index:])
                break
            kind = classify(word, reader.parser)
            if kind[0] == 'AMBIGUOUS':
                reader.ambiguous(word, kind[1])
                return None
            if kind[0] != 'O':
                rest.append(word)
                index += 1
                continue
            index, values = reader.option(kind, word, words, index)
            option = kind[1]
            api = self.data.version_options.get(option['s'][-1])
            if api and values and not is_open_value(values[0]):
                self.versions[api] = values[0].text.split('.')[0]
        # --help anywhere: the command becomes "openstack help ..."
        self.help = '-h' in reader.seen
        return rest
