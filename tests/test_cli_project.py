"""python -m snippetcheck --conf: a Sphinx project judged as its build
judges it (toctree order, context across pages, the deployment's rules,
the project's settings), and the toctree stand-in it reads them with."""

import pathlib
import shutil
import subprocess
import sys
import textwrap

import pytest

from snippetcheck import pages
from snippetcheck import rstread
from tests.sphinxwarnings import findings

ROOTS = pathlib.Path(__file__).parent / 'roots'


def run(*args, cwd=None):
    return subprocess.run([sys.executable, '-m', 'snippetcheck', *args],
                          capture_output=True, text=True, timeout=300,
                          check=False, cwd=cwd)


def cli_findings(result):
    """(file name, line, code) of every finding printed."""
    found = []
    for line in result.stdout.splitlines():
        path, number, rest = line.split(':', 2)
        found.append((pathlib.Path(path).name, int(number),
                      rest.split()[0]))
    return sorted(found)


@pytest.mark.parametrize('root', ['toctree', 'deployment', 'filenames',
                                  'prompts', 'ini', 'markup'])
def test_the_same_findings_as_the_sphinx_build(make_app, tmp_path, root):
    """Without the tools, the command line with --conf and the Sphinx build
    find the same, page by page and across pages."""
    source = tmp_path / root
    shutil.copytree(ROOTS / f'test-{root}', source)
    app = make_app('html', srcdir=source, freshenv=True)
    app.build()
    result = run('--conf', str(source / 'conf.py'), str(source))
    assert cli_findings(result) == findings(app)
    assert result.returncode == (1 if findings(app) else 0)


def test_toctree_context_from_conf_and_from_the_command_line():
    source = ROOTS / 'test-toctree'
    from_conf = cli_findings(run('--conf', str(source / 'conf.py'),
                                 str(source)))
    from_option = cli_findings(run('--context', 'toctree', str(source)))
    assert from_conf == from_option
    # second.rst knows what first.rst made: only the alternative's
    # resource is unknown there
    other = next(number for number, text in enumerate(
        (source / 'second.rst').read_text().split('\n'), 1)
        if 'location other' in text)
    assert [f for f in from_conf if f[0] == 'second.rst'] == [
        ('second.rst', other, 'PCS006')]
    alone = cli_findings(run('--conf', str(source / 'conf.py'),
                             '--context', 'document', str(source)))
    assert [code for name, _line, code in alone
            if name == 'second.rst'].count('PCS006') == 3


def test_settings_of_conf_py(tmp_path):
    (tmp_path / 'conf.py').write_text(textwrap.dedent('''
        import os
        extensions = ['snippetcheck']
        snippetcheck_ignore = ['INI003']
        snippetcheck_prompts = [r'stack> ']
        suppress_warnings = ['snippetcheck.markup']
        exclude_patterns = ['drafts']
        root_doc = 'start'
        # executed in its own directory, as Sphinx does
        assert os.path.exists('conf.py')
        '''), encoding='utf-8')
    (tmp_path / 'start.rst').write_text(textwrap.dedent('''
        Start
        =====

        .. code-block:: ini

           [DEFAULT]
           debug = true
           debug = false

        .. code-block: console

        .. code-block:: console

           stack> pcs resource crate x ocf:heartbeat:Dummy
        '''), encoding='utf-8')
    (tmp_path / 'drafts').mkdir()
    (tmp_path / 'drafts' / 'bad.rst').write_text(
        '.. code-block:: ini\n\n   [DEFAULT\n', encoding='utf-8')
    result = run('--conf', str(tmp_path / 'conf.py'), str(tmp_path),
                 cwd=ROOTS)
    # INI003 ignored, RST001 (markup) suppressed, drafts excluded, the
    # project's prompt read
    assert [code for _n, _l, code in cli_findings(result)] == ['PCS001']
    # the command line adds to conf.py
    result = run('--conf', str(tmp_path / 'conf.py'), '--ignore', 'PCS001',
                 str(tmp_path))
    assert (result.returncode, result.stdout) == (0, '')


def test_a_conf_py_that_fails_is_a_usage_error(tmp_path):
    (tmp_path / 'conf.py').write_text('raise RuntimeError("no")\n')
    result = run('--conf', str(tmp_path / 'conf.py'), str(tmp_path))
    assert result.returncode == 2
    assert 'RuntimeError' in result.stderr
    result = run('--conf', str(tmp_path / 'nope.py'), str(tmp_path))
    assert result.returncode == 2
    assert 'no such file' in result.stderr


def test_a_setting_that_makes_no_sense_is_said(tmp_path):
    (tmp_path / 'conf.py').write_text("snippetcheck_context = 'pages'\n"
                                      "snippetcheck_prompts = ['(']\n")
    (tmp_path / 'index.rst').write_text('Title\n=====\n')
    result = run('--conf', str(tmp_path / 'conf.py'), str(tmp_path))
    assert result.returncode == 0
    assert "snippetcheck_context = 'pages' is not" in result.stderr
    assert 'snippetcheck_prompts' in result.stderr


def test_prompt_options(tmp_path):
    page = tmp_path / 'page.rst'
    page.write_text('.. code-block:: console\n\n'
                    '   stack> pcs resource crate x ocf:heartbeat:Dummy\n'
                    '   gluster> volume info\n', encoding='utf-8')
    assert 'RST002' in run(str(page)).stdout
    result = run('--prompt', 'stack> ', '--prompt-of', 'gluster',
                 'gluster> ', str(page))
    assert [code for _n, _l, code in cli_findings(result)] == ['PCS001']


# -- the toctree stand-in -----------------------------------------------------

def includes(tmp_path, name, text, known):
    path = tmp_path / f'{name}.rst'
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding='utf-8')
    return rstread.includes(rstread.read(path), name, known)


def test_toctree_entries_as_sphinx_resolves_them(tmp_path):
    known = {'index', 'intro', 'guide/a', 'guide/b', 'guide/c',
             'appendix/x', 'appendix/y'}
    assert includes(tmp_path, 'index', '''
        .. toctree::
           :maxdepth: 2
           :caption: Contents

           self
           Introduction <intro>
           guide/b.rst
           https://docs.openstack.org
           missing

        .. toctree::
           :glob:

           guide/*
           /appendix/*
        ''', known) == ['intro', 'guide/b', 'guide/a', 'guide/c',
                        'appendix/x', 'appendix/y']
    # relative to the document's own directory; reversed
    assert includes(tmp_path, 'guide/a', '''
        .. toctree::
           :reversed:

           b
           ../intro
        ''', known) == ['intro', 'guide/b']


def test_reading_order_is_depth_first_each_once():
    includes = {'index': ['a', 'b'], 'a': ['c', 'b'], 'c': ['index']}
    assert pages.reading_order('index', includes,
                               {'index', 'a', 'b', 'c', 'orphan'}) == [
        'index', 'a', 'c', 'b']
    assert pages.reading_order('nope', includes, {'index'}) == []


def test_the_guide_judged_as_its_build_judges_it():
    """The guide's pages build one cluster in toctree order: with its
    conf.py the command line finds nothing, as tox -e docs does (without
    it, pcs and crmsh resources of earlier pages are unknown)."""
    source = ROOTS.parent.parent / 'doc' / 'source'
    result = run('--conf', str(source / 'conf.py'), str(source))
    assert (result.returncode, result.stdout) == (0, '')


@pytest.mark.slow
def test_the_guide_with_the_tools_as_its_build_judges_it(tmp_path):
    """With the tools too (their replays across pages, the deployment's
    cluster proven by crm_simulate), the command line finds on the
    guide what tox -e docs finds: nothing."""
    from snippetcheck.external import sandbox
    from snippetcheck.external import tier

    if sandbox.problem() or tier.missing_programs(
            {'haproxy', 'pcs', 'crmsh', 'simulate'}):
        pytest.skip('the tools or the sandbox are missing (bindep.txt)')
    source = ROOTS.parent.parent / 'doc' / 'source'
    result = run('--external', '--cache-dir', str(tmp_path), '--conf',
                 str(source / 'conf.py'), str(source))
    assert (result.returncode, result.stdout) == (0, ''), result.stderr
