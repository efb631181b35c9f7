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
    the elements of a block judged together: ids, references, findings.

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
from snippetcheck.checkers.crmsh import elements
from snippetcheck.checkers.crmsh.block import Block
from snippetcheck.checkers.crmsh.reading import element_lines
from snippetcheck.checkers.crmsh.reading import element_words
from snippetcheck.findings import Finding
from snippetcheck.findings import did_you_mean as _did_you_mean
from snippetcheck.findings import shorten as _short
from snippetcheck.placeholders import is_value_placeholder as is_placeholder
from snippetcheck.placeholders import join_placeholders

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


#: Elements crm configure reads.
ELEMENTS = frozenset(elements.SPECS)

# -- crm command levels (crmsh 4.4 and 5.0) -----------------------------------

_UI = ('cd', 'help', '?', '-h', '--help', 'ls', 'quit', 'bye', 'exit', 'up',
       'end', 'back')


class _Level(dict):
    """A crm command level: {command: its sublevel, or None}.

    ``aliases`` maps each alias to its command; crmsh accepts an alias but
    warns "This command 'X' is deprecated, please use 'Y'".
    """

    aliases = {}


def _level(commands, sublevels=None, aliases=None):
    table = _Level.fromkeys(commands.split())
    table.update(dict.fromkeys(_UI))
    table.update(sublevels or {})
    table.aliases = dict(aliases or {})
    for alias, name in table.aliases.items():
        table[alias] = table[name]
    return table


_RA = _level('classes info list providers validate', aliases={'meta': 'info'})
_CIBSTATUS = _level('load node op origin quorum run save show simulate '
                    'ticket')
_CIB = _level('commit delete diff import list new reset use',
              {'cibstatus': _CIBSTATUS})
_TEMPLATE = _level('apply delete edit list load new show')
_HISTORY = _level(
    'detail diff events exclude graph info latest limit log node '
    'peinputs refresh resource session setnodes show source transition '
    'transitions wdiff', aliases={'timeframe': 'limit'})
_ASSIST = _level('template weak-bond', aliases={'weak_bond': 'weak-bond'})
#: Commands of ``crm configure`` that are not elements.
CONFIGURE_COMMANDS = frozenset([
    'commit', 'default-timeouts', 'delete', 'edit', 'erase', 'filter',
    'get_property', 'graph', 'load', 'modgroup', 'ptest', 'refresh',
    'rename', 'rsctest', 'save', 'schema', 'set', 'show', 'upgrade',
    'validate-all', 'verify'])
_CONFIGURE_ELEMENTS = ELEMENTS - {'fencing-topology', 'collocation', 'master'}
_CONFIGURE = _level(
    ' '.join(sorted(CONFIGURE_COMMANDS | _CONFIGURE_ELEMENTS)),
    {'ra': _RA, 'cib': _CIB, 'cibstatus': _CIBSTATUS,
     'template': _TEMPLATE, 'history': _HISTORY, 'assist': _ASSIST},
    aliases={'collocation': 'colocation', 'rm': 'delete', 'master': 'ms',
             'resource': 'primitive', 'simulate': 'ptest',
             'default_timeouts': 'default-timeouts',
             'get-property': 'get_property',
             'validate_all': 'validate-all'})
LEVELS = _level(
    'report status verify',
    {
        'cib': _CIB,
        'cibstatus': _CIBSTATUS,
        'cluster': _level(
            'copy crash_test diff disable enable geo_init '
            'geo_init_arbitrator geo_join health init join remove rename '
            'restart run start status stop wait_for_startup',
            aliases={'geo-init': 'geo_init',
                     'geo-init-arbitrator': 'geo_init_arbitrator',
                     'geo-join': 'geo_join', 'delete': 'remove'}),
        'configure': _CONFIGURE,
        'corosync': _level(
            'add-node del-node diff edit get log pull push reload set show '
            'status', {'link': _level('add remove show update')},
            aliases={'add_node': 'add-node', 'del_node': 'del-node'}),
        'history': _HISTORY,
        'maintenance': _level('action off on'),
        'node': _level(
            'attribute clearstate delete fence maintenance online ready '
            'server show standby status-attr utilization',
            aliases={'list': 'show'}),
        'options': _level(
            'add-quotes check-frequency check-mode colorscheme editor '
            'manage-children output pager reset save set show skill-level '
            'sort-elements user wait',
            aliases={'add_quotes': 'add-quotes',
                     'check_frequency': 'check-frequency',
                     'check_mode': 'check-mode',
                     'manage_children': 'manage-children', 'list': 'show',
                     'skill_level': 'skill-level',
                     'sort_elements': 'sort-elements'}),
        'ra': _RA,
        'resource': _level(
            'ban cleanup clear constraints demote failcount locate '
            'maintenance manage meta move operations param promote refresh '
            'restart scores secret start status stop trace unmanage untrace '
            'utilization',
            aliases={'unmove': 'clear', 'unban': 'clear',
                     'unmigrate': 'clear', 'migrate': 'move',
                     'reprobe': 'refresh', 'show': 'status',
                     'list': 'status'}),
        'sbd': _level('configure device purge status'),
        'script': _level('list json run show verify',
                         aliases={'info': 'show', 'describe': 'show'}),
        'site': _level('ticket'),
    })

#: crm's own options; True takes a value.
CRM_OPTIONS = {
    '-f': True, '--file': True, '-c': True, '--cib': True, '-D': True,
    '--display': True, '-F': False, '--force': False, '-n': False,
    '--no': False, '-w': False, '--wait': False, '-H': True,
    '--history': True, '-d': False, '--debug': False, '-R': False,
    '--regression-tests': False, '--scriptdir': True, '-X': True,
    '-o': True, '--opt': True, '--version': False, '-h': False,
    '--help': False,
}


# -- entry points -------------------------------------------------------------

def check(snippet, document):
    """Findings for a ``crmsh`` block."""
    block = Block(document)
    for line, tokens in element_words(snippet.text):
        block.element(line, tokens)
    return block.finish()


def check_command(command, document):
    """Findings for one ``crm ...`` console command."""
    return _command(command, document)


# -- crm commands -------------------------------------------------------------

def _command(command, document):
    argv = join_placeholders([str(arg) for arg in command.argv])
    line = getattr(command, 'line', 1)
    findings = []
    if not argv or argv[0] != 'crm':
        return findings
    index = 1
    while index < len(argv) and argv[index].startswith('-') and \
            argv[index] not in ('-h', '--help'):
        option, eq, _ = argv[index].partition('=')
        takes = CRM_OPTIONS.get(option)
        if takes is None:
            findings.append(Finding(line, 'CRM001', f'crm has no option '
                                    f'"{_short(option)}"'
                                    + _did_you_mean(option, CRM_OPTIONS)))
            return findings
        index += 2 if takes and not eq else 1
    words = argv[index:]
    level = LEVELS
    path = []
    while words:
        word = words[0]
        name = _resolve(level, word)
        if name is None:
            if not is_placeholder(word):
                where = 'crm ' + ' '.join(path) if path else 'crm'
                findings.append(Finding(
                    line, 'CRM001', f'`{where}` has no command '
                    f'"{_short(word)}"' + _did_you_mean(word.lower(), level)))
            return findings
        alias = level.aliases.get(name) if name == word else None
        if alias is not None:
            findings.append(Finding(
                line, 'CRM008', f'crm warns that `{word}` is deprecated: '
                f'write `{alias}`'))
            name = alias
        elif name != word and name not in _UI and \
                len(word) >= len(name) - 2 and not name.startswith(word):
            findings.append(Finding(
                line, 'CRM001', f'"{_short(word)}" is not a crm command (crm '
                f'guesses "{name}"); write `{name}`'))
        path.append(name)
        words = words[1:]
        child = level[name]
        if child is None:
            break
        level = child
    if len(path) >= 2 and path[-2] == 'configure':
        element = 'primitive' if path[-1] == 'resource' else path[-1]
        if element in ELEMENTS:
            block = Block(document)
            block.element(line, [element, *words], element)
            findings.extend(block.finish())
    return findings


def _resolve(level, word):
    """crmsh's fuzzy_get: exact, unique prefix, unique letters in order."""
    if word in level:
        return word
    lower = word.lower()
    if not lower:
        return None
    matches = [name for name in level if name.lower().startswith(lower)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        return None
    matches = [name for name in level if _subsequence(lower, name.lower())]
    if len(matches) == 1:
        return matches[0]
    return None


def _subsequence(letters, name):
    """Whether *name* starts with letters[0] and holds the rest in order."""
    if not name.startswith(letters[0]):
        return False
    position = 1
    for letter in letters[1:]:
        position = name.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True
