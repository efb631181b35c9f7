# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#    http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or
# implied.
# See the License for the specific language governing permissions and
# limitations under the License.

"""What the guide's readers get that Sphinx and the theme do not give.

A guide-local Sphinx extension (``extensions = ['reading']``):

- ``guide_latex_pygments_style``: the Pygments style of the PDF. Sphinx
  has one ``pygments_style`` for every builder; the HTML keeps the
  theme's dark style on its dark code boxes, while the PDF draws code on a
  light box and needs a style made for a light background.
- In the PDF, a code line wraps at its spaces (see the LaTeX preamble in
  conf.py), but not at the leading spaces that indent it, which would
  leave an empty line behind, nor inside a placeholder such as
  ``<Virtual IP>``, which a reader copies whole. A token too long for any
  line (a cipher list, a transport_url with three hosts) may break after
  its commas and semicolons, and where that is not enough after its
  colons, question marks and ampersands; a shorter token never breaks.
  In inline code, a placeholder is not cut at the end of a line either.
- Code blocks in HTML can be reached with the keyboard: their ``<pre>``
  scrolls sideways when a line is longer than the screen, and a region
  that scrolls must take the focus (``tabindex="0"``) so that a reader
  without a mouse can scroll it.
- A table wider than the screen (a phone's) scrolls sideways in a box of
  its own, which takes the focus too, instead of widening the whole page.
- Graphviz diagrams in HTML (SVG in an ``<object>``, which keeps the
  drawing sharp and its labels text) carry their alternative text where
  screen readers read it (``role="img"`` and ``aria-label`` on the
  ``<object>``; the text inside an ``<object>`` is only its fallback), and
  a link under each opens the diagram alone, at full size, for a reader on
  a small screen.
"""

import html
import re

from docutils import nodes
from sphinx.ext import graphviz
from sphinx.locale import __
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The opening tag of the first <pre> of an HTML fragment.
_PRE = re.compile(r'<pre(?=[\s>])')

#: The code lines of a highlighted block in LaTeX.
_VERBATIM = re.compile(
    r'(\\begin\{sphinxVerbatim(?:intable)?\}(?:\[[^\n]*\])?\n)(.*?)'
    r'(\n\\end\{sphinxVerbatim(?:intable)?\})', re.DOTALL)
#: The units of a highlighted line of LaTeX: the start of a highlighted
#: token (\PYG{class}{), an escaped character (\PYGZdq{}), a control
#: symbol, a brace, or a character.
_UNIT = re.compile(r'\\PYG\{[^{}]*\}\{|\\[A-Za-z]+\{\}|\\.|.', re.DOTALL)
#: LaTeX for a space at which a code line does not break (conf.py).
_CODE_SPACE = r'\guideCodeSpace{}'
#: LaTeX for a place where a code line may break, with the wrap mark.
_CODE_BREAK = r'\guideCodeBreak{}'
#: A token of more characters than this is too long for a line of code in
#: the PDF (about 70 characters at full width, fewer in a list or a note).
LONG_TOKEN = 60
#: Where a token too long for a line may break, first and then if need be.
_SEPARATORS = ((',', ';'), (':', '?', '&'))
#: The characters that Pygments' LaTeX escapes stand for.
_ESCAPED = {rf'\PYGZ{name}{{}}': char for name, char in (
    ('bs', '\\'), ('ob', '{'), ('cb', '}'), ('ca', '^'), ('us', '_'),
    ('am', '&'), ('lt', '<'), ('gt', '>'), ('sh', '#'), ('pc', '%'),
    ('dl', '$'), ('hy', '-'), ('sq', "'"), ('dq', '"'), ('ti', '~'))}
#: A placeholder in the LaTeX of inline code.
_INLINE_PLACEHOLDER = re.compile(
    r'<[A-Za-z](?:[\w.]|\\sphinxhyphen\{\}| )*?>')


def _units(line):
    """[LaTeX unit, character shown] of a highlighted line of LaTeX."""
    units = []
    for unit in _UNIT.findall(line):
        if unit.startswith(r'\PYG{') or unit in ('{', '}'):
            shown = ''
        elif unit in _ESCAPED:
            shown = _ESCAPED[unit]
        elif unit.startswith('\\'):
            shown = '\N{REPLACEMENT CHARACTER}'
        else:
            shown = unit
        units.append([unit, shown])
    return units


def _keep_placeholders(units):
    """No break at the spaces of a <placeholder>: <Virtual IP>."""
    shown = [char for _unit, char in units]
    start = None
    for index, char in enumerate(shown):
        if char == '<':
            start = index
        elif char == '>' and start is not None:
            inside = [i for i in range(start + 1, index) if shown[i]]
            text = ''.join(shown[i] for i in inside)
            if re.fullmatch(r'[A-Za-z][\w. -]*', text):
                for i in inside:
                    if shown[i] == ' ':
                        units[i] = [units[i][0].replace(' ', _CODE_SPACE),
                                    '\N{NO-BREAK SPACE}']
            start = None
        elif char and not re.match(r'[\w. -]', char):
            start = None


def _keep_indent(units):
    """No break at the spaces that indent the line."""
    for unit in units:
        if unit[1] == ' ':
            unit[:] = [unit[0].replace(' ', _CODE_SPACE),
                       '\N{NO-BREAK SPACE}']
        elif unit[1]:
            return


def _break_long_tokens(units):
    """Break points in the tokens longer than LONG_TOKEN characters."""
    shown = [index for index, (_unit, char) in enumerate(units) if char]
    tokens, token = [], []
    for index in shown:
        if units[index][1] == ' ':
            tokens.append(token)
            token = []
        else:
            token.append(index)
    tokens.append(token)
    for token in tokens:
        pieces = [token]
        for separators in _SEPARATORS:
            cut = []
            for piece in pieces:
                if len(piece) <= LONG_TOKEN:
                    cut.append(piece)
                    continue
                start = 0
                for position, index in enumerate(piece[:-1]):
                    if units[index][1] in separators:
                        units[index][0] += _CODE_BREAK
                        cut.append(piece[start:position + 1])
                        start = position + 1
                cut.append(piece[start:])
            pieces = cut


def _code_line(line):
    units = _units(line)
    _keep_indent(units)
    _keep_placeholders(units)
    _break_long_tokens(units)
    return ''.join(unit for unit, _char in units)


def _code(match):
    lines = match.group(2).split('\n')
    return (match.group(1) + '\n'.join(_code_line(line) for line in lines)
            + match.group(3))


def _latex_pygments_style(app):
    style = app.config.guide_latex_pygments_style
    if style and app.builder.format == 'latex':
        # The LaTeX builder reads pygments_style only when it writes
        # sphinxhighlight.sty and the documents, after this event.
        app.config.pygments_style = style


def _focusable(body, start):
    """Make the first <pre> written since body[start] focusable."""
    for index in range(start, len(body)):
        text, count = _PRE.subn('<pre tabindex="0"', body[index], count=1)
        if count:
            body[index] = text
            return


def visit_literal_block(self, node):
    start = len(self.body)
    try:
        type(self).visit_literal_block(self, node)
    finally:
        # Highlighted blocks are written whole and skip their children;
        # parsed literals write their <pre> here and continue.
        _focusable(self.body, start)


def depart_literal_block(self, node):
    type(self).depart_literal_block(self, node)


def visit_literal_block_latex(self, node):
    start = len(self.body)
    try:
        type(self).visit_literal_block(self, node)
    finally:
        for index in range(start, len(self.body)):
            self.body[index] = _VERBATIM.sub(_code, self.body[index])


def depart_literal_block_latex(self, node):
    type(self).depart_literal_block(self, node)


def _placeholders_whole(body, start):
    text = ''.join(body[start:])
    del body[start:]
    body.append(_INLINE_PLACEHOLDER.sub(
        lambda found: found.group(0).replace(' ', r'\nobreakspace{}'), text))


def visit_literal_latex(self, node):
    start = len(self.body)
    try:
        type(self).visit_literal(self, node)
    except nodes.SkipNode:
        _placeholders_whole(self.body, start)
        raise
    self._guide_literal_starts = [*getattr(self, '_guide_literal_starts', []),
                                  start]


def depart_literal_latex(self, node):
    type(self).depart_literal(self, node)
    *self._guide_literal_starts, start = self._guide_literal_starts
    _placeholders_whole(self.body, start)


def visit_table(self, node):
    self.body.append('<div class="table-scroll" tabindex="0">\n')
    type(self).visit_table(self, node)


def depart_table(self, node):
    type(self).depart_table(self, node)
    self.body.append('</div>\n')


def visit_graphviz(self, node):
    if self.builder.config.graphviz_output_format != 'svg':
        return graphviz.html_visit_graphviz(self, node)
    alt = ' '.join(node.get('alt', '').split())
    if not alt:
        logger.warning(__('graphviz diagram without :alt: text; screen '
                          'readers would have nothing to read'),
                       location=node)
    try:
        source, _out = graphviz.render_dot(
            self, node['code'], node['options'], 'svg',
            filename=node.get('filename'))
    except graphviz.GraphvizError as error:
        logger.warning(__('dot code %r: %s'), node['code'], error,
                       location=node)
        raise nodes.SkipNode from error
    if source is None:
        raise nodes.SkipNode
    source = html.escape(source.as_posix(), quote=True)
    label = html.escape(alt, quote=True)
    classes = ' '.join(['graphviz', *node.get('classes', [])])
    align = node.get('align')
    if align:
        self.body.append(f'<div class="align-{align}">')
    self.body.append(
        '<div class="graphviz">'
        f'<object data="{source}" type="image/svg+xml" class="{classes}" '
        f'role="img" aria-label="{label}">'
        f'<p class="warning">{label}</p></object></div>\n'
        f'<p class="graphviz-full-size"><a href="{source}">'
        'Open the diagram at full size</a></p>\n')
    if align:
        self.body.append('</div>\n')
    raise nodes.SkipNode


def setup(app):
    app.setup_extension('sphinx.ext.graphviz')
    app.add_config_value('guide_latex_pygments_style', None, '',
                         types=frozenset({str}))
    app.connect('builder-inited', _latex_pygments_style)
    app.add_node(nodes.literal_block, override=True,
                 html=(visit_literal_block, depart_literal_block),
                 latex=(visit_literal_block_latex,
                        depart_literal_block_latex))
    app.add_node(nodes.table, override=True,
                 html=(visit_table, depart_table))
    app.add_node(nodes.literal, override=True,
                 latex=(visit_literal_latex, depart_literal_latex))
    app.add_node(graphviz.graphviz, override=True,
                 html=(visit_graphviz, None))
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
