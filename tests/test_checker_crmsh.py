"""Tests of the crmsh checker (tools/snippetcheck/checkers/crmsh/)."""

import contextlib
import json
import shlex
import shutil
import time

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from snippetcheck import catalogue
from snippetcheck import engine
from snippetcheck import tooldata
from snippetcheck.checkers import crmsh
from snippetcheck.checkers import pcs
from snippetcheck.checkers.crmsh import commands as crm_commands
from snippetcheck.checkers.crmsh import elements
from snippetcheck.checkers.crmsh import reading
from snippetcheck.checkers.crmsh.block import Block
from snippetcheck.checkers.crmsh.reading import element_words
from snippetcheck.console import Command
from snippetcheck.console import commands
from snippetcheck.console import split
from snippetcheck.context import DocumentContext
from snippetcheck.context import Snippet
from snippetcheck.findings import Finding
from snippetcheck.tooldata import generate


def document(*names):
    doc = DocumentContext()
    for name in names:
        doc.define(name, 'primitive')
    return doc


def block(text, doc=None):
    doc = DocumentContext() if doc is None else doc
    return crmsh.check(Snippet('crmsh', text), doc)


def console(text, doc=None):
    doc = DocumentContext() if doc is None else doc
    found = []
    for command in commands(text):
        checker = crmsh if command.program == 'crm' else pcs
        found.extend(checker.check_command(command, doc))
    return found


def codes(found):
    return [(finding.line, finding.code) for finding in found]


# -- blocks: one input that must produce each code, and near misses --------

# (block text, resources the document already has, line, code)
MUST = [
    # CRM001 unknown element
    ('primitve vip ocf:heartbeat:IPaddr2', (), 1, 'CRM001'),
    ('primitive vip ocf:heartbeat:IPaddr2\ncolocaton c inf: vip vip', (), 2,
     'CRM001'),
    ('crm configure primitive vip ocf:heartbeat:IPaddr2', (), 1, 'CRM001'),
    # CRM002 order / colocation without score or kind and colon
    ('order o1 vip haproxy', ('vip', 'haproxy'), 1, 'CRM002'),
    ('order o1 Mandatory vip haproxy', ('vip', 'haproxy'), 1, 'CRM002'),
    ('order o1 kind: vip haproxy', ('vip', 'haproxy'), 1, 'CRM002'),
    ('order o1 inf vip haproxy', ('vip', 'haproxy'), 1, 'CRM002'),
    ('colocation c1 inf vip haproxy', ('vip', 'haproxy'), 1, 'CRM002'),
    ('colocation c1 vip haproxy', ('vip', 'haproxy'), 1, 'CRM002'),
    ('collocation c1 Optional: vip haproxy', ('vip', 'haproxy'), 1,
     'CRM002'),
    # CRM003 reference to a resource not defined earlier
    ('colocation c1 inf: haproxy vipp', ('haproxy', 'vip'), 1, 'CRM003'),
    ('order o1 Mandatory: vip:start haproxy-clone:start', ('vip',), 1,
     'CRM003'),
    ('group g_api p_api vip', ('vip',), 1, 'CRM003'),
    ('clone cl_api p_api', (), 1, 'CRM003'),
    ('location l1 p_api 100: node1', (), 1, 'CRM003'),
    ('rsc_ticket t1 ticketA: p_api', (), 1, 'CRM003'),
    ('tag t1 vip p_api', ('vip',), 1, 'CRM003'),
    ('colocation c1 inf: vip ( p_a p_b )', ('vip', 'p_a'), 1, 'CRM003'),
    ('primitive vip ocf:heartbeat:IPaddr2\n\norder o1 Mandatory: vip lb', (),
     3, 'CRM003'),
    # CRM004 malformed agent
    ('primitive vip ocf:IPaddr2', (), 1, 'CRM004'),
    ('primitive vip ocf:heartbeat', (), 1, 'CRM004'),
    ('primitive vip ocf:heartbeat:', (), 1, 'CRM004'),
    ('primitive lb lsb:x:haproxy', (), 1, 'CRM004'),
    ('primitive lb systemd:x:haproxy', (), 1, 'CRM004'),
    ('primitive lb fancy:haproxy', (), 1, 'CRM004'),
    ('primitive lb ocf', (), 1, 'CRM004'),
    # CRM005 clone / ms / group given an agent
    ('clone cl_api systemd:api', (), 1, 'CRM005'),
    ('clone p_keystone ocf:openstack:keystone \\\n'
     '  params config="/etc/keystone/keystone.conf" os_password="secret" \\\n'
     '  op monitor interval="30s" timeout="30s"', (), 1, 'CRM005'),
    ('group g_api vip systemd:api', ('vip',), 1, 'CRM005'),
    ('ms ms_db ocf:heartbeat:galera', (), 1, 'CRM005'),
    # CRM006 missing id or arguments
    ('primitive vip', (), 1, 'CRM006'),
    ('primitive vip params ip=10.0.0.11', (), 1, 'CRM006'),
    ('primitive ocf:heartbeat:IPaddr2', (), 1, 'CRM006'),
    ('group g_api', (), 1, 'CRM006'),
    ('clone cl_api', (), 1, 'CRM006'),
    ('location l1 vip', ('vip',), 1, 'CRM006'),
    ('colocation c1', (), 1, 'CRM006'),
    ('order o1 Mandatory:', (), 1, 'CRM006'),
    ('property stonith-enabled', (), 1, 'CRM006'),
    ('rsc_ticket t1 vip', ('vip',), 1, 'CRM006'),
    # crm: "Expected at least N arguments"
    ('bundle b1', (), 1, 'CRM006'),
    ('property', (), 1, 'CRM006'),
    ('user alice', (), 1, 'CRM006'),
    ('xml', (), 1, 'CRM006'),
    # CRM007 duplicate id
    ('primitive vip ocf:heartbeat:IPaddr2\nprimitive vip systemd:x', (), 2,
     'CRM007'),
    ('primitive vip ocf:heartbeat:IPaddr2\nprimitive x systemd:x\n'
     'order vip Mandatory: vip x', (), 3, 'CRM007'),
    # CRM008 deprecated / removed element
    ('primitive p_db ocf:heartbeat:galera\nms ms_db p_db', (), 2, 'CRM008'),
    ('primitive p_db ocf:heartbeat:galera\nmaster ms_db p_db', (), 2,
     'CRM008'),
]

# (block text, resources the document already has): no finding at all
NEAR_MISS = [
    ('primitive vip ocf:heartbeat:IPaddr2', ()),
    ('primitive vip IPaddr2', ()),
    ('primitive lb lsb:haproxy', ()),
    ('primitive lb systemd:haproxy', ()),
    ('primitive nova systemd:openstack-nova@1:2', ()),
    ('primitive f1 stonith:fence_ipmilan', ()),
    ('rsc_template tpl ocf:heartbeat:Dummy\nprimitive d1 @tpl', ()),
    ('order o1 Mandatory: vip haproxy', ('vip', 'haproxy')),
    ('order o1 mandatory: vip haproxy', ('vip', 'haproxy')),
    ('order o1 inf: vip haproxy', ('vip', 'haproxy')),
    ('order o1 0: vip haproxy', ('vip', 'haproxy')),
    ('order o1 Optional: vip:start haproxy:start symmetrical=false',
     ('vip', 'haproxy')),
    ('order o1 Serialize: vip ( a b )', ('vip', 'a', 'b')),
    ('colocation c1 inf: haproxy vip', ('haproxy', 'vip')),
    ('colocation c1 -inf: haproxy vip', ('haproxy', 'vip')),
    ('colocation c1 100: haproxy:Started ms_db:Promoted',
     ('haproxy', 'ms_db')),
    ('collocation c1 +INFINITY: a [ b c ] node-attribute=color',
     ('a', 'b', 'c')),
    ('primitive p_api systemd:api\nclone cl_api p_api', ()),
    ('primitive p_api systemd:api\nclone cl_api p_api meta interleave=true',
     ()),
    ('primitive p_api systemd:api\ngroup g_api vip p_api meta target-role=x',
     ('vip',)),
    ('primitive p_db ocf:heartbeat:galera\n'
     'clone ms_db p_db meta promotable=true', ()),
    ('location l1 vip 100: node1', ('vip',)),
    ('location l1 vip role=Started -inf: node1', ('vip',)),
    ('location l1 vip rule -inf: not_defined pingd', ('vip',)),
    ('location l1 /vip-.*/ 100: node1', ()),
    ('rsc_ticket t1 ticketA: vip loss-policy=stop', ('vip',)),
    ('tag t1 vip haproxy', ('vip', 'haproxy')),
    ('property stonith-enabled=false no-quorum-policy=ignore', ()),
    ('property cib-bootstrap-options: stonith-enabled=false', ()),
    ('rsc_defaults resource-stickiness=100', ()),
    ('op_defaults timeout=240s', ()),
    ('node controller1', ()),
    ('# a comment\n\nprimitive vip ocf:heartbeat:IPaddr2 \\\n'
     '  params ip="10.0.0.11" cidr_netmask="24" \\\n'
     '  op monitor interval="30s"', ()),
    # a reference to a resource defined further down the same block
    ('group g_api vip p_api\nprimitive p_api systemd:api', ('vip',)),
    ('order o1 Mandatory: vip p_api\nprimitive p_api systemd:api', ('vip',)),
    # placeholders
    ('primitive <name> ocf:heartbeat:IPaddr2 params ip=<Virtual IP>', ()),
    ('colocation c1 inf: RESOURCE_ID <other resource>', ()),
    ('primitive p_api <agent>', ()),
]


@pytest.mark.parametrize('text, known, line, code', MUST)
def test_produces(text, known, line, code):
    found = block(text, document(*known))
    assert (line, code) in codes(found), found


@pytest.mark.parametrize('text, known', NEAR_MISS)
def test_near_miss(text, known):
    assert block(text, document(*known)) == []


def test_every_crmsh_code_is_tested_both_ways():
    produced = {code for _, _, _, code in MUST}
    wanted = {check.code for check in catalogue.CHECKS
              if check.family == 'crmsh' and not check.external}
    assert produced == wanted


def test_catalogue_examples():
    for check in catalogue.CHECKS:
        if check.family != 'crmsh' or check.external:
            continue
        known = ('vip', 'haproxy')
        wrong = [code for _, code in codes(block(check.wrong,
                                                 document(*known)))]
        right = [code for _, code in codes(block(check.right,
                                                 document(*known)))]
        assert check.code in wrong, check
        assert right == [], (check, right)


def test_seed_guide_keystone_clone():
    text = ('clone p_keystone ocf:openstack:keystone \\\n'
            'params config="/etc/keystone/keystone.conf" '
            'os_password="secretsecret" os_username="admin" \\\n'
            'op monitor interval="30s" timeout="30s"\n')
    [finding] = block(text)
    assert finding.code == 'CRM005'
    assert 'primitive p_keystone ocf:openstack:keystone' in finding.message
    assert 'clone cl_keystone p_keystone' in finding.message


def test_lsb_haproxy_is_not_an_error():
    assert block('primitive haproxy lsb:haproxy op monitor interval="1s"') \
        == []


def test_definitions_flow_to_later_blocks_and_commands():
    doc = DocumentContext()
    assert block('primitive vip ocf:heartbeat:IPaddr2\n'
                 'primitive p_api systemd:api\n'
                 'group g_api p_api\n'
                 'clone cl_api g_api\n'
                 'rsc_template tpl systemd:x\n'
                 'tag t1 vip\n'
                 'order o1 Mandatory: vip cl_api\n', doc) == []
    for name, kind in (('vip', 'primitive'), ('p_api', 'primitive'),
                       ('g_api', 'group'), ('cl_api', 'clone'),
                       ('tpl', 'rsc_template'), ('t1', 'tag')):
        assert doc.resources[name] == kind
    assert not doc.knows('o1')      # a constraint is no resource
    assert block('colocation c1 inf: cl_api vip', doc) == []
    assert codes(block('colocation c2 inf: o1 vip', doc)) == [(1, 'CRM003')]
    # pcs commands later on the page see crmsh resources, and the reverse
    assert console('# pcs constraint colocation add cl_api with vip', doc) \
        == []
    console('# pcs resource create lb systemd:haproxy clone', doc)
    assert block('order o2 Optional: vip lb-clone', doc) == []


def test_duplicates_across_blocks_but_not_against_pcs():
    doc = DocumentContext()
    # the same resource made the pcs way and the crmsh way: no CRM007
    console('# pcs resource create vip ocf:heartbeat:IPaddr2', doc)
    assert block('primitive vip ocf:heartbeat:IPaddr2', doc) == []
    found = block('primitive vip systemd:x', doc)
    assert codes(found) == [(1, 'CRM007')]
    assert 'earlier in this document' in found[0].message


def test_continuation_lines_and_line_numbers():
    text = ('# comment\n'
            '\n'
            'primitive vip ocf:heartbeat:IPaddr2 \\\n'
            '  params ip=10.0.0.11 \\\n'
            '  op monitor interval=30s\n'
            'clone cl_x \\\n'
            '  systemd:x\n'
            'order o1 vip cl_x\n')
    assert codes(block(text)) == [(6, 'CRM005'), (8, 'CRM002')]


# -- crm console commands -----------------------------------------------------

CONSOLE_OK = '''\
$ crm cib new conf-haproxy
$ crm configure primitive vip ocf:heartbeat:IPaddr2 \\
  params ip=10.0.0.11 cidr_netmask=24 op monitor interval=30s
$ crm configure primitive haproxy lsb:haproxy op monitor interval="1s"
$ crm configure clone haproxy-clone haproxy
$ crm configure colocation vip-with-haproxy inf: vip haproxy-clone
$ crm configure order haproxy-after-vip mandatory: vip haproxy-clone
$ crm cib commit conf-haproxy
$ crm configure property stonith-enabled=false
$ crm configure rsc_defaults resource-stickiness=100
$ crm configure show
$ crm configure
$ crm status
$ crm resource cleanup vip
$ crm node standby controller1
$ crm -F configure commit
$ crm cfg show
$ crm conf sh
$ crm ra info ocf:heartbeat:IPaddr2
$ crm cluster start
'''


def test_console_sequence_has_no_finding():
    assert console(CONSOLE_OK) == []


# (console text, resources already known, line, code)
CONSOLE_MUST = [
    ('$ crm confgure show', (), 1, 'CRM001'),
    ('$ crm configure primitve x ocf:heartbeat:Dummy', (), 1, 'CRM001'),
    ('$ crm configure frobnicate', (), 1, 'CRM001'),
    ('$ crm cib neww x', (), 1, 'CRM001'),
    ('$ crm --frobnicate status', (), 1, 'CRM001'),
    ('$ crm configure order o1 vip haproxy', ('vip', 'haproxy'), 1,
     'CRM002'),
    ('$ crm status\n$ crm configure colocation c1 inf: vip haproxy-clone',
     ('vip',), 2, 'CRM003'),
    ('$ crm configure primitive vip ocf:IPaddr2', (), 1, 'CRM004'),
    ('$ crm configure clone cl_api systemd:api', (), 1, 'CRM005'),
    ('$ crm configure primitive vip', (), 1, 'CRM006'),
    ('$ crm configure primitive vip IPaddr2\n'
     '$ crm configure primitive vip IPaddr2', (), 2, 'CRM007'),
    ('$ crm configure ms ms_db p_db', ('p_db',), 1, 'CRM008'),
    # crmsh warns that every alias is deprecated
    ('$ crm resource show', (), 1, 'CRM008'),
    ('$ crm resource migrate vip node2', ('vip',), 1, 'CRM008'),
    ('$ crm configure collocation c1 inf: vip haproxy', ('vip', 'haproxy'),
     1, 'CRM008'),
    ('$ crm configure resource p1 ocf:heartbeat:Dummy', (), 1, 'CRM008'),
    ('$ crm configure exit', (), 1, 'CRM008'),
    # crm: "No such command"
    ('$ crm up', (), 1, 'CRM001'),
    ('$ crm configure acl_group g1 r1', (), 1, 'CRM001'),
]


def test_alias_message_names_the_command():
    [finding] = console('$ crm configure collocation c1 inf: vip haproxy',
                        document('vip', 'haproxy'))
    assert '`colocation`' in finding.message
    [finding] = console('$ crm configure resource p1 ocf:heartbeat:IPaddr')
    assert '`primitive`' in finding.message


@pytest.mark.parametrize('text, known, line, code', CONSOLE_MUST)
def test_console_produces(text, known, line, code):
    found = console(text, document(*known))
    assert (line, code) in codes(found), found


@pytest.mark.parametrize('text', [
    '$ crm', '$ crm configure', '$ crm help', '$ crm -h', '$ crm --version',
    '$ crm configure show vip', '$ crm configure edit', '$ crm st',
    '$ crm rsc status', '$ crm configure load update /tmp/crm.txt',
    '$ crm -f /tmp/crm.txt', '$ crm resource status',
    '$ crm configure colocation c1 inf: vip haproxy',
    # crmsh 5.0 levels, by hand
    '$ crm sbd status', '$ crm corosync link show',
])
def test_console_near_miss(text):
    assert console(text, document('vip', 'haproxy')) == []


def test_tables():
    assert set(elements.SPECS) == set(tooldata.crmsh_elements())
    assert 'configure' in crm_commands.TOP.entries
    configure = crm_commands.TOP.entries['configure'].level
    # crm has no `configure fencing-topology` nor `configure acl_group`
    # command ("No such command"), though a block may hold both elements
    for element in set(elements.SPECS) - {'fencing-topology', 'acl_group'}:
        assert element in configure.entries, element
    assert 'acl_group' not in configure.entries


def test_a_fuzzy_alias_is_the_command_crm_runs():
    # crm: '"mast" is accepted as "ms"', and parses the element as ms
    [removed, short] = console('$ crm configure mast')
    assert removed.code == 'CRM008' and '`ms`' in removed.message
    assert short.message.startswith('ms needs')


# -- the specs ----------------------------------------------------------------

@pytest.mark.parametrize('name', sorted(elements.SPECS))
def test_each_element_takes_the_arguments_crm_parses(name):
    """Fewer arguments than crmsh's parser takes is CRM006, in a block and
    as a crm configure command; as many, with ids, is not."""
    least = tooldata.crmsh_elements()[name]['min_args'] or 0
    assert elements.SPECS[name].min_args == least
    if least == 0:
        return
    short = ' '.join([name, *['x1', 'x2', 'x3'][:least - 1]])
    assert 'CRM006' in [f.code for f in block(short)], short
    configure = crm_commands.TOP.entries['configure'].level
    if name in configure.entries:
        argv = ('crm', 'configure', *short.split())
        found = crmsh.check_command(Command(1, short, argv),
                                    DocumentContext())
        assert 'CRM006' in [f.code for f in found], argv


def test_every_resource_kind_is_recorded_for_constraints():
    kinds = {'primitive', 'group', 'clone', 'ms', 'rsc_template', 'bundle',
             'tag'}
    assert kinds == elements.RESOURCE_KINDS
    doc = DocumentContext()
    block('primitive p ocf:heartbeat:Dummy\nmaster m p', doc)
    assert doc.resources['m'] == 'ms'


def test_the_levels_are_crms_and_the_added_ones():
    for path, facts in tooldata.crmsh_levels().items():
        level = crm_commands.TOP
        for word in path:
            level = level.entries[word].level
        assert set(facts['commands']) | set(facts['sublevels']) <= \
            set(level.entries), path
    for path in crm_commands.ADDED_LEVELS:
        assert path not in tooldata.crmsh_levels()
    navigation = {'cd', 'help', 'ls', 'quit', 'up', 'end', 'back', 'bye',
                  'exit', '?'}
    assert navigation <= crm_commands.NAVIGATION


# -- words --------------------------------------------------------------------

@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=' ab=:"\'\\\t\r\n\x0b\x0c\x1c\xa0\u2003é',
               max_size=30))
def test_a_block_is_split_as_crm_and_console_commands_are(text):
    words = reading.words(text)
    assert words == split(text)[0]
    with contextlib.suppress(ValueError):   # crm refuses an unclosed quote
        assert words == shlex.split(text)


@pytest.mark.parametrize('text', [
    'a "b c" d', 'a "" b', "a 'b' c", 'a "b\\c"', 'a\xa0b', 'a\tb',
    'ip="10.0.0.11" x=\'y\'', 'a\x0bb',
])
def test_the_shortcuts_split_as_shlex_does(text):
    assert reading.words(text) == shlex.split(text)


def test_a_quoted_value_reads_the_same_in_a_block_and_a_command():
    text = 'primitive vip ocf:heartbeat:IPaddr2 params ip="10.0.0.11" \\\n' \
           '  description="the VIP" op monitor interval=30s'
    [(_, words)] = element_words(text)
    command = next(commands('$ crm configure ' + text))
    assert list(command.argv[2:]) == words


# -- crm itself ---------------------------------------------------------------

_CRM_TAKES = """
import json, sys
from crmsh import command, ui_root
found = []
with open(sys.argv[1], encoding='utf-8') as stream:
    argvs = json.load(stream)
for argv in argvs:
    children, taken = ui_root.Root._children, []
    for word in argv:
        info = command.fuzzy_get(children, word)
        if not info:
            taken.append('no such command')
            break
        if word in info.aliases and word not in ('-h', '--help'):
            taken.append('deprecated')
        if info.type != 'level':
            break
        children = info.level._children
    found.append(taken)
print(json.dumps(found))
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which('crm', path='/usr/sbin:/usr/bin') is None,
                    reason='crm not installed (bindep.txt: crmsh)')
def test_crm_takes_each_word_as_the_checker_does(tmp_path):
    """crm's own command tree (its fuzzy_get; nothing runs) refuses or
    warns about the words the checker reports, outside the levels added
    by hand for crmsh 5.0."""
    words = set()
    level_names = ['configure', 'resource', 'node', 'cib', 'cluster',
                   'history', 'ra', 'options']
    for level in [crm_commands.TOP] + [crm_commands.TOP.entries[name].level
                                       for name in level_names]:
        for name in level.entries:
            words.add(name)
            # crm reads a word as a regular expression: no "?" in a guess
            if name.replace('_', '').replace('-', '').isalnum():
                words.update([name[:2], name[:-1], name + 'x',
                              name[0] + name[2:]])
    words = sorted(word for word in words if word and word[0] != '-')
    argvs = [[word] for word in words] + [[name, word] for name in
                                         level_names for word in words]
    argvs = [argv for argv in argvs if argv[0] not in ('sbd', 'sb', 'sd')]
    (tmp_path / 'argvs.json').write_text(json.dumps(argvs))
    (tmp_path / 'takes.py').write_text(_CRM_TAKES)
    taken = generate.run_json([generate.interpreter('crm'), '-I',
                               str(tmp_path / 'takes.py'),
                               str(tmp_path / 'argvs.json')])
    for argv, crm_says in zip(argvs, taken, strict=True):
        found = crmsh.check_command(Command(1, '', ('crm', *argv)),
                                    DocumentContext())
        said = [f.code for f in found if f.message.startswith(
            ('`crm', 'crm warns'))]
        wanted = [{'no such command': 'CRM001', 'deprecated': 'CRM008'}[
            event] for event in crm_says]
        assert said == wanted, (argv, crm_says, found)


# -- robustness and speed -----------------------------------------------------

LINE_WORDS = st.sampled_from([
    'primitive', 'group', 'clone', 'ms', 'order', 'colocation', 'location',
    'rsc_ticket', 'tag', 'property', 'node', 'monitor', 'bundle', 'xml',
    'alert', 'user', 'role', 'vip', 'p_api', 'ocf:heartbeat:IPaddr2', 'ocf:',
    ':', 'inf:', '-inf:', 'Mandatory:', 'kind:', '(', ')', '[', ']', '{', '}',
    '/x/', 'rule', 'params', 'meta', 'op', 'a=1', '"', "'", '\\', '#',
    '<a b>', 'X_Y', 'primitive', '\t', '\x00', 'é', 'crm',
])
TEXT = st.lists(st.one_of(LINE_WORDS, st.text(max_size=10)),
                max_size=40).map(' '.join)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(TEXT, st.just('\\'), st.text(max_size=30)),
                max_size=8).map('\n'.join))
def test_random_blocks_give_only_findings(text):
    doc = DocumentContext()
    checker = Block(doc)
    for line, tokens in element_words(text):
        checker.element(line, tokens)
    found = checker.finish()
    assert all(isinstance(finding, Finding) for finding in found)
    lines = text.count('\n') + 1
    assert all(1 <= finding.line <= lines for finding in found)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_random_text_gives_only_findings(text):
    found = crmsh.check(Snippet('crmsh', text), DocumentContext())
    assert all(isinstance(finding, Finding) for finding in found)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINE_WORDS, st.sampled_from(
    ['configure', 'cib', 'resource', 'status', '-F', '-f', '--cib', 'new',
     'cfg', 'node', 'corosync', 'link']), st.text(max_size=8)), max_size=15))
def test_random_commands_give_only_findings(args):
    command = Command(2, ' '.join(args), tuple(['crm', *args]))
    found = crmsh.check_command(command, document('vip'))
    assert all(isinstance(finding, Finding) and finding.line == 2
               for finding in found)


def test_a_bug_is_reported_at_the_command(monkeypatch):
    real = engine.PROGRAMS['crm']

    def buggy(command, document):
        if 'bug' in command.argv:
            raise RuntimeError('bug')
        return real(command, document)

    monkeypatch.setitem(engine.PROGRAMS, 'crm', buggy)
    found = engine.check_snippet(
        Snippet('console', '# crm configure primitve x y\n'
                '# crm configure primitive bug ocf:heartbeat:Dummy'),
        DocumentContext())
    assert [(f.line, f.code) for f in found] == [(1, 'CRM001'),
                                                 (2, 'SC000')]
    assert crmsh.check(Snippet('crmsh', 'primitive vip IPaddr2'), None) == []


def _elapsed(function, repeat):
    # CPU time of this process: what the machine's other load does not
    # change, unlike the wall clock
    start = time.process_time()
    for _ in range(repeat):
        function()
    return (time.process_time() - start) / repeat


def test_long_block_is_linear():
    unit = ('primitive p{0} ocf:heartbeat:Dummy params a="b c" \\\n'
            '  op monitor interval=10s\n'
            'order o{0} Mandatory: p{0} q{0}\n'
            'group g{0} p{0} r{0}\n')
    small = ''.join(unit.format(index) for index in range(200))
    large = ''.join(unit.format(index) for index in range(1600))
    once = _elapsed(lambda: block(small), 3)
    eight = _elapsed(lambda: block(large), 3)
    assert eight < once * 8 * 3 + 0.01
