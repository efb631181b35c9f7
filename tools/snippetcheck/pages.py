"""What depends on several documents, for Sphinx and the command line.

A document's own checks need only its snippets (:mod:`snippetcheck.engine`).
Three things need the documents together, in reading order (the toctree's,
from the root document): with ``snippetcheck_context = 'toctree'``, the
checks that know the resources earlier pages made, and one replay of all
the pages' pcs commands and crmsh input; and with
``snippetcheck_deployment``, the rules on the whole deployment, and the
proof of its cluster by crm_simulate. :func:`across` computes the first
and the rules, and gives the replays as jobs; :func:`toctree_results`
files what the tools answered. The Sphinx glue
(:mod:`snippetcheck.sphinxext`) and the command line
(:mod:`snippetcheck.cli`) differ only in how they read the documents and
when they run the jobs.
"""

import dataclasses

from snippetcheck import engine
from snippetcheck import settings as readers
from snippetcheck.context import DocumentContext
from snippetcheck.options import sources


@dataclasses.dataclass(frozen=True)
class Settings:
    """The settings the checks of several documents depend on, as
    :mod:`snippetcheck.settings` reads them from conf.py: ``context``
    ``'document'`` or ``'toctree'``, ``deployment`` a
    :class:`snippetcheck.deployment.Deployment` or None."""

    release: str = sources.DEFAULT_RELEASE
    timeout: int = engine.DEFAULT_TIMEOUT
    context: str = 'document'
    deployment: object = None

    @classmethod
    def read(cls, release=sources.DEFAULT_RELEASE,
             timeout=engine.DEFAULT_TIMEOUT, context='document',
             deployment=None):
        """Settings from conf.py values (what makes no sense is read as
        the setting's reader says; the caller warns)."""
        return cls(release, timeout, readers.context(context)[0],
                   readers.deployment(deployment)[0])

    @property
    def toctree(self):
        return self.context == 'toctree'


@dataclasses.dataclass
class Across:
    """What :func:`across` found: ``own`` the reports of each document's
    snippets, those of the toctree knowing what the documents before it
    made, the others each on its own (toctree context; None otherwise:
    each document's own reports stand), ``reports`` the
    reports only the documents together give (the deployment's rules),
    and ``jobs`` the external jobs of the whole toctree (its pcs and
    crmsh replays)."""

    own: dict = None
    reports: dict = dataclasses.field(default_factory=dict)
    jobs: list = dataclasses.field(default_factory=list)


def reading_order(root, includes, known):
    """The documents of the toctree, from *root*, in reading order (each
    once): *includes* maps a document to those its toctrees list, *known*
    holds the documents that exist."""
    order, seen = [], set()
    stack = [root]
    while stack:
        name = stack.pop()
        if name in seen or name not in known:
            continue
        seen.add(name)
        order.append(name)
        stack.extend(reversed(includes.get(name, ())))
    return order


def facts(snippets, settings):
    """The facts a document gives the deployment's rules, or None without
    a deployment."""
    if settings.deployment is None:
        return None
    from snippetcheck.deployment import facts as collect
    return collect.collect(snippets)


def document_jobs(snippets, document, settings):
    """The external jobs of one document's snippets: all of them in
    document context; in toctree context its haproxy snippets alone (the
    pcs and crmsh replays are the whole toctree's)."""
    from snippetcheck.external import tier

    jobs = tier.jobs_for(snippets, document)
    if settings.toctree:
        jobs = [job for job in jobs if job.kind == 'haproxy']
    return jobs


def across(documents, settings, external=False, others=()):
    """What the *documents*, [(name, snippets, facts)] in reading order,
    give together (see :class:`Across`); *external*: whether the tools
    run, so that the toctree's replays are wanted; *others*, [(name,
    snippets)], the documents outside the toctree. In toctree context
    every document is judged here, once."""
    result = Across()
    if settings.toctree:
        context = DocumentContext()
        result.own = {name: engine.check_snippets(
            snippets or (), settings.release, settings.timeout, context)
            for name, snippets, _facts in documents}
        for name, snippets in others:
            if name not in result.own:
                result.own[name] = engine.check_snippets(
                    snippets or (), settings.release, settings.timeout)
    deployment = settings.deployment
    if deployment is not None:
        from snippetcheck.deployment import assemble
        from snippetcheck.deployment import judge
        assembled = assemble([(name, found) for name, _snippets, found
                              in documents if found is not None])
        for document, report in judge(deployment, assembled):
            result.reports.setdefault(document, []).append(report)
    if external and settings.toctree:
        from snippetcheck.external import tier

        result.jobs = [job for job in tier.jobs_for_toctree(
            [(name, snippets or ()) for name, snippets, _facts
             in documents],
            deployment.node_names if deployment else (),
            simulate=deployment is not None) if job.kind != 'haproxy']
    return result


def toctree_results(reports, data, jobs):
    """({document: reports}, {kind: the cluster's scenarios}) of the
    toctree's *jobs*, from what a run of them gave: *reports* by
    document and *data* by job."""
    results = {job.kind: data[job] for job in jobs if job in data}
    return {name: list(found) for name, found in reports.items()}, results
