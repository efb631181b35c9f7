"""Every check snippetcheck has: its stable code, family and examples.

Each check is declared in the module that reports it, next to the code that
finds it (a ``CHECKS`` tuple of :class:`Check`), as sphinx-lint does, so
that a code, its description and its examples cannot drift apart; a test
proves that every code a module reports is declared there and every
declared code is reported. This module gathers them, on first use, for the
opt-outs, the warnings' subtypes and the list in ``tools/README.rst``
(:mod:`snippetcheck.catalogue_rst`).

The codes never change meaning once published, so that ``snippetcheck_ignore``
lists and per-block opt-outs keep working.
"""

import dataclasses
import functools
import importlib


@dataclasses.dataclass(frozen=True)
class Check:
    code: str
    family: str
    summary: str
    wrong: str
    right: str
    language: str = 'none'
    file: str = ''

    @property
    def external(self):
        """Whether a real tool reports it (codes starting with X)."""
        return self.code.startswith('X')


FAMILIES = ('markup', 'ini', 'haproxy', 'pcs', 'crmsh', 'openstack',
            'python', 'yaml', 'deployment')

#: The modules that report findings, in the order their checks are listed.
EMITTERS = (
    'snippetcheck.engine', 'snippetcheck.cli',
    'snippetcheck.checkers.markup', 'snippetcheck.checkers.ini',
    'snippetcheck.checkers.options', 'snippetcheck.checkers.haproxy',
    'snippetcheck.external.haproxy_replay', 'snippetcheck.checkers.pcs',
    'snippetcheck.external.pcs_replay', 'snippetcheck.checkers.crmsh',
    'snippetcheck.external.crmsh_replay', 'snippetcheck.checkers.openstack',
    'snippetcheck.checkers.syntax',
    'snippetcheck.deployment.network', 'snippetcheck.external.simulate',
)


@functools.cache
def _checks():
    checks = [check for name in EMITTERS
              for check in importlib.import_module(name).CHECKS]
    return tuple(sorted(checks, key=lambda c: (_ORDER.get(_prefix(c.code),
                                                          99), c.code)))


#: How the catalogue orders the codes of a family.
_ORDER = {prefix: number for number, prefix in enumerate(
    ('SC', 'RST', 'INI', 'OPT', 'HAP', 'XHA', 'PCS', 'XPCS', 'CRM', 'XCRM',
     'OSC', 'PY', 'YML', 'DEP'))}


def _prefix(code):
    return code.rstrip('0123456789')


def __getattr__(name):
    """``CHECKS`` and ``BY_CODE``, gathered on first use."""
    if name == 'CHECKS':
        return _checks()
    if name == 'BY_CODE':
        return {check.code: check for check in _checks()}
    raise AttributeError(name)


def family(code):
    """The family (warning subtype) of *code*; unknown codes are markup."""
    check = __getattr__('BY_CODE').get(code)
    return check.family if check else 'markup'
