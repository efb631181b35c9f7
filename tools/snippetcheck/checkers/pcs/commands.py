"""What no tool says about pcs's commands, one entry per command.

Everything pcs's own sources tell (the command tree, the default
subcommands, how many arguments a command takes, its options) comes from
the generated data (:mod:`snippetcheck.tooldata`, pcs 0.11.5) and is joined
with these entries in :mod:`.specs`. An entry holds only what the data
cannot give:

``needs``
    what the arguments are, for the PCS007 message;
``min_args``
    the fewest arguments, only where pcs checks more than its router's
    count says (the comment says why);
``names``
    how many leading arguments name existing resources (``ALL``: every
    argument without "=");
``judge``
    the function that judges the arguments when the counts are not enough
    (see :mod:`.check` for its interface);
``removed``
    for a command pcs 0.11 or 0.12 no longer has, what to write instead;
``newer``
    a command of a pcs newer than the data (0.11.7 or 0.12), which the
    installed pcs lacks;
``gone_options``
    options this command lost, with what replaced them (``None``: the
    judge reports it);
``own_negatives``
    the judge reports negative numbers written without ``--`` itself.

A command the data has and pcs never changed needs no entry.
"""

import dataclasses

from . import cluster
from . import constraints
from . import create
from . import resources

#: ``names`` of a command whose every argument without "=" is a resource.
ALL = 'all'


@dataclasses.dataclass(frozen=True)
class Hand:
    """The hand facts of one command."""

    needs: str = ''
    min_args: int = None
    names: object = 0
    judge: object = None
    removed: str = ''
    newer: bool = False
    gone_options: dict = dataclasses.field(default_factory=dict)
    own_negatives: bool = False


def _removed_in_012(old, new):
    return Hand(removed=f'pcs 0.12 removed `pcs {old}` (deprecated since '
                f'0.10.9): write `pcs {new}`')


_RESOURCE = 'a resource id'
_STONITH = 'a stonith id'
_NEWER = Hand(newer=True)

HAND = {
    # -- resource ----------------------------------------------------------
    'resource create': Hand(needs='a resource id and an agent',
                            judge=create.resource_create, gone_options={
        'clone': None, 'cloneopt': None,
        'master': 'pcs 0.10 removed `--master`: write `promotable` after '
                  'the resource options'}),
    'resource meta': Hand(needs='a resource id and NAME=VALUE meta '
                                'attributes', names=1, judge=resources.meta),
    'resource update': Hand(needs='a resource id and the options to change',
                            names=1, judge=resources.update),
    # pcs's router lets one argument through, then resource_op_add prints
    # the usage without the operation's action
    'resource op add': Hand(needs='a resource id and an operation',
                            min_args=2, names=1, judge=resources.op_add),
    'resource op remove': Hand(needs='a resource id or operation id'),
    'resource op delete': Hand(needs='a resource id or operation id'),
    'resource op defaults': Hand(judge=resources.defaults),
    'resource defaults': Hand(judge=resources.defaults),
    'resource clone': Hand(needs='a resource or group id', names=1,
                           judge=resources.clone),
    'resource promotable': Hand(needs='a resource or group id', names=1,
                                judge=resources.clone),
    'resource unclone': Hand(needs='a clone, resource or group id', names=1),
    'resource group add': Hand(needs='a group id and the resources to add',
                               judge=resources.group_add),
    'resource group remove': Hand(needs='a group id'),
    'resource group delete': Hand(needs='a group id'),
    'resource ungroup': Hand(needs='a group id'),
    'resource enable': Hand(needs=_RESOURCE, names=ALL),
    'resource disable': Hand(needs=_RESOURCE, names=ALL),
    'resource safe-disable': Hand(needs=_RESOURCE, names=ALL),
    'resource manage': Hand(needs=_RESOURCE, names=ALL),
    'resource unmanage': Hand(needs=_RESOURCE, names=ALL),
    'resource restart': Hand(needs=_RESOURCE, names=1),
    'resource move': Hand(needs=_RESOURCE, names=1, gone_options={
        'autodelete': 'pcs 0.12 removed `--autodelete`: since 0.11 `pcs '
                      'resource move` removes the constraint it makes; drop '
                      'the option'}),
    'resource move-with-constraint': Hand(needs=_RESOURCE, names=1),
    'resource ban': Hand(needs=_RESOURCE, names=1),
    'resource clear': Hand(needs=_RESOURCE, names=1),
    'resource delete': Hand(needs=_RESOURCE),
    'resource remove': Hand(needs=_RESOURCE),
    'resource describe': Hand(needs='an agent'),
    'resource relations': Hand(needs=_RESOURCE, names=1),
    'resource utilization': Hand(names=1),
    'resource debug-start': Hand(needs=_RESOURCE, names=1),
    'resource debug-stop': Hand(needs=_RESOURCE, names=1),
    'resource debug-promote': Hand(needs=_RESOURCE, names=1),
    'resource debug-demote': Hand(needs=_RESOURCE, names=1),
    'resource debug-monitor': Hand(needs=_RESOURCE, names=1),
    'resource bundle create': Hand(needs='a bundle id',
                                   judge=resources.bundle_create),
    'resource bundle reset': Hand(needs='a bundle id'),
    'resource bundle update': Hand(needs='a bundle id'),
    'resource show': Hand(removed=(
        'pcs 0.11 removed `pcs resource show`: write `pcs resource config '
        '[ID]` for the configuration or `pcs resource status` for the '
        'state')),
    'resource master': Hand(removed=(
        'pcs 0.10 replaced `pcs resource master` with `pcs resource '
        'promotable ID [CLONE_ID] [meta NAME=VALUE...]`')),
    'resource failcount reset': Hand(removed=(
        'pcs 0.10 removed `pcs resource failcount reset`: write `pcs '
        'resource cleanup ID`')),
    'resource add_operation': Hand(removed=(
        '`pcs resource add_operation` is gone: write `pcs resource op add '
        'ID ACTION NAME=VALUE...`')),
    'resource remove_operation': Hand(removed=(
        '`pcs resource remove_operation` is gone: write `pcs resource op '
        'remove ID ACTION`')),
    'resource unmove': Hand(removed=(
        '`pcs resource unmove` is gone: write `pcs resource clear ID`')),
    'resource rsc': Hand(removed=(
        '`pcs resource rsc defaults` is gone: write `pcs resource defaults '
        'update NAME=VALUE`')),
    'resource group remove_resource': Hand(removed=(
        '`pcs resource group remove_resource` is gone: write `pcs resource '
        'group remove GROUP ID...`')),

    # -- stonith -----------------------------------------------------------
    'stonith create': Hand(needs='a stonith id and a fence agent',
                           judge=create.stonith_create),
    'stonith meta': Hand(needs='a stonith id and NAME=VALUE meta '
                               'attributes', names=1, judge=resources.meta),
    'stonith update': Hand(needs='a stonith id and the options to change',
                           names=1, judge=resources.update),
    # as resource op add: pcs needs the operation's action too
    'stonith op add': Hand(needs='a stonith id and an operation',
                           min_args=2),
    'stonith op defaults': Hand(judge=resources.defaults),
    'stonith defaults': Hand(judge=resources.defaults),
    'stonith delete': Hand(needs=_STONITH),
    'stonith remove': Hand(needs=_STONITH),
    'stonith enable': Hand(needs=_STONITH, names=ALL),
    'stonith disable': Hand(needs=_STONITH, names=ALL),
    'stonith describe': Hand(needs='a fence agent'),
    'stonith fence': Hand(needs='a node'),
    'stonith confirm': Hand(needs='a node'),
    'stonith level add': Hand(needs='a level, a target and stonith ids',
                              judge=resources.stonith_level_add),
    'stonith show': Hand(removed=(
        'pcs 0.11 removed `pcs stonith show`: write `pcs stonith config '
        '[ID]` for the configuration or `pcs stonith status` for the '
        'state')),
    'stonith level rm': Hand(removed=(
        '`pcs stonith level rm` is gone: write `pcs stonith level remove`')),

    # -- constraint ----------------------------------------------------------
    'constraint location': Hand(judge=constraints.location),
    'constraint order': Hand(judge=constraints.order),
    'constraint colocation add': Hand(
        needs='SOURCE with TARGET (`pcs constraint colocation add SOURCE '
              'with TARGET`)',
        judge=constraints.colocation_add, own_negatives=True),
    # pcs parses the sets and tickets in its library: the router's count
    # says nothing, pcs prints the usage without these arguments
    'constraint colocation set': Hand(needs='resources', min_args=1,
                                      judge=constraints.sets),
    'constraint order set': Hand(needs='resources', min_args=1),
    'constraint ticket set': Hand(needs='resources', min_args=1,
                                  judge=constraints.sets),
    'constraint ticket add': Hand(needs='a ticket and a resource id',
                                  min_args=2, judge=constraints.ticket_add),
    'constraint remove': Hand(needs='a constraint id'),
    'constraint delete': Hand(needs='a constraint id'),
    'constraint ref': Hand(needs=_RESOURCE, names=ALL),
    'constraint show': _removed_in_012('constraint show',
                                       'constraint config'),
    'constraint list': _removed_in_012('constraint list',
                                       'constraint config'),
    'constraint rule': Hand(removed=(
        'pcs 0.12 removed `pcs constraint rule` (Pacemaker 3 allows one '
        'rule a location constraint): write `pcs constraint location ID '
        'rule ...`')),
    **{f'constraint {kind} {old}': _removed_in_012(
        f'constraint {kind} {old}', f'constraint {kind} config')
       for kind in ('location', 'colocation', 'order', 'ticket')
       for old in ('show', 'list')},

    # -- cluster, host, pcsd, node, quorum, booth ----------------------------
    'cluster setup': Hand(
        needs='a cluster name and its nodes (`pcs cluster setup NAME '
              'NODE...`)',
        judge=cluster.cluster_setup, gone_options={
            'name': 'pcs 0.10 removed `--name` from `pcs cluster setup`: '
                    'the cluster name is the first argument, `pcs cluster '
                    'setup NAME NODE...`',
            'local': 'pcs 0.10 replaced `--local` of `pcs cluster setup` '
                     'with `--corosync_conf PATH`'}),
    'cluster auth': Hand(judge=cluster.cluster_auth),
    'cluster verify': Hand(gone_options={
        'V': 'pcs 0.10 replaced `-V` of `pcs cluster verify` with '
             '`--full`'}),
    'cluster uidgid': Hand(judge=cluster.uidgid),
    'cluster uidgid rm': Hand(removed=(
        'pcs 0.11 replaced `pcs cluster uidgid rm` with `pcs cluster uidgid '
        'delete`')),
    'cluster node add': Hand(needs='a node name'),
    'cluster node add-remote': Hand(needs='a node name'),
    'cluster node add-guest': Hand(needs='a node name and a resource id'),
    'cluster report': Hand(needs='a destination'),
    # pcs's router lets no argument through, then cluster_push wants a file
    'cluster cib-push': Hand(needs='a file name', min_args=1),
    'cluster rename': _NEWER,
    'cluster standby': Hand(removed=(
        'pcs 0.10 removed `pcs cluster standby`: write `pcs node standby`')),
    'cluster unstandby': Hand(removed=(
        'pcs 0.10 removed `pcs cluster unstandby`: write `pcs node '
        'unstandby`')),
    'cluster quorum': Hand(removed=(
        'pcs 0.10 removed `pcs cluster quorum`: write `pcs quorum`')),
    'cluster remote-node': Hand(removed=(
        'pcs 0.10 removed `pcs cluster remote-node`: write `pcs cluster '
        'node add-guest` or `pcs cluster node remove-guest`')),
    'cluster pcsd-status': _removed_in_012('cluster pcsd-status',
                                           'status pcsd'),
    'cluster certkey': _removed_in_012('cluster certkey', 'pcsd certkey'),
    'cluster localnode': Hand(removed=(
        '`pcs cluster localnode` is gone: write `pcs cluster node add` or '
        '`pcs cluster node remove`')),
    'cluster force_stop': Hand(removed=(
        '`pcs cluster force_stop` is gone: write `pcs cluster kill`')),
    'cluster push': Hand(removed=(
        '`pcs cluster push cib` is gone: write `pcs cluster cib-push '
        'FILE`')),
    'cluster token': Hand(removed=(
        '`pcs cluster token` is gone: authenticate with `pcs host auth`')),
    'host auth': Hand(needs='the hosts to authenticate'),
    'pcsd certkey': Hand(needs='a certificate file and a key file'),
    'pcsd clear-auth': Hand(removed=(
        'pcs 0.10 replaced `pcs pcsd clear-auth` with `pcs host deauth` '
        'and `pcs pcsd deauth`')),
    'quorum expected-votes': Hand(needs='the number of votes'),
    'booth ticket add': Hand(needs='a ticket'),
    'booth enable-authfile': _NEWER,
    'booth clean-enable-authfile': _NEWER,
    'booth ticket cleanup': _NEWER,
    'booth ticket standby': _NEWER,
    'booth ticket unstandby': _NEWER,

    # -- status, config -------------------------------------------------------
    'status query': _NEWER,
    'status query resource': _NEWER,
    'status wait': _NEWER,
    'status groups': Hand(removed=(
        'pcs 0.10 removed `pcs status groups`: write `pcs resource group '
        'list`')),
    'config import-cman': Hand(removed=(
        'pcs 0.11 removed `pcs config import-cman`')),
    'config export': Hand(removed=(
        'pcs 0.11 removed `pcs config export`: write `pcs ... config '
        '--output-format=cmd`')),

    # -- property, acl, alert, tag --------------------------------------------
    'property set': Hand(needs='NAME=VALUE properties',
                         judge=cluster.property_set, gone_options={
        'node': 'pcs 0.10 removed `--node` from `pcs property`: write `pcs '
                'node attribute NODE NAME=VALUE`'}),
    'property unset': Hand(needs='property names', gone_options={
        'node': 'pcs 0.10 removed `--node` from `pcs property`: write `pcs '
                'node attribute NODE NAME=VALUE`'}),
    'property defaults': _NEWER,
    'property describe': _NEWER,
    'property show': _removed_in_012('property show', 'property config'),
    'property list': _removed_in_012('property list', 'property config'),
    'acl role create': Hand(needs='a role id'),
    # pcs parses these in the command itself: its router's count says
    # nothing, pcs prints the usage with fewer arguments
    'acl role assign': Hand(needs='a role id and a user or group',
                            min_args=2, judge=cluster.acl_role_assign),
    'acl role unassign': Hand(needs='a role id and a user or group',
                              min_args=2, judge=cluster.acl_role_assign),
    'acl user create': Hand(needs='a user name'),
    'acl group create': Hand(needs='a group name'),
    'acl show': _removed_in_012('acl show', 'acl config'),
    'acl target': Hand(removed=(
        'pcs 0.10 removed `pcs acl target`: write `pcs acl user`')),
    'alert create': Hand(needs='path=PATH'),
    'alert recipient add': Hand(needs='an alert id and value=RECIPIENT'),
    'alert show': _removed_in_012('alert show', 'alert config'),
    'tag create': Hand(needs='a tag id and the ids it tags',
                       judge=cluster.tag_create),
    'tag update': Hand(needs='a tag id'),
    'tag delete': Hand(needs='a tag id'),
    'tag remove': Hand(needs='a tag id'),
    'tag list': _removed_in_012('tag list', 'tag config'),
}
