"""Checks of crmsh configuration: ``crmsh`` blocks and ``crm`` commands.

A ``crmsh`` block is what ``crm configure edit`` shows and ``crm configure
load update`` reads: one element a line, a line ending in ``\\`` continued
on the next, ``#`` comments and blank lines. The element grammar follows
crmsh's own parser (``crmsh/parse.py``) and crm(8) of crmsh 4.4 (Debian 12)
and 5.0 (Debian 13); the command levels of ``crm`` commands follow its
``ui_*.py`` modules.

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

import re

from snippetcheck import agents
from snippetcheck.catalogue import Check
from snippetcheck.checkers.crmsh.reading import element_lines
from snippetcheck.checkers.crmsh.reading import element_words
from snippetcheck.findings import Finding
from snippetcheck.findings import did_you_mean as _did_you_mean
from snippetcheck.findings import shorten as _short
from snippetcheck.placeholders import has_placeholder
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


# -- element grammar tables ---------------------------------------------------

#: Elements crm configure reads (the keys of crmsh's parser table).
ELEMENTS = frozenset([
    'node', 'primitive', 'group', 'clone', 'ms', 'master', 'rsc_template',
    'bundle', 'location', 'colocation', 'collocation', 'order',
    'rsc_ticket', 'monitor', 'property', 'rsc_defaults', 'op_defaults',
    'fencing_topology', 'fencing-topology', 'tag', 'user', 'role',
    'acl_target', 'acl_group', 'xml', 'alert',
])
_ELEMENT_NAMES = tuple(sorted(ELEMENTS))

#: Resource classes Pacemaker knows.
CLASSES = agents.CLASSES | {'heartbeat', 'nagios', 'upstart'}
ORDER_KINDS = {'mandatory': 'Mandatory', 'optional': 'Optional',
               'serialize': 'Serialize'}
_SCORE_RE = re.compile(r'[+-]?(?:inf(?:inity)?|INF(?:INITY)?|[0-9]+)\Z')
_KEYWORDS = frozenset(['params', 'meta', 'utilization', 'operations', 'op',
                       'op_params', 'op_meta', 'rule', 'attributes'])

#: What defining an element registers in the document's resources.
RESOURCE_KINDS = frozenset(['primitive', 'group', 'clone', 'ms',
                            'rsc_template', 'bundle', 'tag'])

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

#: Capital words that are keywords, not placeholders.
#: Words an angle-bracket placeholder may span.

#: Bounds on the "did you mean" search, which keep a check linear.
_SUGGESTION_POOL = 1000
_SUGGESTIONS = 20



# -- entry points -------------------------------------------------------------

def check(snippet, document):
    """Findings for a ``crmsh`` block."""
    block = _Block(document)
    for line, tokens in element_words(snippet.text):
        block.element(line, tokens)
    return block.finish()


def check_command(command, document):
    """Findings for one ``crm ...`` console command."""
    return _command(command, document)


class _Block:
    """Checks the elements of one block (or one command) together."""

    def __init__(self, document):
        self.document = document
        self.resources = getattr(document, 'resources', None)
        if not isinstance(self.resources, dict):
            self.resources = {}
        self.ids = getattr(document, 'crm_ids', None)
        if not isinstance(self.ids, dict):
            self.ids = {}
        self.findings = []
        self.defined = {}       # id -> (kind, line) in this block
        self.references = []    # (line, name, element)

    def add(self, line, code, message):
        self.findings.append(Finding(line, code, message))

    def element(self, line, tokens, name=None):
        name = name or tokens[0].lower()
        handler = _HANDLERS.get(name)
        if handler is None:
            self.unknown(line, tokens[0])
            return
        _Element(self, line, name, tokens).run(handler)

    def unknown(self, line, word):
        if word.lower() in ('crm', 'pcs') or word.startswith(('#', '$')):
            self.add(line, 'CRM001', f'"{_short(word)}" starts a shell '
                     'command: a crmsh block holds what you type at the '
                     '`crm configure` prompt (drop `crm configure`), or use '
                     'a console block')
            return
        if is_placeholder(word):
            return
        self.add(line, 'CRM001', f'"{_short(word)}" is not a crm configure '
                 'element' + _did_you_mean(word, _ELEMENT_NAMES))

    def define(self, line, name, kind):
        if not name:
            return
        if name in self.defined:
            other_kind, other_line = self.defined[name]
            self.add(line, 'CRM007', f'id "{_short(name)}" is already used by '
                     f'the {other_kind} on line {other_line}; give each '
                     'element its own id')
            return
        if name in self.ids and not is_placeholder(name):
            self.add(line, 'CRM007', f'id "{_short(name)}" is already used by '
                     f'the {self.ids[name]} defined earlier in this document; '
                     'give each element its own id')
        self.defined[name] = (kind, line)

    def finish(self):
        known = self.resources
        defined = self.defined
        candidates = None
        for line, name, element in self.references:
            if name in known or (name in defined and \
                    defined[name][0] in RESOURCE_KINDS):
                continue
            if is_placeholder(name) or has_placeholder(name):
                continue
            if candidates is None:
                candidates = [key for key, (kind, _) in defined.items()
                              if kind in RESOURCE_KINDS] + list(known)
                candidates = candidates[:_SUGGESTION_POOL]
            hint = _did_you_mean(name, candidates) \
                if len(self.findings) < _SUGGESTIONS else ''
            self.add(line, 'CRM003', f'{element} refers to "{_short(name)}", '
                     'which is not defined earlier in this document; define '
                     'the primitive (or group, clone) first or check the '
                     'spelling' + hint)
        document = self.document
        define = getattr(document, 'define', None)
        for name, (kind, _line) in defined.items():
            self.ids.setdefault(name, kind)
            if kind in RESOURCE_KINDS:
                if define is not None:
                    define(name, kind)
                else:
                    known[name] = kind
        self.findings.sort(key=lambda finding: finding.line)
        return self.findings


class _Element:
    """One element: its tokens and where to report."""

    def __init__(self, block, line, name, tokens):
        self.block = block
        self.line = line
        self.name = name
        self.tokens = tokens

    def run(self, handler):
        handler(self, self.tokens)

    def add(self, code, message):
        self.block.add(self.line, code, message)

    def ref(self, name, strip_suffix=True):
        if strip_suffix:
            name = name.split(':', 1)[0]
        if name:
            self.block.references.append((self.line, name, self.name))

    def define(self, name, kind=None):
        self.block.define(self.line, name, kind or self.name)


# -- element handlers ---------------------------------------------------------

def _primitive(el, t):
    what = el.name
    if len(t) < 2:
        el.add('CRM006', f'{what} needs an id and an agent: `{what} ID '
               'ocf:heartbeat:IPaddr2 ...`')
        return
    res_id = t[1]
    if _looks_like_agent(res_id):
        el.add('CRM006', f'{what} needs an id before the agent: `{what} ID '
               f'{_short(res_id)} ...`')
        return
    if len(t) < 3 or '=' in t[2] or t[2].lower() in _KEYWORDS:
        el.add('CRM006', f'{what} {_short(res_id)} needs an agent after its '
               'id, for example ocf:heartbeat:IPaddr2 or systemd:haproxy')
        el.define(res_id)
        return
    agent = t[2]
    if not (agent.startswith('@') and what == 'primitive'):
        _check_agent(el, agent)
    el.define(res_id)


def _check_agent(el, agent):
    problem = _agent_problem(agent)
    if problem and not has_placeholder(agent):
        el.add('CRM004', problem)


def _agent_problem(agent):
    """What is wrong with the agent *agent*, or ''."""
    return agents.problem(agent, CLASSES)


def _looks_like_agent(word):
    return agents.looks_like_agent(word, CLASSES)


def _group(el, t):
    if len(t) < 2:
        el.add('CRM006', 'group needs an id and its resources: `group ID '
               'RSC...`')
        return
    children = []
    for word in t[2:]:
        if '=' in word or word.lower() in ('params', 'meta'):
            break
        children.append(word)
    if not children:
        el.add('CRM006', f'group {_short(t[1])} needs at least one resource')
    for child in children:
        if ':' in child:
            _agent_instead_of_id(el, child, t[1])
        else:
            el.ref(child, strip_suffix=False)
    el.define(t[1])


def _clone(el, t):
    kind = 'ms' if el.name in ('ms', 'master') else 'clone'
    if kind == 'ms':
        el.add('CRM008', f'`{el.name}` is deprecated since Pacemaker 2 and '
               'crmsh 5 removed the `configure ms` command: write `clone ID '
               'RSC meta promotable=true ...`')
    if len(t) < 3 or '=' in t[2] or t[2].lower() in _KEYWORDS:
        name = f' {_short(t[1])}' if len(t) > 1 else ''
        el.add('CRM006', f'{el.name}{name} needs an id and the primitive or '
               f'group it clones: `{el.name} ID RSC`')
        if len(t) > 1:
            el.define(t[1], kind)
        return
    child = t[2]
    if ':' in child:
        _agent_instead_of_id(el, child, t[1])
    else:
        el.ref(child, strip_suffix=False)
        if len(t) > 3 and '=' not in t[3] and t[3].lower() not in _KEYWORDS \
                and not t[3].startswith('description'):
            el.add('CRM006', f'{el.name} {_short(t[1])} clones one resource; '
                   f'"{_short(t[3])}" is neither meta nor params: put the '
                   'resources in a group and clone the group')
    el.define(t[1], kind)


def _agent_instead_of_id(el, agent, owner):
    base = _short(agent.split(':')[-1] or 'rsc', 30)
    primitive = f'p_{base}'
    outer = owner if owner != primitive else f'{el.name[:2]}_{base}'
    el.add('CRM005', f'{el.name} {_short(owner)} takes the id of an existing '
           f'primitive or group, not the agent "{_short(agent)}": define a '
           f'primitive first, `primitive {primitive} {_short(agent)} ...`, '
           f'then `{el.name} {_short(outer)} {primitive}`')


def _bundle(el, t):
    if len(t) < 2:
        el.add('CRM006', 'bundle needs an id')
        return
    for index, word in enumerate(t):
        if word == 'primitive' and index + 1 < len(t) and index > 1:
            el.ref(t[index + 1], strip_suffix=False)
    el.define(t[1])


def _location(el, t):
    if len(t) < 3:
        el.add('CRM006', 'location needs an id, a resource and `SCORE: NODE` '
               'or a rule: `location ID RSC 100: NODE`')
        return
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
        el.add('CRM006', f'location {_short(t[1])} needs `SCORE: NODE` or a '
               f'rule after the resource: `location {_short(t[1])} '
               f'{_short(rsc)} 100: NODE`')
        return
    if rest[0] == 'rule':
        return
    if rest[0].endswith(':'):
        if len(rest) < 2:
            el.add('CRM006', f'location {_short(t[1])} needs a node after '
                   f'"{_short(rest[0])}"')
        return
    if _is_score(rest[0]) and len(rest) > 1:
        el.add('CRM002', f'location {_short(t[1])}: the score needs a colon: '
               f'write `{_short(rest[0])}: {_short(rest[1])}`')
        return
    el.add('CRM006', f'location {_short(t[1])} needs `SCORE: NODE` or a rule, '
           f'not "{_short(rest[0])}"')


def _resource_set(el, tokens):
    """References of the resources in a simple pair or resource sets."""
    count = 0
    for word in tokens:
        word = word.strip('()[]')
        if not word or '=' in word:
            continue
        el.ref(word)
        count += 1
    return count


def _colocation(el, t):
    if len(t) < 3:
        el.add('CRM006', f'{el.name} needs an id, a score and two resources: '
               f'`{el.name} ID inf: RSC WITH_RSC`')
        return
    score = t[2]
    rest = t[3:]
    if not score.endswith(':'):
        if _is_score(score) or score.lower() in ORDER_KINDS:
            el.add('CRM002', f'{el.name} {_short(t[1])}: write the score with '
                   f'a colon, `{_short(score)}:`')
        elif not is_placeholder(score):
            el.add('CRM002', f'{el.name} {_short(t[1])} needs a score '
                   f'followed by a colon before the resources: `{el.name} '
                   f'{_short(t[1])} inf: {_short(" ".join(t[2:4]))}`')
            rest = t[2:]
    else:
        value = score[:-1]
        if value.lower() in ('optional', 'serialize'):
            el.add('CRM002', f'{el.name} {_short(t[1])} takes a score (inf:, '
                   f'-inf:, 100:), not the order kind "{_short(score)}"')
        elif not value:
            el.add('CRM002', f'{el.name} {_short(t[1])}: ":" has no score '
                   'before it; write inf:, -inf: or a number')
    rest = [word for word in rest if not word.startswith('node-attribute=')]
    if _resource_set(el, rest) == 0:
        el.add('CRM006', f'{el.name} {_short(t[1])} needs the resources it '
               'colocates')
    el.define(t[1], 'colocation')


def _order(el, t):
    if len(t) < 3:
        el.add('CRM006', 'order needs an id, a kind and the resources: '
               '`order ID Mandatory: FIRST THEN`')
        return
    kind = t[2]
    rest = t[3:]
    if kind.endswith(':'):
        value = kind[:-1]
        if value.lower() not in ORDER_KINDS and not _is_score(value) and \
                not has_placeholder(value):
            el.add('CRM002', f'order {_short(t[1])}: "{_short(kind)}" is '
                   'neither a kind (Mandatory:, Optional:, Serialize:) nor '
                   'a score (inf:, 0:)'
                   + _did_you_mean(value.capitalize(),
                                   ORDER_KINDS.values(), suffix=':'))
    elif kind.lower() in ORDER_KINDS or _is_score(kind):
        el.add('CRM002', f'order {_short(t[1])}: write the kind with a colon, '
               f'`{_short(kind)}:`')
    elif not is_placeholder(kind):
        el.add('CRM002', f'order {_short(t[1])} gives no kind: write `order '
               f'{_short(t[1])} Mandatory: {_short(" ".join(t[2:4]))}` (or '
               'Optional:, Serialize:)')
        rest = t[2:]
    rest = [word for word in rest if not word.startswith('symmetrical=')]
    if _resource_set(el, rest) == 0:
        el.add('CRM006', f'order {_short(t[1])} needs the resources it orders')
    el.define(t[1], 'order')


def _rsc_ticket(el, t):
    if len(t) < 4 or not t[2].endswith(':'):
        el.add('CRM006', 'rsc_ticket needs an id, a ticket followed by a '
               'colon and resources: `rsc_ticket ID TICKET: RSC`')
        if len(t) > 1:
            el.define(t[1], 'rsc_ticket')
        return
    rest = [word for word in t[3:] if not word.startswith('loss-policy=')]
    _resource_set(el, rest)
    el.define(t[1], 'rsc_ticket')


def _tag(el, t):
    if len(t) < 3:
        el.add('CRM006', 'tag needs a name and at least one resource: `tag '
               'NAME RSC...`')
        return
    for word in t[2:]:
        el.ref(word, strip_suffix=False)
    el.define(t[1].rstrip(':'), 'tag')


def _nvpairs(el, t):
    words = t[1:]
    if words and (words[0].startswith('$id=') or
                  (words[0].endswith(':') and '=' not in words[0])):
        words = words[1:]
    if 'rule' in words or any(word.startswith('$') for word in words):
        return
    for word in words:
        if '=' not in word and not is_placeholder(word):
            el.add('CRM006', f'{el.name} "{_short(word)}" has no value: write '
                   'NAME=VALUE')
            return


def _node(el, t):
    if len(t) < 2:
        el.add('CRM006', 'node needs a node name')


def _monitor(el, t):
    if len(t) < 3:
        el.add('CRM006', 'monitor needs a resource and an interval: `monitor '
               'RSC 30s`')
        return
    el.ref(t[1])


def _id_only(el, t):
    if len(t) < 2:
        el.add('CRM006', f'{el.name} needs an id')
        return
    el.define(t[1])


def _alert(el, t):
    if len(t) < 3:
        el.add('CRM006', 'alert needs an id and the path of its script: '
               '`alert ID /path/to/script`')
    if len(t) > 1:
        el.define(t[1])


def _lenient(el, t):
    return


_HANDLERS = {
    'primitive': _primitive,
    'rsc_template': _primitive,
    'group': _group,
    'clone': _clone,
    'ms': _clone,
    'master': _clone,
    'bundle': _bundle,
    'location': _location,
    'colocation': _colocation,
    'collocation': _colocation,
    'order': _order,
    'rsc_ticket': _rsc_ticket,
    'tag': _tag,
    'property': _nvpairs,
    'rsc_defaults': _nvpairs,
    'op_defaults': _nvpairs,
    'node': _node,
    'monitor': _monitor,
    'fencing_topology': _lenient,
    'fencing-topology': _lenient,
    'user': _id_only,
    'role': _id_only,
    'acl_target': _id_only,
    'acl_group': _id_only,
    'alert': _alert,
    'xml': _lenient,
}
assert set(_HANDLERS) == ELEMENTS


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
            block = _Block(document)
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


# -- helpers ------------------------------------------------------------------

def _is_score(text):
    return bool(_SCORE_RE.match(text))



