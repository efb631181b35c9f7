"""Markup mistakes that hide text from readers.

``.. code-block: console`` (one colon) is a comment, not a directive: the
commands under it vanish from the page. A console block with no prompt is
shown as console text but holds no command, usually a configuration file
in the wrong block.
"""

import re

from snippetcheck import console
from snippetcheck.catalogue import Check
from snippetcheck.findings import Finding

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('RST001', 'markup',
          'A comment is a misspelled directive: the text it holds is not '
          'shown.',
          '.. code-block: console', '.. code-block:: console', 'rst'),
    Check('RST002', 'markup',
          'A console block holds no command: lines with a prompt are '
          'commands, the rest is output.',
          '.. code-block:: console\n\n   rabbit_retry_interval=1',
          '.. code-block:: ini\n\n   rabbit_retry_interval = 1', 'rst'),
)


# A directive written with one colon: "name: rest". Matched against the text
# of a comment node, never against RST source.
_LOOKS_LIKE_DIRECTIVE = re.compile(r'([A-Za-z][A-Za-z0-9_:-]*?):(?!:)(\s|$)')

KEY_VALUE = re.compile(r'[A-Za-z_][A-Za-z0-9_.-]*\s*=')


def check_comment(text, known_directives):
    """RST001: a comment whose first word is a directive name with one colon.

    Returns findings with line 1 meaning the comment's first line.
    """
    first = text.split('\n', 1)[0].strip()
    match = _LOOKS_LIKE_DIRECTIVE.match(first)
    if not match:
        return []
    name = match.group(1)
    # Directive names are written in lower case; "TODO:" is a note to
    # writers, not a misspelled directive.
    if name != name.lower() or name not in known_directives:
        return []
    rest = first[match.end():].strip()
    fixed = f'.. {name}::' + (f' {rest}' if rest else '')
    return [Finding(1, 'RST001',
                    f'".. {first}" is a comment, so its content is not shown; '
                    f'write "{fixed}"')]


def check_console(snippet):
    """RST002: a console block in which no line has a prompt, of the
    shell or of another program (see :mod:`snippetcheck.console`)."""
    lines = [line for line in snippet.lines if line.strip()]
    if not lines or console.has_commands(snippet.text, snippet.prompts):
        return []
    if all(KEY_VALUE.match(line) or line.startswith(('[', '#', ';'))
           for line in lines):
        hint = ('these lines are configuration: use ".. code-block:: ini" '
                '(or the file\'s own language)')
    else:
        hint = ('start each command with "# " (root) or "$ " (user); '
                'use ".. code-block:: none" for output alone')
    return [Finding(1, 'RST002',
                    f'console block has no command prompt; {hint}')]
