"""The elements ``crm configure`` reads, one spec each.

Which elements there are and how many arguments each takes at least are
crmsh's own facts: the keys of the parser table of ``crmsh/parse.py`` and
the ``min_args`` each parser passes to ``begin`` (generated data,
:func:`snippetcheck.tooldata.crmsh_elements`).  Everything else in a spec
is by hand, because no table of crmsh says it: what an element needs, in
words, for the message; the judge that reads its arguments; what its id
is recorded as and whether constraints may name it; and what crmsh 5 has
removed.
"""

import dataclasses

from snippetcheck import tooldata
from snippetcheck.checkers.crmsh import constraints
from snippetcheck.checkers.crmsh import resources
from snippetcheck.findings import shorten
from snippetcheck.placeholders import is_value_placeholder


@dataclasses.dataclass(frozen=True)
class Spec:
    """What the checker knows of one element.

    ``usage`` finishes "ELEMENT needs ...", the message for an element
    with fewer than ``min_args`` arguments (``{name}`` is the element as
    written).  ``judge(el, words)`` reads the arguments further (None:
    nothing more to check); it runs once the element has ``min_args``
    arguments, or already from one on when ``judges_short`` (it then
    names what is missing itself, or records the id of a short element).
    ``kind`` is what the id is recorded as (the element's name if empty),
    ``resource`` whether constraints may refer to it, ``removed`` the
    CRM008 message of an element current crmsh deprecates or removed.
    """

    name: str
    usage: str = ''
    judge: object = None
    judges_short: bool = False
    kind: str = ''
    resource: bool = False
    removed: str = ''
    #: crmsh's, filled in from the generated data
    min_args: int = 0


def _id_first(el, t):
    """``alert ID PATH``, ``user ID ROLE...`` and the other ACL elements:
    an id, then what crm's parser counts; the id counts even without
    it."""
    el.too_few()
    el.define(t[1])


def _monitor(el, t):
    """``monitor RSC[:ROLE] INTERVAL[:TIMEOUT]``."""
    el.ref(t[1])


def _nvpairs(el, t):
    """``property``, ``rsc_defaults``, ``op_defaults``: ``[$id=ID | SET:]
    NAME=VALUE...`` (or rules)."""
    words = t[1:]
    if words and (words[0].startswith('$id=') or
                  (words[0].endswith(':') and '=' not in words[0])):
        words = words[1:]
    if 'rule' in words or any(word.startswith('$') for word in words):
        return
    for word in words:
        if '=' not in word and not is_value_placeholder(word):
            el.add('CRM006', f'{el.name} "{shorten(word)}" has no value: '
                   'write NAME=VALUE')
            return


_RESOURCE = dict(judges_short=True, resource=True)
#: By hand: crmsh 5.0 dropped ``crm configure ms`` (its ``do_ms``), and
#: Pacemaker 2 deprecated master resources for promotable clones; the
#: installed crmsh 4.4 still has both.
_MS_REMOVED = ('`{name}` is deprecated since Pacemaker 2 and crmsh 5 '
               'removed the `configure ms` command: write `clone ID RSC meta '
               'promotable=true ...`')
_CLONE_USAGE = 'an id and the primitive or group it clones: `{name} ID RSC`'
_COLOCATION_USAGE = ('an id, a score and two resources: `{name} ID inf: RSC '
                     'WITH_RSC`')
_NVPAIRS_USAGE = 'at least one NAME=VALUE: `{name} NAME=VALUE ...`'

_SPECS = (
    Spec('primitive', 'an id and an agent: `{name} ID ocf:heartbeat:IPaddr2 '
         '...`', resources.primitive, **_RESOURCE),
    Spec('rsc_template', 'an id and an agent: `{name} ID '
         'ocf:heartbeat:IPaddr2 ...`', resources.primitive, **_RESOURCE),
    Spec('group', 'an id and its resources: `group ID RSC...`',
         resources.group, **_RESOURCE),
    Spec('clone', _CLONE_USAGE, resources.clone, **_RESOURCE),
    Spec('ms', _CLONE_USAGE, resources.clone, removed=_MS_REMOVED,
         **_RESOURCE),
    Spec('master', _CLONE_USAGE, resources.clone, kind='ms',
         removed=_MS_REMOVED, **_RESOURCE),
    Spec('bundle', 'an id and a container: `bundle ID podman image=IMAGE '
         '...`', resources.bundle, **_RESOURCE),
    Spec('tag', 'a name and at least one resource: `tag NAME RSC...`',
         resources.tag, resource=True),
    Spec('location', 'an id, a resource and `SCORE: NODE` or a rule: '
         '`location ID RSC 100: NODE`', constraints.location),
    Spec('colocation', _COLOCATION_USAGE, constraints.colocation),
    Spec('collocation', _COLOCATION_USAGE, constraints.colocation,
         kind='colocation'),
    Spec('order', 'an id, a kind and the resources: `order ID Mandatory: '
         'FIRST THEN`', constraints.order),
    Spec('rsc_ticket', 'an id, a ticket followed by a colon and resources: '
         '`rsc_ticket ID TICKET: RSC`', constraints.rsc_ticket,
         judges_short=True),
    Spec('property', _NVPAIRS_USAGE, _nvpairs),
    Spec('rsc_defaults', _NVPAIRS_USAGE, _nvpairs),
    Spec('op_defaults', _NVPAIRS_USAGE, _nvpairs),
    Spec('node', 'a node name'),
    Spec('monitor', 'a resource and an interval: `monitor RSC 30s`',
         _monitor),
    Spec('fencing_topology'),
    Spec('fencing-topology'),
    Spec('user', 'an id and its roles or rules: `user ID role:ROLE ...`',
         _id_first, judges_short=True),
    Spec('role', 'an id and its rules: `role ID read xpath:XPATH ...`',
         _id_first, judges_short=True),
    Spec('acl_target', 'an id and its roles: `acl_target ID ROLE...`',
         _id_first, judges_short=True),
    Spec('acl_group', 'an id and its roles: `acl_group ID ROLE...`',
         _id_first, judges_short=True),
    Spec('alert', 'an id and the path of its script: `alert ID '
         '/path/to/script`', _id_first, judges_short=True),
    Spec('xml', 'the XML of an element: `xml <primitive .../>`'),
)


def _with_tool_facts(specs):
    """The specs by name, with what crmsh's parsers say filled in."""
    parsed = tooldata.crmsh_elements()
    return {spec.name: dataclasses.replace(
        spec, kind=spec.kind or spec.name,
        min_args=parsed[spec.name]['min_args'] or 0) for spec in specs}


#: Every element crm configure reads: {name: Spec}.
SPECS = _with_tool_facts(_SPECS)
#: The element names, for "did you mean".
NAMES = tuple(sorted(SPECS))
#: What an id may be recorded as that constraints may name.
RESOURCE_KINDS = frozenset(spec.kind for spec in SPECS.values()
                           if spec.resource)
