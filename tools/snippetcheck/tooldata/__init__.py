"""What pcs, crmsh and haproxy accept, as the tools themselves say it.

The files under ``data/`` are generated (``tox -e tooldata``, see
:mod:`snippetcheck.tooldata.generate`) from the installed tools and from the
pinned haproxy configuration manuals, and ``tox -e tooldata-check`` proves
that regenerating gives the committed files:

``pcs.json``
    pcs's command tree, options and per-command modifiers, read from pcs's
    own routers and sources (``pcs.py``).
``crmsh.json``
    crm's command levels, their commands and aliases, crm's options and the
    elements ``crm configure`` parses (``crmsh.py``).
``haproxy.json``
    the keywords the haproxy binary registers (``haproxy -dKall``).
``haproxy-manual-VERSION.json``
    the proxy keyword matrix and keyword lists of the manual of a haproxy
    release.

Each file says which version of the tool or manual it came from.  The
functions below return the structures the checkers need; they read each
file once.  Command paths are tuples of words (``('resource', 'create')``);
the top level is ``()``.
"""

import functools
import json
import pathlib

DATA = pathlib.Path(__file__).parent / 'data'

#: Flags of the proxy keyword matrix, from the most to the least
#: permissive: allowed, allowed in named defaults only, refused.
_FLAG_ORDER = ('X', 'N', '-')


@functools.cache
def load(name):
    """The data of ``data/NAME.json`` (``load('pcs')``)."""
    with open(DATA / f'{name}.json', encoding='utf-8') as stream:
        return json.load(stream)


def version(name):
    """The version of the tool (or manual) a data file came from."""
    data = load(name)
    return data['manual']['version'] if 'manual' in data else \
        data['version']


def _path(key):
    return tuple(key.split())


# -- pcs ----------------------------------------------------------------------

def pcs_commands():
    """``{path: facts}`` for every router and command of pcs.

    A router has ``kind`` 'router', its ``subcommands`` and the
    ``default`` subcommand it runs when given none (``None``: it needs
    one); ``by_hand`` marks a command that compares its first argument
    with keywords itself and does something else with any other word
    (``other``).  A command has ``kind`` 'command', the ``modifiers`` it
    declares (``None``: pcs does not check them), ``args`` (``{'min',
    'max'}`` or ``None`` where pcs's source does not say), and where pcs
    says so ``deprecated`` (the router's comment), ``deprecation``
    (warnings it prints) and ``replaced`` (commands pcs names instead).
    """
    return {_path(key): facts for key, facts in load('pcs')['commands']
            .items()}


def pcs_tree(by_hand=False):
    """The command tree as nested dicts: a dict is a router, ``None`` a
    command.  Routers pcs runs by hand are commands unless *by_hand*."""
    commands = pcs_commands()

    def node(path):
        facts = commands[path]
        if facts['kind'] != 'router' or (facts.get('by_hand') and
                                         not by_hand):
            return None
        return {word: node((*path, word)) for word in facts['subcommands']}

    return node(())


def pcs_default_commands():
    """Routers that run a default subcommand when given none:
    ``{path: subcommand}``."""
    return {path: facts['default'] for path, facts in pcs_commands().items()
            if facts['kind'] == 'router' and facts.get('default')}


def pcs_long_options():
    """pcs's long options: ``{name: takes a value}``."""
    options = load('pcs')['options']
    found = dict.fromkeys(options['long_flags'], False)
    found.update(dict.fromkeys(options['long_with_value'], True))
    return found


def pcs_short_options():
    """pcs's short options: ``{letter: takes a value}``."""
    options = load('pcs')['options']
    found = dict.fromkeys(options['short_flags'], False)
    found.update(dict.fromkeys(options['short_with_value'], True))
    return found


def pcs_modifiers(path):
    """The options the command at *path* accepts (those every command
    accepts included), or ``None`` where pcs does not check them."""
    declared = pcs_commands()[tuple(path)].get('modifiers')
    if declared is None:
        return None
    return frozenset(declared) | frozenset(load('pcs')['always_supported'])


def pcs_arguments():
    """``{path: (fewest, most or None)}`` for the commands whose source
    says how many arguments they take."""
    return {path: (facts['args']['min'], facts['args']['max'])
            for path, facts in pcs_commands().items()
            if facts.get('args')}


def pcs_resource_create_keywords():
    """The keywords that split ``pcs resource create``'s arguments."""
    return frozenset(load('pcs')['resource_create_keywords'])


# -- crmsh --------------------------------------------------------------------

def crmsh_levels():
    """``{path: level}`` of crm's levels; a level has ``commands`` and
    ``sublevels``, each ``{name: {'aliases': [...], ...}}``, commands with
    the ``min`` and ``max`` (``None``: any) arguments crm allows."""
    return {_path(key): level for key, level in load('crmsh')['levels']
            .items()}


def crmsh_aliases(path=()):
    """``{alias: name}`` of the commands and sublevels of a level."""
    level = crmsh_levels()[tuple(path)]
    return {alias: name
            for table in (level['commands'], level['sublevels'])
            for name, entry in table.items() for alias in entry['aliases']}


def crmsh_deprecated_aliases(path=()):
    """The aliases of a level crm warns about as deprecated."""
    warning = load('crmsh')['alias_warning'] or {'exempt': []}
    return {alias: name for alias, name in crmsh_aliases(path).items()
            if alias not in warning['exempt']}


def crmsh_elements():
    """The element keywords ``crm configure`` parses:
    ``{keyword: {'parser', 'min_args', 'keywords'}}``."""
    return load('crmsh')['elements']


def crmsh_configure_commands():
    """Commands of ``crm configure`` that are not elements."""
    commands = crmsh_levels()[('configure',)]['commands']
    return frozenset(commands) - frozenset(crmsh_elements())


def crm_options():
    """crm's own options: ``{option: takes a value}``."""
    return dict(load('crmsh')['options'])


# -- haproxy ------------------------------------------------------------------

def haproxy_bind_keywords():
    """``{keyword: arguments}`` of ``bind`` lines; -1 is any number."""
    return {kw: facts['args'] for kw, facts in load('haproxy')['bind']
            .items()}


def haproxy_server_keywords():
    """``{keyword: arguments}`` of ``server`` lines; -1 is any number."""
    return {kw: facts['args'] for kw, facts in load('haproxy')['server']
            .items()}


def haproxy_actions(rules):
    """The actions of a rule set (``'http-request'``): ``{action:
    prefix}``, *prefix* true where haproxy matches the name as a prefix
    (``set-var(...)``)."""
    return {name: facts['prefix']
            for name, facts in load('haproxy')['actions'][rules].items()}


def haproxy_manual_versions():
    """The versions of the haproxy manuals with data, oldest first."""
    found = [path.stem[len('haproxy-manual-'):]
             for path in DATA.glob('haproxy-manual-*.json')]
    return sorted(found, key=lambda v: tuple(int(p) for p in v.split('.')))


def haproxy_manual(release):
    """The data of the manual of *release* (``'2.6'``)."""
    return load(f'haproxy-manual-{release}')


def haproxy_proxy_matrix(releases=None, described=False):
    """``{keyword: {section: flag}}`` over the proxy sections, merged over
    the manuals of *releases* (default: all): a keyword of any of them is
    in, and where they disagree the more permissive flag wins.  Flags:
    'X' allowed, 'N' only in a named defaults section, '-' refused.

    With *described*, the keywords the manuals describe in section 4.2
    but leave out of the matrix are added with the sections of their
    "May be used in sections" table."""
    merged = {}
    releases = releases or haproxy_manual_versions()
    tables = ['matrix', 'described'] if described else ['matrix']
    for table in tables:
        rows = {}
        for release in releases:
            for keyword, row in haproxy_manual(release)[table].items():
                if table == 'described' and keyword in merged:
                    continue
                entry = rows.setdefault(keyword, {})
                for section in ('defaults', 'frontend', 'listen', 'backend'):
                    flags = [entry.get(section, '-'), row[section]]
                    entry[section] = min(flags, key=_FLAG_ORDER.index)
        merged.update(rows)
    return merged


def haproxy_global_keywords(releases=None):
    """The keywords of the global section the manuals of *releases*
    (default: all) list or describe."""
    found = set()
    for release in releases or haproxy_manual_versions():
        found.update(haproxy_manual(release)['global'])
    return frozenset(found)
