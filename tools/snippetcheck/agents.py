"""Resource agent names that are safe to hand to a tool.

Pacemaker turns an agent name into a path: ``ocf:heartbeat:IPaddr2`` is
``/usr/lib/ocf/resource.d/heartbeat/IPaddr2``, ``lsb:x`` is
``/etc/init.d/x``, and pcs looks a bare type up under every OCF provider.
A name with ``/`` or ``..`` in it would make the tool run a program from
anywhere (``ocf:heartbeat:../../../../tmp/agent``), so such a name is
malformed for the checkers and never reaches a tool.
"""

import re

from snippetcheck.findings import shorten

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

