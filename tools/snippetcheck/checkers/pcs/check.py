"""Checking one pcs command: its options, its path down the command
specs, and then its arguments, by the spec's judge or by the spec alone.

A judge is ``judge(check, args)``: *check* is the :class:`CommandCheck`
of the command (``check.spec`` the command's spec, ``check.options`` its
options) and *args* the positional arguments after the command path. It
reports with the methods of :class:`CommandCheck`.
"""

import itertools

from snippetcheck.findings import Finding
from snippetcheck.findings import did_you_mean
from snippetcheck.findings import shorten
from snippetcheck.placeholders import has_placeholder
from snippetcheck.placeholders import is_value_placeholder as is_placeholder
from snippetcheck.placeholders import join_placeholders

from . import cmdline
from .grammar import LEGACY_META
from .grammar import LEGACY_ROLES
from .grammar import ROLE_NAMES
from .grammar import listing
from .specs import ROOT

#: Bound on the resources a "did you mean" compares, which keeps a check
#: linear in a large document.
_SUGGESTION_POOL = 1000


class CommandCheck:
    """The state of checking one command."""

    def __init__(self, command, document):
        self.command = command
        self.document = document
        self.line = getattr(command, 'line', 1)
        self.findings = []
        self.options = {}          # canonical long name or short letter
        self.positional = []
        self.negative = []         # negative numbers given without "--"
        self.double_dash = False
        self.spec = None           # the command's spec, once found

    def add(self, code, message):
        self.findings.append(Finding(self.line, code, message))

    # -- driver --------------------------------------------------------------

    def run(self):
        argv = self.command.argv
        if not argv or argv[0] != 'pcs':
            return []
        cmdline.parse(self, join_placeholders([str(arg) for arg in argv[1:]]))
        spec, args = self._walk()
        if spec is None:
            return self.findings
        self.spec = spec
        self._check_options(spec)
        if 'h' in self.options or 'help' in self.options or \
                (spec.path and spec.path[-1] == 'help'):
            return self.findings    # pcs prints the usage and stops
        if spec.judge is not None:
            spec.judge(self, args)
        elif self.enough(args):
            self._references(args)
            self.legacy_meta(args)
        return self.findings

    def _walk(self):
        """Follow the positional arguments down the command specs.

        Returns the spec of the command found and the arguments after it,
        or (None, None) once the command itself is wrong.
        """
        spec = ROOT
        args = self.positional
        index = 0
        while spec.router:
            if index >= len(args):
                if not spec.path and cmdline.ONLY_OPTIONS & \
                        self.options.keys():
                    return None, None
                if not spec.default:
                    if not spec.path:
                        self.add('PCS007', 'pcs needs a command, for '
                                 'example `pcs status`')
                    else:
                        self.add('PCS007', f'`pcs {spec.name}` needs a '
                                 'subcommand: ' + listing(spec.choices))
                    return None, None
                return spec, []
            word = args[index]
            child = spec.subcommands.get(word)
            if child is not None and child.removed:
                self.add('PCS003', child.removed)
                return None, None
            if child is None:
                if is_placeholder(word):
                    return None, None
                label = f'`pcs {spec.name}`' if spec.path else 'pcs'
                kind = 'subcommand' if spec.path else 'command'
                self.add('PCS001', f'{label} has no {kind} "{shorten(word)}"'
                         + did_you_mean(word, spec.choices))
                return None, None
            spec = child
            index += 1
        return spec, args[index:]

    def _check_options(self, spec):
        options = self.options
        for name, message in spec.gone_options:
            if name in options:
                self.add('PCS003', message)
        if 'V' in options and not spec.knows_gone('V'):
            cmdline.unknown_option(self, '-V')
        if self.negative and not spec.own_negatives:
            shown = ' '.join(self.negative[:3])
            self.add('PCS004', f'`{shown}` without `--` before it is '
                     'deprecated since pcs 0.10.7: write `-- ' + shown +
                     '` or a NAME=VALUE form')

    # -- what judges use ------------------------------------------------------

    def enough(self, args):
        """PCS007 unless *args* has as many arguments as the command
        needs."""
        spec = self.spec
        if len(args) < spec.min_args:
            self.add('PCS007', f'`pcs {spec.name}` needs {spec.needs}')
            return False
        return True

    def _references(self, args):
        count = self.spec.names
        if count == 0:
            return
        names = args[:1] if count == 1 else [a for a in args if '=' not in a]
        for name in names:
            if '=' in name:
                continue
            self.need(name)

    def need(self, name, what='resource'):
        """PCS006 unless *name* is known or stands for a value."""
        if not name or self.document is None:
            return
        if '%' in name:
            kind, _, value = name.partition('%')
            if kind == 'regexp':
                return
            name = value
        if self.document.knows(name) or is_placeholder(name) or \
                has_placeholder(name):
            return
        self.add('PCS006', f'{what} "{shorten(name)}" is not created earlier '
                 'in this document; create it first (`pcs resource create` '
                 'or `pcs stonith create`) or check the spelling'
                 + self._suggest(name))

    def _suggest(self, name):
        if len(self.findings) >= cmdline.SUGGESTIONS:
            return ''
        pool = self.document.resources
        if len(pool) > _SUGGESTION_POOL:
            pool = itertools.islice(pool, _SUGGESTION_POOL)
        return did_you_mean(name, pool)

    def define(self, name, kind):
        """Record that the command creates *name* (a *kind*)."""
        if name and self.document is not None and not name.startswith('-'):
            self.document.define(name, kind)

    def legacy_meta(self, args):
        """PCS003 for the first meta attribute with a legacy role name."""
        for arg in args:
            name = arg.partition('=')[0]
            if name in LEGACY_META and '=' in arg:
                self.add('PCS003', f'pcs 0.12 no longer accepts `{name}` '
                         f'(legacy role name): write `{LEGACY_META[name]}`')
                return

    def role(self, word):
        """Canonical role for *word*, reporting legacy names; or None."""
        lower = word.lower()
        if lower in ROLE_NAMES:
            return ROLE_NAMES[lower]
        if lower in LEGACY_ROLES:
            new = LEGACY_ROLES[lower]
            self.add('PCS003', f'pcs 0.12 no longer accepts the role '
                     f'"{word}" (deprecated since 0.11): write "{new}"')
            return new
        return None
