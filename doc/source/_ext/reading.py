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
"""


def _latex_pygments_style(app):
    style = app.config.guide_latex_pygments_style
    if style and app.builder.format == 'latex':
        # The LaTeX builder reads pygments_style only when it writes
        # sphinxhighlight.sty and the documents, after this event.
        app.config.pygments_style = style


def setup(app):
    app.add_config_value('guide_latex_pygments_style', None, '',
                         types=frozenset({str}))
    app.connect('builder-inited', _latex_pygments_style)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
