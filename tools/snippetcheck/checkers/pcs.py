"""Checks of pcs commands, against what pcs 0.11 and 0.12 accept.

pcs 0.11 is what Debian 12 and RHEL 9 ship, pcs 0.12 what Debian 13 and
RHEL 10 ship. The tables below come from pcs's own sources of those
versions: the command routers (``pcs/cli/routing/*.py`` and ``app.py``),
the option list (``PCS_LONG_OPTIONS`` in ``pcs/cli/common/parse_args.py``),
the "Changes in pcs-0.10 / 0.11 / 0.12" sections of pcs(8) and
``CHANGELOG.md``.

Codes:

* PCS001 unknown command or subcommand;
* PCS002 malformed resource agent name;
* PCS003 a command or option that pcs 0.11 or 0.12 no longer has (it fails
  on at least one of them);
* PCS004 syntax that still works on both but is deprecated;
* PCS005 ``constraint order`` without ``then``;
* PCS006 a resource the document has not created before;
* PCS007 a missing argument;
* PCS008 an option or argument pcs does not accept in that place.

Options are taken out of the arguments the way pcs does it (GNU getopt,
with negative numbers such as ``-INFINITY`` kept as arguments), so the
command path is found wherever the options stand.
"""

import itertools

from snippetcheck import agents
from snippetcheck.catalogue import Check
from snippetcheck.findings import Finding
from snippetcheck.findings import did_you_mean as _did_you_mean
from snippetcheck.findings import shorten as _short
from snippetcheck.placeholders import has_placeholder
from snippetcheck.placeholders import is_value_placeholder as is_placeholder
from snippetcheck.placeholders import join_placeholders

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('PCS001', 'pcs',
          'Unknown pcs command or subcommand.',
          '# pcs resource crate vip ocf:heartbeat:IPaddr2',
          '# pcs resource create vip ocf:heartbeat:IPaddr2', 'console'),
    Check('PCS002', 'pcs',
          'Malformed resource agent name.',
          '# pcs resource create vip ocf:heartbeat',
          '# pcs resource create vip ocf:heartbeat:IPaddr2', 'console'),
    Check('PCS003', 'pcs',
          'An option that current pcs (0.11 and later) no longer has.',
          '# pcs resource create lb systemd:haproxy --clone',
          '# pcs resource create lb systemd:haproxy clone', 'console'),
    Check('PCS004', 'pcs',
          'Syntax that current pcs deprecates.',
          '# pcs resource create api systemd:api --group g',
          '# pcs resource create api systemd:api\n'
          '# pcs resource group add g api', 'console'),
    Check('PCS005', 'pcs',
          '"constraint order" without "then".',
          '# pcs constraint order start vip lb-clone',
          '# pcs constraint order start vip then lb-clone', 'console'),
    Check('PCS006', 'pcs',
          'A command names a resource the document has not created before.',
          '# pcs constraint colocation add lb-clone with vipp',
          '# pcs constraint colocation add lb-clone with vip', 'console'),
    Check('PCS007', 'pcs',
          'A pcs command lacks a required argument.',
          '# pcs resource create vip',
          '# pcs resource create vip ocf:heartbeat:IPaddr2', 'console'),
    Check('PCS008', 'pcs',
          'An option or argument that pcs does not accept in that place.',
          '# pcs resource create vip ocf:heartbeat:IPaddr2 params '
          'ip=10.0.0.11',
          '# pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.11',
          'console'),
)


# -- the command tree --------------------------------------------------------
#
# A dict is a router: its keys are the subcommands. None is a command that
# takes arguments (or is parsed by hand below). Union of pcs 0.11.5 and
# 0.12.x; commands either of them removed are in REPLACED instead.

_DEFAULTS = {
    'config': None,
    'set': {'create': None, 'delete': None, 'remove': None, 'update': None},
    'update': None,
}

TREE = {
    'help': None,
    'cluster': {
        'help': None,
        'setup': None,
        'config': {'show': None, 'update': None, 'uuid': {'generate': None}},
        'authkey': {'corosync': None},
        'sync': {'corosync': None},
        'status': None,
        'auth': None,
        'start': None,
        'stop': None,
        'kill': None,
        'enable': None,
        'disable': None,
        'cib': None,
        'cib-push': None,
        'cib-upgrade': None,
        'edit': None,
        'link': {'add': None, 'delete': None, 'remove': None, 'update': None},
        'node': {
            'add': None, 'add-guest': None, 'add-outside': None,
            'add-remote': None, 'clear': None, 'delete': None,
            'delete-guest': None, 'delete-remote': None, 'remove': None,
            'remove-guest': None, 'remove-remote': None,
        },
        'uidgid': None,
        'corosync': None,
        'reload': None,
        'rename': None,
        'destroy': None,
        'verify': None,
        'report': None,
        'remove_nodes_from_cib': None,
    },
    'resource': {
        'help': None,
        'list': None,
        'describe': None,
        'create': None,
        'move': None,
        'move-with-constraint': None,
        'ban': None,
        'clear': None,
        'standards': None,
        'providers': None,
        'agents': None,
        'update': None,
        'meta': None,
        'delete': None,
        'remove': None,
        'status': None,
        'config': None,
        'group': {'add': None, 'list': None, 'remove': None, 'delete': None},
        'ungroup': None,
        'clone': None,
        'promotable': None,
        'unclone': None,
        'enable': None,
        'disable': None,
        'safe-disable': None,
        'restart': None,
        'debug-start': None,
        'debug-stop': None,
        'debug-promote': None,
        'debug-demote': None,
        'debug-monitor': None,
        'manage': None,
        'unmanage': None,
        'failcount': {'show': None},
        'op': {'defaults': None, 'add': None, 'remove': None,
               'delete': None},
        'defaults': None,         # parsed by hand: NAME=VALUE was removed
        'cleanup': None,
        'refresh': None,
        'relocate': {'show': None, 'dry-run': None, 'run': None,
                     'clear': None},
        'utilization': None,
        'bundle': {'create': None, 'reset': None, 'update': None},
        'relations': None,
        'get_resource_agent_info': None,
    },
    'stonith': {
        'help': None,
        'list': None,
        'describe': None,
        'config': None,
        'create': None,
        'update': None,
        'update-scsi-devices': None,
        'delete': None,
        'remove': None,
        'status': None,
        'meta': None,
        'op': {'defaults': None, 'add': None, 'remove': None,
               'delete': None},
        'defaults': None,         # parsed by hand: NAME=VALUE was removed
        'level': {'add': None, 'clear': None, 'config': None, 'remove': None,
                  'delete': None, 'verify': None},
        'failcount': {'show': None},
        'fence': None,
        'cleanup': None,
        'refresh': None,
        'confirm': None,
        'sbd': {
            'enable': None, 'disable': None, 'status': None, 'config': None,
            'device': {'setup': None, 'message': None},
            'watchdog': {'list': None, 'test': None, 'list_json': None},
            'local_config_in_json': None,
        },
        'enable': None,
        'disable': None,
        'history': {'show': None, 'cleanup': None, 'update': None},
        'get_fence_agent_info': None,
    },
    'constraint': {
        'help': None,
        'location': None,       # parsed by hand: keyword or resource id
        'order': None,          # parsed by hand: keyword or action/resource
        'ticket': {'set': None, 'add': None, 'delete': None, 'remove': None,
                   'config': None},
        'colocation': {'add': None, 'remove': None, 'delete': None,
                       'set': None, 'config': None},
        'remove': None,
        'delete': None,
        'config': None,
        'ref': None,
    },
    'property': {
        'help': None,
        'set': None,
        'unset': None,
        'config': None,
        'defaults': None,
        'describe': None,
        'get_cluster_properties_definition': None,
    },
    'acl': {
        'help': None,
        'config': None,
        'enable': None,
        'disable': None,
        'role': {'create': None, 'delete': None, 'remove': None,
                 'assign': None, 'unassign': None},
        'user': {'create': None, 'delete': None, 'remove': None},
        'group': {'create': None, 'delete': None, 'remove': None},
        'permission': {'add': None, 'delete': None, 'remove': None},
    },
    'status': {
        'help': None, 'booth': None, 'corosync': None, 'cluster': None,
        'nodes': None, 'pcsd': None, 'qdevice': None, 'quorum': None,
        'resources': None, 'xml': None, 'status': None,
        'query': {'resource': None}, 'wait': None,
    },
    'config': {
        'help': None, 'show': None, 'backup': None, 'restore': None,
        'checkpoint': {'list': None, 'view': None, 'restore': None,
                       'diff': None},
    },
    'pcsd': {
        'help': None, 'accept_token': None, 'deauth': None, 'certkey': None,
        'status': None, 'sync-certificates': None,
    },
    'node': {
        'help': None, 'maintenance': None, 'unmaintenance': None,
        'standby': None, 'unstandby': None, 'attribute': None,
        'utilization': None, 'pacemaker-status': None,
    },
    'quorum': {
        'help': None, 'config': None, 'expected-votes': None,
        'status': None,
        'device': {
            'add': None, 'heuristics': {'delete': None, 'remove': None},
            'delete': None, 'remove': None, 'status': None, 'update': None,
            'check_local_qnetd_certs': None,
            'setup_local_qnetd_certs': None,
        },
        'unblock': None, 'update': None,
    },
    'qdevice': {
        'help': None, 'status': None, 'setup': None, 'destroy': None,
        'start': None, 'stop': None, 'kill': None, 'enable': None,
        'disable': None, 'sign-net-cert-request': None,
        'net-client': {'setup': None, 'import-certificate': None,
                       'destroy': None},
    },
    'alert': {
        'help': None, 'create': None, 'update': None, 'delete': None,
        'remove': None, 'config': None,
        'recipient': {'help': None, 'add': None, 'update': None,
                      'delete': None, 'remove': None},
        'get_all_alerts': None,
    },
    'booth': {
        'help': None, 'config': None, 'setup': None, 'destroy': None,
        'ticket': {'help': None, 'add': None, 'cleanup': None,
                   'delete': None, 'grant': None, 'remove': None,
                   'revoke': None, 'standby': None, 'unstandby': None},
        'create': None, 'delete': None, 'remove': None, 'restart': None,
        'sync': None, 'pull': None, 'enable': None, 'disable': None,
        'start': None, 'stop': None, 'status': None,
        'enable-authfile': None, 'clean-enable-authfile': None,
    },
    'host': {'help': None, 'auth': None, 'deauth': None},
    'client': {'help': None, 'local-auth': None},
    'dr': {'help': None, 'config': None, 'destroy': None,
           'set-recovery-site': None, 'status': None},
    'tag': {'help': None, 'config': None, 'create': None, 'delete': None,
            'remove': None, 'update': None},
}

#: Routers that run a default subcommand when given none (``pcs resource``
#: is ``pcs resource status``); every other router needs a subcommand.
DEFAULT_CMD = frozenset([
    ('resource',), ('stonith',), ('constraint',), ('property',),
    ('acl',), ('status',), ('config',), ('quorum',), ('alert',), ('tag',),
    ('cluster', 'config'), ('cluster', 'sync'), ('config', 'checkpoint'),
    ('resource', 'failcount'), ('stonith', 'failcount'),
    ('stonith', 'level'), ('stonith', 'history'),
    ('constraint', 'ticket'), ('constraint', 'colocation'),
    ('constraint', 'location'), ('constraint', 'order'),
])


_REMOVED_012 = ('pcs 0.12 removed `{old}` (deprecated since 0.10.9): '
                'write `{new}`')

#: Commands pcs 0.11 or 0.12 no longer has, with what to write instead.
REPLACED = {
    ('resource', 'show'): (
        'pcs 0.11 removed `pcs resource show`: write `pcs resource config '
        '[ID]` for the configuration or `pcs resource status` for the '
        'state'),
    ('stonith', 'show'): (
        'pcs 0.11 removed `pcs stonith show`: write `pcs stonith config '
        '[ID]` for the configuration or `pcs stonith status` for the state'),
    ('resource', 'master'): (
        'pcs 0.10 replaced `pcs resource master` with `pcs resource '
        'promotable ID [CLONE_ID] [meta NAME=VALUE...]`'),
    ('resource', 'failcount', 'reset'): (
        'pcs 0.10 removed `pcs resource failcount reset`: write `pcs '
        'resource cleanup ID`'),
    ('resource', 'add_operation'): (
        '`pcs resource add_operation` is gone: write `pcs resource op add '
        'ID ACTION NAME=VALUE...`'),
    ('resource', 'remove_operation'): (
        '`pcs resource remove_operation` is gone: write `pcs resource op '
        'remove ID ACTION`'),
    ('resource', 'unmove'): (
        '`pcs resource unmove` is gone: write `pcs resource clear ID`'),
    ('resource', 'rsc'): (
        '`pcs resource rsc defaults` is gone: write `pcs resource defaults '
        'update NAME=VALUE`'),
    ('resource', 'group', 'remove_resource'): (
        '`pcs resource group remove_resource` is gone: write `pcs resource '
        'group remove GROUP ID...`'),
    ('cluster', 'standby'): (
        'pcs 0.10 removed `pcs cluster standby`: write `pcs node standby`'),
    ('cluster', 'unstandby'): (
        'pcs 0.10 removed `pcs cluster unstandby`: write `pcs node '
        'unstandby`'),
    ('cluster', 'quorum'): (
        'pcs 0.10 removed `pcs cluster quorum`: write `pcs quorum`'),
    ('cluster', 'remote-node'): (
        'pcs 0.10 removed `pcs cluster remote-node`: write `pcs cluster '
        'node add-guest` or `pcs cluster node remove-guest`'),
    ('cluster', 'pcsd-status'): _REMOVED_012.format(
        old='pcs cluster pcsd-status', new='pcs status pcsd'),
    ('cluster', 'certkey'): _REMOVED_012.format(
        old='pcs cluster certkey', new='pcs pcsd certkey'),
    ('cluster', 'localnode'): (
        '`pcs cluster localnode` is gone: write `pcs cluster node add` or '
        '`pcs cluster node remove`'),
    ('cluster', 'force_stop'): (
        '`pcs cluster force_stop` is gone: write `pcs cluster kill`'),
    ('cluster', 'push'): (
        '`pcs cluster push cib` is gone: write `pcs cluster cib-push FILE`'),
    ('cluster', 'token'): (
        '`pcs cluster token` is gone: authenticate with `pcs host auth`'),
    ('pcsd', 'clear-auth'): (
        'pcs 0.10 replaced `pcs pcsd clear-auth` with `pcs host deauth` '
        'and `pcs pcsd deauth`'),
    ('status', 'groups'): (
        'pcs 0.10 removed `pcs status groups`: write `pcs resource group '
        'list`'),
    ('acl', 'show'): _REMOVED_012.format(old='pcs acl show',
                                         new='pcs acl config'),
    ('acl', 'target'): (
        'pcs 0.10 removed `pcs acl target`: write `pcs acl user`'),
    ('alert', 'show'): _REMOVED_012.format(old='pcs alert show',
                                           new='pcs alert config'),
    ('property', 'show'): _REMOVED_012.format(old='pcs property show',
                                              new='pcs property config'),
    ('property', 'list'): _REMOVED_012.format(old='pcs property list',
                                              new='pcs property config'),
    ('tag', 'list'): _REMOVED_012.format(old='pcs tag list',
                                         new='pcs tag config'),
    ('constraint', 'show'): _REMOVED_012.format(
        old='pcs constraint show', new='pcs constraint config'),
    ('constraint', 'list'): _REMOVED_012.format(
        old='pcs constraint list', new='pcs constraint config'),
    ('constraint', 'rule'): (
        'pcs 0.12 removed `pcs constraint rule` (Pacemaker 3 allows one '
        'rule a location constraint): write `pcs constraint location ID '
        'rule ...`'),
    ('config', 'import-cman'): (
        'pcs 0.11 removed `pcs config import-cman`'),
    ('config', 'export'): (
        'pcs 0.11 removed `pcs config export`: write `pcs ... config '
        '--output-format=cmd`'),
    ('stonith', 'level', 'rm'): (
        '`pcs stonith level rm` is gone: write `pcs stonith level remove`'),
}
for _kind in ('location', 'colocation', 'order', 'ticket'):
    for _old in ('show', 'list'):
        REPLACED[('constraint', _kind, _old)] = _REMOVED_012.format(
            old=f'pcs constraint {_kind} {_old}',
            new=f'pcs constraint {_kind} config')

# -- options -----------------------------------------------------------------

#: pcs's long options (PCS_LONG_OPTIONS of 0.11.5 and 0.12); True takes a
#: value.
LONG_OPTIONS = {
    'debug': False, 'version': False, 'help': False, 'fullhelp': False,
    'force': False, 'skip-offline': False, 'autodelete': False,
    'simulate': False, 'all': False, 'full': False, 'local': False,
    'wait': False, 'config': False, 'start': False, 'enable': False,
    'disabled': False, 'off': False, 'request-timeout': True,
    'brief': False, 'future': False, 'safe': False, 'no-strict': False,
    'strict': False, 'pacemaker': False, 'corosync': False,
    'no-default-ops': False, 'defaults': False, 'nodesc': False,
    'master': False, 'promoted': False, 'name': True, 'group': True,
    'node': True, 'from': True, 'to': True, 'after': True, 'before': True,
    'corosync_conf': True, 'booth-conf': True, 'booth-key': True,
    'no-watchdog-validation': False, 'no-cluster-uuid': False,
    'no-keys-sync': False, 'hide-inactive': False, 'monitor': False,
    'groups': False, 'expired': False, 'no-expire-check': False,
    'overwrite': False, 'output-format': True, 'token': True,
    'agent-validation': False, 'quiet': False, 'yes': False,
}
_LONG_NAMES = tuple(sorted(LONG_OPTIONS))
SHORT_WITH_VALUE = frozenset('fpu')
_ONLY_OPTIONS = frozenset(['h', 'help', 'version', 'fullhelp'])
SHORT_FLAGS = frozenset('h')

#: Options pcs no longer has at all, whatever the command.
GONE_OPTIONS = {
    'clone': ('pcs 0.10 removed `--clone`: write `clone` after the '
              'resource options, and set clone meta attributes afterwards '
              'with `pcs resource meta ID-clone NAME=VALUE`'),
    'cloneopt': ('`--cloneopt` is gone: create the clone with `clone` and '
                 'set its meta attributes with `pcs resource meta ID-clone '
                 'NAME=VALUE`'),
    'masterslave': ('`--masterslave` is gone: write `promotable` after the '
                    'resource options'),
    'watchdog': ('pcs 0.10 replaced `--watchdog` with the `watchdog=PATH` '
                 'option'),
    'device': 'pcs 0.10 replaced `--device` with the `device=PATH` option',
}

ROLES = ('Started', 'Stopped', 'Promoted', 'Unpromoted')
_ROLE_MAP = {role.lower(): role for role in ROLES}
_LEGACY_ROLES = {'master': 'Promoted', 'slave': 'Unpromoted'}
ACTIONS = frozenset(['start', 'stop', 'promote', 'demote'])

# -- resource agents ---------------------------------------------------------

STANDARDS = agents.CLASSES | {'heartbeat'}
_STANDARDS_0_11 = frozenset(['nagios', 'upstart'])
_NO_OPTION_STANDARDS = frozenset(['systemd', 'lsb', 'service'])

_CREATE_KEYWORDS = frozenset(['op', 'meta', 'clone', 'promotable', 'bundle'])
_LEGACY_META = {'master-max': 'promoted-max',
                'master-node-max': 'promoted-node-max',
                'masters': 'promoted-max'}

# -- commands whose arguments name existing resources -------------------------

#: How many leading arguments of these commands name resources: 1 for the
#: first argument, None for every argument without "=".
REFERENCES = {
    ('resource', 'meta'): 1,
    ('resource', 'update'): 1,
    ('resource', 'op', 'add'): 1,
    ('resource', 'clone'): 1,
    ('resource', 'promotable'): 1,
    ('resource', 'unclone'): 1,
    ('resource', 'enable'): None,
    ('resource', 'disable'): None,
    ('resource', 'safe-disable'): None,
    ('resource', 'manage'): None,
    ('resource', 'unmanage'): None,
    ('resource', 'restart'): 1,
    ('resource', 'move'): 1,
    ('resource', 'move-with-constraint'): 1,
    ('resource', 'ban'): 1,
    ('resource', 'clear'): 1,
    ('resource', 'relations'): 1,
    ('resource', 'utilization'): 1,
    ('resource', 'debug-start'): 1,
    ('resource', 'debug-stop'): 1,
    ('resource', 'debug-promote'): 1,
    ('resource', 'debug-demote'): 1,
    ('resource', 'debug-monitor'): 1,
    ('stonith', 'update'): 1,
    ('stonith', 'meta'): 1,
    ('stonith', 'enable'): None,
    ('stonith', 'disable'): None,
    ('constraint', 'ref'): None,
}

#: Fewest arguments a command takes, and what they are.
MIN_ARGS = {
    ('resource', 'create'): (2, 'a resource id and an agent'),
    ('stonith', 'create'): (2, 'a stonith id and a fence agent'),
    ('resource', 'meta'): (2, 'a resource id and NAME=VALUE meta '
                              'attributes'),
    ('stonith', 'meta'): (2, 'a stonith id and NAME=VALUE meta '
                             'attributes'),
    ('resource', 'update'): (1, 'a resource id'),
    ('stonith', 'update'): (1, 'a stonith id'),
    ('resource', 'op', 'add'): (2, 'a resource id and an operation'),
    ('resource', 'op', 'remove'): (1, 'a resource id or operation id'),
    ('resource', 'op', 'delete'): (1, 'a resource id or operation id'),
    ('resource', 'clone'): (1, 'a resource or group id'),
    ('resource', 'promotable'): (1, 'a resource or group id'),
    ('resource', 'unclone'): (1, 'a clone, resource or group id'),
    ('resource', 'group', 'add'): (2, 'a group id and the resources to add'),
    ('resource', 'group', 'remove'): (1, 'a group id'),
    ('resource', 'group', 'delete'): (1, 'a group id'),
    ('resource', 'ungroup'): (1, 'a group id'),
    ('resource', 'enable'): (1, 'a resource id'),
    ('resource', 'disable'): (1, 'a resource id'),
    ('resource', 'safe-disable'): (1, 'a resource id'),
    ('resource', 'manage'): (1, 'a resource id'),
    ('resource', 'unmanage'): (1, 'a resource id'),
    ('resource', 'restart'): (1, 'a resource id'),
    ('resource', 'move'): (1, 'a resource id'),
    ('resource', 'move-with-constraint'): (1, 'a resource id'),
    ('resource', 'ban'): (1, 'a resource id'),
    ('resource', 'clear'): (1, 'a resource id'),
    ('resource', 'delete'): (1, 'a resource id'),
    ('resource', 'remove'): (1, 'a resource id'),
    ('resource', 'describe'): (1, 'an agent'),
    ('resource', 'relations'): (1, 'a resource id'),
    ('resource', 'bundle', 'create'): (1, 'a bundle id'),
    ('resource', 'bundle', 'reset'): (1, 'a bundle id'),
    ('resource', 'bundle', 'update'): (1, 'a bundle id'),
    ('stonith', 'delete'): (1, 'a stonith id'),
    ('stonith', 'remove'): (1, 'a stonith id'),
    ('stonith', 'enable'): (1, 'a stonith id'),
    ('stonith', 'disable'): (1, 'a stonith id'),
    ('stonith', 'describe'): (1, 'a fence agent'),
    ('stonith', 'fence'): (1, 'a node'),
    ('stonith', 'confirm'): (1, 'a node'),
    ('stonith', 'level', 'add'): (3, 'a level, a target and stonith ids'),
    ('constraint', 'colocation', 'add'): (
        3, 'SOURCE with TARGET (`pcs constraint colocation add SOURCE with '
           'TARGET`)'),
    ('constraint', 'colocation', 'set'): (1, 'resources'),
    ('constraint', 'ticket', 'add'): (2, 'a ticket and a resource id'),
    ('constraint', 'ticket', 'set'): (1, 'resources'),
    ('constraint', 'remove'): (1, 'a constraint id'),
    ('constraint', 'delete'): (1, 'a constraint id'),
    ('constraint', 'ref'): (1, 'a resource id'),
    ('property', 'set'): (1, 'NAME=VALUE properties'),
    ('property', 'unset'): (1, 'property names'),
    ('cluster', 'setup'): (2, 'a cluster name and its nodes '
                              '(`pcs cluster setup NAME NODE...`)'),
    ('host', 'auth'): (1, 'the hosts to authenticate'),
    ('tag', 'create'): (2, 'a tag id and the ids it tags'),
    ('tag', 'update'): (1, 'a tag id'),
    ('tag', 'delete'): (1, 'a tag id'),
    ('tag', 'remove'): (1, 'a tag id'),
    ('acl', 'role', 'create'): (1, 'a role id'),
    ('acl', 'role', 'assign'): (2, 'a role id and a user or group'),
    ('acl', 'role', 'unassign'): (2, 'a role id and a user or group'),
    ('acl', 'user', 'create'): (1, 'a user name'),
    ('acl', 'group', 'create'): (1, 'a group name'),
    ('alert', 'create'): (1, 'path=PATH'),
    ('alert', 'recipient', 'add'): (2, 'an alert id and value=RECIPIENT'),
    ('booth', 'ticket', 'add'): (1, 'a ticket'),
    ('quorum', 'expected-votes'): (1, 'the number of votes'),
    ('pcsd', 'certkey'): (2, 'a certificate file and a key file'),
    ('cluster', 'node', 'add'): (1, 'a node name'),
    ('cluster', 'node', 'add-remote'): (1, 'a node name'),
    ('cluster', 'node', 'add-guest'): (2, 'a node name and a resource id'),
    ('cluster', 'report'): (1, 'a destination'),
    ('cluster', 'cib-push'): (1, 'a file name'),
}


#: Capital words that are keywords, not placeholders.
#: Words an angle-bracket placeholder may span.

#: Bounds on the "did you mean" search, which keep a check linear.
_SUGGESTION_POOL = 1000
_SUGGESTIONS = 20


# -- entry point --------------------------------------------------------------

def check_command(command, document):
    """Findings for one pcs *command* (``command.argv[0] == 'pcs'``)."""
    return _Check(command, document).run()


class _Check:
    """The state of checking one command."""

    def __init__(self, command, document):
        self.command = command
        self.document = document
        self.line = getattr(command, 'line', 1)
        self.findings = []
        self.options = {}          # canonical long name or short letter
        self.positional = []
        self.negative = []         # negative numbers given without "--"
        self.double_dash = False

    def add(self, code, message):
        self.findings.append(Finding(self.line, code, message))

    # -- driver --------------------------------------------------------------

    def run(self):
        argv = self.command.argv
        if not argv or argv[0] != 'pcs':
            return []
        self._parse_options(
            join_placeholders([str(arg) for arg in argv[1:]]))
        path, rest = self._walk()
        if path is None:
            return self.findings
        self._check_options(path)
        if 'h' in self.options or 'help' in self.options or \
                (path and path[-1] == 'help'):
            return self.findings    # pcs prints the usage and stops
        handler = _HANDLERS.get(path)
        if handler is not None:
            handler(self, path, rest)
        else:
            self._generic(path, rest)
        return self.findings

    # -- options, the way pcs's getopt call sees them -------------------------

    def _parse_options(self, args):
        self.double_dash = '--' in args
        index = 0
        count = len(args)
        while index < count:
            arg = args[index]
            index += 1
            if arg == '--':
                self.positional.extend(args[index:])
                break
            if len(arg) < 2 or arg[0] != '-':
                self.positional.append(arg)
                continue
            if _is_negative_number(arg):
                self.positional.append(arg)
                if not self.double_dash:
                    self.negative.append(arg)
                continue
            if arg.startswith('--'):
                index = self._long_option(arg, args, index)
            else:
                index = self._short_options(arg, args, index)

    def _long_option(self, arg, args, index):
        name, eq, value = arg[2:].partition('=')
        if name == 'wait' and eq:
            # pcs turns "--wait=N" into "--wait" before calling getopt
            self.options['wait'] = value
            return index
        if name in GONE_OPTIONS:
            # reported with the command they stand in, see _check_options
            self.options[name] = value if eq else True
            return index
        canonical = _resolve_long(name)
        if canonical is None:
            self._unknown_option('--' + name)
            return index
        if canonical == '':
            self.add('PCS008',
                     f'`--{name}` is short for more than one pcs option; '
                     'write the option in full')
            return index
        takes_value = LONG_OPTIONS[canonical]
        if takes_value and not eq:
            if index < len(args):
                value = args[index]
                index += 1
            else:
                self.add('PCS007', f'`--{canonical}` needs a value')
                value = ''
        elif eq and not takes_value:
            self.add('PCS008',
                     f'`--{canonical}` takes no value; drop "={value}"')
        self.options[canonical] = value if takes_value else True
        return index

    def _short_options(self, arg, args, index):
        letters = arg[1:]
        for position, letter in enumerate(letters):
            if letter in SHORT_WITH_VALUE:
                value = letters[position + 1:]
                if not value:
                    if index < len(args):
                        value = args[index]
                        index += 1
                    else:
                        self.add('PCS007', f'`-{letter}` needs a value')
                self.options[letter] = value
                return index
            if letter in SHORT_FLAGS:
                self.options[letter] = True
                continue
            if letter == 'V':
                self.options['V'] = True
                continue
            self._unknown_option('-' + letter)
            return index
        return index

    def _unknown_option(self, option):
        hint = _did_you_mean(option.lstrip('-'), _LONG_NAMES, '--') \
            if len(self.findings) < _SUGGESTIONS else ''
        self.add('PCS008', f'pcs has no option `{option}`' + hint)

    def _check_options(self, path):
        options = self.options
        for name in GONE_OPTIONS:
            if name in options and not (
                    path == ('resource', 'create') and
                    name in ('clone', 'cloneopt')):
                self.add('PCS003', GONE_OPTIONS[name])
        if 'master' in options:
            if path == ('resource', 'create'):
                self.add('PCS003', 'pcs 0.10 removed `--master`: write '
                         '`promotable` after the resource options')
            else:
                self.add('PCS003', 'pcs 0.12 removed `--master` (deprecated '
                         'since 0.11): write `--promoted`')
        if 'name' in options and path == ('cluster', 'setup'):
            self.add('PCS003', 'pcs 0.10 removed `--name` from `pcs cluster '
                     'setup`: the cluster name is the first argument, '
                     '`pcs cluster setup NAME NODE...`')
        if 'local' in options and path == ('cluster', 'setup'):
            self.add('PCS003', 'pcs 0.10 replaced `--local` of `pcs cluster '
                     'setup` with `--corosync_conf PATH`')
        if 'V' in options:
            if path == ('cluster', 'verify'):
                self.add('PCS003', 'pcs 0.10 replaced `-V` of `pcs cluster '
                         'verify` with `--full`')
            else:
                self._unknown_option('-V')
        if 'autodelete' in options and path[:2] == ('resource', 'move'):
            self.add('PCS003', 'pcs 0.12 removed `--autodelete`: since 0.11 '
                     '`pcs resource move` removes the constraint it makes; '
                     'drop the option')
        if 'node' in options and path[:1] == ('property',) and \
                path[1:2] in (('set',), ('unset',), ('show',)):
            self.add('PCS003', 'pcs 0.10 removed `--node` from `pcs '
                     'property`: write `pcs node attribute NODE NAME=VALUE`')
        if self.negative:
            shown = ' '.join(self.negative[:3])
            if path != ('constraint', 'colocation', 'add'):
                self.add('PCS004', f'`{shown}` without `--` before it is '
                         'deprecated since pcs 0.10.7: write `-- ' + shown +
                         '` or a NAME=VALUE form')

    # -- the command path -----------------------------------------------------

    def _walk(self):
        """Follow the positional arguments down TREE.

        Returns the path of the command found and the arguments after it,
        or (None, None) once the command itself is wrong.
        """
        node = TREE
        path = ()
        args = self.positional
        index = 0
        while isinstance(node, dict):
            if index >= len(args):
                if not path and _ONLY_OPTIONS & self.options.keys():
                    return None, None
                if path not in DEFAULT_CMD:
                    what = ' '.join(path)
                    if not path:
                        self.add('PCS007', 'pcs needs a command, for '
                                 'example `pcs status`')
                    else:
                        self.add('PCS007', f'`pcs {what}` needs a subcommand: '
                                 + _choices(node))
                    return None, None
                return path, []
            word = args[index]
            replaced = REPLACED.get((*path, word))
            if replaced is not None:
                self.add('PCS003', replaced)
                return None, None
            if word not in node:
                if is_placeholder(word):
                    return None, None
                where = ' '.join(path)
                label = f'`pcs {where}`' if where else 'pcs'
                kind = 'subcommand' if path else 'command'
                self.add('PCS001', f'{label} has no {kind} "{_short(word)}"'
                         + _did_you_mean(word, node))
                return None, None
            path = (*path, word)
            node = node[word]
            index += 1
        return path, args[index:]

    # -- generic checks by table ---------------------------------------------

    def _generic(self, path, rest):
        if not self._enough(path, rest):
            return
        self._references(path, rest)
        self._legacy_meta(rest)

    def _enough(self, path, rest):
        need = MIN_ARGS.get(path)
        if need is not None and len(rest) < need[0]:
            self.add('PCS007', f'`pcs {" ".join(path)}` needs {need[1]}')
            return False
        return True

    def _references(self, path, rest):
        count = REFERENCES.get(path, 0)
        if count == 0:
            return
        names = rest[:1] if count == 1 else [a for a in rest if '=' not in a]
        for name in names:
            if '=' in name:
                continue
            self.need(name)

    def need(self, name, what='resource'):
        """PCS006 unless *name* is known or stands for a value."""
        if not name or self.document is None:
            return
        if '%' in name:
            kind, _, value = name.partition('%')
            if kind == 'regexp':
                return
            name = value
        if self.document.knows(name) or is_placeholder(name) or \
                has_placeholder(name):
            return
        self.add('PCS006', f'{what} "{_short(name)}" is not created earlier '
                 'in this document; create it first (`pcs resource create` '
                 'or `pcs stonith create`) or check the spelling'
                 + self._suggest(name))

    def _suggest(self, name):
        if len(self.findings) >= _SUGGESTIONS:
            return ''
        pool = self.document.resources
        if len(pool) > _SUGGESTION_POOL:
            pool = itertools.islice(pool, _SUGGESTION_POOL)
        return _did_you_mean(name, pool)

    def define(self, name, kind):
        if name and self.document is not None and not name.startswith('-'):
            self.document.define(name, kind)

    def _legacy_meta(self, args):
        for arg in args:
            name = arg.partition('=')[0]
            if name in _LEGACY_META and '=' in arg:
                self.add('PCS003', f'pcs 0.12 no longer accepts `{name}` '
                         f'(legacy role name): write `{_LEGACY_META[name]}`')
                return

    def _role(self, word):
        """Canonical role for *word*, reporting legacy names; or None."""
        lower = word.lower()
        if lower in _ROLE_MAP:
            return _ROLE_MAP[lower]
        if lower in _LEGACY_ROLES:
            new = _LEGACY_ROLES[lower]
            self.add('PCS003', f'pcs 0.12 no longer accepts the role '
                     f'"{word}" (deprecated since 0.11): write "{new}"')
            return new
        return None


# -- resource and stonith creation --------------------------------------------

def _resource_create(check, path, rest):
    if not rest:
        check.add('PCS007', '`pcs resource create` needs a resource id and '
                  'an agent: `pcs resource create ID STANDARD:PROVIDER:TYPE`')
        return
    future = 'future' in check.options
    res_id = rest[0]
    agent = rest[1] if len(rest) > 1 else ''
    if _looks_like_agent(res_id) and (not agent or '=' in agent or
                                      agent in _CREATE_KEYWORDS):
        check.add('PCS007', f'`pcs resource create` needs a resource id '
                  f'before the agent: `pcs resource create ID {res_id}`')
        return
    if not agent or '=' in agent or agent in _CREATE_KEYWORDS:
        check.add('PCS007', f'`pcs resource create {_short(res_id)}` needs '
                  'an agent after the id, for example ocf:heartbeat:IPaddr2 '
                  'or systemd:haproxy')
        return
    standard = _check_agent(check, agent)
    check.define(res_id, 'primitive')

    # split into the primitive part and the clone / promotable / bundle /
    # group part, the way pcs's parser does it
    tops = ('clone', 'promotable', 'bundle', 'group') if future else \
        ('clone', 'promotable', 'bundle')
    groups = _split_keywords(rest[2:], tops, 'primitive')
    primitive = _split_keywords(groups.get('primitive', [[]])[0],
                                ('op', 'meta'), 'instance')
    instance = primitive.get('instance', [[]])[0]
    if 'clone' in check.options or 'cloneopt' in check.options:
        _dash_clone(check, res_id, agent, instance)
        return
    bare = [index for index, arg in enumerate(instance) if '=' not in arg]
    skip = -1
    for index in bare:
        if index == skip:
            continue
        following = instance[index + 1] if index + 1 < len(instance) else ''
        if _bare_create_word(check, instance[index], following, res_id,
                             future):
            skip = index + 1
    if instance and not bare and standard in _NO_OPTION_STANDARDS and \
            'force' not in check.options:
        names = ' '.join(arg.partition('=')[0] for arg in instance[:3])
        check.add('PCS008', f'{agent} takes no resource options, so pcs '
                  f'rejects `{names}`: meta attributes go after `meta`, '
                  'clone meta attributes on the clone (`pcs resource meta '
                  f'{res_id}-clone NAME=VALUE`)')
    for op_group in primitive.get('op', []):
        _check_operations(check, op_group)
    for meta_group in primitive.get('meta', []):
        check._legacy_meta(meta_group)

    kinds = [kind for kind in tops if kind in groups]
    if len(kinds) > 1 or any(len(groups[kind]) > 1 for kind in kinds):
        check.add('PCS008', '`pcs resource create` takes only one of clone, '
                  'promotable, bundle or group')
    if kinds and 'group' in check.options:
        check.add('PCS008', '`pcs resource create` takes only one of clone, '
                  'promotable, bundle or --group')

    for kind in kinds:
        part = groups[kind][0]
        if kind in ('clone', 'promotable'):
            _create_clone_part(check, kind, part, res_id, future)
        elif kind == 'bundle':
            _create_bundle_part(check, part, res_id)
        else:
            _create_group_part(check, part, res_id)
    _group_options(check, res_id, 'resource')


def _dash_clone(check, res_id, agent, instance):
    """``--clone [NAME=VALUE...]`` of pcs 0.9, one finding for the lot."""
    check.define(f'{res_id}-clone', 'clone')
    pairs = [arg for arg in instance if '=' in arg]
    then = ''
    if pairs:
        then = (f', then `pcs resource meta {res_id}-clone '
                f'{_short(" ".join(pairs[:4]))}`')
    check.add('PCS003', f'pcs 0.10 removed `--clone`: write `pcs resource '
              f'create {_short(res_id)} {_short(agent)} ... clone`{then}')


def _bare_create_word(check, word, following, res_id, future):
    """Report a word without "=" among resource options.

    Returns True when the word is a keyword whose argument follows, so the
    caller skips that argument.
    """
    if word == 'master':
        check.add('PCS003', 'pcs 0.10 replaced the `master` keyword of `pcs '
                  'resource create` with `promotable`')
    elif word == 'group' and not future:
        check.add('PCS008', '`group` is a keyword of `pcs resource create` '
                  'only with --future (pcs 0.11.7 and later); otherwise pcs '
                  'fails with "missing value of \'group\' option": create '
                  f'the resource, then `pcs resource group add '
                  f'{_short(following or "GROUP")} {res_id}`')
    elif word in ('params', 'param'):
        check.add('PCS008', f'pcs has no `{word}` keyword (that is crmsh): '
                  'write the resource options NAME=VALUE right after the '
                  'agent')
    elif word in ('before', 'after') and not future:
        check.add('PCS008', f'`{word}` is a keyword of `pcs resource create` '
                  f'only with --future; write `pcs resource group add GROUP '
                  f'{res_id} --{word} {_short(following or "ID")}`')
    elif is_placeholder(word):
        return False
    else:
        check.add('PCS008', f'resource option "{_short(word)}" has no value: '
                  'pcs takes resource options as NAME=VALUE (and the '
                  'keywords op, meta, clone, promotable, bundle)')
        return False
    return word in ('group', 'before', 'after')


def _create_clone_part(check, kind, part, res_id, future):
    sub = _split_keywords(part, ('op', 'meta'), 'options')
    options = sub.get('options', [[]])[0]
    clone_id = None
    if options and '=' not in options[0]:
        clone_id = options[0]
        options = options[1:]
    target = clone_id or f'{res_id}-clone'
    pairs = ' '.join(options[:3]) + (' ...' if len(options) > 3 else '')
    if future:
        if options:
            check.add('PCS008', f'with --future, `{kind}` takes meta '
                      f'attributes only after `meta`: write `{kind} meta '
                      f'{pairs}`')
    else:
        if options:
            check.add('PCS004', f'meta attributes right after `{kind}` are '
                      'deprecated since pcs 0.11.6: create the clone with '
                      f'`{kind}` alone, then `pcs resource meta {target} '
                      f'{pairs}` (works on every pcs version)')
        if 'meta' in sub:
            metas = ' '.join(arg for group in sub['meta'] for arg in group)
            check.add('PCS004', f'`meta` after `{kind}` sets meta attributes '
                      f'of {res_id}, not of the clone, unless --future is '
                      f'given (deprecated since pcs 0.11.6): write them '
                      f'before `{kind}` if they belong to {res_id}, or run '
                      f'`pcs resource meta {target} {_short(metas)}` after '
                      'the create')
        if 'op' in sub:
            check.add('PCS004', f'`op` after `{kind}` is deprecated since '
                      f'pcs 0.11.6: write the operations before `{kind}`')
    check._legacy_meta(options)
    for group in sub.get('meta', []):
        check._legacy_meta(group)
    check.define(target, kind)


def _create_bundle_part(check, part, res_id):
    words = [arg for arg in part if arg not in ('op', 'meta')]
    if not words:
        check.add('PCS007', '`bundle` needs the id of an existing bundle')
        return
    check.need(words[0], 'bundle')


def _create_group_part(check, part, res_id):
    sub = _split_keywords(part, ('before', 'after'), 'group')
    group = sub.get('group', [[]])[0]
    if len(group) != 1:
        check.add('PCS007', 'write exactly one group id after `group`')
        return
    check.define(group[0], 'group')
    for where in ('before', 'after'):
        for ids in sub.get(where, []):
            if len(ids) != 1:
                check.add('PCS007', f'write exactly one resource id after '
                          f'`{where}`')
            else:
                check.need(ids[0])


def _group_options(check, res_id, what):
    """``--group G [--before R | --after R]`` of resource / stonith create."""
    options = check.options
    group = options.get('group')
    for where in ('before', 'after'):
        if where in options and not group:
            check.add('PCS008', f'`--{where}` needs `--group`')
    if not group or not isinstance(group, str):
        return
    if what == 'stonith':
        check.add('PCS003', 'pcs 0.12 no longer creates stonith devices in '
                  'groups: drop `--group`')
        return
    position = ''
    for where in ('before', 'after'):
        if isinstance(options.get(where), str):
            position = f' --{where} {options[where]}'
            check.need(options[where])
    flags = '`--group`' + (', `--before`/`--after`' if position else '')
    check.add('PCS004', f'{flags} in `pcs resource create` is deprecated '
              f'since pcs 0.11.7: create the resource, then `pcs resource '
              f'group add {group} {res_id}{position}` (or, with --future, '
              f'write `group {group}`)')
    check.define(group, 'group')


def _check_operations(check, group):
    if not group:
        check.add('PCS007', '`op` needs an operation and its options, for '
                  'example `op monitor interval=30s`')
        return
    if '=' in group[0]:
        check.add('PCS007', f'`op` needs an operation name before '
                  f'"{_short(group[0])}", for example `op monitor '
                  f'{_short(group[0])}`')
        return
    current = None
    count = 0
    for arg in group:
        if '=' in arg:
            count += 1
            continue
        if current is not None and count == 0:
            break
        current, count = arg, 0
    if count == 0:
        check.add('PCS007', f'operation "{_short(current or "")}" needs at '
                  'least one option, for example interval=30s')


def _stonith_create(check, path, rest):
    if not check._enough(path, rest):
        return
    stonith_id, agent = rest[0], rest[1]
    if '=' in agent or agent in ('op', 'meta'):
        check.add('PCS007', f'`pcs stonith create {_short(stonith_id)}` '
                  'needs a fence agent after the id, for example '
                  'fence_ipmilan')
        return
    if ':' in agent and not has_placeholder(agent):
        bare = agent.rsplit(':', 1)[1] or agent
        check.add('PCS002', f'`pcs stonith create` takes the fence agent\'s '
                  f'bare name: write `{bare}` instead of `{agent}`')
    sub = _split_keywords(rest[2:], ('op', 'meta'), 'instance')
    for word in sub.get('instance', [[]])[0]:
        if '=' not in word and not is_placeholder(word):
            check.add('PCS008', f'stonith option "{_short(word)}" has no '
                      'value: pcs takes options as NAME=VALUE')
            break
    for op_group in sub.get('op', []):
        _check_operations(check, op_group)
    check.define(stonith_id, 'stonith')
    _group_options(check, stonith_id, 'stonith')


def _check_agent(check, agent):
    """PCS002 / PCS003 for a resource agent name; returns its standard."""
    standard, code, message = _agent_problem(agent)
    if code:
        if has_placeholder(agent):
            return ''
        check.add(code, message)
    return standard


def _agent_problem(agent):
    """(standard, code, message) for *agent*; code is '' when it is fine."""
    message = agents.problem(agent, STANDARDS | _STANDARDS_0_11, 'standard')
    if message:
        return '', 'PCS002', message
    standard = agent.partition(':')[0] if ':' in agent else ''
    if standard in _STANDARDS_0_11:
        return standard, 'PCS003', (
            f'pcs 0.12 (following Pacemaker 3) dropped the {standard} '
            'standard')
    if standard == 'stonith':
        return standard, 'PCS003', (
            'pcs 0.12 no longer creates fence devices with `pcs resource '
            'create` (deprecated in 0.11): write `pcs stonith create ID '
            f'{_short(agent.split(":")[-1])}`')
    return standard, '', ''


def _looks_like_agent(word):
    return agents.looks_like_agent(word, STANDARDS | _STANDARDS_0_11)


# -- other resource commands --------------------------------------------------

def _resource_clone(check, path, rest):
    if not check._enough(path, rest):
        return
    kind = path[-1]
    res_id = rest[0]
    check.need(res_id)
    args = rest[1:]
    clone_id = None
    if args and args[0] not in ('op', 'meta') and '=' not in args[0]:
        clone_id = args[0]
        args = args[1:]
    target = clone_id or f'{res_id}-clone'
    sub = _split_keywords(args, ('op', 'meta'), 'options')
    options = sub.get('options', [[]])[0]
    if options:
        bare = [arg for arg in options if '=' not in arg]
        if bare:
            check.add('PCS008', f'clone option "{_short(bare[0])}" has no '
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
    check._legacy_meta(args)
    check.define(target, kind)


def _resource_group_add(check, path, rest):
    if not check._enough(path, rest):
        return
    group = rest[0]
    for name in rest[1:]:
        check.need(name)
    for where in ('before', 'after'):
        if isinstance(check.options.get(where), str):
            check.need(check.options[where])
    check.define(group, 'group')


def _resource_meta(check, path, rest):
    if not check._enough(path, rest):
        return
    check.need(rest[0])
    for arg in rest[1:]:
        if '=' not in arg and not is_placeholder(arg):
            check.add('PCS008', f'meta attribute "{_short(arg)}" has no '
                      'value: write NAME=VALUE (NAME= removes it)')
            break
    check._legacy_meta(rest[1:])


def _resource_update(check, path, rest):
    if not check._enough(path, rest):
        return
    check.need(rest[0])
    sub = _split_keywords(rest[1:], ('op', 'meta'), 'instance')
    for word in sub.get('instance', [[]])[0]:
        if '=' not in word and not is_placeholder(word):
            check.add('PCS008', f'option "{_short(word)}" has no value: write '
                      'NAME=VALUE')
            break
    for op_group in sub.get('op', []):
        if op_group and '=' in op_group[0]:
            _check_operations(check, op_group)
    check._legacy_meta(rest[1:])


def _resource_op_add(check, path, rest):
    if not check._enough(path, rest):
        return
    check.need(rest[0])
    _check_operations(check, rest[1:])


def _bundle_create(check, path, rest):
    if not check._enough(path, rest):
        return
    check.define(rest[0], 'bundle')


def _defaults(check, path, rest):
    if rest and '=' in rest[0]:
        base = ' '.join(path)
        check.add('PCS003', f'pcs 0.12 removed `pcs {base} NAME=VALUE` '
                  f'(deprecated since 0.10.7): write `pcs {base} update '
                  f'{_short(" ".join(rest[:2]))}`')
        return
    _walk_rest(check, path, rest, _DEFAULTS)


def _walk_rest(check, path, rest, node):
    """Subcommands of routers reached through a hand-parsed command."""
    if not rest:
        if path[-1] == 'set':
            check.add('PCS007', f'`pcs {" ".join(path)}` needs a subcommand: '
                      + _choices(node))
        return
    word = rest[0]
    if word not in node:
        if not is_placeholder(word):
            check.add('PCS001', f'`pcs {" ".join(path)}` has no subcommand '
                      f'"{_short(word)}"' + _did_you_mean(word, node))
        return
    child = node[word]
    if isinstance(child, dict):
        _walk_rest(check, (*path, word), rest[1:], child)


def _stonith_level_add(check, path, rest):
    if not check._enough(path, rest):
        return
    for device in rest[2:]:
        if ',' in device and '=' not in device:
            check.add('PCS003', 'pcs 0.12 no longer takes stonith devices '
                      'separated by commas: write them separated by spaces')
            break
        if '=' not in device:
            check.need(device, 'stonith device')


def _uidgid(check, path, rest):
    if rest and rest[0] == 'rm':
        check.add('PCS003', 'pcs 0.11 replaced `pcs cluster uidgid rm` with '
                  '`pcs cluster uidgid delete`')
    elif rest and rest[0] not in ('add', 'delete', 'remove') and \
            not is_placeholder(rest[0]):
        check.add('PCS001', f'`pcs cluster uidgid` has no subcommand '
                  f'"{_short(rest[0])}"'
                  + _did_you_mean(rest[0], ('add', 'delete', 'remove')))


# -- cluster, host, property, acl, tag ----------------------------------------

def _cluster_setup(check, path, rest):
    if 'name' in check.options:
        return      # reported as PCS003 already
    check._enough(path, rest)


def _cluster_auth(check, path, rest):
    if rest:
        check.add('PCS003', 'pcs 0.10 moved node authentication to `pcs host '
                  'auth NODE... -u hacluster`; `pcs cluster auth` takes no '
                  'nodes')


def _property_set(check, path, rest):
    if not check._enough(path, rest):
        return
    for arg in rest:
        if '=' not in arg and not is_placeholder(arg):
            check.add('PCS008', f'property "{_short(arg)}" has no value: '
                      'write NAME=VALUE (`pcs property unset NAME` removes '
                      'it)')
            break


def _acl_role_assign(check, path, rest):
    if not check._enough(path, rest):
        return
    if 'user' not in rest[1:] and 'group' not in rest[1:]:
        to = 'to' if path[-1] == 'assign' else 'from'
        check.add('PCS004', f'`pcs acl role {path[-1]}` without `user` or '
                  '`group` is deprecated since pcs 0.12: write `pcs acl role '
                  f'{path[-1]} {rest[0]} {to} user {rest[-1]}` (or `group`)')


def _tag_create(check, path, rest):
    if not check._enough(path, rest):
        return
    for name in rest[1:]:
        check.need(name)
    check.define(rest[0], 'tag')


# -- constraints --------------------------------------------------------------

def _constraint_location(check, path, rest):
    if not rest:
        return
    word = rest[0]
    if word in ('show', 'list'):
        check.add('PCS003', REPLACED[('constraint', 'location', word)])
        return
    if word == 'config':
        return
    if word in ('remove', 'delete'):
        if len(rest) < 2:
            check.add('PCS007', f'`pcs constraint location {word}` needs a '
                      'constraint id')
        return
    if word == 'add':
        if len(rest) < 4:
            check.add('PCS007', '`pcs constraint location add` needs an id, '
                      'a resource, a node and a score')
            return
        check.need(rest[2])
        return
    if len(rest) < 3:
        if len(rest) == 2 and rest[1] not in ('prefers', 'avoids', 'rule'):
            pass
        else:
            check.add('PCS007', f'`pcs constraint location '
                      f'{_short(" ".join(rest))}` needs the nodes: `pcs '
                      f'constraint location {_short(word)} prefers NODE`')
            return
    how = rest[1]
    if how not in ('prefers', 'avoids', 'rule'):
        if not is_placeholder(how):
            check.add('PCS001', f'`pcs constraint location {_short(word)}` '
                      f'takes prefers, avoids or rule, not "{_short(how)}"'
                      + _did_you_mean(how, ('prefers', 'avoids', 'rule')))
        return
    check.need(word)
    if how == 'rule':
        for arg in rest[2:]:
            if arg.startswith('role='):
                check._role(arg[5:])
        return


def _constraint_order(check, path, rest):
    if not rest:
        return
    word = rest[0]
    if word in ('show', 'list'):
        check.add('PCS003', REPLACED[('constraint', 'order', word)])
        return
    if word == 'config':
        return
    if word in ('remove', 'delete'):
        if len(rest) < 2:
            check.add('PCS007', f'`pcs constraint order {word}` needs a '
                      'resource id')
        return
    if word == 'set':
        _constraint_set(check, ('constraint', 'order', 'set'), rest[1:])
        return
    if 'then' not in rest:
        check.add('PCS005', '`pcs constraint order` needs `then` between '
                  'the two resources: `pcs constraint order [ACTION] FIRST '
                  'then [ACTION] THEN`')
        for name in rest:
            if name not in ACTIONS and '=' not in name:
                check.need(name)
        return
    index = 0
    if rest[0] in ACTIONS:
        index = 1
    if index >= len(rest) or rest[index] == 'then':
        check.add('PCS007', '`pcs constraint order` needs the first resource '
                  'before `then`')
        return
    first = rest[index]
    index += 1
    if index >= len(rest) or rest[index] != 'then':
        check.add('PCS008', f'`pcs constraint order` expects `then` right '
                  f'after "{_short(first)}"; write `pcs constraint order '
                  f'[ACTION] FIRST then [ACTION] THEN`')
        return
    index += 1
    if index < len(rest) and rest[index] in ACTIONS:
        index += 1
    if index >= len(rest):
        check.add('PCS007', '`pcs constraint order` needs the second resource '
                  'after `then`')
        return
    second = rest[index]
    check.need(first)
    check.need(second)
    for option in rest[index + 1:]:
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
                          f'"{_short(option)}"')
            break
        if option.startswith('score='):
            check.add('PCS004', 'a score in an order constraint is '
                      'deprecated (Pacemaker 3 drops it): write kind='
                      'Mandatory, kind=Optional or kind=Serialize')


def _constraint_colocation_add(check, path, rest):
    if 'with' not in rest:
        check.add('PCS007', '`pcs constraint colocation add` needs `with`: '
                  '`pcs constraint colocation add SOURCE with TARGET`')
        return
    if not check._enough(path, rest):
        return
    if len(rest) > 2 and rest[2] == 'with':
        if check._role(rest[0]) is None and not is_placeholder(rest[0]):
            check.add('PCS008', f'"{_short(rest[0])}" is not a role (' +
                      ', '.join(ROLES) + ')')
        source = rest[1]
        index = 3
    elif rest[1] == 'with':
        source = rest[0]
        index = 2
    else:
        check.add('PCS008', '`pcs constraint colocation add` expects `with` '
                  'right after the source resource (and its role)')
        return
    tail = rest[index:]
    if not tail:
        check.add('PCS007', '`pcs constraint colocation add` needs the target '
                  'resource after `with`')
        return
    if 'with' in tail:
        check.add('PCS008', 'one `pcs constraint colocation add` takes one '
                  '`with`; for more resources use `pcs constraint colocation '
                  'set`')
        return
    if len(tail) > 1 and not _is_score_or_option(tail[1]):
        if check._role(tail[0]) is None and not is_placeholder(tail[0]):
            check.add('PCS008', f'"{_short(tail[0])}" is not a role (' +
                      ', '.join(ROLES) + ')')
        tail = tail[1:]
    target = tail[0]
    check.need(source)
    check.need(target)
    options = tail[1:]
    if options and '=' not in options[0]:
        score = options[0]
        check.add('PCS004', f'a bare score ("{_short(score)}") in `pcs '
                  'constraint colocation add` is deprecated since pcs 0.12: '
                  f'write score={score}')
        options = options[1:]
    for option in options:
        if '=' not in option and not is_placeholder(option):
            check.add('PCS008', f'`pcs constraint colocation add` takes '
                      f'options as NAME=VALUE, not "{_short(option)}"')
            break


def _constraint_set(check, path, rest):
    if not rest:
        check.add('PCS007', f'`pcs {" ".join(path)}` needs resources')
        return
    in_setoptions = False
    for arg in rest:
        if arg == 'setoptions':
            in_setoptions = True
            continue
        if in_setoptions or arg == 'set' or '=' in arg:
            if arg.startswith('role='):
                check._role(arg[5:])
            continue
        check.need(arg)


def _constraint_ticket_add(check, path, rest):
    if not check._enough(path, rest):
        return
    names = [arg for arg in rest[1:] if '=' not in arg]
    if len(names) >= 2:
        check._role(names[0])
        names = names[1:]
    if names:
        check.need(names[0])


_HANDLERS = {
    ('resource', 'create'): _resource_create,
    ('stonith', 'create'): _stonith_create,
    ('resource', 'clone'): _resource_clone,
    ('resource', 'promotable'): _resource_clone,
    ('resource', 'group', 'add'): _resource_group_add,
    ('resource', 'meta'): _resource_meta,
    ('stonith', 'meta'): _resource_meta,
    ('resource', 'update'): _resource_update,
    ('stonith', 'update'): _resource_update,
    ('resource', 'op', 'add'): _resource_op_add,
    ('resource', 'bundle', 'create'): _bundle_create,
    ('resource', 'defaults'): _defaults,
    ('resource', 'op', 'defaults'): _defaults,
    ('stonith', 'defaults'): _defaults,
    ('stonith', 'op', 'defaults'): _defaults,
    ('stonith', 'level', 'add'): _stonith_level_add,
    ('cluster', 'uidgid'): _uidgid,
    ('cluster', 'setup'): _cluster_setup,
    ('cluster', 'auth'): _cluster_auth,
    ('property', 'set'): _property_set,
    ('acl', 'role', 'assign'): _acl_role_assign,
    ('acl', 'role', 'unassign'): _acl_role_assign,
    ('tag', 'create'): _tag_create,
    ('constraint', 'location'): _constraint_location,
    ('constraint', 'order'): _constraint_order,
    ('constraint', 'colocation', 'add'): _constraint_colocation_add,
    ('constraint', 'colocation', 'set'): _constraint_set,
    ('constraint', 'ticket', 'set'): _constraint_set,
    ('constraint', 'ticket', 'add'): _constraint_ticket_add,
}

# -- helpers ------------------------------------------------------------------

def _split_keywords(args, keywords, first):
    """pcs's group_by_keywords: {keyword: [[args], ...]} in one pass."""
    groups = {}
    current = None
    if args and args[0] not in keywords:
        current = [first, []]
        groups[first] = [current[1]]
    for arg in args:
        if arg in keywords:
            bucket = []
            groups.setdefault(arg, []).append(bucket)
            current = [arg, bucket]
        else:
            current[1].append(arg)
    return groups


def _is_number(text):
    if text.lower() == 'infinity':
        return True
    try:
        int(text)
        return True
    except ValueError:
        return False


def _is_negative_number(arg):
    """pcs's _is_negative_num: "-5", "-INFINITY", "-1.5"."""
    if len(arg) > 40:
        return False
    if not arg.startswith('-'):
        return False
    if _is_number(arg[1:]):
        return True
    try:
        float(arg)
        return True
    except ValueError:
        return False


def _is_score_or_option(word):
    if '=' in word:
        return True
    text = word[1:] if word[:1] in '+-' else word
    return _is_number(text)


def _resolve_long(name):
    """getopt's long option lookup: exact, else a unique prefix.

    Returns the option, '' when the prefix is ambiguous, None when unknown.
    """
    if name in LONG_OPTIONS:
        return name
    if not name:
        return None
    matches = [option for option in _LONG_NAMES if option.startswith(name)]
    if len(matches) == 1:
        return matches[0]
    return '' if matches else None



def _choices(node):
    names = [name for name in node if name != 'help' and
             not name.startswith(('get_', 'local_'))]
    shown = ', '.join(sorted(names)[:12])
    return shown + (', ...' if len(names) > 12 else '')


