"""Finding the snippets in a doctree.

The ``code-block`` directive is extended (not replaced) so that every
literal block it makes records where its content starts in the source and
any opt-out the writer gave. The doctree is then walked with docutils' node
API; nothing here reads RST text.
"""

import functools
import re

from docutils import nodes
from docutils.parsers.rst import directives

from snippetcheck import engine
from snippetcheck.checkers import ini
from snippetcheck.context import Snippet

#: Attribute of a literal_block holding what the extended directive recorded.
ATTRIBUTE = 'snippetcheck'
#: Directive option for a per-block opt-out: ``CODE[,CODE...]|all REASON``.
OPT_OUT = 'snippetcheck-ignore'
#: Directive option of a block that shows an alternative to the deployment
#: the pages build together (keepalived instead of Pacemaker's VIP, say):
#: ``:snippetcheck-alternative: REASON``. The block is checked as any
#: other, but is not part of the whole deployment.
ALTERNATIVE = 'snippetcheck-alternative'

OPTION_SPEC = {OPT_OUT: directives.unchanged,
               ALTERNATIVE: directives.unchanged_required}


def record(directive, node):
    """Store the content's source and first line on *node*.

    ``content_offset`` is the 0-based offset of the first content line in
    the state machine's input; the state machine maps it back to the file
    (and line) it came from, also for blocks nested in lists, notes and
    included files.
    """
    source, line = directive.state_machine.get_source_and_line(
        directive.content_offset + 1)
    for literal in node.findall(nodes.literal_block):
        literal[ATTRIBUTE] = {
            'source': source or '',
            'line': line or directive.lineno,
            'caption': directive.options.get('caption', ''),
            'ignore': directive.options.get(OPT_OUT),
            'alternative': directive.options.get(ALTERNATIVE, ''),
        }
        break


def parse_opt_out(value):
    """Split an opt-out into (codes, reason); codes is a set or {'all'}."""
    if value is None:
        return frozenset(), ''
    words = value.split(None, 1)
    if not words:
        return frozenset(['all']), ''
    codes = frozenset(code.strip() for code in words[0].split(',')
                      if code.strip())
    reason = words[1].strip() if len(words) > 1 else ''
    return codes, reason


def literal_blocks(doctree):
    """The literal blocks of *doctree* in document order."""
    return doctree.findall(nodes.literal_block)


def to_snippet(literal, prompts=()):
    """Build a Snippet from a literal block, or None if it is not ours;
    *prompts* are the project's own console prompts."""
    info = literal.get(ATTRIBUTE)
    if info is None:
        return None
    codes, reason = parse_opt_out(info['ignore'])
    text = literal.astext()
    language = (literal.get('language') or '').lower()
    filename, named = file_of(literal, info['caption'], text, language)
    if language in _SECTION_SCOPED:
        # kept for the block after it (see fragment_section)
        info['fragment_section'] = fragment_section(literal, filename)
    return Snippet(
        language=language,
        text=text,
        source=info['source'],
        line=info['line'],
        filename=filename,
        ignore=codes,
        ignore_reason=reason,
        alternative=(info.get('alternative') or '').strip(),
        filename_from=named,
        prompts=prompts,
        fragment_section=info.get('fragment_section', ''),
    )


# -- the file a block shows ---------------------------------------------------
#
# Documentation names the file a block shows in several ways; they are
# tried in this order, the first that names one file wins:
#
# 1. the block's caption, when it is a path (``:caption: /etc/nova/nova.conf``
#    or a file name such as ``nova.conf``);
# 2. a ``.. path /etc/nova/nova.conf`` comment just before the block (the
#    convention of the OpenStack install guides);
# 3. the block's first line, a comment that holds the path alone
#    (``# /etc/nova/nova.conf``);
# 4. the paragraph just before the block: a ``:file:`` role, else a
#    ``literal`` that is a path (``/etc/nova/nova.conf``) or a file name
#    with a configuration suffix (``nova.conf``), else such a name in its
#    plain text, else the options and groups it refers to with
#    oslo.config's roles (``:oslo.config:option:`pci.device_spec```), when
#    the option data has them in one service's file only;
# 5. when that paragraph names no file (or the block opens a list item or
#    an indented block), the paragraph that introduces the list item or
#    indented block the block stands in, and so on outwards ("Edit the
#    ``/etc/nova/nova.conf`` file:" above a list of "In the ``[database]``
#    section:" items);
# 6. for an ini block only, the one configuration file the text of the
#    section it stands in names before it (the section's title and
#    paragraphs, those of its subsections before the block too; not code),
#    as a reader takes "Edit cinder.conf" to hold for the blocks after it.
#
# Where a paragraph or section names several files it names none, unless
# one of them alone has a configuration suffix (or, failing that, lies
# under /etc): a block is better judged by its syntax alone than against
# the wrong file's options. Two names of one file (``nova.conf`` and
# ``/etc/nova/nova.conf``) are one file.

#: Suffixes of configuration file names.
CONFIG_SUFFIXES = ('.conf', '.ini', '.cfg', '.cnf', '.conf.sample',
                   '.ini.sample')
#: Top directories of an absolute path taken from a literal.
_PATH_ROOTS = frozenset(['etc', 'usr', 'opt', 'var', 'srv', 'home', 'root',
                         'run', 'lib', 'tmp', 'mnt'])
_PATH_COMMENT = re.compile(r'path\s+(\S+)\s*$')
_FIRST_LINE = re.compile(r'[#;]+\s*((?:/|~/)\S+?):?\s*$')
_FILE_WORD = re.compile(r'[\w.<>{}$@+-]+')
#: A configuration file named in running text.
_IN_TEXT = re.compile(r'(?<![\w.<>{}@+/-])((?:/[\w.<>{}@+-]+)*/?'
                      r'[\w<>{}@+-][\w.<>{}@+-]*\.(?:conf|ini|cfg|cnf))'
                      r'(?![\w-]|\.\w)')
#: Languages whose blocks may take their file from the section's text.
_SECTION_SCOPED = frozenset(['ini', 'cfg', 'dosini'])

#: Where a block's file was named (Snippet.filename_from).
FROM_CAPTION = 'caption'
FROM_COMMENT = '.. path comment'
FROM_FIRST_LINE = 'first line'
FROM_PARAGRAPH = 'paragraph before'
FROM_INTRODUCTION = 'paragraph introducing the list or indented block'
FROM_SECTION = 'text of the section'


def file_of(literal, caption, text=None, language=''):
    """(file, where it was named) of the block *literal*; ('', '') when
    nothing names one, ('', why) when what is there names several."""
    named = _caption_file(caption)
    if named:
        return named, FROM_CAPTION
    node = _outer(literal)
    named = _comment_file(node)
    if named:
        return named, FROM_COMMENT
    match = _FIRST_LINE.match(_first_line(literal.astext()
                                          if text is None else text))
    if match:
        return match.group(1), FROM_FIRST_LINE
    for paragraph, where in _introductions(node):
        named, several = _paragraph_file(paragraph)
        if named:
            return named, where
        if several:
            return '', _several(where, several)
    if language in _SECTION_SCOPED:
        return _section_file(literal)
    return '', ''


def _introductions(node):
    """(paragraph, where) of the paragraphs that introduce *node*, the
    nearest first: the paragraph just before it, then, while the node
    opens a list item or an indented block or its paragraph names
    nothing, the paragraph that introduces that list or block."""
    where = FROM_PARAGRAPH
    while node is not None:
        paragraph, opens = _introduction(node)
        if paragraph is not None:
            yield paragraph, where
        elif not opens:
            return
        node = _enclosing(node)
        where = FROM_INTRODUCTION


#: A section named in the text, as a literal: ``[agent]``.
_SECTION_LITERAL = re.compile(r'\[([^\[\]\s]+)\]')


def fragment_section(literal, filename=''):
    """The ini section the text names for the options a block shows
    before its first ``[section]`` header, or '' where it names none
    (oslo.config then reads them as [DEFAULT]'s):

    * the one section a ``literal`` of the nearest introducing paragraph
      that names any holds ("Set ``extensions`` in the ``[agent]``
      section:" above ``extensions = ndp_proxy``; see
      :func:`_introductions`);
    * else, when the block shows file *filename*, the section the ini
      block just before it ends in, if that block shows the same file
      ("For example:" above a second ``network_vlan_ranges = ...``).
    """
    named = _named_section(literal)
    if named or not filename:
        return named
    previous = _previous_block(_outer(literal))
    if previous is None:
        return ''
    info = previous.get(ATTRIBUTE)
    language = (previous.get('language') or '').lower()
    if info is None or language not in _SECTION_SCOPED:
        return ''
    text = previous.astext()
    if len(text.encode('utf-8', 'replace')) > engine.MAX_BLOCK_BYTES:
        return ''  # a block too large to check names no section either
    shown, _where = file_of(previous, info['caption'], text, language)
    if not shown or shown.rsplit('/', 1)[-1] != filename.rsplit('/', 1)[-1]:
        return ''
    # blocks are made snippets in document order: the block before has
    # found its own fragment section already
    start = info.get('fragment_section')
    last = ini.parse(text, _named_section(previous) if start is None
                     else start).section
    return '' if last == 'DEFAULT' else last


def _named_section(literal):
    """The one section the nearest introducing paragraph that names any
    names as a literal (``[agent]``), or ''."""
    for paragraph, _where in _introductions(_outer(literal)):
        sections = list(dict.fromkeys(
            match.group(1) for node in paragraph.findall(nodes.literal)
            if (match := _SECTION_LITERAL.fullmatch(node.astext().strip()))))
        if sections:
            return sections[0] if len(sections) == 1 else ''
    return ''


def _previous_block(node):
    """The literal block nearest before *node* in the section it stands
    in (in the lists, notes and indented blocks around it too; not in an
    earlier subsection), or None."""
    while not isinstance(node, (nodes.section, nodes.document)):
        for sibling in _before(node):
            if isinstance(sibling, nodes.section):
                return None
            if isinstance(sibling, nodes.literal_block):
                return sibling
            inside = list(sibling.findall(nodes.literal_block))
            if inside:
                return inside[-1]
        node = node.parent
        if node is None:
            return None
    return None


def _several(where, names):
    return f'the {where} names several files ({", ".join(names)})'


def _caption_file(caption):
    words = (caption or '').replace('`', ' ').split()
    if not words:
        return ''
    word = words[0].rstrip(':')
    if word.startswith('/') and not word.endswith('/'):
        return word
    if word.endswith(CONFIG_SUFFIXES) and _FILE_WORD.fullmatch(word):
        return word
    return ''


def _outer(literal):
    """The node that stands for *literal* among its siblings: its caption
    box, when it has one."""
    if isinstance(literal.parent, nodes.container) and \
            literal.parent.get('literal_block'):
        return literal.parent
    return literal


def _before(node):
    """The siblings before *node*, nearest first."""
    parent = node.parent
    if parent is None:
        return []
    return reversed(parent.children[:parent.index(node)])


def _comment_file(node):
    """The path of a ``.. path`` comment among the comments just before
    *node*."""
    for sibling in _before(node):
        if isinstance(sibling, (nodes.target, nodes.system_message)):
            continue
        if not isinstance(sibling, nodes.comment):
            return ''
        match = _PATH_COMMENT.match(sibling.astext().strip())
        if match:
            return match.group(1)
    return ''


def _first_line(text):
    for line in text.split('\n'):
        if line.strip():
            return line.strip()
    return ''


def _introduction(node):
    """(the paragraph just before *node*, or None; whether *node* opens
    its parent: nothing but comments and targets before it)."""
    for sibling in _before(node):
        if isinstance(sibling, (nodes.comment, nodes.target,
                                nodes.system_message)):
            continue
        if isinstance(sibling, nodes.paragraph):
            return sibling, False
        return None, False
    return None, True


def _enclosing(node):
    """The node whose introduction also introduces *node*: the list of
    the list item, or the indented block, *node* stands in."""
    parent = node.parent
    if isinstance(parent, nodes.list_item) and parent.parent is not None:
        return parent.parent
    if isinstance(parent, nodes.block_quote):
        return parent
    return None


def _paragraph_file(paragraph):
    """(the one file *paragraph* names, the files it names when they are
    several)."""
    roles, literals = [], []
    for node in paragraph.findall(nodes.literal):
        value = node.astext().strip()
        if 'file' in node.get('classes', ()):
            if value and not value.endswith('/'):
                roles.append(value)
        elif _looks_like_file(value):
            literals.append(value)
    for found in (roles, literals, _IN_TEXT.findall(paragraph.astext()),
                  _option_files(paragraph)):
        named, several = _one_file(found)
        if named or several:
            return named, several
    return '', ()


#: The roles of oslo.config's Sphinx extension: a reference to an option
#: (``group.name``, or ``name`` of DEFAULT) or a group of the project's.
OSLO_ROLES = ('oslo.config:option', 'oslo.config:group')


def _option_files(paragraph):
    """The files of the options and groups *paragraph* refers to with
    oslo.config's roles: the command line's stand-ins make them literals
    of class ``oslo.config:option``, Sphinx pending cross-references."""
    files = []
    for node in paragraph.findall(nodes.Element):
        kind = None
        if node.tagname == 'pending_xref' and \
                node.get('refdomain') == 'oslo.config':
            kind, target = node.get('reftype'), node.get('reftarget', '')
        elif isinstance(node, nodes.literal):
            for role in OSLO_ROLES:
                if role in node.get('classes', ()):
                    kind = role.rpartition(':')[2]
                    target = node.astext()
        if kind not in ('option', 'group'):
            continue
        target = target.rpartition('<')[2].rstrip('>').strip()
        if kind == 'option':
            group, _dot, name = target.rpartition('.')
            owners = _option_index()[0].get((group or 'DEFAULT', name), ())
        else:
            owners = _option_index()[1].get(target, ())
        if len(owners) == 1:
            files.extend(owners)
    return files


@functools.cache
def _option_index():
    """({(group, option): files}, {group: files}) of the services the
    option data has, for the release snippetcheck checks by default (the
    services own the same options from one release to the next)."""
    from snippetcheck.options import schema
    from snippetcheck.options import sources

    release = sources.DEFAULT_RELEASE
    options, groups = {}, {}
    if release not in schema.releases():
        return options, groups
    for spec in sources.RELEASES[release].values():
        # a service's first file is its own (nova.conf; nova-api.conf and
        # the other files of its processes take the same options)
        name = spec['files'][0]
        found = schema.for_file(f'/etc/{name}', release)
        if found is None:
            continue
        for group, names in found.groups.items():
            groups.setdefault(group, set()).add(name)
            for option in names:
                options.setdefault((group, option), set()).add(name)
    return ({key: tuple(value) for key, value in options.items()},
            {key: tuple(value) for key, value in groups.items()})


def _one_file(found):
    """(the one file of the names *found*, or the several it holds)."""
    distinct = list(dict.fromkeys(found))
    if len(distinct) > 1:
        # nova.conf and /etc/nova/nova.conf are one file: the path
        full = {}
        for name in distinct:
            base = name.rsplit('/', 1)[-1]
            if '/' in name or base not in full:
                full[base] = name
        distinct = list(full.values())
    if len(distinct) == 1:
        return distinct[0], ()
    if not distinct:
        return '', ()
    for preferred in ([name for name in distinct
                       if name.endswith(CONFIG_SUFFIXES)],
                      [name for name in distinct
                       if name.startswith('/etc/')]):
        if len(preferred) == 1:
            return preferred[0], ()
        if preferred:
            return '', tuple(preferred)
    return '', tuple(distinct)


def _section_file(literal):
    """(file, FROM_SECTION) when the text before *literal* in the section
    it stands in names one configuration file; ('', why) when it names
    several."""
    section = literal.parent
    while section is not None and not isinstance(
            section, (nodes.section, nodes.document)):
        section = section.parent
    if section is None:
        return '', ''
    names = []
    for node in section.findall(_is_text_or(literal)):
        if node is literal:
            break
        if not isinstance(node, nodes.literal_block):
            names.extend(_IN_TEXT.findall(node.astext()))
    named, several = _one_file(names)
    if several:
        return '', _several(FROM_SECTION, several)
    return named, FROM_SECTION if named else ''


def _is_text_or(literal):
    def condition(node):
        return node is literal or isinstance(
            node, (nodes.paragraph, nodes.title, nodes.literal_block))
    return condition


def _looks_like_file(value):
    """Whether a literal's text is a path or a configuration file name."""
    if not value or any(char.isspace() for char in value) or \
            value.endswith('/') or '=' in value or '://' in value:
        return False
    if value.startswith('/'):
        parts = value.split('/')
        return len(parts) > 2 and (parts[1] in _PATH_ROOTS or
                                   value.endswith(CONFIG_SUFFIXES))
    if value.startswith('~/'):
        return True
    return '/' not in value and value.endswith(CONFIG_SUFFIXES) and \
        _FILE_WORD.fullmatch(value) is not None


def known_directives():
    """Names of the directives docutils knows now (its own and those
    Sphinx or the reader registered): what a comment may be a misspelling
    of."""
    names = set(directives._directive_registry)
    names.update(directives._directives)
    return frozenset(name for name in names if name == name.lower())


def comments(doctree):
    """The comment nodes of *doctree* in document order."""
    return doctree.findall(nodes.comment)


def comment_line(comment, source_lines):
    """The line on which *comment* starts.

    docutils numbers a comment node by the last line it consumed, which
    for a comment swallowing an indented block is lines below its start.
    Walk back from there to the line that opens the comment with its first
    line of text.
    """
    line = comment.line or 0
    first = comment.astext().split('\n', 1)[0].strip()
    if not source_lines or not line:
        return line
    for number in range(min(line, len(source_lines)), 0, -1):
        text = source_lines[number - 1].strip()
        if text.startswith('..') and text[2:].strip() == first:
            return number
    return line
