"""Judges of the cluster, host, property, acl and tag commands."""

from snippetcheck.findings import did_you_mean
from snippetcheck.findings import shorten
from snippetcheck.placeholders import is_value_placeholder as is_placeholder


def cluster_setup(check, args):
    if 'name' in check.options:
        return      # reported with the options (the spec's gone options)
    check.enough(args)


def cluster_auth(check, args):
    if args:
        check.add('PCS003', 'pcs 0.10 moved node authentication to `pcs host '
                  'auth NODE... -u hacluster`; `pcs cluster auth` takes no '
                  'nodes')


def uidgid(check, args):
    """``pcs cluster uidgid``, which pcs routes by hand."""
    if not args:
        return
    word = args[0]
    child = check.spec.subcommands.get(word)
    if child is not None and child.removed:
        check.add('PCS003', child.removed)
    elif child is None and not is_placeholder(word):
        check.add('PCS001', f'`pcs cluster uidgid` has no subcommand '
                  f'"{shorten(word)}"'
                  + did_you_mean(word, check.spec.choices))


def property_set(check, args):
    if not check.enough(args):
        return
    for arg in args:
        if '=' not in arg and not is_placeholder(arg):
            check.add('PCS008', f'property "{shorten(arg)}" has no value: '
                      'write NAME=VALUE (`pcs property unset NAME` removes '
                      'it)')
            break


def acl_role_assign(check, args):
    """``pcs acl role assign | unassign``."""
    if not check.enough(args):
        return
    verb = check.spec.path[-1]
    if 'user' not in args[1:] and 'group' not in args[1:]:
        to = 'to' if verb == 'assign' else 'from'
        check.add('PCS004', f'`pcs acl role {verb}` without `user` or '
                  '`group` is deprecated since pcs 0.12: write `pcs acl role '
                  f'{verb} {args[0]} {to} user {args[-1]}` (or `group`)')


def tag_create(check, args):
    if not check.enough(args):
        return
    for name in args[1:]:
        check.need(name)
    check.define(args[0], 'tag')
