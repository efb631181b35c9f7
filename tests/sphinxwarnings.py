"""Reading snippetcheck's warnings out of a sphinx.testing build."""

import pathlib
import re

_WARNING = re.compile(
    r'^(?P<path>[^\n]*?):(?P<line>\d+): WARNING: (?P<code>[A-Z]+\d{3}) '
    r'(?P<message>.*?)(?: \[snippetcheck\.(?P<family>\w+)\])?$',
    re.MULTILINE)


def findings(app):
    """(file name, line, code) of every snippetcheck warning of *app*."""
    text = strip_colors(app.warning.getvalue())
    return sorted((pathlib.Path(m['path']).name, int(m['line']), m['code'])
                  for m in _WARNING.finditer(text))


def families(app):
    text = strip_colors(app.warning.getvalue())
    return {m['code']: m['family'] for m in _WARNING.finditer(text)}


def strip_colors(text):
    return re.sub(r'\x1b\[[0-9;]*m', '', text)


def line_of(app, name, text, nth=1):
    """The 1-based line of the *nth* line of source file *name* holding
    *text*."""
    lines = (pathlib.Path(app.srcdir) / name).read_text().split('\n')
    hits = [number for number, line in enumerate(lines, 1) if text in line]
    return hits[nth - 1]
