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
- Code blocks in HTML can be reached with the keyboard: their ``<pre>``
  scrolls sideways when a line is longer than the screen, and a region
  that scrolls must take the focus (``tabindex="0"``) so that a reader
  without a mouse can scroll it.
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
                 html=(visit_literal_block, depart_literal_block))
    app.add_node(graphviz.graphviz, override=True,
                 html=(visit_graphviz, None))
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
