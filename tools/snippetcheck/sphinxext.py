"""Sphinx glue: check snippets while documents are read, warn at the end.

Findings are computed in ``doctree-read`` (so only new or changed
documents are checked), kept per document in the environment (purged and
merged, so incremental and parallel builds stay correct) and emitted as
warnings once the build has finished, for every document, so that an
unchanged broken page still fails ``-W``.
"""

from docutils.parsers.rst import directives
from sphinx.directives.code import CodeBlock
from sphinx.directives.patches import Code
from sphinx.util import logging

from snippetcheck import __version__
from snippetcheck import blocks
from snippetcheck import catalogue_directive
from snippetcheck import doccheck

logger = logging.getLogger(__name__)

ENV_KEY = 'snippetcheck_reports'


class SnippetCodeBlock(CodeBlock):
    """``code-block`` that records where its content starts."""

    option_spec = {**CodeBlock.option_spec, **blocks.OPTION_SPEC}

    def run(self):
        result = super().run()
        if result:
            blocks.record(self, result[0])
        return result


class SnippetCode(Code):
    """docutils' ``code``, as Sphinx patches it, recording the same."""

    option_spec = {**Code.option_spec, **blocks.OPTION_SPEC}

    def run(self):
        result = super().run()
        if result:
            blocks.record(self, result[0])
        return result


def known_directives():
    """Names of the directives a comment may be a misspelling of."""
    names = set(directives._directive_registry)
    names.update(directives._directives)
    return frozenset(name for name in names if name == name.lower())


def _on_doctree_read(app, doctree):
    env = app.env
    docname = env.docname
    getattr(env, ENV_KEY, None) or setattr(env, ENV_KEY, {})
    getattr(env, ENV_KEY)[docname] = doccheck.check_doctree(
        doctree, known_directives(), str(env.doc2path(docname)))


def _on_purge(app, env, docname):
    getattr(env, ENV_KEY, {}).pop(docname, None)


def _on_merge(app, env, docnames, other):
    mine = getattr(env, ENV_KEY, None)
    if mine is None:
        mine = {}
        setattr(env, ENV_KEY, mine)
    theirs = getattr(other, ENV_KEY, {})
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def _on_build_finished(app, exception):
    if exception is not None:
        return
    ignored = set(app.config.snippetcheck_ignore)
    reports = getattr(app.env, ENV_KEY, {})
    for docname in sorted(reports):
        if docname not in app.env.all_docs:
            continue
        for report in reports[docname]:
            if report.code in ignored:
                continue
            logger.warning(
                '%s %s', report.code, report.message,
                location=f'{report.source}:{report.line}',
                type='snippetcheck', subtype=report.family)


def setup(app):
    from snippetcheck.haproxy_lexer import HaproxyLexer

    app.add_config_value('snippetcheck_ignore', [], '', types=[list])
    app.add_directive('code-block', SnippetCodeBlock, override=True)
    app.add_directive('sourcecode', SnippetCodeBlock, override=True)
    app.add_directive('code', SnippetCode, override=True)
    app.add_directive('snippetcheck-catalogue',
                      catalogue_directive.CatalogueDirective)
    app.add_lexer('haproxy', HaproxyLexer)
    app.connect('doctree-read', _on_doctree_read)
    app.connect('env-purge-doc', _on_purge)
    app.connect('env-merge-info', _on_merge)
    app.connect('build-finished', _on_build_finished)
    return {
        'version': __version__,
        'env_version': 1,
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }
