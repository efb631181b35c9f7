"""Judging the resource elements: primitive, rsc_template, group, clone
(and ms), bundle and tag.

Each judge takes an :class:`~snippetcheck.checkers.crmsh.block.Element`
and its words; the spec of the element (``elements.SPECS``) has already
reported one with fewer arguments than its judge reads.  What a judge
knows beyond crm's parser tables is by hand, from crm(8) and crmsh's
``parse.py``: which word is the agent, which words are resource ids, and
the messages.
"""

from snippetcheck import agents
from snippetcheck.findings import shorten
from snippetcheck.placeholders import has_placeholder

#: Resource classes Pacemaker knows, and those crmsh still names.
CLASSES = agents.CLASSES | {'heartbeat', 'nagios', 'upstart'}
#: Words that start the attribute lists of an element (crmsh's parser).
KEYWORDS = frozenset(['params', 'meta', 'utilization', 'operations', 'op',
                      'op_params', 'op_meta', 'rule', 'attributes'])


def primitive(el, t):
    """``primitive ID AGENT ...`` (and ``rsc_template``): an id, then an
    agent, or ``@TEMPLATE`` for a primitive."""
    what = el.name
    res_id = t[1]
    if agents.looks_like_agent(res_id, CLASSES):
        el.add('CRM006', f'{what} needs an id before the agent: `{what} ID '
               f'{shorten(res_id)} ...`')
        return
    if len(t) < 3 or '=' in t[2] or t[2].lower() in KEYWORDS:
        el.add('CRM006', f'{what} {shorten(res_id)} needs an agent after '
               'its id, for example ocf:heartbeat:IPaddr2 or systemd:haproxy')
        el.define(res_id)
        return
    agent = t[2]
    if not (agent.startswith('@') and what == 'primitive'):
        problem = agents.problem(agent, CLASSES)
        if problem and not has_placeholder(agent):
            el.add('CRM004', problem)
    el.define(res_id)


def group(el, t):
    """``group ID RSC... [params|meta ...]``."""
    children = []
    for word in t[2:]:
        if '=' in word or word.lower() in ('params', 'meta'):
            break
        children.append(word)
    if not children:
        el.add('CRM006', f'group {shorten(t[1])} needs at least one resource')
    for child in children:
        if ':' in child:
            _agent_instead_of_id(el, child, t[1])
        else:
            el.ref(child, strip_suffix=False)
    el.define(t[1])


def clone(el, t):
    """``clone ID RSC [meta ...]`` (and ``ms``): one resource."""
    if len(t) < 3 or '=' in t[2] or t[2].lower() in KEYWORDS:
        el.add('CRM006', f'{el.name} {shorten(t[1])} needs {el.usage}')
        el.define(t[1])
        return
    child = t[2]
    if ':' in child:
        _agent_instead_of_id(el, child, t[1])
    else:
        el.ref(child, strip_suffix=False)
        if len(t) > 3 and '=' not in t[3] and t[3].lower() not in KEYWORDS \
                and not t[3].startswith('description'):
            el.add('CRM006', f'{el.name} {shorten(t[1])} clones one '
                   f'resource; "{shorten(t[3])}" is neither meta nor params: '
                   'put the resources in a group and clone the group')
    el.define(t[1])


def _agent_instead_of_id(el, agent, owner):
    base = shorten(agent.split(':')[-1] or 'rsc', 30)
    primitive_id = f'p_{base}'
    outer = owner if owner != primitive_id else f'{el.name[:2]}_{base}'
    el.add('CRM005', f'{el.name} {shorten(owner)} takes the id of an '
           f'existing primitive or group, not the agent "{shorten(agent)}": '
           f'define a primitive first, `primitive {primitive_id} '
           f'{shorten(agent)} ...`, then `{el.name} {shorten(outer)} '
           f'{primitive_id}`')


def bundle(el, t):
    """``bundle ID CONTAINER ... [primitive RSC]``; its id counts even when
    the container is missing."""
    el.too_few()
    for index, word in enumerate(t):
        if word == 'primitive' and index + 1 < len(t) and index > 1:
            el.ref(t[index + 1], strip_suffix=False)
    el.define(t[1])


def tag(el, t):
    """``tag NAME[:] RSC...``."""
    for word in t[2:]:
        el.ref(word, strip_suffix=False)
    el.define(t[1].rstrip(':'))
