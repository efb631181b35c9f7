"""Checking one document: its snippets in reading order, then its comments.

Shared by the Sphinx glue and the command line, which differ only in how
they get the doctree.
"""

import functools

from snippetcheck import blocks
from snippetcheck import engine
from snippetcheck.context import DocumentContext


def check_doctree(doctree, known_directives, default_source=''):
    """All reports of one doctree, in document order."""
    document = DocumentContext()
    reports = []
    for literal in blocks.literal_blocks(doctree):
        snippet = blocks.to_snippet(literal)
        if snippet is None:
            continue
        source = snippet.source or default_source
        for finding in engine.check_snippet(snippet, document):
            reports.append(engine.Report(
                source, snippet.line + finding.line - 1,
                finding.code, finding.message))
    for comment in blocks.comments(doctree):
        findings = engine.check_comment(comment.astext(), known_directives)
        if not findings:
            continue
        source = comment.source or default_source
        line = blocks.comment_line(comment, _lines(source))
        for finding in findings:
            reports.append(engine.Report(source, line + finding.line - 1,
                                         finding.code, finding.message))
    return reports


@functools.lru_cache(maxsize=64)
def _lines(source):
    try:
        with open(source, encoding='utf-8', errors='replace') as stream:
            return tuple(stream.read().split('\n'))
    except OSError:
        return ()
