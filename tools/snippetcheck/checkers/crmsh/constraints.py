"""Judging the constraints: location, colocation, order and rsc_ticket.

Each judge takes an :class:`~snippetcheck.checkers.crmsh.block.Element`
and its words, once the spec of the element (``elements.SPECS``) has
seen that it has the arguments crm's parser takes.  The grammar of
scores, kinds and resource sets is by hand, from crm(8) and crmsh's
``parse.py``; crmsh's parser tables do not say it.
"""

import re

from snippetcheck.findings import did_you_mean
from snippetcheck.findings import shorten
from snippetcheck.placeholders import has_placeholder
from snippetcheck.placeholders import is_value_placeholder

#: The kinds of an order, as crm writes them.
ORDER_KINDS = {'mandatory': 'Mandatory', 'optional': 'Optional',
               'serialize': 'Serialize'}
_SCORE_RE = re.compile(r'[+-]?(?:inf(?:inity)?|INF(?:INITY)?|[0-9]+)\Z')


def _is_score(text):
    return bool(_SCORE_RE.match(text))


def location(el, t):
    """``location ID RSC|/REGEX/|{ RSC... } [role=...] SCORE: NODE|rule``."""
    rsc = t[2]
    index = 3
    if rsc.startswith('/') and rsc.endswith('/') and len(rsc) > 1:
        pass
    elif rsc.startswith('{'):
        index = 2
        while index < len(t):
            word = t[index].strip('{}')
            if word and '=' not in word:
                el.ref(word)
            if t[index].endswith('}'):
                index += 1
                break
            index += 1
    else:
        el.ref(rsc, strip_suffix=False)
    while index < len(t) and '=' in t[index]:
        index += 1
    rest = t[index:]
    if not rest:
        el.add('CRM006', f'location {shorten(t[1])} needs `SCORE: NODE` or a '
               f'rule after the resource: `location {shorten(t[1])} '
               f'{shorten(rsc)} 100: NODE`')
        return
    if rest[0] == 'rule':
        return
    if rest[0].endswith(':'):
        if len(rest) < 2:
            el.add('CRM006', f'location {shorten(t[1])} needs a node after '
                   f'"{shorten(rest[0])}"')
        return
    if _is_score(rest[0]) and len(rest) > 1:
        el.add('CRM002', f'location {shorten(t[1])}: the score needs a '
               f'colon: write `{shorten(rest[0])}: {shorten(rest[1])}`')
        return
    el.add('CRM006', f'location {shorten(t[1])} needs `SCORE: NODE` or a '
           f'rule, not "{shorten(rest[0])}"')


def _resource_set(el, words):
    """Record the resources of a simple pair or of resource sets; how
    many."""
    count = 0
    for word in words:
        word = word.strip('()[]')
        if not word or '=' in word:
            continue
        el.ref(word)
        count += 1
    return count


def _constrained(el, t, words, option, verb):
    """The resources of a colocation or order (*words*, but its *option*)
    and its id: "needs the resources it *verb*" when there are none."""
    words = [word for word in words if not word.startswith(option)]
    if _resource_set(el, words) == 0:
        el.add('CRM006', f'{el.name} {shorten(t[1])} needs the resources it '
               f'{verb}')
    el.define(t[1])


def colocation(el, t):
    """``colocation ID SCORE: RSC[:ROLE] WITH_RSC[:ROLE]`` or sets."""
    score = t[2]
    rest = t[3:]
    if not score.endswith(':'):
        if _is_score(score) or score.lower() in ORDER_KINDS:
            el.add('CRM002', f'{el.name} {shorten(t[1])}: write the score '
                   f'with a colon, `{shorten(score)}:`')
        elif not is_value_placeholder(score):
            el.add('CRM002', f'{el.name} {shorten(t[1])} needs a score '
                   f'followed by a colon before the resources: `{el.name} '
                   f'{shorten(t[1])} inf: {shorten(" ".join(t[2:4]))}`')
            rest = t[2:]
    else:
        value = score[:-1]
        if value.lower() in ('optional', 'serialize'):
            el.add('CRM002', f'{el.name} {shorten(t[1])} takes a score (inf:, '
                   f'-inf:, 100:), not the order kind "{shorten(score)}"')
        elif not value:
            el.add('CRM002', f'{el.name} {shorten(t[1])}: ":" has no score '
                   'before it; write inf:, -inf: or a number')
    _constrained(el, t, rest, 'node-attribute=', 'colocates')


def order(el, t):
    """``order ID KIND:|SCORE: FIRST[:ACTION] THEN[:ACTION]`` or sets."""
    kind = t[2]
    rest = t[3:]
    if kind.endswith(':'):
        value = kind[:-1]
        if value.lower() not in ORDER_KINDS and not _is_score(value) and \
                not has_placeholder(value):
            el.add('CRM002', f'order {shorten(t[1])}: "{shorten(kind)}" is '
                   'neither a kind (Mandatory:, Optional:, Serialize:) nor '
                   'a score (inf:, 0:)'
                   + did_you_mean(value.capitalize(),
                                  ORDER_KINDS.values(), suffix=':'))
    elif kind.lower() in ORDER_KINDS or _is_score(kind):
        el.add('CRM002', f'order {shorten(t[1])}: write the kind with a '
               f'colon, `{shorten(kind)}:`')
    elif not is_value_placeholder(kind):
        el.add('CRM002', f'order {shorten(t[1])} gives no kind: write `order '
               f'{shorten(t[1])} Mandatory: {shorten(" ".join(t[2:4]))}` (or '
               'Optional:, Serialize:)')
        rest = t[2:]
    _constrained(el, t, rest, 'symmetrical=', 'orders')


def rsc_ticket(el, t):
    """``rsc_ticket ID TICKET: RSC... [loss-policy=...]``: crm's parser
    counts two arguments, but refuses a ticket without a resource after
    it (by hand); the id counts even then."""
    if len(t) < 4 or not t[2].endswith(':'):
        el.add('CRM006', f'rsc_ticket needs {el.usage}')
        el.define(t[1])
        return
    rest = [word for word in t[3:] if not word.startswith('loss-policy=')]
    _resource_set(el, rest)
    el.define(t[1])
