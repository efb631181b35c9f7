"""One spec per pcs command: what pcs says of it (the generated data,
pcs 0.11.5) joined with what no tool says (:mod:`.commands`).

A spec is a router when the walker goes down it to a subcommand; every
other spec is a command, judged by its ``judge`` or by its counts and
``names`` alone. A command that pcs routes by hand (``pcs constraint
location``) or that runs code before routing (``pcs resource defaults``)
keeps its subcommands for its judge.

The tables the module exports (``TREE``, ``DEFAULT_CMD``, ``MIN_ARGS``,
``REFERENCES``, ``REPLACED``) are views of the specs.
"""

from snippetcheck import tooldata

from . import cmdline
from .commands import ALL
from .commands import HAND
from .commands import Hand

__all__ = ['ALL', 'DEFAULT_CMD', 'MIN_ARGS', 'REFERENCES', 'REPLACED',
           'ROOT', 'SPECS', 'TREE', 'Spec']


class Spec:
    """What the checker knows of one command or router."""

    __slots__ = (
        'choices', 'default', 'gone_options', 'judge', 'max_args',
        'min_args', 'name', 'names', 'needs', 'newer', 'own_negatives',
        'path', 'removed', 'router', 'subcommands')

    def __init__(self, path):
        self.path = path
        self.name = ' '.join(path)
        #: the walker goes down to a subcommand
        self.router = False
        #: subcommand word -> Spec, the removed ones included
        self.subcommands = {}
        #: the subcommands pcs has, for suggestions
        self.choices = ()
        #: a router that runs a default subcommand when given none
        self.default = False
        #: the fewest and most arguments (None: any number)
        self.min_args = 0
        self.max_args = None
        #: what the arguments are, for PCS007
        self.needs = ''
        #: leading arguments that name resources: 0, 1 or ALL
        self.names = 0
        #: judge(check, args), or None
        self.judge = None
        #: the PCS003 message of a command pcs no longer has
        self.removed = ''
        #: from a pcs newer than the generated data
        self.newer = False
        #: ((option, PCS003 message), ...) in the order they are reported
        self.gone_options = ()
        #: the judge reports negative numbers written without "--"
        self.own_negatives = False

    def __repr__(self):
        return f'<Spec pcs {self.name}>'

    @property
    def options(self):
        """The options pcs accepts here, or None where pcs does not check
        them (pcs's own list; not judged yet)."""
        if self.path not in _DATA:
            return None
        return tooldata.pcs_modifiers(self.path)

    def knows_gone(self, option):
        """Whether the spec says what replaced *option*."""
        return any(name == option for name, _ in self.gone_options)


_DATA = tooldata.pcs_commands()
_NO_HAND = Hand()


def _from_data(path, facts):
    spec = Spec(path)
    if facts['kind'] == 'router':
        spec.router = not (facts.get('by_hand') or
                           facts.get('before_routing'))
        spec.default = bool(facts.get('default'))
    else:
        args = facts.get('args') or {'min': 0, 'max': None}
        spec.min_args, spec.max_args = args['min'], args['max']
    return spec


def _apply(spec, hand):
    spec.needs = hand.needs
    if hand.min_args is not None:
        spec.min_args = hand.min_args
    spec.names = hand.names
    spec.judge = hand.judge
    spec.removed = hand.removed
    spec.newer = hand.newer
    spec.own_negatives = hand.own_negatives
    gone = {**cmdline.GONE_OPTIONS, **cmdline.GONE_IN_012,
            **hand.gone_options}
    spec.gone_options = tuple((name, message)
                              for name, message in gone.items() if message)


def _needs(spec):
    """The PCS007 wording of a command the hand facts do not describe."""
    count = 'one argument' if spec.min_args == 1 else \
        f'{spec.min_args} arguments'
    exact = spec.max_args == spec.min_args
    return count if exact else f'at least {count}'


def build(hand):
    """``{path: Spec}`` of every command of the data and of *hand*
    (``{'resource create': Hand(...)}``)."""
    specs = {path: _from_data(path, facts) for path, facts in _DATA.items()}
    for key, facts in hand.items():
        path = tuple(key.split())
        if path not in specs:
            if not (facts.removed or facts.newer):
                raise ValueError(f'pcs {key}: not in the data, neither '
                                 'removed nor newer')
            specs[path] = Spec(path)
    for spec in specs.values():
        _apply(spec, hand.get(spec.name, _NO_HAND))
    for path in sorted(specs, key=len):
        if path:
            specs[path[:-1]].subcommands[path[-1]] = specs[path]
    for spec in specs.values():
        if spec.newer and spec.subcommands:
            spec.router = True
        spec.choices = tuple(word for word, child in spec.subcommands.items()
                             if not child.removed)
        if not spec.needs and spec.min_args:
            spec.needs = _needs(spec)
    for path, spec in specs.items():
        if spec.subcommands and not spec.router and not spec.removed and \
                spec.judge is None and _walked(specs, path):
            # its subcommands would be read as its arguments
            raise ValueError(f'pcs {spec.name}: routed by hand, but no '
                             'judge')
    return specs


def _walked(specs, path):
    """Whether the walker reaches *path* through routers only."""
    return all(specs[path[:end]].router for end in range(len(path)))


SPECS = build(HAND)
ROOT = SPECS[()]


# -- views of the specs -------------------------------------------------------

def _tree(spec):
    return {word: (_tree(child) if child.router else None)
            for word, child in spec.subcommands.items() if not child.removed}


#: The command tree: a dict is a router, None a command.
TREE = _tree(ROOT)

#: Routers that run a default subcommand when given none.
DEFAULT_CMD = frozenset(path for path, spec in SPECS.items()
                        if spec.default)

#: Commands pcs 0.11 or 0.12 no longer has, with what to write instead.
REPLACED = {path: spec.removed for path, spec in SPECS.items()
            if spec.removed}

#: Fewest arguments a command takes, and what they are.
MIN_ARGS = {path: (spec.min_args, spec.needs)
            for path, spec in SPECS.items()
            if spec.min_args and not spec.router and not spec.removed
            and _walked(SPECS, path)}

#: How many leading arguments of these commands name resources: 1 for the
#: first argument, ALL for every argument without "=".
REFERENCES = {path: spec.names for path, spec in SPECS.items()
              if spec.names and _walked(SPECS, path)}
