"""Judges of the constraint commands: location and order (which pcs
parses by hand: a keyword or a resource), colocation, sets and tickets."""

from snippetcheck.findings import did_you_mean
from snippetcheck.findings import shorten
from snippetcheck.placeholders import is_value_placeholder as is_placeholder

from .grammar import ACTIONS
from .grammar import ROLES
from .grammar import is_score_or_option

_HOW = ('prefers', 'avoids', 'rule')


def _removed(check, word):
    """PCS003 when *word* is a subcommand pcs no longer has."""
    child = check.spec.subcommands.get(word)
    if child is not None and child.removed:
        check.add('PCS003', child.removed)
        return True
    return False


def _common(check, args, command, what):
    """Judge what every constraint command shares (a removed form,
    ``config``, ``remove``/``delete``); True when that was all."""
    if not args:
        return True
    word = args[0]
    if _removed(check, word) or word == 'config':
        return True
    if word in ('remove', 'delete'):
        if len(args) < 2:
            check.add('PCS007', f'`pcs constraint {command} {word}` needs '
                      f'a {what}')
        return True
    return False


def location(check, args):
    if _common(check, args, 'location', 'constraint id'):
        return
    word = args[0]
    if word == 'add':
        if len(args) < 4:
            check.add('PCS007', '`pcs constraint location add` needs an id, '
                      'a resource, a node and a score')
            return
        check.need(args[2])
        return
    if len(args) < 3 and not (len(args) == 2 and args[1] not in _HOW):
        check.add('PCS007', f'`pcs constraint location '
                  f'{shorten(" ".join(args))}` needs the nodes: `pcs '
                  f'constraint location {shorten(word)} prefers NODE`')
        return
    how = args[1]
    if how not in _HOW:
        if not is_placeholder(how):
            check.add('PCS001', f'`pcs constraint location {shorten(word)}` '
                      f'takes prefers, avoids or rule, not "{shorten(how)}"'
                      + did_you_mean(how, _HOW))
        return
    check.need(word)
    if how == 'rule':
        for arg in args[2:]:
            if arg.startswith('role='):
                check.role(arg[5:])


def order(check, args):
    if _common(check, args, 'order', 'resource id'):
        return
    word = args[0]
    if word == 'set':
        _sets(check, check.spec.subcommands['set'], args[1:])
        return
    if 'then' not in args:
        check.add('PCS005', '`pcs constraint order` needs `then` between '
                  'the two resources: `pcs constraint order [ACTION] FIRST '
                  'then [ACTION] THEN`')
        for name in args:
            if name not in ACTIONS and '=' not in name:
                check.need(name)
        return
    index = 0
    if args[0] in ACTIONS:
        index = 1
    if index >= len(args) or args[index] == 'then':
        check.add('PCS007', '`pcs constraint order` needs the first resource '
                  'before `then`')
        return
    first = args[index]
    index += 1
    if index >= len(args) or args[index] != 'then':
        check.add('PCS008', f'`pcs constraint order` expects `then` right '
                  f'after "{shorten(first)}"; write `pcs constraint order '
                  f'[ACTION] FIRST then [ACTION] THEN`')
        return
    index += 1
    if index < len(args) and args[index] in ACTIONS:
        index += 1
    if index >= len(args):
        check.add('PCS007', '`pcs constraint order` needs the second resource '
                  'after `then`')
        return
    check.need(first)
    check.need(args[index])
    _order_options(check, args[index + 1:])


def _order_options(check, options):
    for option in options:
        if option == 'then':
            check.add('PCS008', 'one `pcs constraint order` takes one '
                      '`then`; for more resources use `pcs constraint order '
                      'set`')
            break
        if option in ('symmetrical', 'nonsymmetrical'):
            continue
        if '=' not in option:
            if not is_placeholder(option):
                check.add('PCS008', f'`pcs constraint order` takes options '
                          f'as NAME=VALUE (kind=, symmetrical=, id=), not '
                          f'"{shorten(option)}"')
            break
        if option.startswith('score='):
            check.add('PCS004', 'a score in an order constraint is '
                      'deprecated (Pacemaker 3 drops it): write kind='
                      'Mandatory, kind=Optional or kind=Serialize')


def colocation_add(check, args):
    if 'with' not in args:
        check.add('PCS007', '`pcs constraint colocation add` needs `with`: '
                  '`pcs constraint colocation add SOURCE with TARGET`')
        return
    if not check.enough(args):
        return
    if len(args) > 2 and args[2] == 'with':
        _colocation_role(check, args[0])
        source = args[1]
        index = 3
    elif args[1] == 'with':
        source = args[0]
        index = 2
    else:
        check.add('PCS008', '`pcs constraint colocation add` expects `with` '
                  'right after the source resource (and its role)')
        return
    tail = args[index:]
    if not tail:
        check.add('PCS007', '`pcs constraint colocation add` needs the target '
                  'resource after `with`')
        return
    if 'with' in tail:
        check.add('PCS008', 'one `pcs constraint colocation add` takes one '
                  '`with`; for more resources use `pcs constraint colocation '
                  'set`')
        return
    if len(tail) > 1 and not is_score_or_option(tail[1]):
        _colocation_role(check, tail[0])
        tail = tail[1:]
    check.need(source)
    check.need(tail[0])
    options = tail[1:]
    if options and '=' not in options[0]:
        score = options[0]
        check.add('PCS004', f'a bare score ("{shorten(score)}") in `pcs '
                  'constraint colocation add` is deprecated since pcs 0.12: '
                  f'write score={score}')
        options = options[1:]
    for option in options:
        if '=' not in option and not is_placeholder(option):
            check.add('PCS008', f'`pcs constraint colocation add` takes '
                      f'options as NAME=VALUE, not "{shorten(option)}"')
            break


def _colocation_role(check, word):
    if check.role(word) is None and not is_placeholder(word):
        check.add('PCS008', f'"{shorten(word)}" is not a role (' +
                  ', '.join(ROLES) + ')')


def sets(check, args):
    """``pcs constraint colocation | ticket set``."""
    _sets(check, check.spec, args)


def _sets(check, spec, args):
    if not args:
        check.add('PCS007', f'`pcs {spec.name}` needs resources')
        return
    in_setoptions = False
    for arg in args:
        if arg == 'setoptions':
            in_setoptions = True
            continue
        if in_setoptions or arg == 'set' or '=' in arg:
            if arg.startswith('role='):
                check.role(arg[5:])
            continue
        check.need(arg)


def ticket_add(check, args):
    if not check.enough(args):
        return
    names = [arg for arg in args[1:] if '=' not in arg]
    if len(names) >= 2:
        check.role(names[0])
        names = names[1:]
    if names:
        check.need(names[0])
