"""The file of an ini block, recognised in a real Sphinx build as the
command line recognises it."""

import pathlib
import subprocess
import sys

import pytest

from tests.sphinxwarnings import findings
from tests.sphinxwarnings import line_of

ROOT = pathlib.Path(__file__).parent / 'roots' / 'test-filenames'


@pytest.mark.sphinx('html', testroot='filenames')
def test_each_convention_names_the_file(app):
    app.build()
    lines = [number for number, text in enumerate(
        (ROOT / 'index.rst').read_text().split('\n'), 1)
        if 'osapi_volume_listen = ' in text]
    assert len(lines) == 8
    # the five conventions fire; the three near misses do not
    assert findings(app) == [('index.rst', line, 'OPT001')
                             for line in lines[:5]]
    assert line_of(app, 'index.rst', 'Near misses') < lines[5]


def test_the_command_line_recognises_the_same():
    result = subprocess.run(
        [sys.executable, '-m', 'snippetcheck', str(ROOT / 'index.rst')],
        capture_output=True, text=True, timeout=120, check=False)
    lines = [int(line.split(':')[1]) for line in result.stdout.splitlines()]
    codes = {line.split()[1] for line in result.stdout.splitlines()}
    assert codes == {'OPT001'}
    assert len(lines) == 5
