"""What a check reports: a code, a line inside the snippet and a message."""

import dataclasses
import difflib


@dataclasses.dataclass(frozen=True, order=True)
class Finding:
    """One problem found in a snippet.

    ``line`` counts from 1 at the snippet's first line, so the glue adds it
    to the line where the snippet starts in its document.
    """

    line: int
    code: str
    message: str

    def render(self):
        return f'{self.code} {self.message}'


def shorten(text, limit=50):
    """*text* cut to *limit* characters for a message, unprintable
    characters shown as "?"."""
    text = str(text)
    if len(text) > limit:
        text = text[:limit - 3] + '...'
    if not text.isprintable():
        text = ''.join(ch if ch.isprintable() else '?' for ch in text)
    return text


def did_you_mean(word, candidates, prefix='', suffix=''):
    """'; did you mean "X"?' for the candidate closest to *word*, or ''."""
    close = difflib.get_close_matches(str(word)[:60], list(candidates), n=1,
                                      cutoff=0.75)
    if close:
        return f'; did you mean "{prefix}{close[0]}{suffix}"?'
    return ''
