"""Sphinx glue: check snippets while documents are read, warn at the end.

Findings are computed in ``doctree-read`` (so only new or changed
documents are checked) and kept per document in a domain of their own
(:class:`SnippetcheckDomain`: Sphinx purges and merges its data, so
incremental and parallel builds stay correct, as for ``sphinx.ext.todo``).
They are emitted as warnings once the build has finished, for every
document, so that an unchanged broken page still fails ``-W``.

The external tier's jobs are stored with their document too; their
results arrive when the tools have run. Documents read one after the
other start their jobs as they are read, so the tools run while Sphinx
reads on; the rest start once reading is done. The tools' threads and
workers belong to one build, not to the environment: they are kept in
:data:`_RUNS`, keyed by the application.
"""

import weakref

from sphinx.directives.code import CodeBlock
from sphinx.directives.patches import Code
from sphinx.domains import Domain
from sphinx.util import logging

from snippetcheck import __version__
from snippetcheck import blocks
from snippetcheck import catalogue
from snippetcheck import doccheck
from snippetcheck import engine
from snippetcheck.options import schema
from snippetcheck.options import sources

logger = logging.getLogger(__name__)


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


class SnippetcheckDomain(Domain):
    """What snippetcheck keeps of each document between builds: its
    reports (``reports``), its external jobs (``jobs``) and their reports
    once the tools have given them (``external``; a document with jobs and
    no entry there is still pending)."""

    name = 'snippetcheck'
    label = 'snippetcheck'
    initial_data = {'reports': {}, 'jobs': {}, 'external': {}}
    data_version = 3

    def clear_doc(self, docname):
        for documents in self.data.values():
            if isinstance(documents, dict):
                documents.pop(docname, None)

    def merge_domaindata(self, docnames, otherdata):
        for key in self.initial_data:
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def resolve_any_xref(self, env, fromdocname, builder, target, node,
                         contnode):
        return []

    def pending(self):
        """{document: jobs} of the documents whose tools have not
        answered yet."""
        return {name: jobs for name, jobs in self.data['jobs'].items()
                if jobs and name not in self.data['external']}


def _domain(env):
    return env.get_domain(SnippetcheckDomain.name)


class _Run:
    """One build's external checks under way, and the documents whose
    jobs it has started."""

    def __init__(self, app):
        from snippetcheck.external import tier

        cache = tier.Cache(str(app.doctreedir / 'snippetcheck-cache'))
        self.run = tier.Run(cache, app.config.snippetcheck_timeout)
        self.started = set()

    def start(self, docname, jobs):
        if docname not in self.started:
            self.started.add(docname)
            self.run.add(jobs)


#: The external checks of each build under way, by application.
_RUNS = weakref.WeakKeyDictionary()


def _run(app):
    if app not in _RUNS:
        _RUNS[app] = _Run(app)
    return _RUNS[app]


def _on_doctree_read(app, doctree):
    env = app.env
    source = str(env.doc2path(env.docname))
    found = list(doccheck.snippets(doctree, source))
    domain = _domain(env)
    domain.data['reports'][env.docname] = (
        doccheck.check_comments(doctree, blocks.known_directives(), source)
        + engine.check_snippets(found, app.config.snippetcheck_release,
                                app.config.snippetcheck_timeout))
    if not _external_on(app.config):
        return
    from snippetcheck.external import tier

    jobs = tier.jobs_for(found, env.docname)
    domain.data['jobs'][env.docname] = jobs
    domain.data['external'].pop(env.docname, None)
    if jobs and app.parallel <= 1:
        # Reading one document after the other: start its external
        # checks now, so they run while the next ones are read.
        _run(app).start(env.docname, jobs)


_TRUE = ('1', 'true', 'yes', 'on')
_FALSE = ('0', 'false', 'no', 'off', '')


def external_setting(value):
    """(mode, problem) of a ``snippetcheck_external`` value: mode is
    False, True or 'auto'; problem says what is wrong with a value that is
    none of them (the tier is then off)."""
    if isinstance(value, bool):
        return value, None
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered == 'auto':
            return 'auto', None
        if lowered in _TRUE:
            return True, None
        if lowered in _FALSE:
            return False, None
    return False, (f'snippetcheck_external = {value!r} is not True, False '
                   "or 'auto'; the external checks are off")


def external_mode(config):
    """False, True or 'auto' from ``snippetcheck_external``."""
    return external_setting(config.snippetcheck_external)[0]


def _external_on(config):
    """Whether this build runs the external tier: asked for, and the
    sandbox can be made (the tools never run without it)."""
    if external_mode(config) is False:
        return False
    from snippetcheck.external import sandbox
    return sandbox.problem() is None


def _on_builder_inited(app):
    """Say once what is wrong with the settings, and fail a build that
    requires the external tier where the sandbox cannot be made."""
    mode, problem = external_setting(app.config.snippetcheck_external)
    if problem:
        logger.warning('%s', problem, type='snippetcheck',
                       subtype='external')
    release = app.config.snippetcheck_release
    if release not in schema.releases():
        logger.warning('snippetcheck_release = %r: snippetcheck has option '
                       'data for %s only; ini snippets are checked for '
                       'syntax alone', release,
                       ', '.join(schema.releases()),
                       type='snippetcheck', subtype='ini')
    if mode is False:
        return
    from snippetcheck.external import sandbox
    reason = sandbox.problem()
    if reason is None:
        return
    if mode is True:
        # fail the build, with a message rather than a crash report
        logger.error('snippetcheck_external = True, but the tools cannot be '
                     'sandboxed: %s. They are never run without the '
                     'sandbox: install bubblewrap and allow unprivileged '
                     "user namespaces (see tools/README.rst), or set it to "
                     "'auto'", reason, type='snippetcheck',
                     subtype='external')
        app.statuscode = 1
        return
    logger.warning('the external checks are off: the tools cannot be '
                   'sandboxed (%s); install bubblewrap and allow '
                   'unprivileged user namespaces (see tools/README.rst)',
                   reason, type='snippetcheck', subtype='external')


def _on_env_updated(app, env):
    """Make sure the external checks of every pending document are under
    way: those read in parallel processes, and those whose results an
    earlier build did not collect, start here. The checks run while
    Sphinx writes the pages and are collected when the build finishes; a
    build that writes in parallel processes waits for them here instead,
    as forking beside running threads is not safe."""
    pending = _domain(env).pending()
    if not pending or not _external_on(app.config):
        return []
    from snippetcheck.external import tier

    kinds = {job.kind for jobs in pending.values() for job in jobs}
    missing = tier.missing_programs(kinds)
    if missing:
        names = ', '.join(f'{program} (Debian package {package})'
                          for program, package in sorted(missing.items()))
        if external_mode(app.config) is True:
            logger.warning('external checks need %s, which is not '
                           'installed', names, type='snippetcheck',
                           subtype='external')
        else:
            logger.info('snippetcheck: external checks skip what needs %s '
                        '(not installed)', names)
    run = _run(app)
    for name, jobs in pending.items():
        run.start(name, jobs)
    if app.parallel > 1:
        _collect(app)
    return []


def _collect(app):
    """Wait for the external checks and file their reports by document."""
    state = _RUNS.pop(app, None)
    if state is None:
        return
    external = _domain(app.env).data['external']
    by_document = state.run.wait()
    for name in state.started:
        external[name] = by_document.get(name, [])
    for note in state.run.notes:
        logger.warning('%s', note, type='snippetcheck', subtype='external')
    logger.info('snippetcheck: %d external check(s) run, %d from cache',
                state.run.ran, state.run.cached)


def _on_build_finished(app, exception):
    if exception is not None:
        state = _RUNS.pop(app, None)
        if state is not None:
            state.run.cancel()
        return
    _collect(app)
    ignored = set(app.config.snippetcheck_ignore)
    data = _domain(app.env).data
    for docname in sorted(data['reports']):
        if docname not in app.env.all_docs:
            continue
        reports = [*data['reports'][docname],
                   *data['external'].get(docname, ())]
        for report in sorted(reports):
            if report.code in ignored:
                continue
            logger.warning(
                '%s %s', report.code, report.message,
                location=f'{report.source}:{report.line}',
                type='snippetcheck', subtype=catalogue.family(report.code))


def setup(app):
    from snippetcheck.haproxy_lexer import HaproxyLexer

    app.add_config_value('snippetcheck_ignore', [], '', types=[list])
    app.add_config_value('snippetcheck_external', 'auto', 'env',
                         types=[str, bool])
    app.add_config_value('snippetcheck_timeout', engine.DEFAULT_TIMEOUT, '',
                         types=[int])
    app.add_config_value('snippetcheck_release', sources.DEFAULT_RELEASE,
                         'env', types=[str])
    app.add_domain(SnippetcheckDomain)
    app.add_directive('code-block', SnippetCodeBlock, override=True)
    app.add_directive('sourcecode', SnippetCodeBlock, override=True)
    app.add_directive('code', SnippetCode, override=True)
    app.add_lexer('haproxy', HaproxyLexer)
    app.connect('builder-inited', _on_builder_inited)
    app.connect('doctree-read', _on_doctree_read)
    app.connect('env-updated', _on_env_updated)
    app.connect('build-finished', _on_build_finished)
    return {
        'version': __version__,
        'env_version': 3,
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }
