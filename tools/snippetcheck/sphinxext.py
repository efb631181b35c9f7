"""Sphinx glue: check snippets while documents are read, warn at the end.

Each document's part is computed in ``doctree-read`` (so only new or
changed documents are read again) and kept in a domain of its own
(:class:`SnippetcheckDomain`: Sphinx purges and merges its data, so
incremental and parallel builds stay correct, as for ``sphinx.ext.todo``):
its reports, its snippets, its external jobs and their results, and the
facts it gives the deployment tier.

What depends on several documents is computed once reading is done
(``env-updated``), in toctree order, every build, by
:func:`snippetcheck.pages.across` (which the command line calls too): with
``snippetcheck_context = 'toctree'``, the checks that know the resources
earlier pages made, and one replay of all the pages' pcs commands and
crmsh input; with ``snippetcheck_deployment``, the rules on the whole
deployment and the proof of its cluster by crm_simulate, whose scenarios
fill the failover appendix. Every report is emitted as a warning once the
build has finished, for every document, so that an unchanged broken page
still fails ``-W``.

The tools' threads and workers belong to one build, not to the
environment: they are kept in :data:`_BUILDS`, keyed by the application.
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
from snippetcheck import pages
from snippetcheck import settings
from snippetcheck.deployment import appendix
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
    """What snippetcheck keeps of each document between builds:
    ``comments`` (reports of its comments), ``reports`` (of its snippets,
    each page on its own), ``snippets``, ``jobs`` (external jobs of its
    own), ``external`` (their reports, once the tools have given them: a
    document with jobs and no entry there is pending), ``facts`` (for the
    deployment tier) and ``failover`` (whether it shows the failover
    appendix)."""

    name = 'snippetcheck'
    label = 'snippetcheck'
    initial_data = {'comments': {}, 'reports': {}, 'snippets': {},
                    'jobs': {}, 'external': {}, 'facts': {}, 'failover': {}}
    data_version = 5

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


class _Build:
    """One build's part: its external checks under way (started lazily):
    those of single documents and those of the whole toctree, the
    documents whose jobs it has started, and what it computed across
    documents: reports by document, and the cluster's scenarios."""

    def __init__(self, app):
        self.app = app
        self.runs = {}       # 'documents' / 'toctree' -> tier.Run
        self.started = set()
        self.across = {}     # document -> reports computed across pages
        self.toctree = None  # document -> reports with toctree context
        self.results = {}    # 'pcs' / 'crmsh' -> scenarios of the cluster
        self.chains = []     # the jobs of the whole toctree

    def tier(self, which='documents'):
        if which not in self.runs:
            from snippetcheck.external import tier

            if not self.runs:
                self.cache = tier.Cache(str(self.app.doctreedir /
                                            'snippetcheck-cache'))
            self.runs[which] = tier.Run(self.cache,
                                        self.app.config.snippetcheck_timeout)
        return self.runs[which]

    def start(self, docname, jobs):
        if docname not in self.started:
            self.started.add(docname)
            self.tier().add(jobs)


#: The part of each build under way, by application.
_BUILDS = weakref.WeakKeyDictionary()


def _build(app):
    if app not in _BUILDS:
        _BUILDS[app] = _Build(app)
    return _BUILDS[app]


def _settings(config):
    return pages.Settings.read(
        config.snippetcheck_release, config.snippetcheck_timeout,
        config.snippetcheck_context, config.snippetcheck_deployment)


def _prompts(config):
    return settings.prompts(config.snippetcheck_prompts)[0]


def _external_on(config):
    """Whether this build runs the external tier: asked for, and the
    sandbox can be made (the tools never run without it)."""
    if settings.external(config.snippetcheck_external)[0] is False:
        return False
    from snippetcheck.external import sandbox
    return sandbox.problem() is None


def _on_doctree_read(app, doctree):
    env = app.env
    source = str(env.doc2path(env.docname))
    found = list(doccheck.snippets(doctree, source, _prompts(app.config)))
    data = _domain(env).data
    data['comments'][env.docname] = doccheck.check_comments(
        doctree, blocks.known_directives(), source)
    config = _settings(app.config)
    # in toctree context, the documents are judged together once all are
    # read (pages.across)
    data['reports'][env.docname] = [] if config.toctree else \
        engine.check_snippets(found, app.config.snippetcheck_release,
                              app.config.snippetcheck_timeout)
    data['snippets'][env.docname] = found
    data['failover'][env.docname] = any(doctree.findall(appendix.failover))
    found_facts = pages.facts(found, config)
    if found_facts is not None:
        data['facts'][env.docname] = found_facts
    if not _external_on(app.config):
        return
    # in toctree context, the pcs and crmsh replays of the whole toctree
    # start once all documents are read
    jobs = pages.document_jobs(found, env.docname, config)
    data['jobs'][env.docname] = jobs
    data['external'].pop(env.docname, None)
    if jobs and app.parallel <= 1:
        # Reading one document after the other: start its external
        # checks now, so they run while the next ones are read.
        _build(app).start(env.docname, jobs)


def _on_builder_inited(app):
    """Say once what is wrong with the settings, and fail a build that
    requires the external tier where the sandbox cannot be made."""
    config = app.config
    mode, problem = settings.external(config.snippetcheck_external)
    for reader, value, subtype in (
            (settings.external, config.snippetcheck_external, 'external'),
            (settings.release, config.snippetcheck_release, 'ini'),
            (settings.context, config.snippetcheck_context, 'markup'),
            (settings.deployment, config.snippetcheck_deployment,
             'deployment'),
            (settings.prompts, config.snippetcheck_prompts, 'markup')):
        problem = reader(value)[1]
        if problem:
            logger.warning('%s', problem, type='snippetcheck',
                           subtype=subtype)
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


def reading_order(env):
    """The documents of the toctree, in reading order (each once)."""
    return pages.reading_order(env.config.root_doc, env.toctree_includes,
                               env.all_docs)


def _on_env_updated(app, env):
    """What depends on several documents, once all are read: the checks
    with toctree context, the pages' whole cluster, the deployment's
    rules; and make sure the external checks of every pending document
    are under way (those read in parallel processes, and those an earlier
    build did not collect, start here). The checks run while Sphinx writes
    the pages and are collected when the build finishes; a build that
    writes in parallel processes, or proves the deployment's cluster for
    the failover appendix, waits for them here instead."""
    data = _domain(env).data
    build = _build(app)
    external = _external_on(app.config)
    order = reading_order(env)
    result = pages.across(
        [(name, data['snippets'].get(name, ()), data['facts'].get(name))
         for name in order], _settings(app.config), external,
        [(name, found) for name, found in data['snippets'].items()
         if name not in order])
    build.toctree = result.own
    for document, reports in result.reports.items():
        build.across.setdefault(document, []).extend(reports)
    if external:
        build.chains = result.jobs
        _start_external(app, build)
        if app.parallel > 1 or build.chains:
            _collect(app)
    return [name for name, shows in data['failover'].items() if shows]


def _start_external(app, build):
    from snippetcheck.external import tier

    pending = _domain(app.env).pending()
    kinds = {job.kind for jobs in pending.values() for job in jobs} | {
        job.kind for job in build.chains}
    missing = tier.missing_programs(kinds)
    if missing:
        names = ', '.join(f'{program} (Debian package {package})'
                          for program, package in sorted(missing.items()))
        if settings.external(app.config.snippetcheck_external)[0] is True:
            logger.warning('external checks need %s, which is not '
                           'installed', names, type='snippetcheck',
                           subtype='external')
        else:
            logger.info('snippetcheck: external checks skip what needs %s '
                        '(not installed)', names)
    for name, jobs in pending.items():
        build.start(name, jobs)
    if build.chains:
        build.tier('toctree').add(build.chains)


def _collect(app):
    """Wait for the external checks and file their reports by document."""
    build = _BUILDS.get(app)
    if build is None or not build.runs:
        return
    runs, build.runs = build.runs, {}
    external = _domain(app.env).data['external']
    if 'documents' in runs:
        by_document = runs['documents'].wait()
        for name in build.started:
            external[name] = by_document.get(name, [])
    if 'toctree' in runs:
        reports, build.results = pages.toctree_results(
            runs['toctree'].wait(), runs['toctree'].data, build.chains)
        for name, found in reports.items():
            build.across.setdefault(name, []).extend(found)
    ran = sum(run.ran for run in runs.values())
    cached = sum(run.cached for run in runs.values())
    for note in build.cache.notes:
        logger.warning('%s', note, type='snippetcheck', subtype='external')
    logger.info('snippetcheck: %d external check(s) run, %d from cache',
                ran, cached)


def _on_doctree_resolved(app, doctree, docname):
    # a builder that joins all documents into one (LaTeX) resolves them
    # under the root document's name: look in every doctree
    appendix.fill(doctree, _build(app).results)


def _on_build_finished(app, exception):
    build = _BUILDS.get(app)
    if exception is not None:
        _BUILDS.pop(app, None)
        for run in (build.runs.values() if build is not None else ()):
            run.cancel()
        return
    _collect(app)
    _BUILDS.pop(app, None)
    ignored = set(app.config.snippetcheck_ignore)
    data = _domain(app.env).data
    toctree = build.toctree if build is not None else None
    across = build.across if build is not None else {}
    for docname in sorted(app.env.all_docs):
        own = toctree.get(docname) if toctree and docname in toctree else \
            data['reports'].get(docname, ())
        reports = {*data['comments'].get(docname, ()), *own,
                   *data['external'].get(docname, ()),
                   *across.get(docname, ())}
        for report in sorted(reports):
            if report.code in ignored:
                continue
            logger.warning(
                '%s %s', report.code, report.message,
                location=f'{report.source}:{report.line}',
                type='snippetcheck', subtype=catalogue.family(report.code))
    _log_coverage(app, data)


def _log_coverage(app, data):
    """Say which checks judged each block (verbose), which blocks in
    scope were not fully judged and why, and a summary line."""
    from snippetcheck import coverage

    judged = coverage.judge_all(
        [snippet for name in sorted(data['snippets'])
         for snippet in data['snippets'][name]],
        app.config.snippetcheck_release, _external_on(app.config))
    for item in judged:
        shown = logger.info if item.groups and item.status in (
            coverage.PARTIAL, coverage.OPTED_OUT) else logger.verbose
        shown('snippetcheck: %s block %s: %s',
              item.language or '(none)', item.status,
              '; '.join((*item.checks, *item.missing)),
              location=f'{item.source}:{item.line}')
    logger.info('snippetcheck: coverage: %s',
                coverage.summarize(judged).render())


def setup(app):
    from snippetcheck.haproxy_lexer import HaproxyLexer

    app.add_config_value('snippetcheck_ignore', [], '', types=[list])
    app.add_config_value('snippetcheck_external', 'auto', 'env',
                         types=[str, bool])
    app.add_config_value('snippetcheck_timeout', engine.DEFAULT_TIMEOUT, '',
                         types=[int])
    app.add_config_value('snippetcheck_release', sources.DEFAULT_RELEASE,
                         'env', types=[str])
    app.add_config_value('snippetcheck_context', 'document', 'env',
                         types=[str])
    app.add_config_value('snippetcheck_deployment', None, 'env',
                         types=[dict, type(None)])
    app.add_config_value('snippetcheck_prompts', [], 'env',
                         types=[list, tuple])
    app.add_domain(SnippetcheckDomain)
    app.add_directive('code-block', SnippetCodeBlock, override=True)
    app.add_directive('sourcecode', SnippetCodeBlock, override=True)
    app.add_directive('code', SnippetCode, override=True)
    app.add_directive('snippetcheck-failover', appendix.FailoverDirective)
    app.add_node(appendix.failover, **{
        builder: (appendix.skip, None)
        for builder in ('html', 'latex', 'text', 'man', 'texinfo')})
    app.add_lexer('haproxy', HaproxyLexer)
    app.connect('builder-inited', _on_builder_inited)
    app.connect('doctree-read', _on_doctree_read)
    app.connect('env-updated', _on_env_updated)
    app.connect('doctree-resolved', _on_doctree_resolved)
    app.connect('build-finished', _on_build_finished)
    return {
        'version': __version__,
        'env_version': 5,
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }
