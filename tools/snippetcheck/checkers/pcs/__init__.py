"""Checks of pcs commands, against what pcs 0.11 and 0.12 accept.

pcs 0.11 is what Debian 12 and RHEL 9 ship, pcs 0.12 what Debian 13 and
RHEL 10 ship. What the installed pcs (0.11.5) says of itself, its command
tree, default subcommands, argument counts and options, is generated data
(:mod:`snippetcheck.tooldata`); what it cannot say (what pcs 0.12 added
and removed, what replaced a removed command or option, which arguments
name resources, the messages) is written by hand next to the command it
belongs to, from the "Changes in pcs-0.10 / 0.11 / 0.12" sections of
pcs(8) and pcs's ``CHANGELOG.md``.

The modules:

:mod:`.commands`
    the hand facts, one entry per command;
:mod:`.specs`
    one spec per command, the data and the hand facts joined;
:mod:`.cmdline`
    the options, taken out of the words the way pcs's getopt does;
:mod:`.check`
    checking one command: options, command path, then its arguments;
:mod:`.create`, :mod:`.resources`, :mod:`.constraints`, :mod:`.cluster`
    the judges of the commands whose arguments need more than counting;
:mod:`.grammar`
    the small pieces of pcs's argument grammar the judges share.

Codes:

* PCS001 unknown command or subcommand;
* PCS002 malformed resource agent name;
* PCS003 a command or option that pcs 0.11 or 0.12 no longer has (it fails
  on at least one of them);
* PCS004 syntax that still works on both but is deprecated;
* PCS005 ``constraint order`` without ``then``;
* PCS006 a resource the document has not created before;
* PCS007 a missing argument;
* PCS008 an option or argument pcs does not accept in that place.
"""

from snippetcheck.catalogue import Check

from .check import CommandCheck
from .cmdline import GONE_OPTIONS
from .cmdline import LONG_OPTIONS
from .grammar import ACTIONS
from .grammar import ROLES
from .specs import DEFAULT_CMD
from .specs import MIN_ARGS
from .specs import REFERENCES
from .specs import REPLACED
from .specs import SPECS
from .specs import TREE

__all__ = ['ACTIONS', 'CHECKS', 'DEFAULT_CMD', 'GONE_OPTIONS',
           'LONG_OPTIONS', 'MIN_ARGS', 'REFERENCES', 'REPLACED', 'ROLES',
           'SPECS', 'TREE', 'check_command']

#: The checks this package reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('PCS001', 'pcs',
          'Unknown pcs command or subcommand.',
          '# pcs resource crate vip ocf:heartbeat:IPaddr2',
          '# pcs resource create vip ocf:heartbeat:IPaddr2', 'console'),
    Check('PCS002', 'pcs',
          'Malformed resource agent name.',
          '# pcs resource create vip ocf:heartbeat',
          '# pcs resource create vip ocf:heartbeat:IPaddr2', 'console'),
    Check('PCS003', 'pcs',
          'An option that current pcs (0.11 and later) no longer has.',
          '# pcs resource create lb systemd:haproxy --clone',
          '# pcs resource create lb systemd:haproxy clone', 'console'),
    Check('PCS004', 'pcs',
          'Syntax that current pcs deprecates.',
          '# pcs resource create api systemd:api --group g',
          '# pcs resource create api systemd:api\n'
          '# pcs resource group add g api', 'console'),
    Check('PCS005', 'pcs',
          '"constraint order" without "then".',
          '# pcs constraint order start vip lb-clone',
          '# pcs constraint order start vip then lb-clone', 'console'),
    Check('PCS006', 'pcs',
          'A command names a resource the document has not created before.',
          '# pcs constraint colocation add lb-clone with vipp',
          '# pcs constraint colocation add lb-clone with vip', 'console'),
    Check('PCS007', 'pcs',
          'A pcs command lacks a required argument.',
          '# pcs resource create vip',
          '# pcs resource create vip ocf:heartbeat:IPaddr2', 'console'),
    Check('PCS008', 'pcs',
          'An option or argument that pcs does not accept in that place.',
          '# pcs resource create vip ocf:heartbeat:IPaddr2 params '
          'ip=10.0.0.11',
          '# pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.11',
          'console'),
)


def check_command(command, document):
    """Findings for one pcs *command* (``command.argv[0] == 'pcs'``)."""
    return CommandCheck(command, document).run()
