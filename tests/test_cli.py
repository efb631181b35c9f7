"""python -m snippetcheck: the same checks without a Sphinx build."""

import os
import pathlib
import subprocess
import sys

import pytest

from snippetcheck import cli

ROOTS = pathlib.Path(__file__).parent / 'roots'


def run(*args):
    return subprocess.run([sys.executable, '-m', 'snippetcheck', *args],
                          capture_output=True, text=True, timeout=120,
                          check=False)


def test_reports_path_line_code_and_exits_1():
    result = run(str(ROOTS / 'test-ini' / 'index.rst'))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.endswith('section header "[DEFAULT" does not end with '
                             '"]"; write "[name]"') for line in lines)
    first = lines[0]
    path, line, rest = first.split(':', 2)
    assert path.endswith('index.rst')
    assert int(line) > 0
    assert rest.split()[0] == 'INI001'


def test_same_findings_as_the_sphinx_build(tmp_path):
    cli.rstread.register()
    reports, _found = cli.check_file(ROOTS / 'test-cluster' / 'index.rst',
                                     cli.blocks.known_directives())
    codes = sorted((r.line, r.code) for r in reports)
    text = (ROOTS / 'test-cluster' / 'index.rst').read_text().split('\n')
    crate = next(n for n, t in enumerate(text, 1) if 'resource crate' in t)
    assert (crate, 'PCS001') in codes
    assert len(codes) == 10


def test_clean_file_exits_0(tmp_path):
    page = tmp_path / 'ok.rst'
    page.write_text('Title\n=====\n\n.. code-block:: ini\n\n'
                    '   [DEFAULT]\n   debug = true\n', encoding='utf-8')
    result = run(str(page))
    assert (result.returncode, result.stdout) == (0, '')


def test_directory_is_searched(tmp_path):
    (tmp_path / 'sub').mkdir()
    (tmp_path / 'sub' / 'bad.rst').write_text(
        '.. code-block:: ini\n\n   [DEFAULT\n', encoding='utf-8')
    result = run(str(tmp_path))
    assert result.returncode == 1
    assert 'bad.rst:3: INI001' in result.stdout


def test_a_directory_named_through_dots_is_searched(tmp_path):
    """``../doc`` is searched; a hidden directory below it is not."""
    bad = '.. code-block:: ini\n\n   [DEFAULT\n'
    for folder in ('doc', 'doc/.hidden', 'tools'):
        (tmp_path / folder).mkdir()
    (tmp_path / 'doc' / 'bad.rst').write_text(bad, encoding='utf-8')
    (tmp_path / 'doc' / '.hidden' / 'skip.rst').write_text(
        bad, encoding='utf-8')
    result = subprocess.run(
        [sys.executable, '-m', 'snippetcheck', '../doc'],
        cwd=tmp_path / 'tools', capture_output=True, text=True,
        timeout=120, check=False)
    assert result.stdout.splitlines() == [
        '../doc/bad.rst:3: INI001 section header "[DEFAULT" does not end '
        'with "]"; write "[name]"']


def test_ignore_option(tmp_path):
    page = tmp_path / 'bad.rst'
    page.write_text('.. code-block:: ini\n\n   [DEFAULT\n', encoding='utf-8')
    assert run('--ignore', 'INI001', str(page)).returncode == 0


def test_missing_file_is_reported_not_raised(tmp_path):
    result = run(str(tmp_path / 'nope.rst'))
    assert result.returncode == 1
    assert 'SC005' in result.stdout
    assert 'Traceback' not in result.stderr


@pytest.mark.parametrize('content', [
    b'\x00\x01\x02binary\xff\xfe junk\x00' * 100,
    b'.. code-block:: ini\n\n   [DEFAULT]\n   a = \x00\x07\n',
    b'Title\n===\n\n.. code-block::\n\n:::: broken\n   ``unclosed\n'
    b'.. |sub| unknown:: x\n\n* list\n  * bad\n indentation\n',
])
def test_bad_input_gives_findings_not_tracebacks(tmp_path, content):
    page = tmp_path / 'bad.rst'
    page.write_bytes(content)
    result = run(str(page))
    assert result.returncode in (0, 1)
    assert 'Traceback' not in result.stderr


def test_binary_block_is_reported_at_its_line(tmp_path):
    page = tmp_path / 'bad.rst'
    page.write_bytes(b'.. code-block:: ini\n\n   [DEFAULT]\n   a = \x07\n')
    result = run(str(page))
    assert 'bad.rst:4: SC003' in result.stdout


def test_huge_block_is_reported_not_checked(tmp_path):
    page = tmp_path / 'huge.rst'
    body = '   key = value\n' * (10 * 1024 * 1024 // 16)
    page.write_text('.. code-block:: ini\n\n' + body, encoding='utf-8')
    result = run(str(page))
    assert result.returncode == 1
    assert 'huge.rst:3: SC002' in result.stdout


def test_an_alternative_block_keeps_its_reason(tmp_path):
    page = tmp_path / 'alt.rst'
    page.write_text('.. code-block:: ini\n'
                    '   :snippetcheck-alternative: keepalived instead of '
                    'Pacemaker\n\n'
                    '   [DEFAULT]\n   debug = true\n\n'
                    '.. code-block:: ini\n\n   [DEFAULT]\n   debug = true\n',
                    encoding='utf-8')
    found, reports = cli.read_file(page, cli.blocks.known_directives())
    assert reports == []
    assert [s.alternative for s in found] == [
        'keepalived instead of Pacemaker', '']


@pytest.mark.parametrize('relative', [False, True])
def test_an_included_file_is_reported_once(tmp_path, relative):
    """docutils names an included file relative to the working directory
    (absolute when the two share no directory); read as a document too,
    it is one file with one name, wherever the command line runs."""
    docs = tmp_path / 'docs'
    (docs / 'common').mkdir(parents=True)
    (docs / 'common' / 'part.rst').write_text(
        '.. code-block:: ini\n\n   [DEFAULT\n', encoding='utf-8')
    for name in ('a', 'b'):
        (docs / f'{name}.rst').write_text(
            f'{name}\n=\n\n.. include:: common/part.rst\n', encoding='utf-8')
    tree = 'docs' if relative else str(docs)
    result = subprocess.run(
        [sys.executable, '-m', 'snippetcheck', '--coverage', tree],
        capture_output=True, text=True, timeout=120, check=False,
        cwd=tmp_path, env={**os.environ,
                           'PYTHONPATH': str(pathlib.Path(cli.__file__)
                                             .parent.parent)})
    part = str(pathlib.Path(tree) / 'common' / 'part.rst')
    findings = [line for line in result.stdout.splitlines()
                if ' INI001 ' in line]
    assert findings == [f'{part}:3: INI001 section header "[DEFAULT" does '
                        'not end with "]"; write "[name]"']
    assert result.stdout.splitlines()[-1].startswith(
        'snippetcheck coverage: 1 blocks;')
