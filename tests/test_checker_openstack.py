"""Tests of the openstack checker (tools/snippetcheck/checkers/openstack)
and of finding the openstack commands of a console line
(tools/snippetcheck/openstack/invocations.py)."""

import argparse
import pathlib
import time

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from snippetcheck import blocks
from snippetcheck import catalogue
from snippetcheck import cli
from snippetcheck import console
from snippetcheck import engine
from snippetcheck import openstack as osc_data
from snippetcheck import rstread
from snippetcheck.checkers import openstack
from snippetcheck.checkers.openstack.check import CommandCheck
from snippetcheck.checkers.openstack.tables import CommandData
from snippetcheck.console import Command
from snippetcheck.context import DocumentContext
from snippetcheck.context import Snippet
from snippetcheck.findings import Finding
from snippetcheck.openstack.invocations import Word
from snippetcheck.openstack.invocations import invocations

ROOT = pathlib.Path(__file__).resolve().parent.parent


def codes(text):
    """(line, code) of every finding of console block *text*."""
    return [(finding.line, finding.code) for finding in
            engine.check_snippet(Snippet('console', text),
                                 DocumentContext())]


def messages(text):
    return [finding.message for finding in
            engine.check_snippet(Snippet('console', text),
                                 DocumentContext())]


# -- one input that must produce each code, and a near miss that must not ----

MUST = [
    # OSC001 unknown command
    ('$ openstack netwrk agent list', 1, 'OSC001'),
    ('$ openstack endpoint craete --region RegionOne identity public '
     'http://PUBLIC_VIP:5000/v3', 1, 'OSC001'),
    ('$ openstack token issue\n$ openstack compute servce list', 2,
     'OSC001'),
    ('$ openstack serv li', 1, 'OSC001'),          # server or service?
    ('$ openstack loadbalancer list', 1, 'OSC001'),  # plugin not covered
    ('$ openstack openstack server list', 1, 'OSC001'),
    ('$ openstack servr $ID', 1, 'OSC001'),
    ('$ openstack -- server list', 1, 'OSC001'),
    ('$ openstack user role list', 1, 'OSC001'),   # gone from identity v3
    # OSC002 unknown or ambiguous option
    ('$ openstack endpoint list --servce identity', 1, 'OSC002'),
    ('$ openstack endpoint create --regoin RegionOne identity public '
     'http://PUBLIC_VIP:5000/v3', 1, 'OSC002'),
    ('$ openstack --os-clod prod server list', 1, 'OSC002'),
    ('$ openstack server list --n', 1, 'OSC002'),  # --name or --node?
    ('$ openstack endpoint create --publicurl http://x identity', 1,
     'OSC002'),                                     # identity v2 only
    # OSC003 a value missing or not taken
    ('$ openstack endpoint list --service', 1, 'OSC003'),
    ('$ openstack endpoint list --service --long', 1, 'OSC003'),
    ('$ openstack --os-cloud', 1, 'OSC003'),
    ('$ openstack server list --long=yes', 1, 'OSC003'),
    ('$ openstack server list -vx', 1, 'OSC003'),
    ('$ openstack endpoint list --service -- identity', 1, 'OSC003'),
    # the global parser takes --l wherever it stands, as --log-file
    ('$ openstack server list --l', 1, 'OSC003'),
    # OSC004 required argument or option missing
    ('$ openstack endpoint create --region RegionOne identity internal', 1,
     'OSC004'),
    ('$ openstack server create vm1', 1, 'OSC004'),
    ('$ openstack quota list', 1, 'OSC004'),
    ('$ openstack router create', 1, 'OSC004'),
    ('$ openstack stack create --template', 1, 'OSC004'),
    # OSC005 too many positional arguments
    ('$ openstack volume service list cinder-volume', 1, 'OSC005'),
    ('$ openstack router create router 1', 1, 'OSC005'),
    ('$ openstack server list -- extra', 1, 'OSC005'),
    # OSC006 not a choice
    ('$ openstack endpoint create --region RegionOne identity private '
     'http://10.0.0.11:5000/v3', 1, 'OSC006'),
    ('$ openstack network agent list --agent-type L3', 1, 'OSC006'),
    ('$ openstack token issue -f xml', 1, 'OSC006'),
    ('$ openstack security group rule create --ethertype IPv7 default', 1,
     'OSC006'),
    # OSC007 value of the wrong form
    ('$ openstack volume create --size 10G data', 1, 'OSC007'),
    ('$ openstack volume create --size 1 --property ssd data', 1,
     'OSC007'),
    ('$ openstack network agent list --limit -1', 1, 'OSC007'),
    ('$ openstack subnet create --network n --subnet-range 10.0.0.0/24 '
     '--allocation-pool start=10.0.0.10 s', 1, 'OSC007'),
    ('$ openstack subnet create --network n --subnet-range 10.0.0.0/24 '
     '--allocation-pool start=10.0.0.10,ende=10.0.0.20 s', 1, 'OSC007'),
    ('$ openstack server list --max-width wide', 1, 'OSC007'),
    # OSC008 options that exclude each other
    ('$ openstack network agent list --network NETWORK --router ROUTER', 1,
     'OSC008'),
    ('$ openstack endpoint create --enable --disable identity public '
     'http://PUBLIC_VIP:5000/v3', 1, 'OSC008'),
    ('$ openstack --verify --insecure server list', 1, 'OSC008'),
    ('$ openstack server list -vq', 1, 'OSC008'),
    ('$ openstack block storage snapshot manageable list host1 --cluster c',
     1, 'OSC008'),                                  # a positional, too
    # OSC009 abbreviations
    ('$ openstack net agent list', 1, 'OSC009'),
    ('$ openstack endpoint list --serv identity', 1, 'OSC009'),
    ('$ openstack --os-clo prod server list', 1, 'OSC009'),
]

NEAR_MISS = [
    # the guide's own forms
    '$ openstack endpoint create --region $KEYSTONE_REGION \\\n'
    '  identity public http://PUBLIC_VIP:5000/v3',
    '$ openstack endpoint create --region RegionOne \\\n'
    '  volumev3 internal http://10.0.0.11:8776/v3',
    '$ openstack endpoint set --url https://PUBLIC_VIP:5000/v3 '
    'PUBLIC_ENDPOINT_ID',
    '$ openstack network agent list --network NETWORK',
    '$ openstack router create --ha router1',
    '$ openstack share service list --binary manila-scheduler',
    '$ openstack volume service list --service cinder-volume',
    '$ TOKEN=$(openstack token issue -f value -c id)',
    '$ while sleep 1; do openstack token issue -f value -c expires '
    '>/dev/null && echo ok || echo FAILED; done',
    # global options anywhere, --os-*-api-version, help
    '$ openstack --os-cloud prod server list --long',
    '$ openstack server list --os-cloud=prod --debug',
    '$ openstack --os-identity-api-version 2 endpoint create '
    '--publicurl http://x --region R identity',
    '$ openstack --help',
    '$ openstack',
    '$ openstack server create --help',
    '$ openstack help server create',
    # argparse forms
    '$ openstack server list -fvalue -cID',
    '$ openstack server list --format=json',
    '$ openstack server list -v -v',
    '$ openstack server list -vv',
    '$ openstack server ssh vm -- -A',
    # placeholders and the shell
    '$ openstack endpoint create --region RegionOne identity <Interface> '
    '<Identity URL>',
    '$ openstack endpoint create --region RegionOne identity INTERFACE '
    'http://<Virtual IP>:5000/v3',
    '$ openstack volume create --size SIZE --property KEY=VALUE data',
    '$ openstack volume create --size $SIZE data',
    '$ openstack server show $ID',
    '$ openstack server show "$ID"',
    '$ openstack endpoint create $ENDPOINT_ARGS',
    '$ openstack $RESOURCE list',
    '$ openstack server list $OPTIONS',
    '$ sudo -E openstack server list | grep ACTIVE',
    '$ OS_CLOUD=prod openstack server list 2>/dev/null',
    '$ openstack server list # all of them',
    # choices that ignore case
    '$ openstack block storage log level set --service cinder-volume debug',
    '$ openstack security group rule create --ethertype ipv6 default',
    # not openstack
    '# pcs cluster setup openstack controller1 controller2',
    '# rabbitmqctl add_user openstack RABBIT_PASS',
    '$ ssh controller1 openstack server list --bogus',
    "$ echo 'openstack servr list'",
    # exact option names that are also prefixes, and -4 as an option
    '$ openstack server ssh -4 vm',
    '$ openstack network create --provider-network-type vlan '
    '--provider-segment 100 net1',
]


@pytest.mark.parametrize('text, line, code', MUST)
def test_must_fire(text, line, code):
    assert (line, code) in codes(text), messages(text)


@pytest.mark.parametrize('text', NEAR_MISS)
def test_near_miss(text):
    assert codes(text) == [], messages(text)


def test_every_code_is_produced_and_in_the_catalogue():
    produced = {code for _text, _line, code in MUST}
    wanted = {check.code for check in catalogue.CHECKS
              if check.family == 'openstack'}
    assert produced == wanted
    for text, _line, _code in MUST:
        for _l, code in codes(text):
            assert code in catalogue.BY_CODE


def test_catalogue_examples():
    """Each catalogue example: the wrong form has its code, the right has
    no finding at all."""
    for check in catalogue.CHECKS:
        if check.family != 'openstack':
            continue
        assert check.code in [code for _l, code in codes(check.wrong)], check
        assert codes(check.right) == [], check


def test_messages_say_what_to_write():
    assert messages('$ openstack netwrk agent list') == [
        '"openstack netwrk agent list" is not a command of '
        'python-openstackclient 10.3.1 (with the orchestration, placement '
        'and share plugins); did you mean "openstack network agent list"?']
    assert messages('$ openstack endpoint list --servce identity') == [
        '"openstack endpoint list" has no option "--servce"; did you mean '
        '"--service"?']
    assert messages('$ openstack endpoint list --service') == [
        '--service of "openstack endpoint list" needs a value; write '
        '"--service <service>"']
    assert messages('$ openstack endpoint create identity public') == [
        '"openstack endpoint create" is missing <url>; write "openstack '
        'endpoint create [options] <service> <interface> <url>"']
    assert messages('$ openstack endpoint create identity publik '
                    'http://x') == [
        '"publik" is not a choice of <interface> of "openstack endpoint '
        'create" (admin, public, internal); did you mean "public"?']
    for text, _line, _code in MUST:
        for message in messages(text):
            assert '\n' not in message and message


def test_findings_stand_at_the_prompt_line():
    text = ('$ openstack token issue\n'
            'output line\n'
            '$ openstack endpoint create --region RegionOne \\\n'
            '  identity publik http://PUBLIC_VIP:5000/v3\n')
    assert codes(text) == [(3, 'OSC006')]


def test_every_command_of_the_guide_is_judged():
    """Every openstack command in doc/source resolves to a command of the
    data and has no finding."""
    rstread.register()
    known = blocks.known_directives()
    judged = []
    for path in cli.rst_files([ROOT / 'doc' / 'source']):
        found, _reports = cli.read_file(path, known)
        for snippet in found:
            if snippet.language not in engine.CHECKERS or \
                    engine.CHECKERS[snippet.language] is not \
                    engine.CHECKERS['console']:
                continue
            for command in console.commands(snippet.text):
                if command.program in ('pcs', 'crm'):
                    continue
                for words in invocations(command.text, 'openstack') or ():
                    check = CommandCheck(words)
                    findings = check.run()
                    where = f'{path}:{snippet.line + command.line - 1}'
                    assert check.name, where
                    assert findings == [], (where, findings)
                    judged.append(check.name)
    assert len(judged) >= 30
    assert 'openstack endpoint create' in judged


def test_readings_that_depend_on_the_python_version_are_not_reported():
    """argparse up to Python 3.13 rejects these; a later one may not."""
    assert codes('$ openstack server list --long --') == []
    assert codes('$ openstack server ssh vm -l root -- -A') == []


# -- the shell around the command --------------------------------------------

def _texts(text):
    return [[str(word) for word in words]
            for words in invocations(text, 'openstack')]


def test_invocations_in_compound_commands():
    assert _texts('while sleep 1; do openstack token issue -f value '
                  '>/dev/null && echo ok || echo FAILED; done') == [
        ['token', 'issue', '-f', 'value']]
    assert _texts('TOKEN=$(openstack token issue -f value -c id)') == [
        ['token', 'issue', '-f', 'value', '-c', 'id']]
    assert _texts('echo "$(openstack server list)" `openstack image list`'
                  ) == [['server', 'list'], ['image', 'list']]
    assert _texts('openstack server list | openstack server show x') == [
        ['server', 'list'], ['server', 'show', 'x']]
    assert _texts('(cd /tmp; openstack server list)') == [['server', 'list']]
    assert _texts('if openstack server show x; then echo y; fi') == [
        ['server', 'show', 'x']]
    assert _texts('sudo -u stack env OS_CLOUD=x nice -n 5 openstack '
                  'server list') == [['server', 'list']]
    assert _texts('/usr/bin/openstack server list') == [['server', 'list']]


def test_invocations_leave_out_what_is_not_an_argument():
    assert _texts('openstack server list > out.txt 2>&1 < /dev/null') == [
        ['server', 'list']]
    assert _texts('openstack server list 2> err # a comment') == [
        ['server', 'list']]
    assert _texts('openstack endpoint create identity public '
                  'http://<Virtual IP>:5000/v3') == [
        ['endpoint', 'create', 'identity', 'public',
         'http://<Virtual IP>:5000/v3']]
    assert _texts("openstack server create --description 'a b' \"c d\" "
                  'e\\ f') == [['server', 'create', '--description', 'a b',
                               'c d', 'e f']]


def test_invocations_that_are_not_openstack():
    for text in ('pcs cluster setup openstack', 'echo openstack server list',
                 'for x in openstack; do echo $x; done',
                 'ssh host openstack server list', '$OSC server list',
                 'case x in openstack) ;; esac'):
        assert _texts(text) == [], text
    assert invocations("openstack server show 'x", 'openstack') is None


def test_expansions_are_marked():
    [words] = invocations('openstack a $X "$Y" pre$Z "${W}"x', 'openstack')
    assert words[0] == Word('a')
    assert words[1].dynamic and words[1].loose and words[1].leading
    assert words[2].dynamic and not words[2].loose and words[2].leading
    assert words[3].dynamic and words[3].loose and not words[3].leading
    assert words[3].text == 'pre$Z'
    assert words[4].dynamic and not words[4].loose


# -- the reading of arguments against argparse --------------------------------

def _argparse_parser(spec, data):
    """A real argparse parser with the options, choices and forms of
    *spec*, as the checker reads them."""
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False,
                                     prog='x')

    def error(message):
        raise argparse.ArgumentError(None, message)
    parser.error = error
    options = list(spec['o'])
    groups = list(spec.get('x', ()))
    if 'f' in spec:
        options = data['formatters'][spec['f']]['o'] + options
        groups = data['formatters'][spec['f']].get('x', []) + groups
    members = {member: required for required, group in groups
               for member in group}
    containers = {}
    for required, group in groups:
        container = parser.add_mutually_exclusive_group(required=required)
        for member in group:
            containers[member] = container
    for option in options:
        target = containers.get(option['s'][0], parser)
        kwargs = _kwargs(option)
        if option.get('r') and option['s'][0] not in members:
            kwargs['required'] = True
        target.add_argument(*option['s'], **kwargs)
    for positional in spec['p']:
        kwargs = _kwargs(positional)
        parser.add_argument(positional['m'].strip('<>').replace('-', '_')
                            or 'p', **kwargs)
    return parser


def _kwargs(spec):
    nargs = spec.get('n')
    if nargs == 0:
        return {'action': 'store_true'}
    kwargs = {}
    if nargs is not None:
        kwargs['nargs'] = nargs
    form = spec.get('t')
    kinds = {'int': int, 'float': float, 'uint': _non_negative,
             'kv': _key_value}
    if form in kinds:
        kwargs['type'] = kinds[form]
    if 'c' in spec:
        choices = spec['c']
        if spec.get('i'):
            kwargs['type'] = lambda text, choices=choices: next(
                (c for c in choices if c.lower() == text.lower()), text)
        elif form == 'int':
            kwargs['type'] = str
        kwargs['choices'] = choices
    return kwargs


def _non_negative(text):
    if int(text) < 0:
        raise ValueError(text)
    return text


def _key_value(text):
    if '=' not in text or not text.split('=', 1)[0]:
        raise ValueError(text)
    return text


def _simple_commands():
    """Commands whose arguments argparse reads the same on every Python:
    their positional arguments take one value each (no "--" is
    generated either: what argparse does with it has changed)."""
    data = osc_data.load()
    names = []
    for name, spec in sorted(data['commands'].items()):
        forms = {option.get('t') for option in spec['o'] + spec['p']}
        if spec.get('neg') or forms & {'mkv', 'mkvc'} or any(
                'n' in positional for positional in spec['p']):
            continue
        names.append(name)
    return names


SIMPLE = _simple_commands()


@st.composite
def _command_lines(draw):
    data = osc_data.load()
    name = draw(st.sampled_from(SIMPLE))
    spec = data['commands'][name]
    options = list(spec['o'])
    if 'f' in spec:
        options = data['formatters'][spec['f']]['o'] + options
    words = []
    for option in draw(st.lists(st.sampled_from(options), max_size=4)
                       if options else st.just([])):
        words.append(draw(st.sampled_from(option['s'])))
        if option.get('n') == 0:
            continue
        values = ['val', '5', '-1', 'a=b', 'x y']
        values += option.get('c', [])
        words.append(draw(st.sampled_from(values)))
    words += draw(st.lists(st.sampled_from(
        ['--bogus', 'POS', 'pos', '-x']), max_size=2))
    words += ['pos'] * draw(st.integers(0, len(spec['p']) + 1))
    return name, words


@settings(max_examples=400, deadline=None)
@given(_command_lines())
def test_the_reading_agrees_with_argparse(line):
    """For commands that need no Python-specific positional matching,
    the checker finds a problem exactly when argparse rejects the words."""
    name, words = line
    data = osc_data.load()
    parser = _argparse_parser(data['commands'][name], data)
    try:
        parser.parse_args(words)
        accepted = True
    except (argparse.ArgumentError, ValueError, TypeError):
        accepted = False
    found = [code for code, _message in openstack.check_words(
        name.split() + words) if code != 'OSC009']
    if 'POS' in words or any(' ' in word for word in words):
        return   # a placeholder, or a value argparse reads differently
    if any(word in ('-x', '--bogus') for word in words) and accepted:
        return   # taken by the global parser, which this one is not
    assert (found == []) == accepted, (name, words, found)


# -- robustness and speed ----------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_only_findings(text):
    for finding in openstack.check_command(
            Command(2, 'openstack ' + text, ()), DocumentContext()):
        assert isinstance(finding, Finding)
        assert finding.line == 2
        assert finding.code in catalogue.BY_CODE


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ['server', 'list', 'create', 'endpoint', '--long', '-f', 'value',
     '--', '-', '$X', '<a b>', 'A_B', '--os-cloud', 'x=y', '-vq', '=',
     '--help', 'help', '--name=', '-c']), max_size=12))
def test_any_words_give_only_findings(words):
    for code, message in openstack.check_words(words):
        assert code in catalogue.BY_CODE and message


def test_the_data_loads_once():
    osc_data.load.cache_clear()
    CommandData._instance = None
    codes('$ openstack server list')
    codes('$ openstack token issue')
    assert osc_data.load.cache_info().misses == 1


def _elapsed(function, repeat):
    # CPU time of this process: what the machine's other load does not
    # change, unlike the wall clock
    start = time.process_time()
    for _ in range(repeat):
        function()
    return (time.process_time() - start) / repeat


def test_checking_a_command_takes_microseconds():
    command = Command(1, 'openstack endpoint create --region '
                      '$KEYSTONE_REGION identity public '
                      'http://PUBLIC_VIP:5000/v3', ())
    document = DocumentContext()
    openstack.check_command(command, document)
    each = _elapsed(lambda: openstack.check_command(command, document), 200)
    assert each < 0.002, each


def test_long_input_is_linear():
    small = 'openstack server list ' + ' '.join(
        ['--long', 'x', '-f', 'value', '$V', '<a b>', '--bad'] * 200)
    large = 'openstack server list ' + ' '.join(
        ['--long', 'x', '-f', 'value', '$V', '<a b>', '--bad'] * 1600)
    document = DocumentContext()
    once = _elapsed(lambda: openstack.check_command(
        Command(1, small, ()), document), 3)
    eight = _elapsed(lambda: openstack.check_command(
        Command(1, large, ()), document), 3)
    assert eight < once * 8 * 3 + 0.01
