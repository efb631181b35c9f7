"""Checks of crmsh configuration: ``crmsh`` blocks and ``crm`` commands.

A ``crmsh`` block is what ``crm configure edit`` shows and ``crm configure
load update`` reads: one element a line, a line ending in ``\\`` continued
on the next, ``#`` comments and blank lines. The element grammar follows
crmsh's own parser (``crmsh/parse.py``) and crm(8) of crmsh 4.4 (Debian 12)
and 5.0 (Debian 13); the command levels of ``crm`` commands follow its
``ui_*.py`` modules. What crmsh's own tables say comes from them
(:mod:`snippetcheck.tooldata`); the rest is by hand, next to the spec it
belongs to.

The modules, each with one job:

``reading``
    a block's elements and the words of each (:func:`element_lines`);
``elements``
    one spec per element: how many arguments crm takes, what it needs in
    words, its judge, what its id is;
``resources``, ``constraints``
    the judges of the resource elements and of the constraints;
``block``
    the elements of a block judged together: ids, references, findings;
``commands``
    ``crm ...`` commands: crm's options and command levels.

Codes:

* CRM001 unknown element or command;
* CRM002 ``order`` / ``colocation`` without its score or kind and colon;
* CRM003 a reference to a resource not defined earlier in the document;
* CRM004 malformed resource agent;
* CRM005 ``clone``, ``ms`` or ``group`` given an agent instead of an id;
* CRM006 a missing id or required argument;
* CRM007 an id defined twice in the document;
* CRM008 what current crmsh deprecates or removed: the ``ms`` element,
  and the command aliases crm warns about (``crm resource show``,
  ``crm configure collocation``).

Within one block crmsh builds the whole configuration at once, so a
reference may name a resource defined further down the same block; across
blocks and commands, only what came before counts.
"""

from snippetcheck.catalogue import Check
from snippetcheck.checkers.crmsh import commands
from snippetcheck.checkers.crmsh.block import Block
from snippetcheck.checkers.crmsh.reading import element_lines
from snippetcheck.checkers.crmsh.reading import element_words

__all__ = ['CHECKS', 'check', 'check_command', 'element_lines']

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('CRM001', 'crmsh',
          'Unknown crm configure element.',
          'primitve vip ocf:heartbeat:IPaddr2',
          'primitive vip ocf:heartbeat:IPaddr2', 'crmsh'),
    Check('CRM002', 'crmsh',
          'order or colocation without the score (or kind) and its colon.',
          'order o1 vip haproxy', 'order o1 Mandatory: vip haproxy',
          'crmsh'),
    Check('CRM003', 'crmsh',
          'A reference to a resource not defined earlier in the document.',
          'colocation c1 inf: haproxy vipp',
          'colocation c1 inf: haproxy vip', 'crmsh'),
    Check('CRM004', 'crmsh',
          'Malformed resource agent name.',
          'primitive vip ocf:IPaddr2', 'primitive vip ocf:heartbeat:IPaddr2',
          'crmsh'),
    Check('CRM005', 'crmsh',
          'clone, group or ms is given an agent instead of existing '
          'resource ids.',
          'clone cl_api systemd:api',
          'primitive p_api systemd:api\nclone cl_api p_api', 'crmsh'),
    Check('CRM006', 'crmsh',
          'An element lacks its id or required arguments.',
          'primitive vip', 'primitive vip ocf:heartbeat:IPaddr2', 'crmsh'),
    Check('CRM007', 'crmsh',
          'Two elements have the same id.',
          'primitive vip ocf:heartbeat:IPaddr2\nprimitive vip systemd:x',
          'primitive vip ocf:heartbeat:IPaddr2\nprimitive x systemd:x',
          'crmsh'),
    Check('CRM008', 'crmsh',
          'An element or command alias that current crmsh deprecates or '
          'has removed.',
          'primitive p_db ocf:heartbeat:galera\nms ms_db p_db',
          'primitive p_db ocf:heartbeat:galera\n'
          'clone ms_db p_db meta promotable=true',
          'crmsh'),
)


def check(snippet, document):
    """Findings for a ``crmsh`` block."""
    block = Block(document)
    for line, words in element_words(snippet.text):
        block.element(line, words)
    return block.finish()


def check_command(command, document):
    """Findings for one ``crm ...`` console command."""
    return commands.check_command(command, document)
