"""The Pygments lexer for haproxy.cfg."""

import importlib.metadata

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from pygments.lexers import get_lexer_by_name
from pygments.token import Comment
from pygments.token import Error
from pygments.token import Keyword
from pygments.token import Name
from pygments.token import Number
from pygments.token import String

from snippetcheck.checkers.haproxy import specs as kw
from snippetcheck.haproxy_lexer import HaproxyLexer

SAMPLE = """\
# The guide's Galera listener
global
  maxconn 4000
  stats socket /var/lib/haproxy/stats

defaults
  timeout client 1m
  no option http-server-close

listen galera_cluster
  bind <Virtual IP>:3306
  balance source
  option mysql-check
  acl is_api path_beg -i /api
  http-request set-header X-Src "%[src]" if { ssl_fc } !is_api
  server controller1 10.0.0.12:3306 check inter 2000 rise 2 fall 5
"""


def tokens(text):
    return [(token, value) for _, token, value
            in HaproxyLexer().get_tokens_unprocessed(text)]


def _registered():
    return any(entry.name == 'haproxy' for entry
               in importlib.metadata.entry_points(group='pygments.lexers'))


@pytest.mark.skipif(not _registered(),
                    reason='the package is not installed, so its '
                           'pygments.lexers entry point is not registered')
def test_found_by_name_once_installed():
    lexer = get_lexer_by_name('haproxy')
    assert isinstance(lexer, HaproxyLexer)
    assert isinstance(get_lexer_by_name('haproxy-cfg'), HaproxyLexer)


def test_metadata():
    assert HaproxyLexer.name == 'HAProxy'
    assert HaproxyLexer.aliases == ['haproxy', 'haproxy-cfg']
    assert 'haproxy.cfg' in HaproxyLexer.filenames
    assert HaproxyLexer.mimetypes


def test_sample_has_keywords_names_and_no_error():
    found = tokens(SAMPLE)
    kinds = {token for token, _ in found}
    assert Error not in kinds
    assert any(token in Keyword for token in kinds)
    assert any(token in Name for token in kinds)
    values = {value: token for token, value in found}
    assert values['global'] is Keyword.Namespace
    assert values['listen'] is Keyword.Namespace
    assert values['galera_cluster'] is Name.Namespace
    assert values['balance'] is Keyword
    assert values['socket'] is Keyword
    assert values['mysql-check'] is Name.Builtin
    assert values['http-server-close'] is Name.Builtin
    assert values['<Virtual IP>'] is Name.Variable
    assert values[':3306'] in Number
    assert values['10.0.0.12:3306'] in Number
    assert values['1m'] in Number
    assert values['"%[src]"'] in String
    assert values['# The guide\'s Galera listener'] in Comment
    assert values['if'] is Keyword
    assert values['-i'] is Name.Attribute


def test_keywords_come_from_the_checker_tables():
    for keyword in ('tune.bufsize', 'server-template', 'hash-balance-factor',
                    'accepted_payload_size', 'dgram-bind'):
        assert keyword in kw.FIRST_WORDS
        assert (Keyword, keyword) in tokens(f'  {keyword} 1\n')
    assert (Name, 'balanse') in tokens('  balanse roundrobin\n')


def test_every_character_is_kept():
    assert ''.join(value for _, value in tokens(SAMPLE)) == SAMPLE


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_text_never_raises(text):
    found = tokens(text)
    assert ''.join(value for _, value in found) == text
    assert all(token is not Error for token, _ in found)
    list(HaproxyLexer().get_tokens(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    *sorted(kw.FIRST_WORDS)[:50], 'listen', 'option', 'httpchk', '"', "'",
    '\\', '#', '%[', '<', '>', '10.0.0.1:80', '{', '}', '(', '10s', '\r',
    '\t', ' ', '\n', '\x0b']), max_size=40))
def test_random_haproxy_like_text_never_raises(parts):
    text = ' '.join(parts)
    found = tokens(text)
    assert ''.join(value for _, value in found) == text
    assert all(token is not Error for token, _ in found)


def test_no_catastrophic_backtracking():
    import time
    for text in (' ' * 50000 + '\r', '"' * 50000, 'x ' + '9' * 50000 + 'z',
                 'listen ' + '<' * 50000, 'bind ' + '1.' * 50000,
                 'x ' + 'A' * 50000 + '%', ' ' * 30000 + '\x0b' * 30000):
        start = time.perf_counter()
        tokens(text)
        assert time.perf_counter() - start < 5, text[:20]
