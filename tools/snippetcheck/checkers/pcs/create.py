"""Judges of ``pcs resource create`` and ``pcs stonith create``: the agent,
the resource options, and the clone, promotable, bundle or group part."""

from snippetcheck import agents
from snippetcheck import tooldata
from snippetcheck.findings import shorten
from snippetcheck.placeholders import has_placeholder
from snippetcheck.placeholders import is_value_placeholder as is_placeholder

from .grammar import split_keywords

#: The standards (classes) of resource agents pcs 0.11 and 0.12 take;
#: pcs 0.12, following Pacemaker 3, dropped nagios and upstart. By hand:
#: pcs asks Pacemaker, which the data does not record.
STANDARDS = agents.CLASSES | {'heartbeat'}
STANDARDS_0_11 = frozenset(['nagios', 'upstart'])
_NO_OPTION_STANDARDS = frozenset(['systemd', 'lsb', 'service'])

#: The keywords that split the arguments of ``pcs resource create``.
CREATE_KEYWORDS = tooldata.pcs_resource_create_keywords()


def resource_create(check, args):
    if not args:
        check.add('PCS007', '`pcs resource create` needs a resource id and '
                  'an agent: `pcs resource create ID STANDARD:PROVIDER:TYPE`')
        return
    future = 'future' in check.options
    res_id = args[0]
    agent = args[1] if len(args) > 1 else ''
    if _looks_like_agent(res_id) and (not agent or '=' in agent or
                                      agent in CREATE_KEYWORDS):
        check.add('PCS007', f'`pcs resource create` needs a resource id '
                  f'before the agent: `pcs resource create ID {res_id}`')
        return
    if not agent or '=' in agent or agent in CREATE_KEYWORDS:
        check.add('PCS007', f'`pcs resource create {shorten(res_id)}` needs '
                  'an agent after the id, for example ocf:heartbeat:IPaddr2 '
                  'or systemd:haproxy')
        return
    standard = _check_agent(check, agent)
    check.define(res_id, 'primitive')

    # split into the primitive part and the clone / promotable / bundle /
    # group part, the way pcs's parser does it
    tops = ('clone', 'promotable', 'bundle', 'group') if future else \
        ('clone', 'promotable', 'bundle')
    groups = split_keywords(args[2:], tops, 'primitive')
    primitive = split_keywords(groups.get('primitive', [[]])[0],
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
        check_operations(check, op_group)
    for meta_group in primitive.get('meta', []):
        check.legacy_meta(meta_group)

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
            _create_bundle_part(check, part)
        else:
            _create_group_part(check, part)
    _group_options(check, res_id, 'resource')


def stonith_create(check, args):
    if not check.enough(args):
        return
    stonith_id, agent = args[0], args[1]
    if '=' in agent or agent in ('op', 'meta'):
        check.add('PCS007', f'`pcs stonith create {shorten(stonith_id)}` '
                  'needs a fence agent after the id, for example '
                  'fence_ipmilan')
        return
    if ':' in agent and not has_placeholder(agent):
        bare = agent.rsplit(':', 1)[1] or agent
        check.add('PCS002', f'`pcs stonith create` takes the fence agent\'s '
                  f'bare name: write `{bare}` instead of `{agent}`')
    sub = split_keywords(args[2:], ('op', 'meta'), 'instance')
    for word in sub.get('instance', [[]])[0]:
        if '=' not in word and not is_placeholder(word):
            check.add('PCS008', f'stonith option "{shorten(word)}" has no '
                      'value: pcs takes options as NAME=VALUE')
            break
    for op_group in sub.get('op', []):
        check_operations(check, op_group)
    check.define(stonith_id, 'stonith')
    _group_options(check, stonith_id, 'stonith')


def check_operations(check, group):
    """The words after one ``op``: ACTION NAME=VALUE... [ACTION ...]."""
    if not group:
        check.add('PCS007', '`op` needs an operation and its options, for '
                  'example `op monitor interval=30s`')
        return
    if '=' in group[0]:
        check.add('PCS007', f'`op` needs an operation name before '
                  f'"{shorten(group[0])}", for example `op monitor '
                  f'{shorten(group[0])}`')
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
        check.add('PCS007', f'operation "{shorten(current or "")}" needs at '
                  'least one option, for example interval=30s')


# -- the parts of resource create ---------------------------------------------

def _dash_clone(check, res_id, agent, instance):
    """``--clone [NAME=VALUE...]`` of pcs 0.9, one finding for the lot."""
    check.define(f'{res_id}-clone', 'clone')
    pairs = [arg for arg in instance if '=' in arg]
    then = ''
    if pairs:
        then = (f', then `pcs resource meta {res_id}-clone '
                f'{shorten(" ".join(pairs[:4]))}`')
    check.add('PCS003', f'pcs 0.10 removed `--clone`: write `pcs resource '
              f'create {shorten(res_id)} {shorten(agent)} ... clone`{then}')


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
                  f'{shorten(following or "GROUP")} {res_id}`')
    elif word in ('params', 'param'):
        check.add('PCS008', f'pcs has no `{word}` keyword (that is crmsh): '
                  'write the resource options NAME=VALUE right after the '
                  'agent')
    elif word in ('before', 'after') and not future:
        check.add('PCS008', f'`{word}` is a keyword of `pcs resource create` '
                  f'only with --future; write `pcs resource group add GROUP '
                  f'{res_id} --{word} {shorten(following or "ID")}`')
    elif is_placeholder(word):
        return False
    else:
        check.add('PCS008', f'resource option "{shorten(word)}" has no '
                  'value: pcs takes resource options as NAME=VALUE (and the '
                  'keywords op, meta, clone, promotable, bundle)')
        return False
    return word in ('group', 'before', 'after')


def _create_clone_part(check, kind, part, res_id, future):
    sub = split_keywords(part, ('op', 'meta'), 'options')
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
                      f'`pcs resource meta {target} {shorten(metas)}` after '
                      'the create')
        if 'op' in sub:
            check.add('PCS004', f'`op` after `{kind}` is deprecated since '
                      f'pcs 0.11.6: write the operations before `{kind}`')
    check.legacy_meta(options)
    for group in sub.get('meta', []):
        check.legacy_meta(group)
    check.define(target, kind)


def _create_bundle_part(check, part):
    words = [arg for arg in part if arg not in ('op', 'meta')]
    if not words:
        check.add('PCS007', '`bundle` needs the id of an existing bundle')
        return
    check.need(words[0], 'bundle')


def _create_group_part(check, part):
    sub = split_keywords(part, ('before', 'after'), 'group')
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


# -- the agent ----------------------------------------------------------------

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
    message = agents.problem(agent, STANDARDS | STANDARDS_0_11, 'standard')
    if message:
        return '', 'PCS002', message
    standard = agent.partition(':')[0] if ':' in agent else ''
    if standard in STANDARDS_0_11:
        return standard, 'PCS003', (
            f'pcs 0.12 (following Pacemaker 3) dropped the {standard} '
            'standard')
    if standard == 'stonith':
        return standard, 'PCS003', (
            'pcs 0.12 no longer creates fence devices with `pcs resource '
            'create` (deprecated in 0.11): write `pcs stonith create ID '
            f'{shorten(agent.split(":")[-1])}`')
    return standard, '', ''


def _looks_like_agent(word):
    return agents.looks_like_agent(word, STANDARDS | STANDARDS_0_11)
