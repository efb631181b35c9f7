"""The haproxy.cfg checker: parser, every HAP code, and robustness."""

import string
import timeit

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from snippetcheck import catalogue
from snippetcheck.checkers import haproxy
from snippetcheck.checkers.haproxy import specs as kw
from snippetcheck.context import DocumentContext
from snippetcheck.context import Snippet
from snippetcheck.findings import Finding


def check(text):
    return haproxy.check(Snippet('haproxy', text), DocumentContext())


def codes(text):
    return [(finding.line, finding.code) for finding in check(text)]


# The configuration of the guide's HAProxy page, with its placeholders.
OPENSTACK_CFG = """\
global
  chroot  /var/lib/haproxy
  daemon
  group  haproxy
  maxconn  4000
  pidfile  /var/run/haproxy.pid
  user  haproxy
  log /dev/log local0
  stats socket /var/lib/haproxy/stats mode 600 level admin
  stats timeout 30s

defaults
  log  global
  mode  tcp
  maxconn  4000
  option  redispatch
  retries  3
  timeout  http-request 10s
  timeout  queue 1m
  timeout  connect 10s
  timeout  client 1m
  timeout  server 1m
  timeout  check 10s

listen dashboard_cluster
  bind <Virtual IP>:443
  balance  source
  option  tcpka
  option  httpchk
  option  tcplog
  server controller1 10.0.0.12:443 check inter 2000 rise 2 fall 5
  server controller2 10.0.0.13:443 check inter 2000 rise 2 fall 5
  server controller3 10.0.0.14:443 check inter 2000 rise 2 fall 5

# Galera: one active node, the others as backups
listen galera_cluster
  bind <Virtual IP>:3306
  balance  source
  option  mysql-check
  timeout client 28801s
  timeout server 28801s
  server controller1 10.0.0.12:3306 check port 9200 inter 2s rise 2 fall 5
  server controller2 10.0.0.13:3306 backup check port 9200 inter 2s fall 5
  server controller3 10.0.0.14:3306 backup check port 9200 inter 2s fall 5

listen glance_api_cluster
  bind <Virtual IP>:9292
  balance  source
  option  tcpka
  option  httpchk
  option  tcplog
  server controller1 10.0.0.12:9292 check inter 2000 rise 2 fall 5
  server controller2 10.0.0.13:9292 check inter 2000 rise 2 fall 5
  server controller3 10.0.0.14:9292 check inter 2000 rise 2 fall 5

listen keystone_public_internal_cluster
  bind <Virtual IP>:5000
  balance  source
  option  tcpka
  option  httpchk
  option  tcplog
  server controller1 10.0.0.12:5000 check inter 2000 rise 2 fall 5
  server controller2 10.0.0.13:5000 check inter 2000 rise 2 fall 5
  server controller3 10.0.0.14:5000 check inter 2000 rise 2 fall 5

listen nova_compute_api_cluster
  bind <Virtual IP>:8774
  balance  source
  option  tcpka
  option  httpchk
  option  tcplog
  server controller1 10.0.0.12:8774 check inter 2000 rise 2 fall 5
  server controller2 10.0.0.13:8774 check inter 2000 rise 2 fall 5
  server controller3 10.0.0.14:8774 check inter 2000 rise 2 fall 5

listen neutron_api_cluster
  bind <Virtual IP>:9696
  balance  source
  option  tcpka
  option  httpchk
  option  tcplog
  server controller1 10.0.0.12:9696 check inter 2000 rise 2 fall 5
  server controller2 10.0.0.13:9696 check inter 2000 rise 2 fall 5
  server controller3 10.0.0.14:9696 check inter 2000 rise 2 fall 5

frontend stats
  bind PUBLIC_VIP:8080
  mode http
  default_backend stats_backend

backend stats_backend
  mode http
  stats enable
  stats uri /haproxy?stats
  stats refresh 10s
  stats auth admin:ADMIN_PASS
"""


def test_openstack_configuration_has_no_finding():
    assert check(OPENSTACK_CFG) == []


def test_a_listen_block_alone_is_fine():
    assert check('listen galera\n  bind <Virtual IP>:3306\n'
                 '  server db1 <Controller 1 IP>:3306 check\n') == []


# -- parse -------------------------------------------------------------------

def test_parse_sections_lines_and_words():
    sections = haproxy.parse(
        '# leading comment\n'
        'maxconn 10\n'
        '\n'
        'global\n'
        '    daemon   # trailing comment\n'
        'listen web from base\n'
        '  bind :80\n')
    assert [(s.kind, s.name, s.line) for s in sections] == [
        ('', '', 2), ('global', '', 4), ('listen', 'web', 6)]
    assert [(e.line, e.column, e.words) for e in sections[0].lines] == [
        (2, 0, ('maxconn', '10'))]
    assert sections[1].lines[0].words == ('daemon',)
    assert sections[1].lines[0].column == 4
    assert sections[2].header.words == ('listen', 'web', 'from', 'base')
    assert sections[2].lines[0].line == 7


def test_parse_quoting_and_escaping():
    [section] = haproxy.parse(
        'global\n'
        '  description "two words" \'single $HOME\' a\\ b \\# x\n'
        '  setenv A "x#y" # comment\n'
        '  log-tag "un"closed and\\\\ "a\\"b"\n')
    assert section.lines[0].words == (
        'description', 'two words', 'single $HOME', 'a b', '#', 'x')
    assert section.lines[1].words == ('setenv', 'A', 'x#y')
    assert section.lines[2].words == ('log-tag', 'unclosed', 'and\\', 'a"b')


def test_parse_keeps_unknown_escapes_and_hex():
    [section] = haproxy.parse('frontend f\n  acl a path_reg ^/a\\.b \\x41\n')
    assert section.lines[0].words == ('acl', 'a', 'path_reg', '^/a\\.b', 'A')


def test_parse_defaults_from_has_no_name():
    sections = haproxy.parse('defaults from base\ndefaults base\n')
    assert [s.name for s in sections] == ['', 'base']


# -- one case that must produce each code, and a near miss ------------------

FINDS = [
    # HAP001: unknown section
    ('HAP001', 1, 'listener web\n  bind :80'),
    ('HAP001', 5, 'global\n  daemon\nlisten web\n  bind :80\n'
                  'frontned web2\n  bind :81'),
    # HAP002: unknown keyword
    ('HAP002', 2, 'listen web\n  balanse roundrobin'),
    ('HAP002', 2, 'backend web\n  stats urri /stats'),
    ('HAP002', 2, 'global\n  tune.bufsiz 32768'),
    # HAP003: keyword in the wrong section
    ('HAP003', 2, 'frontend web\n  server s1 10.0.0.1:80'),
    ('HAP003', 2, 'backend web\n  bind :80'),
    ('HAP003', 2, 'backend web\n  default_backend other'),
    ('HAP003', 2, 'global\n  option httpchk'),
    ('HAP003', 2, 'defaults\n  daemon'),
    ('HAP003', 2, 'backend web\n  timeout client 30s'),
    ('HAP003', 2, 'defaults\n  http-request deny'),
    # HAP004: bind without a port
    ('HAP004', 2, 'listen web\n  bind 10.0.0.1'),
    ('HAP004', 2, 'listen web\n  bind <Virtual IP>'),
    ('HAP004', 2, 'frontend web\n  bind :80,10.0.0.1'),
    ('HAP004', 2, 'frontend web\n  bind [::1]'),
    ('HAP004', 2, 'frontend web\n  bind ipv4@10.0.0.1'),
    # HAP005: server without an address
    ('HAP005', 2, 'backend web\n  server s1 check'),
    ('HAP005', 2, 'backend web\n  server s1'),
    ('HAP005', 2, 'backend web\n  server'),
    ('HAP005', 2, 'backend web\n  server-template srv 3 check'),
    # HAP006: bad time value
    ('HAP006', 2, 'defaults\n  timeout client 10x'),
    ('HAP006', 2, 'defaults\n  timeout server 1mm'),
    ('HAP006', 2, 'backend b\n  server s1 10.0.0.1:80 check inter 2x'),
    ('HAP006', 2, 'backend b\n  default-server slowstart 60sec'),
    ('HAP006', 2, 'resolvers dns\n  hold valid 10seconds'),
    ('HAP006', 2, 'global\n  hard-stop-after 1y'),
    ('HAP006', 2, 'backend b\n  stick-table type ip size 1m expire 30mins'),
    # HAP007: two proxies with one name
    ('HAP007', 2, 'listen web\nlisten web'),
    ('HAP007', 3, 'frontend web\n  bind :80\nlisten web'),
    ('HAP007', 2, 'backend app\nbackend app'),
    ('HAP007', 2, 'frontend web\nfrontend web'),
    ('HAP007', 2, 'defaults base\ndefaults base\nbackend b from base'),
    # HAP008: reference to a backend the snippet does not define
    ('HAP008', 2, 'frontend web\n  default_backend app\nbackend ap'),
    ('HAP008', 3, 'frontend web\n  bind :80\n  use_backend api if is_api\n'
                  'listen app\n  bind :81'),
    # HAP009: keyword before any section
    ('HAP009', 1, 'maxconn 4000'),
    ('HAP009', 2, '# global settings\n  daemon\nglobal\n  maxconn 10'),
    # HAP010: unknown option or timeout
    ('HAP010', 2, 'defaults\n  option http-keepalive-on'),
    ('HAP010', 2, 'defaults\n  no option forceclose'),
    ('HAP010', 2, 'defaults\n  timeout clien 5s'),
    # HAP011: missing argument
    ('HAP011', 2, 'backend web\n  balance'),
    ('HAP011', 2, 'defaults\n  mode'),
    ('HAP011', 2, 'defaults\n  mode htttp'),
    ('HAP011', 2, 'global\n  maxconn lots'),
    ('HAP011', 2, 'backend web\n  retries'),
    ('HAP011', 2, 'defaults\n  timeout client'),
    ('HAP011', 2, 'defaults\n  timeout'),
    ('HAP011', 2, 'frontend f\n  default_backend'),
    # HAP012: section without a name
    ('HAP012', 1, 'listen\n  bind :80'),
    ('HAP012', 1, 'frontend\n  bind :80'),
    ('HAP012', 1, 'backend  # no name\n  server s1 10.0.0.1:80'),
    ('HAP012', 1, 'userlist\n  user admin insecure-password x'),
]


@pytest.mark.parametrize(('code', 'line', 'text'), FINDS)
def test_finds(code, line, text):
    assert (line, code) in codes(text), check(text)


NEAR_MISSES = [
    # HAP001
    'listen web\n  bind :80',
    'global\n  daemon\nlisten web\n  bind :80\nfrontend web2\n  bind :81',
    'listen web\nbind :80\nbalance roundrobin',
    # HAP002
    'listen web\n  balance roundrobin',
    'backend web\n  stats uri /stats',
    'global\n  tune.bufsize 32768\n  tune.some-future-knob 1',
    '.if defined(SSL)\nlisten web\n  .if streq("$X",1)\n  bind :443\n'
    '  .endif\n.endif',
    'listen web\n  bind :80\n  ...\n  server s1 10.0.0.1:80',
    # HAP003
    'backend web\n  server s1 10.0.0.1:80',
    'frontend web\n  bind :80',
    'frontend web\n  default_backend other\nbackend other',
    'defaults\n  option httpchk',
    'global\n  daemon\n  maxconn 10\ndefaults\n  maxconn 10\n'
    'frontend f\n  maxconn 10\nlisten l\n  maxconn 10',
    'defaults web\n  http-request deny',
    'listen l\n  timeout client 30s\n  timeout server 30s',
    # HAP004
    'listen web\n  bind 10.0.0.1:80',
    'listen web\n  bind <Virtual IP>:443',
    'listen web\n  bind :80',
    'listen web\n  bind *:80,*:8080',
    'listen web\n  bind :::80',
    'listen web\n  bind [::]:80',
    'listen web\n  bind unix@/var/run/web.sock',
    'listen web\n  bind /var/run/web.sock mode 600',
    'listen web\n  bind ipv4@:80',
    'listen web\n  bind fd@${FD_HTTP}',
    'listen web\n  bind 10.0.0.1:8000-8010',
    'listen web\n  bind quic4@:443 ssl crt /etc/ssl/site.pem',
    'listen web\n  bind abns@web',
    'listen web\n  bind "${VIP}"',
    # HAP005
    'backend web\n  server s1 10.0.0.1',
    'backend web\n  server s1 10.0.0.1:80 check',
    'backend web\n  server db1 <Controller 1 IP>:3306 check',
    'backend web\n  server s1 CONTROLLER1_IP:80 check',
    'backend web\n  default-server check inter 2s',
    'backend web\n  server-template srv 1-3 app.example.com:80 check',
    'peers mypeers\n  bind :10000\n  server local\n'
    '  server remote 10.0.0.2:10000',
    # HAP006
    'defaults\n  timeout client 10s\n  timeout server 1m\n'
    '  timeout connect 5000\n  timeout check 100us\n  timeout queue 2h\n'
    '  timeout tunnel 1d\n  timeout http-request 10ms',
    'defaults\n  timeout client CLIENT_TIMEOUT',
    'defaults\n  timeout client <timeout>',
    'defaults\n  timeout client ${TIMEOUT}',
    'backend b\n  server s1 10.0.0.1:80 check inter 2s fastinter 500 '
    'downinter 1m slowstart 60s',
    'global\n  close-spread-time infinite\n  hard-stop-after 30s',
    'resolvers dns\n  nameserver dns1 10.0.0.1:53\n  hold valid 10s',
    # HAP007
    'listen web\nlisten web2',
    'frontend web\n  default_backend app\nbackend app',
    'defaults\ndefaults\nlisten web',
    'defaults base\ndefaults base\nlisten web',
    'listen <service>\nlisten <service>',
    # HAP008
    'frontend web\n  default_backend app\nbackend app',
    'frontend web\n  use_backend %[req.hdr(host),lower,map(/etc/be.map)]\n'
    'backend app',
    'frontend web\n  use_backend <backend>\nbackend app',
    'frontend web\n  use_backend api if is_api\n  default_backend site\n'
    'backend api\nlisten site',
    # HAP009
    'global\n  maxconn 4000',
    '# only a comment\n\nglobal\n  daemon',
    # HAP010
    'defaults\n  option http-keep-alive\n  no option httpclose\n'
    '  default option tcplog\n  timeout client 5s',
    'defaults\n  option <option>',
    # HAP011
    'defaults\n  mode http',
    'defaults\n  mode tcp\n  balance roundrobin\n  retries 3',
    'global\n  maxconn MAXCONN',
    'global\n  maxconn <max connections>',
    'global\n  maxconn $MAXCONN',
    'frontend f\n  default_backend BACKEND',
    # HAP012
    'listen web\n  bind :80',
    'defaults\n  mode http',
    'global\n  daemon',
    'crt-store\n  load crt site.pem',
    'traces\n  trace h1 sink buf1',
]


@pytest.mark.parametrize('text', NEAR_MISSES)
def test_near_misses_have_no_finding(text):
    assert check(text) == []


def test_messages_say_what_to_write():
    [finding] = check('listen web\n  balanse roundrobin')
    assert finding.message == ('unknown keyword "balanse" in listen '
                               'section; did you mean "balance"?')
    [finding] = check('defaults\n  option http-keepalive-on')
    assert 'did you mean "option http-keep-alive"' in finding.message
    [finding] = check('frontend web\n  server s1 10.0.0.1:80')
    assert 'belongs in listen or backend' in finding.message
    [finding] = check('listen web\n  bind <Virtual IP>')
    assert '"<Virtual IP>:<port>"' in finding.message
    for finding in check('listener x\nmaxconn x\nlisten\n  mode bogus'):
        assert '\n' not in finding.message


def test_frontend_and_backend_may_not_share_a_name(monkeypatch):
    # haproxy 3.3 refuses the pairing that the older manuals allowed.
    text = 'frontend app\nbackend app'
    assert codes(text) == [(2, 'HAP007')]
    monkeypatch.setattr(haproxy, 'FRONTEND_BACKEND_MAY_SHARE_NAME', True)
    assert check(text) == []


def test_a_frontend_alone_still_names_its_backend():
    assert codes('frontend web\n  default_backend app') == [(2, 'HAP008')]


def test_lines_under_an_unknown_section_are_not_judged():
    assert codes('listener web\n  balanse x\n  bind 10.0.0.1\n'
                 'listen ok\n  balanse x') == [(1, 'HAP001'), (5, 'HAP002')]


def test_tables_are_consistent():
    assert set(kw.KEYWORDS) == set(kw.SECTIONS)
    for kind in kw.PROXY_SECTIONS:
        assert kw.KEYWORDS[kind]
    # a listen accepts whatever a frontend or a backend accepts
    assert set(kw.KEYWORDS['frontend']) <= set(kw.KEYWORDS['listen'])
    assert set(kw.KEYWORDS['backend']) <= set(kw.KEYWORDS['listen'])
    assert kw.KEYWORDS['defaults']['acl'] == 'N'
    assert 'server' not in kw.KEYWORDS['frontend']
    assert 'bind' not in kw.KEYWORDS['backend']
    assert 'default_backend' not in kw.KEYWORDS['backend']
    for kind in ('global', 'defaults', 'frontend', 'listen'):
        assert 'maxconn' in kw.KEYWORDS[kind]


@pytest.mark.parametrize(
    'check_', [c for c in catalogue.CHECKS
               if c.family == 'haproxy' and not c.external],
    ids=lambda c: c.code)
def test_catalogue_examples(check_):
    assert check_.code not in [f.code for f in check(check_.right)]
    assert check_.code in [f.code for f in check(check_.wrong)]


# -- robustness --------------------------------------------------------------

_WORDS = st.sampled_from([
    *sorted(kw.FIRST_WORDS | set(kw.SECTIONS) | kw.OPTION_NAMES),
    '<Virtual IP>', '<', '>', '"', "'", '\\', '#', '%[', ']', 'if',
    '{', '}', '10x', ':80', '10.0.0.1', '[::1]', 'unix@', 'no',
    'default', 'from', '...', '.if', '.bogus', '', 'é', '\x00', '\t',
    'PUBLIC_VIP', '$VIP', ',', '@'])
_LINE = st.builds(
    lambda indent, words: indent + ' '.join(words),
    st.sampled_from(['', ' ', '  ', '\t', '    ']),
    st.lists(_WORDS, max_size=8))


def _assert_findings(text):
    findings = check(text)
    assert isinstance(findings, list)
    lines = text.count('\n') + 1
    for finding in findings:
        assert type(finding) is Finding
        assert 1 <= finding.line <= lines
        assert finding.code in catalogue.BY_CODE
        assert '\n' not in finding.message


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_text_never_raises(text):
    _assert_findings(text)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=15))
def test_random_haproxy_lines_never_raise(lines):
    _assert_findings('\n'.join(lines))


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=string.printable + '<>"\'\\#', min_size=1000,
               max_size=5000))
def test_long_lines_never_raise(text):
    _assert_findings('listen x\n  ' + text.replace('\n', ' '))


def test_pathological_input_stays_linear():
    texts = [
        'listen x\n  ' + 'no ' * 20000 + 'option x',
        'listen x\n  bind ' + '<' * 50000,
        'listen x\n  ' + '"\\x' * 50000,
        ''.join(f'backend b{i}\n' for i in range(3000))
        + 'frontend f\n'
        + ''.join(f'  use_backend c{i}\n' for i in range(3000)),
        'listen x\n' + ''.join(f'  unknownkeyword{i} 1\n'
                               for i in range(5000)),
    ]
    for text in texts:
        best = min(timeit.repeat(lambda text=text: check(text), number=1,
                                 repeat=1))
        assert best < 5, text[:40]
