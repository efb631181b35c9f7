"""Reading a crmsh block: its elements, and the words of each.

crm reads a block as ``crm configure load update`` does: one element a
line, a line ending in ``\\`` continued on the next, ``#`` comments and
blank lines left out.  It splits an element into words with Python's
``shlex.split``, as a POSIX shell splits a command line, which is what
:func:`snippetcheck.console.split` does for console commands: a block and
a ``crm configure ...`` command are split by the same function.
"""

from snippetcheck import console
from snippetcheck.placeholders import join_placeholders


def element_lines(text):
    """Yield (first line, text) for each element of a block: comments and
    blank lines left out, a line ending in a backslash joined to the
    next."""
    pending = []
    start = 0
    for number, raw in enumerate(str(text).split('\n'), 1):
        line = raw.strip()
        if not pending:
            if not line or line.startswith('#'):
                continue
            start = number
        if line.endswith('\\'):
            pending.append(line[:-1].strip())
            continue
        pending.append(line)
        yield start, ' '.join(part for part in pending if part)
        pending = []
    if pending:
        yield start, ' '.join(part for part in pending if part)


def element_words(text):
    """Yield (first line, words) for each element of a block, a
    placeholder such as ``<Virtual IP>`` kept as one word."""
    plain = _blanks_split_alike(text) or None
    for start, element in element_lines(text):
        found = words(element, plain)
        if found:
            yield start, (join_placeholders(found) if '<' in element
                          else found)


def _blanks_split_alike(text):
    """Whether str.split splits *text* where shlex does, at a space, tab,
    CR or LF only: ASCII text (str.split also splits at a no-break space)
    without the other ASCII blanks (vertical tab, form feed, the four
    separators), which shlex keeps in a word."""
    return text.isascii() and '\x0b' not in text and '\x0c' not in text \
        and '\x1c' not in text and '\x1d' not in text \
        and '\x1e' not in text and '\x1f' not in text


def words(text, plain=None):
    """The words of *text*: ``console.split(text)``, never raising.

    Most lines of a block take one of two shortcuts, each giving what
    console.split gives, several times faster (console.split, made for a
    few commands a page, runs a regular expression over every line, and
    a block has many lines): a line with no quote and no backslash, and
    one with quotes of one kind around values without blanks
    (``ip="10.0.0.11"``).  Both need str.split to split where shlex does;
    *plain* true says so of the whole block the line is from, which is
    cheaper to learn once.
    """
    if plain is None:
        plain = _blanks_split_alike(text)
    if plain and '\\' not in text:
        double = '"' in text
        if not double and "'" not in text:
            return text.split()
        if not (double and "'" in text):
            parts = text.split('"' if double else "'")
            quoted = parts[1::2]
            # an odd count: every quote closed; and each quoted value one
            # word, neither empty nor holding a blank
            if len(parts) % 2 and ' '.join(quoted).split() == quoted:
                return ''.join(parts).split()
    return console.split(text)[0]
