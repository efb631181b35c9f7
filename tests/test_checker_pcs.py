"""Tests of the pcs checker (tools/snippetcheck/checkers/pcs/)."""

import inspect
import time

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from snippetcheck import catalogue
from snippetcheck import engine
from snippetcheck import tooldata
from snippetcheck.checkers import pcs
from snippetcheck.checkers.pcs import check as pcs_check
from snippetcheck.checkers.pcs import commands as hand_facts
from snippetcheck.checkers.pcs import specs as pcs_specs
from snippetcheck.checkers.pcs.check import CommandCheck
from snippetcheck.console import Command
from snippetcheck.console import commands
from snippetcheck.context import DocumentContext
from snippetcheck.context import Snippet
from snippetcheck.findings import Finding


def document(*names):
    doc = DocumentContext()
    for name in names:
        doc.define(name, 'primitive')
    return doc


def run(text, doc=None):
    """Findings of every pcs command of console *text*, in order."""
    doc = DocumentContext() if doc is None else doc
    found = []
    for command in commands(text):
        if command.program == 'pcs':
            found.extend(pcs.check_command(command, doc))
    return found


def codes(text, doc=None):
    return [(finding.line, finding.code) for finding in run(text, doc)]


# -- one input that must produce each code, and a near miss that must not ----

# (console text, resources the document already has, line, code)
MUST = [
    # PCS001 unknown command or subcommand
    ('# pcs resource crate vip ocf:heartbeat:IPaddr2', (), 1, 'PCS001'),
    ('# pcs clustr status', (), 1, 'PCS001'),
    ('# pcs status\n# pcs constraint colocaton add a with b', (), 2,
     'PCS001'),
    ('# pcs constraint location vip prefer node1', ('vip',), 1, 'PCS001'),
    # PCS002 malformed agent
    ('# pcs resource create vip ocf:heartbeat', (), 1, 'PCS002'),
    ('# pcs resource create vip ocf:IPaddr2', (), 1, 'PCS002'),
    ('# pcs resource create vip ocf:heartbeat:', (), 1, 'PCS002'),
    ('# pcs resource create vip foo:IPaddr2', (), 1, 'PCS002'),
    ('# pcs resource create lb lsb:x:haproxy', (), 1, 'PCS002'),
    ('# pcs resource create vip ocf:a:b:c', (), 1, 'PCS002'),
    ('# pcs stonith create f1 stonith:fence_ipmilan ip=10.0.0.1', (), 1,
     'PCS002'),
    # PCS003 commands and options pcs 0.11 / 0.12 no longer have
    ('# pcs resource create lb systemd:haproxy --clone', (), 1, 'PCS003'),
    ('# pcs resource create ks systemd:keystone --clone interleave=true', (),
     1, 'PCS003'),
    ('# pcs resource create db ocf:heartbeat:galera --master', (), 1,
     'PCS003'),
    ('# pcs resource create db ocf:heartbeat:galera master', (), 1,
     'PCS003'),
    ('# pcs resource show', (), 1, 'PCS003'),
    ('# pcs stonith show', (), 1, 'PCS003'),
    ('# pcs constraint show', (), 1, 'PCS003'),
    ('# pcs constraint order show', (), 1, 'PCS003'),
    ('# pcs property list', (), 1, 'PCS003'),
    ('# pcs resource defaults resource-stickiness=100', (), 1, 'PCS003'),
    ('# pcs resource op defaults timeout=240s', (), 1, 'PCS003'),
    ('# pcs cluster auth controller1 controller2 -u hacluster -p secret',
     (), 1, 'PCS003'),
    ('# pcs cluster setup --force --name os-cluster c1 c2 c3', (), 1,
     'PCS003'),
    ('# pcs cluster standby controller1', (), 1, 'PCS003'),
    ('# pcs resource master db', ('db',), 1, 'PCS003'),
    ('# pcs resource move vip --master', ('vip',), 1, 'PCS003'),
    ('# pcs constraint colocation add master db-clone with vip',
     ('db-clone', 'vip'), 1, 'PCS003'),
    ('# pcs stonith level add 1 node1 f1,f2', ('f1', 'f2'), 1, 'PCS003'),
    ('# pcs resource create f1 stonith:fence_xvm', (), 1, 'PCS003'),
    ('# pcs cluster verify -V', (), 1, 'PCS003'),
    # PCS004 deprecated syntax
    ('# pcs resource create api systemd:api --group g', (), 1, 'PCS004'),
    ('# pcs resource create api systemd:api --group g --after vip', ('vip',),
     1, 'PCS004'),
    ('# pcs resource create ks systemd:keystone clone interleave=true', (),
     1, 'PCS004'),
    ('# pcs resource create ks systemd:keystone clone meta interleave=true',
     (), 1, 'PCS004'),
    ('# pcs resource clone api interleave=true', ('api',), 1, 'PCS004'),
    ('# pcs constraint colocation add a with b 100', ('a', 'b'), 1,
     'PCS004'),
    ('# pcs constraint colocation add a with b -INFINITY', ('a', 'b'), 1,
     'PCS004'),
    ('# pcs constraint order a then b score=100', ('a', 'b'), 1, 'PCS004'),
    ('# pcs constraint location add l1 a node1 -INFINITY', ('a',), 1,
     'PCS004'),
    # PCS005 order without then
    ('# pcs constraint order start vip lb-clone', ('vip', 'lb-clone'), 1,
     'PCS005'),
    # PCS006 a resource the document has not created
    ('# pcs constraint colocation add lb-clone with vipp', ('lb-clone', 'vip'),
     1, 'PCS006'),
    ('# pcs resource create vip ocf:heartbeat:IPaddr2\n'
     '# pcs constraint order start vip then start lb-clone', (), 2,
     'PCS006'),
    ('# pcs resource meta keystone-clone interleave=true', ('keystone',), 1,
     'PCS006'),
    ('# pcs resource group add g_api vip api', ('vip',), 1, 'PCS006'),
    ('# pcs resource enable api', (), 1, 'PCS006'),
    ('# pcs constraint location api prefers node1', (), 1, 'PCS006'),
    ('# pcs resource create web ocf:heartbeat:apache bundle b1', (), 1,
     'PCS006'),
    # PCS007 missing arguments
    ('# pcs resource create vip', (), 1, 'PCS007'),
    ('# pcs resource create vip ip=10.0.0.11', (), 1, 'PCS007'),
    ('# pcs constraint colocation add lb-clone vip', ('lb-clone', 'vip'), 1,
     'PCS007'),
    ('# pcs constraint order start vip then', ('vip',), 1, 'PCS007'),
    ('# pcs cluster', (), 1, 'PCS007'),
    ('# pcs', (), 1, 'PCS007'),
    ('# pcs property set', (), 1, 'PCS007'),
    ('# pcs resource group add g', (), 1, 'PCS007'),
    ('# pcs cluster setup mycluster', (), 1, 'PCS007'),
    ('# pcs resource create vip ocf:heartbeat:IPaddr2 op', (), 1, 'PCS007'),
    ('# pcs resource create vip ocf:heartbeat:IPaddr2 op monitor', (), 1,
     'PCS007'),
    ('# pcs resource create vip ocf:heartbeat:IPaddr2 --group', (), 1,
     'PCS007'),
    # PCS008 an option or argument pcs does not accept there
    ('# pcs resource create vip ocf:heartbeat:IPaddr2 params ip=10.0.0.11',
     (), 1, 'PCS008'),
    ('# pcs resource create api systemd:api group g', (), 1, 'PCS008'),
    ('# pcs resource create vip ocf:heartbeat:IPaddr2 --clonee', (), 1,
     'PCS008'),
    ('# pcs constraint order a then b INFINITY', ('a', 'b'), 1, 'PCS008'),
    ('# pcs resource create lb systemd:haproxy interleave=true', (), 1,
     'PCS008'),
    ('# pcs property set stonith-enabled', (), 1, 'PCS008'),
]

# (console text, resources the document already has): no finding at all
NEAR_MISS = [
    ('# pcs resource create vip ocf:heartbeat:IPaddr2', ()),
    ('# pcs cluster status', ()),
    ('# pcs constraint colocation add a with b', ('a', 'b')),
    ('# pcs constraint location vip prefers node1', ('vip',)),
    ('# pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.11', ()),
    ('# pcs resource create vip IPaddr2 ip=10.0.0.11', ()),
    ('# pcs resource create lb lsb:haproxy', ()),
    ('# pcs resource create nova systemd:openstack-nova-api@1', ()),
    ('# pcs stonith create f1 fence_ipmilan ip=10.0.0.1', ()),
    ('# pcs resource create lb systemd:haproxy clone', ()),
    ('# pcs resource create db ocf:heartbeat:galera promotable', ()),
    ('# pcs resource status', ()),
    ('# pcs resource config vip', ()),
    ('# pcs stonith status', ()),
    ('# pcs constraint config', ()),
    ('# pcs constraint order config', ()),
    ('# pcs property config', ()),
    ('# pcs resource defaults update resource-stickiness=100', ()),
    ('# pcs resource op defaults update timeout=240s', ()),
    ('# pcs host auth controller1 controller2 -u hacluster -p secret', ()),
    ('# pcs cluster auth -u hacluster -p secret', ()),
    ('# pcs cluster setup os-cluster c1 c2 c3 --start --enable', ()),
    ('# pcs node standby controller1', ()),
    ('# pcs resource promotable db', ('db',)),
    ('# pcs resource move vip --promoted', ('vip',)),
    ('# pcs constraint colocation add Promoted db-clone with vip',
     ('db-clone', 'vip')),
    ('# pcs stonith level add 1 node1 f1 f2', ('f1', 'f2')),
    ('# pcs cluster verify --full', ()),
    ('# pcs resource create api systemd:api\n'
     '# pcs resource group add g api', ()),
    ('# pcs resource create api systemd:api --future group g', ()),
    ('# pcs resource create ks systemd:keystone clone\n'
     '# pcs resource meta ks-clone interleave=true', ()),
    ('# pcs resource create ks systemd:keystone --future clone meta '
     'interleave=true', ()),
    ('# pcs resource clone api meta interleave=true', ('api',)),
    ('# pcs constraint colocation add a with b score=100', ('a', 'b')),
    ('# pcs constraint colocation add a with b score=-INFINITY', ('a', 'b')),
    ('# pcs constraint order a then b kind=Optional', ('a', 'b')),
    ('# pcs constraint location add l1 a node1 -- -INFINITY', ('a',)),
    ('# pcs constraint order start vip then lb-clone', ('vip', 'lb-clone')),
    ('# pcs constraint colocation add lb-clone with vip', ('lb-clone', 'vip')),
    ('# pcs resource create vip ocf:heartbeat:IPaddr2\n'
     '# pcs constraint order start vip then start vip', ()),
    ('# pcs resource meta keystone-clone interleave=true',
     ('keystone-clone',)),
    ('# pcs resource create web ocf:heartbeat:apache bundle b1', ('b1',)),
    ('# pcs resource bundle create b1 container docker image=web\n'
     '# pcs resource create web ocf:heartbeat:apache bundle b1', ()),
    ('# pcs status', ()),
    ('# pcs --version', ()),
    ('# pcs resource', ()),
    ('# pcs property set stonith-enabled=false', ()),
    ('# pcs property set pe-warn-series-max=1000 '
     'cluster-recheck-interval=5min', ()),
    ('# pcs resource create vip ocf:heartbeat:IPaddr2 --disabled '
     '--no-default-ops', ()),
    ('# pcs -f cib.xml resource create vip ocf:heartbeat:IPaddr2', ()),
    ('# pcs resource create vip ocf:heartbeat:IPaddr2 op monitor '
     'interval=30s start timeout=20s', ()),
    ('# pcs constraint order vip then lb symmetrical=false', ('vip', 'lb')),
]


@pytest.mark.parametrize('text, known, line, code', MUST)
def test_produces(text, known, line, code):
    found = codes(text, document(*known))
    assert (line, code) in found, run(text, document(*known))


@pytest.mark.parametrize('text, known', NEAR_MISS)
def test_near_miss(text, known):
    assert run(text, document(*known)) == []


def test_every_pcs_code_is_tested_both_ways():
    produced = {code for _, _, _, code in MUST}
    wanted = {check.code for check in catalogue.CHECKS
              if check.family == 'pcs' and not check.external}
    assert produced == wanted


def test_catalogue_examples():
    """Each catalogue example: the wrong form has its code, the right not."""
    for check in catalogue.CHECKS:
        if check.family != 'pcs' or check.external:
            continue
        known = ('lb-clone', 'vip')
        assert check.code in [code for _, code in
                              codes(check.wrong, document(*known))], check
        assert check.code not in [code for _, code in
                                  codes(check.right, document(*known))], check


def test_group_keyword_needs_future():
    """pcs 0.11/0.12 read `group` as a keyword only with --future."""
    found = run('# pcs resource create api systemd:api group g')
    assert [f.code for f in found] == ['PCS008']
    assert 'pcs resource group add g api' in found[0].message
    assert run('# pcs resource create api systemd:api --future group g') == []


def test_messages_name_the_replacement():
    [finding] = run('# pcs resource create lb systemd:haproxy --clone')
    assert 'clone' in finding.message and '--clone' in finding.message
    found = run('# pcs resource create ks systemd:keystone clone '
                'interleave=true')
    assert 'pcs resource meta ks-clone interleave=true' in found[0].message
    found = run('# pcs resource create ks systemd:keystone clone meta '
                'interleave=true')
    assert 'pcs resource meta ks-clone interleave=true' in found[0].message
    [finding] = run('# pcs resource crate vip ocf:heartbeat:IPaddr2')
    assert 'did you mean "create"' in finding.message
    [finding] = run('# pcs resource show')
    assert 'pcs resource config' in finding.message
    [finding] = run('# pcs constraint colocation add a with b 100',
                    document('a', 'b'))
    assert 'score=100' in finding.message


def test_placeholders_cause_no_finding():
    text = '\n'.join([
        '# pcs resource create <name> ocf:heartbeat:IPaddr2 '
        'ip=<Virtual IP> cidr_netmask=<net mask>',
        '# pcs constraint colocation add <name> with PUBLIC_VIP',
        '# pcs constraint order start RESOURCE_ID then <other resource>',
        '# pcs resource create api <agent>',
        '# pcs host auth <node1> <node2> -u hacluster -p HACLUSTER_PASS',
    ])
    assert run(text) == []


def test_a_wrong_create_still_defines_its_ids():
    doc = DocumentContext()
    found = run('# pcs resource create ks systemd:keystone params a=b clone\n'
                '# pcs resource meta ks-clone interleave=true\n'
                '# pcs resource create lb systemd:haproxy --clone\n'
                '# pcs constraint order start ks-clone then lb-clone\n', doc)
    assert [(f.line, f.code) for f in found] == [(1, 'PCS008'),
                                                 (3, 'PCS003')]


def test_create_defines_ids_for_later_commands():
    doc = DocumentContext()
    run('# pcs resource create vip ocf:heartbeat:IPaddr2\n'
        '# pcs resource create lb systemd:haproxy clone\n'
        '# pcs resource create db ocf:heartbeat:galera promotable dbc\n'
        '# pcs resource create api systemd:api --group g_api\n'
        '# pcs stonith create f1 fence_xvm\n'
        '# pcs resource clone vip\n'
        '# pcs tag create t1 vip lb\n', doc)
    for name in ('vip', 'lb', 'lb-clone', 'db', 'dbc', 'api', 'g_api', 'f1',
                 'vip-clone', 't1'):
        assert doc.knows(name), name
    assert 'db-clone' not in doc.resources


def test_realistic_sequence_has_no_finding():
    text = '''\
# pcs host auth controller1 controller2 controller3 -u hacluster
Password:
controller1: Authorized
# pcs cluster setup os-cluster controller1 controller2 controller3 \\
  --start --enable
# pcs property set stonith-enabled=false
# pcs resource defaults update resource-stickiness=100
# pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.11 \\
  cidr_netmask=24 op monitor interval=30s
# pcs resource create lb-haproxy systemd:haproxy clone
# pcs constraint order start vip then lb-haproxy-clone kind=Optional
# pcs constraint colocation add lb-haproxy-clone with vip
# pcs resource create openstack-keystone systemd:openstack-keystone clone
# pcs resource meta openstack-keystone-clone interleave=true
# pcs constraint order start lb-haproxy-clone then \\
  openstack-keystone-clone
# pcs resource create galera ocf:heartbeat:galera \\
  wsrep_cluster_address=gcomm://controller1,controller2,controller3 \\
  op promote timeout=300s on-fail=block promotable
# pcs resource meta galera-clone promoted-max=3 ordered=true
# pcs constraint order promote galera-clone then start \\
  openstack-keystone-clone
# pcs status
'''
    assert run(text) == []


def test_line_of_each_command():
    text = ('# pcs status\n'
            'output line\n'
            '# pcs resource create vip \\\n'
            '  ocf:heartbeat\n'
            '# pcs clustr status\n')
    assert codes(text) == [(3, 'PCS002'), (5, 'PCS001')]


def test_a_bug_on_one_command_is_reported_at_it(monkeypatch):
    """The engine catches a checker's bug per command: SC000 at that
    command, and the commands around it are still checked."""
    real = engine.PROGRAMS['pcs']

    def buggy(command, document):
        if 'enable' in command.argv:
            raise RuntimeError('bug')
        return real(command, document)

    monkeypatch.setitem(engine.PROGRAMS, 'pcs', buggy)
    found = engine.check_snippet(
        Snippet('console', '# pcs clustr status\n'
                '# pcs resource enable vip\n# pcs resurce list'),
        DocumentContext())
    assert [(f.line, f.code) for f in found] == [
        (1, 'PCS001'), (2, 'SC000'), (3, 'PCS001')]


def test_other_programs_are_left_alone():
    command = Command(1, 'crm status', ('crm', 'status'))
    assert pcs.check_command(command, DocumentContext()) == []
    assert pcs.check_command(Command(1, '', ()), DocumentContext()) == []


def test_tables():
    assert len(pcs.TREE) == 19
    for path in pcs.DEFAULT_CMD:
        node = pcs.TREE
        for word in path:
            node = node[word]
    for path in list(pcs.REFERENCES) + list(pcs.MIN_ARGS):
        node = pcs.TREE
        for word in path:
            assert isinstance(node, dict), path
            node = node[word]
        assert node is None, path
    for path in pcs.REPLACED:
        node = pcs.TREE
        for word in path[:-1]:
            node = node[word]
        assert path[-1] not in (node or {}), path



# -- the command specs -------------------------------------------------------

def test_every_command_of_the_data_has_a_spec():
    for path, facts in tooldata.pcs_commands().items():
        spec = pcs.SPECS[path]
        assert spec.router == (facts['kind'] == 'router' and not (
            facts.get('by_hand') or facts.get('before_routing'))), path


def test_what_pcs_deprecates_for_removal_says_what_replaces_it():
    """pcs 0.12 removed what 0.11 deprecated as a command: each such
    command of the data has a hand message naming its replacement."""
    for path, facts in tooldata.pcs_commands().items():
        warned = any(warning['always'] and warning['message'].startswith(
            'This command is deprecated')
            for warning in facts.get('deprecation', ()))
        if facts.get('deprecated') or facts.get('replaced') or warned:
            assert pcs.SPECS[path].removed, path


def test_hand_facts_only_add_to_the_data():
    """A hand entry names a command of the data unless pcs removed it or
    it is newer, and gives a count only where pcs's router says less."""
    counts = tooldata.pcs_arguments()
    data = tooldata.pcs_commands()
    for key, hand in hand_facts.HAND.items():
        path = tuple(key.split())
        assert path in data or hand.removed or hand.newer, key
        assert not (path in data and hand.newer), key
        if hand.min_args is not None:
            assert counts.get(path, (0, None))[0] < hand.min_args, key


def test_a_command_not_in_the_data_needs_a_reason():
    with pytest.raises(ValueError, match='resource frobnicate'):
        pcs_specs.build({'resource frobnicate': hand_facts.Hand()})


def test_a_command_pcs_routes_by_hand_needs_a_judge():
    table = dict(hand_facts.HAND)
    del table['constraint location']
    with pytest.raises(ValueError, match='constraint location'):
        pcs_specs.build(table)


def test_every_judge_takes_the_check_and_the_arguments():
    for spec in pcs.SPECS.values():
        if spec.judge is not None:
            assert list(inspect.signature(spec.judge).parameters) == [
                'check', 'args'], spec


def test_a_new_command_is_one_entry(monkeypatch):
    table = pcs_specs.build({
        **hand_facts.HAND,
        'resource frobnicate': hand_facts.Hand(
            newer=True, needs='a resource id', min_args=1, names=1),
        'resource defrob': hand_facts.Hand(
            removed='`pcs resource defrob` is gone: write `pcs resource '
                    'frobnicate`'),
    })
    monkeypatch.setattr(pcs_check, 'ROOT', table[()])
    assert codes('# pcs resource frobnicate') == [(1, 'PCS007')]
    assert codes('# pcs resource frobnicate vipp', document('vip')) == [
        (1, 'PCS006')]
    assert run('# pcs resource frobnicate vip', document('vip')) == []
    [finding] = run('# pcs resource defrob vip', document('vip'))
    assert (finding.code, finding.message) == (
        'PCS003', '`pcs resource defrob` is gone: write `pcs resource '
        'frobnicate`')
    [finding] = run('# pcs resource defob')
    assert 'did you mean "defrob"' not in finding.message


def test_argument_counts_come_from_pcs():
    """pcs's own count, worded by the hand facts where they describe the
    arguments."""
    [finding] = run('# pcs acl role delete')
    assert (finding.code, finding.message) == (
        'PCS007', '`pcs acl role delete` needs one argument')
    [finding] = run('# pcs constraint ticket remove T')
    assert finding.message == ('`pcs constraint ticket remove` needs 2 '
                               'arguments')
    [finding] = run('# pcs resource update vip', document('vip'))
    assert (finding.code, finding.message) == (
        'PCS007', '`pcs resource update` needs a resource id and the '
        'options to change')
    assert run('# pcs resource update vip ip=10.0.0.11',
               document('vip')) == []


def test_a_spec_carries_the_options_pcs_accepts():
    assert {'--group', '--disabled', '-f', '--debug'} <= \
        pcs.SPECS[('resource', 'create')].options
    assert pcs.SPECS[('status', 'wait')].options is None

# -- robustness and speed --------------------------------------------------

WORDS = st.sampled_from([
    'pcs', 'resource', 'create', 'constraint', 'order', 'colocation', 'add',
    'with', 'then', 'clone', 'promotable', 'meta', 'op', 'group', 'bundle',
    'stonith', 'cluster', 'setup', 'property', 'set', 'location', 'prefers',
    'rule', 'set', 'setoptions', 'defaults', 'update', 'show', 'ocf',
    'ocf:heartbeat', 'ocf:heartbeat:IPaddr2', 'systemd:x', 'x=1', '=',
    '--clone', '--group', '--after', '--before', '--future', '--', '-',
    '-f', '-h', '-INFINITY', '-1.5e3', 'Master', 'Started', 'score=5',
    'vip', 'vip-clone', '<a b>', '<x', 'y>', 'PLACE_HOLDER', '%', 'regexp%x',
    'start', 'promote', 'master', 'params', 'level', 'tag', 'acl', 'role',
    'assign', '--wait=10', '--name', '-V', '--master', 'uidgid', 'rm',
])
ARGV = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=25)


def _run_raw(argv, doc):
    """The checker without its safety net: must not raise by itself."""
    command = Command(1, ' '.join(argv), tuple(argv))
    return CommandCheck(command, doc).run()


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(ARGV, st.lists(st.text(max_size=8), max_size=5))
def test_random_argv_gives_only_findings(args, known):
    doc = document(*known)
    found = _run_raw(['pcs', *args], doc)
    assert all(isinstance(finding, Finding) for finding in found)
    assert all(finding.line == 1 for finding in found)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_random_text_gives_only_findings(text):
    doc = DocumentContext()
    for command in commands('# pcs ' + text):
        found = _run_raw(list(command.argv), doc)
        assert all(isinstance(finding, Finding) for finding in found)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(), max_size=10))
def test_any_argv_through_the_entry_point(args):
    found = pcs.check_command(Command(3, 'x', tuple(['pcs', *args])),
                              DocumentContext())
    assert all(isinstance(finding, Finding) and finding.line == 3
               for finding in found)


def _elapsed(function, repeat):
    # CPU time of this process: what the machine's other load does not
    # change, unlike the wall clock
    start = time.process_time()
    for _ in range(repeat):
        function()
    return (time.process_time() - start) / repeat


def test_long_input_is_linear():
    small = ['pcs', 'resource', 'create', 'x', 'ocf:heartbeat:Dummy'] + \
        ['a=1', 'zz', '-5', '<p', 'q>', '--bad'] * 500
    large = small[:5] + small[5:] * 8
    doc = document(*[f'r{index}' for index in range(3000)])
    once = _elapsed(lambda: _run_raw(small, doc), 3)
    eight = _elapsed(lambda: _run_raw(large, doc), 3)
    assert eight < once * 8 * 3 + 0.01
