"""Reading the messages of external tools."""

from snippetcheck.findings import shorten


def first_line(text, limit=200):
    """The first meaningful line of a tool's message, shortened."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return shorten(line, limit)
    return ''
