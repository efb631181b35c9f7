"""Reading RST files with plain docutils, for the command line.

Sphinx's roles and directives are not known to docutils; they are
registered here as lightweight stand-ins that keep what the checks need
(``:file:`` as a file literal, the content of ``only`` and friends,
``code-block`` recording where its content starts, and ``toctree``
keeping its entries, from which :func:`includes` gives the documents in
reading order), so a file can be checked without a Sphinx project.
"""

import os
import posixpath
import re
import stat
import sys

import docutils.core
import docutils.utils
from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.parsers.rst import directives
from docutils.parsers.rst import roles

from snippetcheck import blocks

SPHINX_ROLES = (
    'abbr', 'command', 'dfn', 'doc', 'download', 'envvar', 'guilabel',
    'kbd', 'keyword', 'makevar', 'manpage', 'menuselection', 'mimetype',
    'numref', 'option', 'program', 'ref', 'regexp', 'samp', 'term',
    'any', 'class', 'func', 'meth', 'mod', 'attr', 'data', 'exc', 'obj',
    'py:class', 'py:func', 'py:mod', 'py:meth', 'py:attr', 'py:obj',
)

#: Sphinx directives whose content is RST to read on.
CONTAINERS = ('only', 'glossary', 'seealso', 'versionadded',
              'versionchanged', 'deprecated', 'centered', 'hlist',
              'rst-class', 'cssclass', 'tab', 'tabs', 'todo')
#: Sphinx directives with nothing to check inside.
OPAQUE = ('literalinclude', 'graphviz', 'digraph', 'graph',
          'index', 'highlight', 'automodule', 'autoclass', 'autofunction',
          'tabularcolumns', 'sectionauthor', 'codeauthor', 'productionlist',
          'ifconfig')


class CodeBlock(Directive):
    """A stand-in for Sphinx's code-block: a literal block with a language."""

    optional_arguments = 1
    final_argument_whitespace = False
    has_content = True
    option_spec = {
        'caption': directives.unchanged,
        'name': directives.unchanged,
        'class': directives.class_option,
        'linenos': directives.flag,
        'lineno-start': directives.unchanged,
        'emphasize-lines': directives.unchanged,
        'dedent': directives.unchanged,
        'force': directives.flag,
        **blocks.OPTION_SPEC,
    }

    def run(self):
        code = '\n'.join(self.content)
        literal = nodes.literal_block(code, code)
        literal['language'] = self.arguments[0] if self.arguments else ''
        literal.source, literal.line = self.state_machine.get_source_and_line(
            self.lineno)
        blocks.record(self, literal)
        return [literal]


class Container(Directive):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = None

    def run(self):
        node = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


class Opaque(Directive):
    optional_arguments = 10
    final_argument_whitespace = True
    has_content = True
    option_spec = None

    def run(self):
        return []


class toctree_entries(nodes.Invisible, nodes.Element):
    """What a ``toctree`` directive lists: ``entries`` (its lines, as
    written), ``glob`` and ``reversed`` (its options)."""


class Toctree(Directive):
    """A stand-in for Sphinx's toctree that keeps its entries."""

    has_content = True
    option_spec = {
        'maxdepth': int, 'name': directives.unchanged,
        'class': directives.class_option, 'caption': directives.unchanged,
        'glob': directives.flag, 'hidden': directives.flag,
        'includehidden': directives.flag, 'numbered': directives.unchanged,
        'titlesonly': directives.flag, 'reversed': directives.flag,
    }

    def run(self):
        node = toctree_entries()
        node['entries'] = [line.strip() for line in self.content
                           if line.strip()]
        node['glob'] = 'glob' in self.options
        node['reversed'] = 'reversed' in self.options
        return [node]


# How Sphinx reads a toctree entry: ``Title <doc>``, a URL, a glob.
_EXPLICIT_TITLE = re.compile(r'^(.+?)\s*(?<!\x00)<([^<]*?)>$', re.DOTALL)
_URL = re.compile(r'(?P<schema>.+)://.*')
_GLOB = re.compile(r'.*[*?\[].*')


def docname_join(base, name):
    """*name*, written in document *base*, as a document name of the
    project (as Sphinx joins them: relative to *base*'s directory, or to
    the source directory when it starts with ``/``)."""
    return posixpath.normpath(posixpath.join('/' + base, '..', name))[1:]


def includes(doctree, docname, known, suffixes=('.rst',)):
    """The documents the toctrees of *doctree* (document *docname*) list,
    in order, as Sphinx resolves them: an entry ``Title <doc>`` names
    doc, a URL and ``self`` name none, a glob (with ``:glob:``) names the
    matching documents of *known* in sorted order, and a document is
    listed once. Entries naming no document of *known* are left out."""
    remaining = set(known) - {docname}
    found = []
    for node in doctree.findall(toctree_entries):
        listed = []
        for entry in node['entries']:
            explicit = _EXPLICIT_TITLE.match(entry)
            if node['glob'] and not explicit and _GLOB.match(entry) and \
                    not _URL.match(entry):
                from sphinx.util.matching import patfilter

                pattern = docname_join(docname, entry)
                for name in sorted(patfilter(remaining, pattern)):
                    remaining.discard(name)
                    listed.append(name)
                continue
            ref = explicit.group(2) if explicit else entry
            if ref == 'self' or _URL.match(ref):
                continue
            for suffix in suffixes:
                if ref.endswith(suffix):
                    ref = ref[:-len(suffix)]
                    break
            name = docname_join(docname, ref)
            if name in known:
                remaining.discard(name)
                listed.append(name)
        if node['reversed']:
            listed.reverse()
        found.extend(listed)
    return found


def _file_role(name, rawtext, text, lineno, inliner, options=None,
               content=None):
    return [nodes.literal(rawtext, text, classes=['file'])], []


def _generic_role(name, rawtext, text, lineno, inliner, options=None,
                  content=None):
    return [nodes.literal(rawtext, text, classes=[name])], []


def register():
    """Teach docutils the Sphinx markup the guide uses. Cheap when it is
    taught already; done again when something (a Sphinx build in the same
    process) has reset docutils' registry since."""
    if directives._directives.get('code-block') is CodeBlock:
        return
    for name in ('code-block', 'sourcecode', 'code'):
        directives.register_directive(name, CodeBlock)
    for name in CONTAINERS:
        directives.register_directive(name, Container)
    for name in OPAQUE:
        directives.register_directive(name, Opaque)
    directives.register_directive('toctree', Toctree)
    roles.register_local_role('file', _file_role)
    for name in blocks.OSLO_ROLES:
        roles.register_local_role(name, _generic_role)
    for name in SPHINX_ROLES:
        roles.register_local_role(name, _generic_role)


class Unreadable(Exception):
    """A file the reader cannot take as RST text; the message says why,
    and ``line`` where (0 for the file as a whole)."""

    def __init__(self, message, line=0):
        super().__init__(message)
        self.line = line


def read_text(path):
    """The text of the RST file at *path*, read as Sphinx reads it (UTF-8,
    a byte order mark dropped). Raises Unreadable for what is not a
    regular UTF-8 file, before opening anything that could block (a FIFO,
    a device)."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise Unreadable(f'cannot read the file: {error.strerror}') \
            from error
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable('not a regular file (a FIFO, a device or a '
                         'directory); only RST files are read')
    try:
        with open(path, 'rb') as stream:
            data = stream.read()
    except OSError as error:
        raise Unreadable(f'cannot read the file: {error.strerror}') \
            from error
    try:
        return data.decode('utf-8-sig')
    except UnicodeDecodeError as error:
        line = data.count(b'\n', 0, error.start) + 1
        raise Unreadable(f'not UTF-8 text: byte 0x{data[error.start]:02x} '
                         'here; save the file as UTF-8', line) from error


def read(path):
    """The doctree of the RST file at *path*; docutils reports are silenced
    (Sphinx reports markup errors; this reader only looks for snippets).

    As Sphinx does, no line is too long to read (docutils alone drops a
    file with a line over 10,000 characters), and included files are read
    as UTF-8.
    """
    register()
    text = read_text(path)
    return docutils.core.publish_doctree(
        text, source_path=str(path),
        settings_overrides={
            'report_level': 5, 'halt_level': 5, 'warning_stream': False,
            'file_insertion_enabled': True, 'raw_enabled': False,
            'input_encoding': 'utf-8-sig',
            'line_length_limit': sys.maxsize,
        })
