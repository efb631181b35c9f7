"""What the checks report, and the few helpers every checker words its
messages with.

A checker returns :class:`Finding` objects, whose lines count from the
snippet's first line; the engine places them in their document as
:class:`Report` objects, which the Sphinx glue and the command line show.
"""

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


@dataclasses.dataclass(frozen=True, order=True)
class Report:
    """A finding placed in a document."""

    source: str
    line: int
    code: str
    message: str

    def render(self):
        return f'{self.source}:{self.line}: {self.code} {self.message}'


def shorten(text, limit=50):
    """*text* cut to *limit* characters for a message, unprintable
    characters shown as "?"."""
    text = str(text)
    if len(text) > limit:
        text = text[:limit - 3] + '...'
    if not text.isprintable():
        text = ''.join(ch if ch.isprintable() else '?' for ch in text)
    return text


def closest(word, candidates, cutoff=0.75):
    """The candidate closest to *word*, or None (only the first 200
    characters of a word are compared: a longer one is no spelling
    mistake)."""
    word = str(word)
    if not word or len(word) > 200:
        return None
    close = difflib.get_close_matches(word, list(candidates), n=1,
                                      cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word, candidates, prefix='', suffix='', cutoff=0.75):
    """'; did you mean "X"?' for the candidate closest to *word*, or ''."""
    close = closest(str(word)[:60], candidates, cutoff)
    if close is not None:
        return f'; did you mean "{prefix}{close}{suffix}"?'
    return ''
