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

"""Sphinx configuration of the OpenStack High Availability Guide."""

import os
import sys

from pygments.styles import get_style_by_name

# The guide's own Sphinx extension (_ext/reading.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '_ext'))

# -- General configuration ---------------------------------------------------

extensions = [
    'openstackdocstheme',
    'sphinx.ext.graphviz',
    'snippetcheck',
    # What readers get that Sphinx and the theme do not give: code blocks
    # and diagrams a keyboard and a screen reader reach, and the PDF's own
    # highlighting style (guide_latex_pygments_style).
    'reading',
]

templates_path = ['_templates']

# Diagrams are graphviz sources rendered at build time: SVG in HTML,
# vector PDF in the PDF.
graphviz_output_format = 'svg'

# -- snippetcheck: every snippet of the guide is checked (see the
# "Writing snippets that check" appendix) -------------------------------------

snippetcheck_ignore = []
# Replay the snippets through haproxy, pcs, crm and crm_verify too; a
# missing tool fails the build (bindep.txt names their packages).
snippetcheck_external = True
# The OpenStack release whose service options ini snippets are checked
# against.
snippetcheck_release = '2026.2'
# The pages build one cluster, in toctree order: a resource made on one
# page is known on the pages after it.
snippetcheck_context = 'toctree'
# The deployment the pages describe together: its nodes and its virtual IP
# address, with the placeholders the pages write for it. The whole
# deployment is checked (addresses, ports, endpoints, timeouts) and its
# cluster proven with crm_simulate; see the failover appendix.
snippetcheck_deployment = {
    'nodes': {'controller1': '10.0.0.12', 'controller2': '10.0.0.13',
              'controller3': '10.0.0.14'},
    'vips': {'10.0.0.11': ['<Virtual IP>', 'VIP']},
    'services': ['keystone', 'glance-api', 'placement', 'nova-api',
                 'nova-metadata', 'nova-novncproxy', 'neutron',
                 'cinder-api', 'manila-api', 'heat-api', 'heat-api-cfn',
                 'horizon'],
}

root_doc = 'index'
source_suffix = {'.rst': 'restructuredtext'}
exclude_patterns = []

project = 'High Availability Guide'
copyright = '2016-present, OpenStack contributors'
author = 'OpenStack contributors'

# The guide is not released with a version of its own.
version = ''
release = ''

# Code highlighting. The HTML keeps openstackdocstheme's dark style on its
# dark code boxes, where axe-core finds its colours readable. The PDF draws
# code on a light box: it takes Pygments' default style, made for a light
# background, on that style's own background colour; every token colour of
# it is at least 4.5:1 there (tests/test_guide_pdf.py measures the PDF).
pygments_style = 'native'
guide_latex_pygments_style = 'default'
_latex_code_background = get_style_by_name(
    guide_latex_pygments_style).background_color.lstrip('#').upper()

# -- openstackdocstheme ------------------------------------------------------

openstackdocs_repo_name = 'openstack/ha-guide'
# Bugs in the guide are reported in Launchpad, tagged ha-guide; the theme's
# "Report a bug" links file them there.
openstackdocs_use_storyboard = False
openstackdocs_bug_project = 'openstack-manuals'
openstackdocs_bug_tag = 'ha-guide'
openstackdocs_auto_name = False
openstackdocs_auto_version = False
openstackdocs_pdf_link = True

# -- Options for HTML output -------------------------------------------------

html_theme = 'openstackdocs'
# _static/guide.css is loaded after the theme's style sheets, by
# _templates/layout.html, so that its colours win.
html_static_path = ['_static']
html_theme_options = {
    'display_badge': False,
    # No analytics tag: a reader's visit is not reported to a third party.
    'analytics_tracking_code': '',
}
html_use_index = False
html_show_sourcelink = False
html_copy_source = False
htmlhelp_basename = 'ha-guide'

# -- Options for LaTeX output ------------------------------------------------

# openstackdocstheme asks for XeLaTeX too, but too late for current Sphinx
# to notice; XeLaTeX typesets the guide's Unicode (quotes, dashes) with the
# FreeFont faces.
latex_engine = 'xelatex'
latex_elements = {
    'papersize': 'a4paper',
    'pointsize': '11pt',
    # Figures float to the nearest place they fit (Sphinx's default). Pinned
    # where they stand ('H'), a figure taller than what was left of a page
    # pushed its section heading over and left a blank page behind.
    'figure_align': 'htbp',
    'classoptions': ',openany',
    'sphinxsetup': ','.join([
        # Code on the background of its highlighting style.
        f'VerbatimColor={{HTML}}{{{_latex_code_background}}}',
        # A line too long for the page wraps, with a visible space at the
        # end and an arrow at the start of the continued line.
        'verbatimwrapslines=true',
        # Never cut a token at an arbitrary character: a token longer than
        # a line overflows the box instead, which the PDF tests report
        # (tests/test_guide_pdf.py).
        'verbatimforcewraps=false',
        # A code block cut by a page break says so at both ends.
        'verbatimhintsturnover=true',
    ]),
    # The PDF is not tagged (it has no structure tree for screen readers):
    # the tagging of TeX Live 2022 (tagpdf 0.98,
    # \DocumentMetadata{testphase=phase-II}) tags only paragraphs and links
    # under XeLaTeX, reports invalid nesting, and sets each code line as a
    # paragraph of its own. Try again with a TeX Live whose LaTeX tags
    # sections, lists, tables and figures.
    'preamble': r'''
% The language and title for screen readers and the viewer's title bar.
\hypersetup{pdflang={en-US}, pdfdisplaydoctitle=true}
% Code lines wrap at spaces, never inside a name, a placeholder or a URL
% that a reader copies: Sphinx's other break points (after _ - . / and
% the like) cut such tokens, and stay for inline code in the text only.
% _ext/reading.py marks where a code line may break besides: inside a
% token too long for any line (a cipher list, a transport_url with three
% hosts), after its commas or semicolons, or else after its : ? or &
% (\guideCodeBreak); and the spaces that must not break, those that
% indent a line and those of a placeholder such as <Virtual IP>
% (\guideCodeSpace).
\newcommand*\guideCodeBreak{%
  % An empty discretionary costs \exhyphenpenalty, which Sphinx sets to 0
  % for each code line: make it dear for the line, so that TeX takes any
  % space first (the value at the end of a paragraph counts).
  \global\exhyphenpenalty=1000\relax
  \discretionary{}{\sphinxafterbreak}{}}
\newcommand*\guideCodeSpace{\kern\fontdimen2\font}
\AddToHook{env/sphinxVerbatim/begin}{%
  \xdef\guideExHyphenPenalty{\the\exhyphenpenalty}%
  % No break after a hyphen: TeX breaks after a - of its own accord, and
  % with no continuation mark. Sphinx's hyphen of inline code does not.
  \let\sphinxhyphen\sphinxhyphennobreak
  \renewcommand*\sphinxbreaksbeforelist{}%
  \renewcommand*\sphinxbreaksafterlist{}%
  \renewcommand*\sphinxbreaksbeforeactivelist{}%
  \renewcommand*\sphinxbreaksafteractivelist{}%
}
\AddToHook{env/sphinxVerbatim/after}{%
  \global\exhyphenpenalty=\guideExHyphenPenalty\relax
}
% The wrap marks in dark red (7.9:1 on the code background) rather than
% Sphinx's red (3.8:1).
\definecolor{guidewrapmark}{RGB}{160,0,0}
\sphinxsetup{%
  verbatimvisiblespace={\textcolor{guidewrapmark}{\textvisiblespace}},%
  verbatimcontinued={\makebox[2\fontcharwd\font`\x][r]%
    {\textcolor{guidewrapmark}{\tiny$\hookrightarrow$}}},%
}
''',
}
latex_documents = [
    ('index', 'doc-ha-guide.tex', 'OpenStack High Availability Guide',
     'OpenStack contributors', 'manual'),
]
latex_domain_indices = False

# -- Options for manual page output ------------------------------------------

man_pages = [
    ('index', 'haguide', 'OpenStack High Availability Guide',
     ['OpenStack contributors'], 1),
]

# -- Internationalization ----------------------------------------------------

locale_dirs = ['locale/']
