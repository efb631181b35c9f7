"""The haproxy checker's specs: one per keyword, from the generated data
and the rows kept by hand."""

import pytest

from snippetcheck import tooldata
from snippetcheck.checkers import haproxy
from snippetcheck.checkers.haproxy import keywords
from snippetcheck.checkers.haproxy import specs
from snippetcheck.context import DocumentContext
from snippetcheck.context import Snippet


def codes(text):
    return [(finding.line, finding.code) for finding in
            haproxy.check(Snippet('haproxy', text), DocumentContext())]


def test_every_row_is_the_spec_of_a_keyword():
    keys = [row.key for row in keywords.ROWS]
    assert len(keys) == len(set(keys)), 'one row per keyword'
    for row in keywords.ROWS:
        spec = specs.SPECS[row.key]
        assert spec.sections, row.key
        assert set(row.sections) <= set(spec.sections), row.key
        assert set(row.sections) <= set(keywords.SECTIONS), row.key


def test_a_judged_argument_is_required():
    reads_first = {keywords.NUMBER, keywords.MODE, keywords.BIND,
                   keywords.BACKEND}
    for spec in specs.JUDGED.values():
        if spec.kind in reads_first:
            assert spec.args >= 1, spec.key
        if spec.time is not None:
            assert spec.args > spec.time, spec.key
        assert spec.kind is None or spec.kind in (
            reads_first | {keywords.SERVER, keywords.TABLE}), spec.key


def test_a_new_row_is_all_a_new_keyword_needs(monkeypatch):
    row = keywords.row('frobnicate', 1, keywords.NUMBER, what='a number',
                       example='frobnicate 3', sections='peers')
    monkeypatch.setattr(specs, 'ROWS', (*keywords.ROWS, row))
    spec = specs._build()['frobnicate']
    assert spec == specs.Spec('frobnicate', {'peers': 'X'}, 1,
                              keywords.NUMBER, None, '', 'a number',
                              'frobnicate 3')


def test_proxy_sections_come_from_both_manuals():
    assert tooldata.haproxy_manual_versions() == ['2.6', '3.4']
    where = specs.WHERE
    # 3.4 allows unique-id-format in a backend, 2.6 did not say so
    assert 'backend' in where['unique-id-format']
    # only the 2.6 manual has bind-process, only the 3.4 one
    # filter-sequence: a keyword of either release is known
    assert 'bind-process' in specs.SPECS
    assert 'filter-sequence' in specs.SPECS
    assert 'stats bind-process' in specs.KEYWORDS['global']
    # the keywords section 4.2 describes but the matrix leaves out
    assert 'frontend' in where['ssl-f-use']
    assert specs.KEYWORDS['defaults']['acl'] == 'N'


def test_the_rules_the_data_needs():
    # the description of a keyword allows more than the 3.4 matrix
    assert 'frontend' in specs.WHERE['option http-drop-response-trailers']
    # a listen section takes what a frontend or a backend takes
    assert 'listen' in specs.WHERE['option http-drop-request-trailers']
    # two words of a keyword at most
    assert 'capture request' in specs.SPECS
    assert 'capture request header' not in specs.SPECS
    assert all(len(key.split()) <= 2 for key in specs.SPECS)


def test_timeouts_are_a_family():
    for key in specs.SPECS:
        if key.startswith('timeout '):
            spec = specs.SPECS[key]
            assert (spec.args, spec.time, spec.what) == (1, 0, 'a time')
    assert specs.SPECS['timeout mail'].sections == {'mailers': 'X'}


def test_server_options_and_their_words_come_from_the_tools():
    params = specs.SERVER_PARAMS
    assert params['check'] == 0
    assert params['inter'] == 1
    assert params['source'] == -1          # -dKall: the rest of the line
    assert 'usesrc' in params              # -dKall only
    assert params['renegotiate'] == 0      # the 3.4 manual only
    assert set(params) >= keywords.SERVER_TIME_PARAMS


@pytest.mark.parametrize(('text', 'expected'), [
    # haproxy 2.6: "'hash-balance-factor' expects an integer argument."
    ('backend b\n  hash-balance-factor', [(2, 'HAP011')]),
    ('global\n  mworker-max-reloads', [(2, 'HAP011')]),
    # haproxy 2.6: "'clitcpka-idle' expects an integer value"
    ('defaults\n  clitcpka-idle', [(2, 'HAP011')]),
])
def test_a_missing_argument_haproxy_needs(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize(('text', 'expected'), [
    # "inter" is the value of "cookie" here, not an option
    ('backend b\n  server s1 10.0.0.1:80 cookie inter check', []),
    ('backend b\n  server s1 10.0.0.1:80 cookie c1 inter 2x',
     [(2, 'HAP006')]),
    ('backend b\n  server s1 check inter 2x', [(2, 'HAP005'), (2, 'HAP006')]),
    ('backend b\n  server s1 10.0.0.1:80 source 10.0.0.2 usesrc client',
     []),
    # an option haproxy 3.x knows is not an address
    ('backend b\n  server s1 renegotiate', [(2, 'HAP005')]),
])
def test_server_options_are_read_with_their_values(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize(('text', 'expected'), [
    # haproxy 2.6 -c accepts both: the variable is not part of the keyword
    ('backend b\n  http-check set-var(check.port) int(1)', []),
    ('backend b\n  tcp-check set-var-fmt(check.x) foo', []),
    ('frontend f\n  http-check set-var(check.port) int(1)',
     [(2, 'HAP003')]),
    ('backend b\n  http-check sett-var(check.port) int(1)',
     [(2, 'HAP002')]),
])
def test_a_keyword_with_an_argument_in_parentheses(text, expected):
    assert codes(text) == expected
