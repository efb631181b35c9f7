"""Judges of the resource and stonith commands other than create."""

from snippetcheck.findings import did_you_mean
from snippetcheck.findings import shorten
from snippetcheck.placeholders import is_value_placeholder as is_placeholder

from .create import check_operations
from .grammar import listing
from .grammar import split_keywords


def clone(check, args):
    """``pcs resource clone | promotable ID [CLONE_ID] [meta ...]``."""
    if not check.enough(args):
        return
    kind = check.spec.path[-1]
    res_id = args[0]
    check.need(res_id)
    rest = args[1:]
    clone_id = None
    if rest and rest[0] not in ('op', 'meta') and '=' not in rest[0]:
        clone_id = rest[0]
        rest = rest[1:]
    target = clone_id or f'{res_id}-clone'
    sub = split_keywords(rest, ('op', 'meta'), 'options')
    options = sub.get('options', [[]])[0]
    if options:
        bare = [arg for arg in options if '=' not in arg]
        if bare:
            check.add('PCS008', f'clone option "{shorten(bare[0])}" has no '
                      'value: write NAME=VALUE after `meta`')
        else:
            pairs = ' '.join(options[:3])
            check.add('PCS004', 'clone meta attributes without `meta` are '
                      'deprecated since pcs 0.11.6: write `pcs resource '
                      f'{kind} {res_id}{" " + clone_id if clone_id else ""} '
                      f'meta {pairs}`')
    if 'op' in sub:
        check.add('PCS008', 'operations belong to the resource, not the '
                  f'clone: `pcs resource op add {res_id} ...`')
    check.legacy_meta(rest)
    check.define(target, kind)


def group_add(check, args):
    if not check.enough(args):
        return
    group = args[0]
    for name in args[1:]:
        check.need(name)
    for where in ('before', 'after'):
        if isinstance(check.options.get(where), str):
            check.need(check.options[where])
    check.define(group, 'group')


def meta(check, args):
    if not check.enough(args):
        return
    check.need(args[0])
    for arg in args[1:]:
        if '=' not in arg and not is_placeholder(arg):
            check.add('PCS008', f'meta attribute "{shorten(arg)}" has no '
                      'value: write NAME=VALUE (NAME= removes it)')
            break
    check.legacy_meta(args[1:])


def update(check, args):
    if not check.enough(args):
        return
    check.need(args[0])
    sub = split_keywords(args[1:], ('op', 'meta'), 'instance')
    for word in sub.get('instance', [[]])[0]:
        if '=' not in word and not is_placeholder(word):
            check.add('PCS008', f'option "{shorten(word)}" has no value: '
                      'write NAME=VALUE')
            break
    for op_group in sub.get('op', []):
        if op_group and '=' in op_group[0]:
            check_operations(check, op_group)
    check.legacy_meta(args[1:])


def op_add(check, args):
    if not check.enough(args):
        return
    check.need(args[0])
    check_operations(check, args[1:])


def bundle_create(check, args):
    if not check.enough(args):
        return
    check.define(args[0], 'bundle')


def defaults(check, args):
    """``pcs resource [op] defaults``: pcs 0.12 dropped the NAME=VALUE form
    that pcs 0.11 still ran before routing to the subcommands."""
    if args and '=' in args[0]:
        base = check.spec.name
        check.add('PCS003', f'pcs 0.12 removed `pcs {base} NAME=VALUE` '
                  f'(deprecated since 0.10.7): write `pcs {base} update '
                  f'{shorten(" ".join(args[:2]))}`')
        return
    _walk_subcommands(check, check.spec, args)


def _walk_subcommands(check, spec, args):
    """Subcommands of routers reached through a judged command."""
    if not args:
        if spec.path[-1] == 'set':
            check.add('PCS007', f'`pcs {spec.name}` needs a subcommand: '
                      + listing(spec.choices))
        return
    word = args[0]
    child = spec.subcommands.get(word)
    if child is None:
        if not is_placeholder(word):
            check.add('PCS001', f'`pcs {spec.name}` has no subcommand '
                      f'"{shorten(word)}"' + did_you_mean(word, spec.choices))
        return
    if child.subcommands:
        _walk_subcommands(check, child, args[1:])


def stonith_level_add(check, args):
    if not check.enough(args):
        return
    for device in args[2:]:
        if ',' in device and '=' not in device:
            check.add('PCS003', 'pcs 0.12 no longer takes stonith devices '
                      'separated by commas: write them separated by spaces')
            break
        if '=' not in device:
            check.need(device, 'stonith device')
