"""Checks of ``openstack`` commands (python-openstackclient).

A command is judged from the command data of :mod:`snippetcheck.openstack`
alone, the way ``openstack`` itself reads it, without importing the client
and without a request:

1. the global options (``--os-cloud NAME``, ``--debug``, ...) are taken
   out wherever they stand, as the client's ``parse_known_args`` does
   (``--help`` turns the command into ``openstack help ...``);
2. the command is the longest run of leading words, up to the first that
   starts with ``-``, that names a command, where each word may be the
   start of the command's word (cliff's lookup); ``--os-API-api-version
   N`` switches an API's commands to those of version N, and a command
   found only at another version (``OS_VOLUME_API_VERSION`` in the
   environment) is judged at that version;
3. its arguments are read as argparse reads them: options by exact name,
   ``--name=value``, ``-fvalue`` or an unambiguous abbreviation, each with
   the number of values it takes; ``--`` ends the options; the positional
   arguments are matched against the command's all together. That is the
   most any argparse accepts: the argparse of Python 3.13 and older also
   rejects an optional positional argument (``server ssh``'s ssh
   arguments) given after an option that follows the first positional,
   and a ``--`` that no positional argument takes. Those depend on the
   Python version and are not reported.

The modules:

:mod:`.tables`
    the command data, indexed once: each command's parser and the command
    table of each set of API versions;
:mod:`.check`
    checking one command: step 1, then the next two;
:mod:`.lookup`
    step 2, finding the command in the data;
:mod:`.options`
    reading options and their values as argparse does;
:mod:`.arguments`
    step 3, judging the command's arguments;
:mod:`.values`
    judging one value: its form and its choices.

Codes:

* OSC001 unknown command;
* OSC002 unknown or ambiguous option;
* OSC003 an option without its value, or with a value it does not take;
* OSC004 a required argument or option missing;
* OSC005 more positional arguments than the command takes;
* OSC006 a value that is not one of the option's choices;
* OSC007 a value of the wrong form (an integer, ``KEY=VALUE``, the keys
  of ``--allocation-pool``-style options);
* OSC008 options that exclude each other, given together;
* OSC009 an abbreviated command or option name, which works only as long
  as no other command or option starts the same way.

Placeholders (``<Virtual IP>``, ``RABBIT_PASS``) and shell expansions
(``$KEYSTONE_REGION``, ``$(...)``) are accepted as any value. An unquoted
expansion standing where an argument is expected may be several words or
none, so the count of positional arguments and the required options are
not judged then; an expansion among the command's words leaves the command
unjudged unless no command could match.
"""

from snippetcheck.catalogue import Check
from snippetcheck.findings import Finding
from snippetcheck.openstack.invocations import Word
from snippetcheck.openstack.invocations import invocations

from .check import CommandCheck

__all__ = ['CHECKS', 'check_command', 'check_words']

#: The checks this package reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('OSC001', 'openstack',
          'Unknown openstack command (python-openstackclient and the '
          'plugins the data covers).',
          '$ openstack netwrk agent list',
          '$ openstack network agent list', 'console'),
    Check('OSC002', 'openstack',
          'An option the openstack command does not have, or an '
          'abbreviation that fits several.',
          '$ openstack endpoint list --servce identity',
          '$ openstack endpoint list --service identity', 'console'),
    Check('OSC003', 'openstack',
          'An option without its value, or with a value it does not take.',
          '$ openstack endpoint list --service',
          '$ openstack endpoint list --service identity', 'console'),
    Check('OSC004', 'openstack',
          'A required argument or option of the openstack command is '
          'missing.',
          '$ openstack endpoint create --region RegionOne identity internal',
          '$ openstack endpoint create --region RegionOne identity internal '
          'http://10.0.0.11:5000/v3', 'console'),
    Check('OSC005', 'openstack',
          'More positional arguments than the openstack command takes.',
          '$ openstack volume service list cinder-volume',
          '$ openstack volume service list --service cinder-volume',
          'console'),
    Check('OSC006', 'openstack',
          'A value that is not one of the choices of the option or '
          'argument.',
          '$ openstack endpoint create --region RegionOne identity private '
          'http://10.0.0.11:5000/v3',
          '$ openstack endpoint create --region RegionOne identity internal '
          'http://10.0.0.11:5000/v3', 'console'),
    Check('OSC007', 'openstack',
          'A value of the wrong form: not an integer, not KEY=VALUE, or '
          'with keys the option does not take.',
          '$ openstack volume create --size 10G data',
          '$ openstack volume create --size 10 data', 'console'),
    Check('OSC008', 'openstack',
          'Options that exclude each other, given together.',
          '$ openstack network agent list --network NETWORK --router ROUTER',
          '$ openstack network agent list --network NETWORK', 'console'),
    Check('OSC009', 'openstack',
          'An abbreviated command or option name: it works only until a '
          'new command or option starts the same way.',
          '$ openstack net agent list',
          '$ openstack network agent list', 'console'),
)


def check_command(command, document):
    """Findings for the ``openstack`` commands of one console *command*."""
    line = getattr(command, 'line', 1)
    found = invocations(command.text, 'openstack')
    if not found:
        return []
    findings = []
    for words in found:
        findings.extend(Finding(line, code, message)
                        for code, message in check_words(words))
    return findings


def check_words(words):
    """(code, message) pairs for the arguments *words* of one
    ``openstack`` command (:class:`Word` or plain strings)."""
    words = [word if isinstance(word, Word) else Word(str(word))
             for word in words]
    return CommandCheck(words).run()
