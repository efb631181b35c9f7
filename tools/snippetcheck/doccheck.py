"""One document's part of the checks: its snippets in reading order, and
the reports of its comments.

Shared by the Sphinx glue and the command line, which differ only in how
they get the doctree; the snippets are judged by
:func:`snippetcheck.engine.check_snippets`.
"""

import functools

from snippetcheck import blocks
from snippetcheck import engine
from snippetcheck.findings import Report


def snippets(doctree, default_source='', prompts=()):
    """The snippets of *doctree* in reading order; *prompts* are the
    project's own console prompts (see :func:`snippetcheck.settings.prompts`).
    """
    for literal in blocks.literal_blocks(doctree):
        snippet = blocks.to_snippet(literal, prompts)
        if snippet is not None:
            if not snippet.source:
                snippet.source = default_source
            yield snippet


def check_comments(doctree, known_directives, default_source=''):
    """Reports of a document's comments that are misspelled directives."""
    reports = []
    for comment in blocks.comments(doctree):
        findings = engine.check_comment(comment.astext(), known_directives)
        if not findings:
            continue
        source = comment.source or default_source
        line = blocks.comment_line(comment, _lines(source))
        for finding in findings:
            reports.append(Report(source, line + finding.line - 1,
                                         finding.code, finding.message))
    return reports


@functools.lru_cache(maxsize=64)
def _lines(source):
    try:
        with open(source, encoding='utf-8', errors='replace') as stream:
            return tuple(stream.read().split('\n'))
    except OSError:
        return ()
