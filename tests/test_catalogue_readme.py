"""tools/README.rst lists every check as the catalogue defines it."""

import ast
import importlib
import inspect
import io
import pathlib
import re

import docutils.core
import pytest
from docutils import nodes

from snippetcheck import catalogue
from snippetcheck import catalogue_rst


def _doctree(text):
    messages = io.StringIO()
    doctree = docutils.core.publish_doctree(
        text, settings_overrides={'warning_stream': messages,
                                  'report_level': 1, 'halt_level': 5})
    return doctree, messages.getvalue()


def _entries(doctree):
    """code -> (summary, [literal block texts]) of the README's list."""
    entries = {}
    for item in doctree.findall(nodes.definition_list_item):
        code = item[0].astext()
        definition = item[1]
        summary = definition[0].astext().replace('\n', ' ')
        literals = [block.astext()
                    for block in definition.findall(nodes.literal_block)]
        entries[code] = (summary, literals)
    return entries


def test_the_readme_is_up_to_date():
    text = catalogue_rst.README.read_text(encoding='utf-8')
    assert catalogue_rst.updated(text) == text, (
        'tools/README.rst is out of date: run '
        'python -m snippetcheck.catalogue_rst')
    assert catalogue_rst.main(['--check']) == 0


def test_the_readme_reads_back_as_the_catalogue():
    """Every check, in catalogue order, with its summary and its wrong and
    right examples exactly, and no markup error anywhere."""
    doctree, messages = _doctree(
        catalogue_rst.README.read_text(encoding='utf-8'))
    assert messages == ''
    entries = _entries(doctree)
    assert list(entries) == [check.code for family in catalogue.FAMILIES
                             for check in catalogue.CHECKS
                             if check.family == family]
    for check in catalogue.CHECKS:
        summary, literals = entries[check.code]
        assert summary == check.summary
        assert literals == [check.wrong, check.right]


@pytest.mark.parametrize('text', [
    'use `backticks`, *stars* and |pipes|',
    'a word_ that ends like a reference, and default_backend',
    'a back\\slash and a :file: role',
])
def test_escape_reads_back_as_the_text(text):
    doctree, messages = _doctree(catalogue_rst.escape(text))
    assert messages == ''
    assert doctree.astext() == text


def test_a_stale_readme_is_rewritten(tmp_path):
    readme = tmp_path / 'README.rst'
    readme.write_text(f'Intro\n\n{catalogue_rst.BEGIN}\nold list\n'
                      f'{catalogue_rst.END}\n\nAfter.\n', encoding='utf-8')
    assert catalogue_rst.main(['--check', str(readme)]) == 1
    assert catalogue_rst.main([str(readme)]) == 0
    text = readme.read_text(encoding='utf-8')
    assert 'old list' not in text
    assert text.startswith('Intro\n\n' + catalogue_rst.BEGIN)
    assert text.endswith(catalogue_rst.END + '\n\nAfter.\n')
    assert '``OPT001``' in text
    assert catalogue_rst.main(['--check', str(readme)]) == 0


def test_a_readme_without_markers_is_an_error():
    with pytest.raises(ValueError, match='BEGIN CATALOGUE'):
        catalogue_rst.updated('no markers here\n')


_CODE = re.compile(r'(?:SC|RST|INI|OPT|HAP|PCS|CRM|PY|YML|OSC|DEP|X[A-Z]+)'
                   r'\d{3}\Z')


def _code_literals(module):
    """The code strings a module's source (a package's: all its modules)
    holds, apart from those of CHECKS declarations."""
    path = pathlib.Path(inspect.getsourcefile(module))
    paths = sorted(path.parent.rglob('*.py')) \
        if path.name == '__init__.py' else [path]
    found = set()
    for source in paths:
        tree = ast.parse(source.read_text())
        declared = {id(call.args[0]) for call in ast.walk(tree)
                    if isinstance(call, ast.Call) and getattr(
                        call.func, 'id', '') == 'Check' and call.args}
        found |= {node.value for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(
                      node.value, str) and _CODE.match(node.value)
                  and id(node) not in declared}
    return found


@pytest.mark.parametrize('name', catalogue.EMITTERS)
def test_each_module_declares_exactly_the_codes_it_reports(name):
    module = importlib.import_module(name)
    declared = {check.code for check in module.CHECKS}
    assert declared, name
    assert _code_literals(module) >= declared, (
        f'{name} declares codes it never reports')
    others = _code_literals(module) - declared
    assert others <= set(catalogue.BY_CODE), (
        f'{name} names codes no module declares: {others}')


def test_no_module_reports_an_undeclared_code():
    """Every code written anywhere in the package is in the catalogue."""
    package = pathlib.Path(inspect.getsourcefile(catalogue)).parent
    for path in package.rglob('*.py'):
        source = path.read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(
                    node.value, str) and _CODE.match(node.value):
                assert node.value in catalogue.BY_CODE, (path, node.value)
