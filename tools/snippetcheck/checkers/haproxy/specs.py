"""One spec per haproxy keyword: where it may stand and how its arguments
are judged, for haproxy 2.6 up to 3.x.

A spec joins what the generated data says (:mod:`snippetcheck.tooldata`)
with the row :mod:`.keywords` keeps by hand:

* the proxy sections of a keyword come from the proxy keyword matrix of
  the 2.6 and 3.4 manuals, with the keywords their section 4.2 describes
  but leaves out of the matrix (``haproxy_proxy_matrix(described=True)``):
  a keyword valid in one of the releases is valid, and where they
  disagree the more permissive flag wins;
* ``global`` takes the keywords of the manuals' section 3
  (``haproxy_global_keywords``);
* the options of ``server`` lines and the number of words each takes come
  from ``haproxy -dKall`` and the manuals' section 5.2.

Three rules are the checker's own, as the data needs them:

* a keyword that section 4.2 describes in more sections than the matrix
  lists takes the description's sections: the 3.4 matrix marks
  ``option http-drop-response-trailers`` refused in a frontend, which its
  own description allows;
* a listen section accepts whatever a frontend or a backend accepts, as
  haproxy gives it both capabilities (the 3.4 matrix refuses
  ``option http-drop-request-trailers`` in a listen);
* the checker judges at most two words of a keyword, so ``capture request
  header`` is kept as ``capture request``.

Everything else in the package, and the Pygments lexer, reads the tables
at the bottom of this module.
"""

import typing

from snippetcheck import tooldata
from snippetcheck.checkers.haproxy.keywords import PROXY_SECTIONS
from snippetcheck.checkers.haproxy.keywords import ROWS
from snippetcheck.checkers.haproxy.keywords import SECTIONS
from snippetcheck.checkers.haproxy.keywords import Row
from snippetcheck.checkers.haproxy.keywords import family

#: Flags of the proxy matrix, from the most to the least permissive.
_FLAG_ORDER = ('X', 'N', '-')


class Spec(typing.NamedTuple):
    """Everything the checker knows of one keyword (``'maxconn'``,
    ``'timeout client'``).

    ``sections`` maps each section that takes the keyword to 'X', or to
    'N' where a defaults section must be named (the manual's "(!)");
    ``args`` is how many arguments it needs, ``kind`` how they are judged
    (see :mod:`.arguments`), ``time`` the index of a time argument,
    ``time_or`` a word accepted in its place, and ``what`` and ``example``
    say what to write when an argument is missing.
    """

    key: str
    sections: dict
    args: int = 0
    kind: str = None
    time: int = None
    time_or: str = ''
    what: str = ''
    example: str = ''

    @property
    def judged(self):
        """Whether the checker looks at the arguments at all."""
        return bool(self.args or self.kind or self.time is not None)


def _proxy_sections():
    """``{keyword: {section: flag}}`` over the proxy sections."""
    merged = {key: {kind: row[kind] for kind in PROXY_SECTIONS}
              for key, row in tooldata.haproxy_proxy_matrix(
                  described=True).items()}
    for release in tooldata.haproxy_manual_versions():
        described = tooldata.haproxy_manual(release)['described']
        for key, row in described.items():
            flags = merged[key]
            for kind in PROXY_SECTIONS:
                flags[kind] = min(flags[kind], row[kind],
                                  key=_FLAG_ORDER.index)
    found = {}
    for key, flags in merged.items():
        if flags['frontend'] != '-' or flags['backend'] != '-':
            flags['listen'] = 'X'
        found[' '.join(key.split()[:2])] = {
            kind: flag for kind, flag in flags.items() if flag != '-'}
    return found


def _merge(row, base):
    """*row* over *base*: the fields *row* sets win."""
    if base is None:
        return row
    if row is None:
        return base
    defaults = Row._field_defaults
    return Row(**{field: getattr(row, field)
                  if getattr(row, field) != defaults.get(field)
                  else getattr(base, field) for field in Row._fields})


def _build():
    """``{keyword: Spec}`` of every keyword of every section."""
    sections = _proxy_sections()
    for key in tooldata.haproxy_global_keywords():
        sections.setdefault(key, {})['global'] = 'X'
    rows = {row.key: row for row in ROWS}
    for row in ROWS:
        for kind in row.sections:
            sections.setdefault(row.key, {})[kind] = 'X'
    specs = {}
    for key, where in sections.items():
        row = _merge(rows.get(key), family(key)) or Row(key)
        specs[key] = Spec(key, where, row.args, row.kind, row.time,
                          row.time_or, row.what, row.example)
    return specs


def _server_params():
    """``{option: words it takes}`` of ``server`` lines (-1: the rest of
    the line): what ``-dKall`` counts, and for the options newer than the
    installed haproxy, one word where the manuals give them an
    argument."""
    counts = dict(tooldata.haproxy_server_keywords())
    for release in tooldata.haproxy_manual_versions():
        for key, facts in tooldata.haproxy_manual(release)['server'].items():
            counts.setdefault(key, 1 if facts['argument'] else 0)
    return counts


#: ``{keyword: Spec}``; two-word keywords hold a space.
SPECS = _build()

#: ``{keyword: Spec}`` of the keywords whose arguments are judged.
JUDGED = {key: spec for key, spec in SPECS.items() if spec.judged}

#: ``{option: words it takes}`` of the options of ``server`` lines; the
#: options in SERVER_TIME_PARAMS take a time.
SERVER_PARAMS = _server_params()

#: ``{section: {keyword: 'X' or 'N'}}``.
KEYWORDS = {kind: {} for kind in SECTIONS}
for _spec in SPECS.values():
    for _kind, _flag in _spec.sections.items():
        KEYWORDS[_kind][_spec.key] = _flag
del _spec, _kind, _flag

#: ``{section: frozenset of first words that need a second one}``.
HEADS = {
    kind: frozenset(key.split(' ', 1)[0] for key in keys if ' ' in key)
    for kind, keys in KEYWORDS.items()
}

#: ``{keyword: frozenset of sections that accept it}``, over all sections.
WHERE = {key: frozenset(spec.sections) for key, spec in SPECS.items()}

#: Every first word of every keyword, for the lexer.
FIRST_WORDS = frozenset(key.split(' ', 1)[0] for key in WHERE)

#: Every word that follows "option" or "timeout" somewhere.
OPTION_NAMES = frozenset(
    key.split(' ', 1)[1] for key in WHERE if key.startswith('option '))
TIMEOUT_NAMES = frozenset(
    key.split(' ', 1)[1] for key in WHERE if key.startswith('timeout '))
