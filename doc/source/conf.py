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

# -- General configuration ---------------------------------------------------

extensions = [
    'openstackdocstheme',
    'sphinx.ext.graphviz',
    'snippetcheck',
]

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

pygments_style = 'native'

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
    'figure_align': 'H',
    'classoptions': ',openany',
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
