"""Finding the snippets in a doctree.

The ``code-block`` directive is extended (not replaced) so that every
literal block it makes records where its content starts in the source and
any opt-out the writer gave. The doctree is then walked with docutils' node
API; nothing here reads RST text.
"""

from docutils import nodes
from docutils.parsers.rst import directives

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


def to_snippet(literal):
    """Build a Snippet from a literal block, or None if it is not ours."""
    info = literal.get(ATTRIBUTE)
    if info is None:
        return None
    codes, reason = parse_opt_out(info['ignore'])
    return Snippet(
        language=(literal.get('language') or '').lower(),
        text=literal.astext(),
        source=info['source'],
        line=info['line'],
        filename=_filename(literal, info['caption']),
        ignore=codes,
        ignore_reason=reason,
        alternative=(info.get('alternative') or '').strip(),
    )


def _filename(literal, caption):
    """The configuration file a block shows, from its caption or text."""
    if caption and caption.strip().startswith('/'):
        return caption.strip().split()[0]
    paragraph = _paragraph_before(literal)
    if paragraph is None:
        return ''
    files = [node.astext() for node in paragraph.findall(nodes.literal)
             if 'file' in node.get('classes', ())]
    return files[-1] if files else ''


def _paragraph_before(literal):
    """The paragraph just before *literal* (or before its caption box)."""
    node = literal
    if isinstance(node.parent, nodes.container) and node.parent.get(
            'literal_block'):
        node = node.parent
    parent = node.parent
    if parent is None:
        return None
    index = parent.index(node)
    for sibling in reversed(parent.children[:index]):
        if isinstance(sibling, (nodes.comment, nodes.target,
                                nodes.system_message)):
            continue
        return sibling if isinstance(sibling, nodes.paragraph) else None
    return None


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
