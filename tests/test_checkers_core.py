"""ini, console, markup, python and yaml checkers as pure functions, and
the engine that dispatches to every checker."""

import string

import hypothesis
from hypothesis import strategies as st

from snippetcheck import catalogue
from snippetcheck import console
from snippetcheck import engine
from snippetcheck import placeholders
from snippetcheck.checkers import ini
from snippetcheck.checkers import markup
from snippetcheck.context import DocumentContext
from snippetcheck.context import Snippet
from snippetcheck.findings import Finding


def check(language, text, **kwargs):
    return [(f.line, f.code) for f in engine.check_snippet(
        Snippet(language, text, **kwargs), DocumentContext())]


# -- ini ----------------------------------------------------------------------

def test_ini_each_code_and_its_near_miss():
    assert check('ini', '[DEFAULT\ndebug = true') == [(1, 'INI001')]
    assert check('ini', '[DEFAULT]\ndebug = true') == []
    assert check('ini', '[]') == [(1, 'INI001')]
    assert check('ini', '[DEFAULT]\ndebug true') == [(2, 'INI002')]
    assert check('ini', '[DEFAULT]\ndebug: true') == []  # oslo accepts ':'
    assert check('ini', 'connection mysql://x') == [(1, 'INI002')]
    assert check('ini', 'a = 1\n\na = 2') == [(3, 'INI003')]
    assert check('ini', 'a = 1\n[other]\na = 2') == []
    assert check('ini', '  a = 1') == [(1, 'INI004')]
    assert check('ini', 'a = 1,\n  2') == []
    assert check('ini', '= 1') == [(1, 'INI005')]
    assert check('ini', '# = 1\n; comment') == []


def test_ini_options_before_a_section_are_default():
    parser = ini.parse('debug = true\n[DEFAULT]\ndebug = false')
    assert [(f.line, f.code) for f in parser.findings] == [(3, 'INI003')]
    assert parser.assignments[0][:2] == ('DEFAULT', 'debug')


def test_ini_placeholders_need_no_special_case():
    assert check('ini', '[database]\nconnection = mysql+pymysql://cinder:'
                 'CINDER_DBPASS@<controller>/cinder') == []


# -- console and markup -------------------------------------------------------

def test_console_commands_join_continuations_and_keep_prompt_lines():
    text = ('# pcs resource create vip ocf:heartbeat:IPaddr2 \\\n'
            '  ip=10.0.0.11\noutput\n$ sudo crm status\n#\n')
    commands = list(console.commands(text))
    assert [(c.line, c.argv[:3]) for c in commands] == [
        (1, ('pcs', 'resource', 'create')), (4, ('crm', 'status'))]
    assert commands[0].argv[-1] == 'ip=10.0.0.11'


def test_console_without_prompt():
    assert check('console', 'rabbit_hosts=a:1,b:2') == [(1, 'RST002')]
    assert check('console', '# apt-get install haproxy\nDone.') == []
    assert check('console', '') == []


def test_misspelled_directive_comment():
    known = {'code-block', 'note'}
    assert markup.check_comment('code-block: console', known)[0].code == \
        'RST001'
    assert markup.check_comment('note: text', known)
    assert not markup.check_comment('TODO: later', known | {'todo'})
    assert not markup.check_comment('to do: later', known)
    assert not markup.check_comment('code-block:: console', known)
    assert not markup.check_comment('unknown: text', known)


# -- python and yaml ----------------------------------------------------------

def test_python_and_yaml():
    assert check('python', 'OPENSTACK_HOST = 10.0.0.11') == [(1, 'PY001')]
    assert check('python', 'OPENSTACK_HOST = "10.0.0.11"') == []
    assert check('yaml', 'a: [1\nb: 2') == [(2, 'YML001')]
    assert check('yaml', 'a: [1]\nb: 2') == []


# -- engine -------------------------------------------------------------------

def test_opt_outs():
    text = 'a = 1\na = 2'
    assert check('ini', text, ignore=frozenset({'INI003'}),
                 ignore_reason='shown twice on purpose') == []
    assert check('ini', text, ignore=frozenset({'all'}),
                 ignore_reason='example of a mistake') == []
    assert check('ini', text, ignore=frozenset({'INI003'})) == [
        (1, 'SC001')]
    assert check('ini', text, ignore=frozenset({'NOPE1'}),
                 ignore_reason='x') == [(1, 'SC004'), (2, 'INI003')]


def test_unknown_language_is_not_checked():
    assert check('none', '[DEFAULT') == []
    assert check('text', '\x00') == []


def test_guards():
    assert check('ini', 'a = 1\n' * 200_000)[0] == (1, 'SC002')
    assert check('ini', 'a = 1\nb = \x00') == [(2, 'SC003')]


def test_checker_bug_becomes_a_finding(monkeypatch):
    def boom(snippet, document):
        raise RuntimeError('bug')
    monkeypatch.setitem(engine.CHECKERS, 'ini', boom)
    assert check('ini', 'a = 1') == [(1, 'SC000')]


def test_catalogue_is_complete_and_stable():
    codes = [c.code for c in catalogue.CHECKS]
    assert len(codes) == len(set(codes))
    assert set(catalogue.BY_CODE) == set(codes)
    for check_ in catalogue.CHECKS:
        assert check_.family in catalogue.FAMILIES
        assert check_.summary.endswith('.')
        assert check_.wrong != check_.right


def test_catalogue_examples_of_the_core_checkers():
    for check_ in catalogue.CHECKS:
        if check_.language not in ('ini', 'python', 'yaml'):
            continue
        where = {'filename': check_.file}
        assert check_.code in [c for _l, c in check(check_.language,
                                                     check_.wrong, **where)]
        assert check(check_.language, check_.right, **where) == []


def test_placeholders():
    for token in ('<Virtual IP>', 'CINDER_DBPASS', 'PUBLIC_VIP', 'VIP'):
        assert placeholders.is_placeholder(token)
    for token in ('controller1', 'Mandatory', '10.0.0.1', 'x', 'A'):
        assert not placeholders.is_placeholder(token)
    assert placeholders.has_placeholder('<Virtual IP>:443')
    assert placeholders.substitute('bind <Virtual IP>:443', '10.0.0.9') == \
        'bind 10.0.0.9:443'


# -- robustness: random text in, findings out ---------------------------------

LANGUAGES = sorted(engine.CHECKERS)
INI_ALPHABET = string.ascii_letters + string.digits + ' =:[]#;\t\n_-.'


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(language=st.sampled_from(LANGUAGES), text=st.text())
def test_random_text_gives_only_findings(language, text):
    findings = engine.check_snippet(Snippet(language, text),
                                    DocumentContext())
    assert all(isinstance(f, Finding) for f in findings)
    assert all(f.code != 'SC000' for f in findings), findings


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(text=st.text(alphabet=INI_ALPHABET))
def test_random_ini_gives_only_known_codes(text):
    for finding in ini.parse(text).findings:
        assert finding.code in catalogue.BY_CODE
        assert 1 <= finding.line <= text.count('\n') + 1


@hypothesis.settings(max_examples=200, deadline=None)
@hypothesis.given(text=st.text())
def test_random_console_text(text):
    for command in console.commands(text):
        assert command.line >= 1


@hypothesis.settings(max_examples=2000, deadline=None)
@hypothesis.given(text=st.text(alphabet=st.sampled_from(
    list('ab =-:"\'\\\t\n$`é'))))
def test_console_split_matches_shlex(text):
    import shlex
    try:
        expected = shlex.split(text)
    except ValueError:
        expected = None
    words, quoting_ok = console.split(text)
    if expected is None:
        assert not quoting_ok
    else:
        assert quoting_ok and words == expected
