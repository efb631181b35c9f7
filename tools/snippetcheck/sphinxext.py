"""Sphinx glue: check snippets while documents are read, warn at the end.

Findings are computed in ``doctree-read`` (so only new or changed
documents are checked), kept per document in the environment (purged and
merged, so incremental and parallel builds stay correct) and emitted as
warnings once the build has finished, for every document, so that an
unchanged broken page still fails ``-W``.
"""

import dataclasses
import os

from docutils.parsers.rst import directives
from sphinx.directives.code import CodeBlock
from sphinx.directives.patches import Code
from sphinx.util import logging

from snippetcheck import __version__
from snippetcheck import blocks
from snippetcheck import doccheck
from snippetcheck import engine
from snippetcheck import offload
from snippetcheck.options import schema
from snippetcheck.options import sources

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


@dataclasses.dataclass
class DocumentState:
    """What snippetcheck keeps of one document between builds."""

    reports: list
    jobs: list = dataclasses.field(default_factory=list)
    external: list = dataclasses.field(default_factory=list)
    pending: bool = False   # external results not collected yet


def _states(env):
    states = getattr(env, ENV_KEY, None)
    if states is None:
        states = {}
        setattr(env, ENV_KEY, states)
    return states


def _on_doctree_read(app, doctree):
    env = app.env
    source = str(env.doc2path(env.docname))
    found = list(doccheck.snippets(doctree, source))
    reports = doccheck.check_comments(doctree, known_directives(), source)
    checker = _offload(app)
    if checker is None:
        reports += engine.check_snippets(found,
                                         app.config.snippetcheck_release)
    else:
        # judged in the worker while the next documents are read; the
        # reports are filed in env-updated
        checker.submit(env.docname, found, app.config.snippetcheck_release)
    state = DocumentState(reports)
    if _external_on(app.config):
        state.jobs = _tier().jobs_for(found)
        state.pending = bool(state.jobs)
        if state.pending and app.parallel <= 1:
            # Reading one document after the other: start its external
            # checks now, so they run while the next ones are read.
            _run(app).add(state.jobs)
            _started(app).add(env.docname)
    _states(env)[env.docname] = state


def _tier():
    """The external tier, imported only by builds that use it."""
    from snippetcheck.external import tier

    return tier


def _offload(app):
    """The worker process that checks this build's documents, or None to
    check them in this process: when ``snippetcheck_worker`` is off, and
    when documents are read in parallel processes (each of which checks
    its own).
    """
    if app.parallel > 1 or not app.config.snippetcheck_worker:
        return None
    checker = getattr(app, '_snippetcheck_offload', None)
    if checker is None:
        checker = app._snippetcheck_offload = offload.Offload(
            app.config.snippetcheck_timeout)
    return checker


def _file_offloaded(app, env):
    """Wait for the worker and file its reports with their documents."""
    checker = getattr(app, '_snippetcheck_offload', None)
    if checker is None:
        return
    app._snippetcheck_offload = None
    states = _states(env)
    for docname, reports in checker.collect().items():
        if docname in states:
            states[docname].reports.extend(reports)


def _started(app):
    """Documents whose external checks this build has started.

    Kept on the application, not in the environment: the environment is
    saved while the checks still run, and the next build must start them
    again if this one did not collect them.
    """
    started = getattr(app, '_snippetcheck_started', None)
    if started is None:
        started = app._snippetcheck_started = set()
    return started


def _run(app):
    """This build's external checks under way (started on first use)."""
    run = getattr(app, '_snippetcheck_run', None)
    if run is None:
        tier = _tier()
        cache = tier.Cache(os.path.join(app.doctreedir,
                                        'snippetcheck-cache'))
        run = tier.Run(cache, app.config.snippetcheck_timeout)
        app._snippetcheck_run = run
    return run


def _on_purge(app, env, docname):
    _states(env).pop(docname, None)


def _on_merge(app, env, docnames, other):
    mine, theirs = _states(env), _states(other)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


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
    """Say once what is wrong with the settings, and stop a build that
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
    """File the reports of the worker that checked the documents read in
    this build, then make sure their external checks are under way.

    Documents read one after the other started theirs as they were read;
    those read in parallel processes (and those whose results a previous
    build did not collect) start here. The checks run while Sphinx writes
    the pages and are collected when the build finishes; a build that
    writes in parallel processes waits for them here instead, as forking
    beside running threads is not safe.
    """
    _file_offloaded(app, env)
    mode = external_mode(app.config)
    pending = {name: state for name, state in _states(env).items()
               if state.pending}
    if not _external_on(app.config) or not pending:
        return []
    kinds = {job.kind for state in pending.values() for job in state.jobs}
    missing = _tier().missing_programs(kinds)
    if missing:
        names = ', '.join(f'{program} (Debian package {package})'
                          for program, package in sorted(missing.items()))
        if mode is True:
            logger.warning('external checks need %s, which is not '
                           'installed', names, type='snippetcheck',
                           subtype='external')
        else:
            logger.info('snippetcheck: external checks skip what needs %s '
                        '(not installed)', names)
    run, started = _run(app), _started(app)
    for name, state in pending.items():
        if name not in started:
            run.add(state.jobs)
            started.add(name)
    app._snippetcheck_pending = pending
    if app.parallel > 1:
        _collect(app)
    return []


def _collect(app):
    """Wait for the external checks and file their reports by document."""
    run = getattr(app, '_snippetcheck_run', None)
    pending = getattr(app, '_snippetcheck_pending', None)
    if run is None or not pending:
        return
    app._snippetcheck_run = app._snippetcheck_pending = None
    reports = run.wait()
    sources = {str(app.env.doc2path(name)): name for name in pending}
    for state in pending.values():
        state.external = []
        state.pending = False
    app._snippetcheck_started = None
    first = next(iter(pending.values()))
    for report in reports:
        name = sources.get(report.source)
        # a snippet of an included file belongs to the document reading it
        (pending[name] if name else first).external.append(report)
    for note in run.notes:
        logger.warning('%s', note, type='snippetcheck', subtype='external')
    logger.info('snippetcheck: %d external check(s) run, %d from cache',
                run.ran, run.cached)


def _on_build_finished(app, exception):
    if exception is not None:
        checker = getattr(app, '_snippetcheck_offload', None)
        if checker is not None:
            checker.close()
        run = getattr(app, '_snippetcheck_run', None)
        if run is not None:
            run.cancel()
        return
    _collect(app)
    ignored = set(app.config.snippetcheck_ignore)
    states = _states(app.env)
    for docname in sorted(states):
        if docname not in app.env.all_docs:
            continue
        state = states[docname]
        for report in sorted([*state.reports, *state.external]):
            if report.code in ignored:
                continue
            logger.warning(
                '%s %s', report.code, report.message,
                location=f'{report.source}:{report.line}',
                type='snippetcheck', subtype=report.family)


def setup(app):
    from snippetcheck.haproxy_lexer import HaproxyLexer

    app.add_config_value('snippetcheck_ignore', [], '', types=[list])
    app.add_config_value('snippetcheck_external', 'auto', 'env',
                         types=[str, bool])
    app.add_config_value('snippetcheck_timeout', 60, '', types=[int])
    app.add_config_value('snippetcheck_worker', True, '', types=[bool])
    app.add_config_value('snippetcheck_release', sources.DEFAULT_RELEASE,
                         'env', types=[str])
    app.add_directive('code-block', SnippetCodeBlock, override=True)
    app.add_directive('sourcecode', SnippetCodeBlock, override=True)
    app.add_directive('code', SnippetCode, override=True)
    app.add_lexer('haproxy', HaproxyLexer)
    app.connect('builder-inited', _on_builder_inited)
    app.connect('doctree-read', _on_doctree_read)
    app.connect('env-purge-doc', _on_purge)
    app.connect('env-merge-info', _on_merge)
    app.connect('env-updated', _on_env_updated)
    app.connect('build-finished', _on_build_finished)
    return {
        'version': __version__,
        'env_version': 2,
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }
