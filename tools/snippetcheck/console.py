"""Commands in a console block.

A line that starts with a ``# `` (root) or ``$ `` (user) prompt is a
command; a line ending in a backslash continues on the next one. Every other
line is output. Each command keeps the line its prompt stood on.
"""

import dataclasses
import re

PROMPTS = ('# ', '$ ')


@dataclasses.dataclass(frozen=True)
class Command:
    line: int        # 1-based line of the prompt inside the block
    text: str        # the command with continuations joined, no prompt
    argv: tuple      # the words, as a POSIX shell would split them
    quoting_ok: bool = True

    @property
    def program(self):
        return self.argv[0] if self.argv else ''


def commands(text):
    """Yield the commands of console block *text* in order."""
    lines = text.split('\n')
    index = 0
    while index < len(lines):
        line = lines[index]
        prompt = _prompt(line)
        index += 1
        if prompt is None:
            continue
        start = index
        body = line[len(prompt):]
        parts = []
        while body.endswith('\\') and index < len(lines):
            parts.append(body[:-1])
            body = lines[index].strip()
            index += 1
        parts.append(body)
        joined = ' '.join(part.strip() for part in parts).strip()
        if joined:
            yield _command(start, joined)


def _prompt(line):
    for prompt in PROMPTS:
        if line.startswith(prompt):
            return prompt
    return None


# One piece of a POSIX shell word: a single-quoted string, a double-quoted
# string, an escaped character, plain characters, a run of blanks, or a
# quote (or a final backslash) that is never closed.
_PIECE = re.compile(r"""'([^']*)'|"((?:[^"\\]|\\.)*)"|\\(.)|"""
                    r"""([^ \t\r\n'"\\]+)|([ \t\r\n]+)|(['"\\])""",
                    re.DOTALL)
_QUOTING = re.compile(r'[\'"\\]')
_BLANKS = re.compile(r'[ \t\r\n]+')
# Inside double quotes a backslash escapes only a quote or a backslash.
_DOUBLE_QUOTED_ESCAPE = re.compile(r'\\(["\\])')


def split(text):
    """Split *text* into words as a POSIX shell does (``shlex.split``).

    Returns (words, quoting_ok); with an unclosed quote the words are the
    blank-separated ones and quoting_ok is False. A single regular
    expression does the work of shlex's character loop, several times
    faster, and the tests hold it to shlex's results.
    """
    if _QUOTING.search(text) is None:  # the common case: plain words
        return [word for word in _BLANKS.split(text) if word], True
    words = []
    word = None
    for match in _PIECE.finditer(text):
        single, double, escaped, plain, blank, stray = match.groups()
        if blank is not None:
            if word is not None:
                words.append(word)
                word = None
            continue
        if stray is not None:
            return text.split(), False
        if single is not None:
            piece = single
        elif double is not None:
            piece = _DOUBLE_QUOTED_ESCAPE.sub(r'\1', double)
        elif escaped is not None:
            piece = escaped
        else:
            piece = plain
        word = piece if word is None else word + piece
    if word is not None:
        words.append(word)
    return words, True


def _command(line, text):
    argv, quoting_ok = split(text)
    while argv and argv[0] == 'sudo':
        argv = argv[1:]
    return Command(line, text, tuple(argv), quoting_ok)


def has_prompt(line):
    return _prompt(line) is not None or line.strip() in ('#', '$')
