"""Reading the messages of external tools."""


def first_line(text, limit=200):
    """The first meaningful line of a tool's message, shortened."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= limit else line[:limit - 3] + '...'
    return ''
