"""Resource agent names: their grammar, and which are safe to hand a tool.

An agent is ``CLASS:PROVIDER:TYPE`` for OCF agents (``ocf:heartbeat:
IPaddr2``) and ``CLASS:TYPE`` for the others (``systemd:haproxy``,
``stonith:fence_ipmilan``); a systemd unit may be an instance
(``systemd:lvm2-pvscan@252:2``). pcs and crmsh read the same names, so
their checkers share :func:`problem`; pcs adds what its versions changed.

Pacemaker turns an agent name into a path: ``ocf:heartbeat:IPaddr2`` is
``/usr/lib/ocf/resource.d/heartbeat/IPaddr2``, ``lsb:x`` is
``/etc/init.d/x``, and pcs looks a bare type up under every OCF provider.
A name with ``/`` or ``..`` in it would make the tool run a program from
anywhere (``ocf:heartbeat:../../../../tmp/agent``), so such a name is
malformed (:func:`unsafe`) and never reaches a tool.
"""

import re

from snippetcheck.findings import did_you_mean
from snippetcheck.findings import shorten

#: The classes (pcs says standards) Pacemaker 2 and 3 know.
CLASSES = frozenset(['ocf', 'lsb', 'service', 'systemd', 'stonith'])
#: Providers of OCF agents, to tell "ocf:heartbeat" (no type) from
#: "ocf:IPaddr2" (no provider).
OCF_PROVIDERS = frozenset([
    'heartbeat', 'pacemaker', 'openstack', 'rabbitmq', 'neutron', 'linbit',
    'percona', 'redhat', 'clusterlabs', 'suse', 'ovn', 'nova', 'seapath',
])

#: The characters an agent name may hold: letters, digits, ``_``, ``.``
#: and ``-`` in each part, ``:`` between parts, and ``@`` for a systemd
#: unit instance (``systemd:lvm2-pvscan@252:2``) or a crmsh template.
_SAFE = re.compile(r'[A-Za-z0-9_.:@-]+')


def unsafe(agent):
    """Why *agent* must not reach a tool, or '' when it may."""
    if not _SAFE.fullmatch(agent):
        return (f'agent "{shorten(agent)}" may hold only letters, '
                'digits, "_", "." and "-" in each part')
    if '..' in agent:
        return f'agent "{shorten(agent)}" may not hold ".."'
    return ''


def looks_like_agent(word, classes=CLASSES):
    """Whether *word* is written as an agent (``CLASS:...``)."""
    return ':' in word and word.partition(':')[0] in classes


def problem(agent, classes=CLASSES, class_word='class'):
    """What is wrong with the agent *agent*, or ''.

    *classes* are the classes the tool knows, *class_word* what it calls
    them (pcs says "standard"). A word without a colon is a bare type,
    which both tools look up, unless it is a class name.
    """
    reason = unsafe(agent)
    if reason:
        return f'{reason}: write {class_word.upper()}:PROVIDER:TYPE'
    parts = agent.split(':')
    cls = parts[0]
    if len(parts) == 1:
        if cls.lower() in classes:
            return (f'"{shorten(agent)}" is a resource {class_word}, not an '
                    f'agent: write {class_word.upper()}:PROVIDER:TYPE, for '
                    'example ocf:heartbeat:IPaddr2')
        return ''
    if cls in ('systemd', 'service') and '@' in parts[1] and \
            parts[1][0] != '@':
        return ''   # a unit instance such as systemd:lvm2-pvscan@252:2
    if not all(parts) or len(parts) > 3:
        if cls == 'ocf' and len(parts) == 3 and parts[1] and not parts[2]:
            return (f'agent "{shorten(agent)}" has no type: write '
                    f'ocf:{parts[1]}:TYPE, for example ocf:heartbeat:IPaddr2')
        return (f'malformed agent "{shorten(agent)}": write ocf:PROVIDER:TYPE '
                f'or {class_word.upper()}:TYPE (lsb:, systemd:, service:, '
                'stonith:)')
    if cls not in classes:
        return (f'unknown resource {class_word} "{shorten(cls)}" in '
                f'"{shorten(agent)}"; Pacemaker knows '
                + ', '.join(sorted(classes)) + did_you_mean(cls, classes))
    if cls == 'ocf' and len(parts) == 2:
        if parts[1] in OCF_PROVIDERS:
            return (f'agent "{shorten(agent)}" has no type: write '
                    f'ocf:{parts[1]}:TYPE, for example ocf:heartbeat:IPaddr2')
        return (f'an ocf agent needs a provider: write '
                f'ocf:PROVIDER:{shorten(parts[1])}, for example '
                f'ocf:heartbeat:{shorten(parts[1])}')
    if cls != 'ocf' and len(parts) == 3:
        return (f'{cls} agents have no provider: write '
                f'{cls}:{shorten(parts[2])}')
    return ''
