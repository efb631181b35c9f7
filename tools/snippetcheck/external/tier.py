"""Which external checks a document needs, and running them all.

Jobs come from snippets. In a document's own context (``jobs_for``) each
haproxy snippet is a job, and a document's pcs commands and crmsh input
are one replay each, as they build on each other. Across a toctree
(``jobs_for_toctree``) the pcs commands and crmsh input of every page are
one replay each, in reading order, as the pages build one cluster; a
block marked ``:snippetcheck-alternative:`` is replayed on its own, on top
of what the pages before it built (less what it builds again), and does
not reach the pages after it.

``Run`` runs the jobs in parallel threads, each job in its own scratch
directory and every tool in the sandbox
(:mod:`snippetcheck.external.sandbox`), and keeps every result the tools
gave in a cache (:mod:`snippetcheck.external.cache`) keyed by the job and
all it depends on (:mod:`snippetcheck.external.toolid`), so an unchanged
snippet never runs again.
"""

import concurrent.futures
import dataclasses
import hashlib
import json
import os
import queue
import tempfile
import threading

from snippetcheck import console
from snippetcheck import engine
from snippetcheck.external import crmsh_replay
from snippetcheck.external import haproxy_replay
from snippetcheck.external import pcs_replay
from snippetcheck.external import sandbox
from snippetcheck.external import toolid
from snippetcheck.external import worker
from snippetcheck.external.cache import Cache
from snippetcheck.findings import Report

__all__ = ['Cache', 'Job', 'Run', 'jobs_for', 'jobs_for_toctree',
           'missing_programs', 'run_jobs']

#: The Debian package of every program a job runs.
PACKAGES = {'haproxy': 'haproxy', 'pcs': 'pcs', 'crm': 'crmsh',
            'cibadmin': 'pacemaker-cli-utils',
            'crm_verify': 'pacemaker-cli-utils',
            'crm_simulate': 'pacemaker-cli-utils'}
CACHE_VERSION = 3
#: Findings that say the tool could not give an answer: never cached.
NOT_AN_ANSWER = frozenset(['XHA003', 'XPCS003', 'XCRM003', 'SC000'])
#: The replay modules of the kinds that go through a worker.
REPLAYS = {'pcs': pcs_replay, 'crmsh': crmsh_replay}


@dataclasses.dataclass(frozen=True)
class Job:
    """Work for one tool: what to replay and where each item stands.

    ``items`` holds the haproxy text (one item) or the pcs argv or crmsh
    elements in reading order; ``places`` the (source, line, document) of
    each item (the document its reports belong to: the one reading the
    snippet, also from an included file), ``ignore`` the codes the block
    of each item opts out of. ``options`` are (name, value) pairs for the
    replay: ``nodes`` the cluster's nodes, ``simulate`` whether to prove
    the cluster with crm_simulate, ``chain`` how many items build the
    cluster, and ``branches`` the alternatives after them: for each, the
    index of its first item, the position in the chain it starts from,
    and the ids it makes again (taken out of the chain's CIB first).
    """

    kind: str
    items: tuple
    places: tuple
    ignore: tuple
    options: tuple = ()

    def option(self, name, default=None):
        return dict(self.options).get(name, default)

    def key(self, identity):
        data = json.dumps([CACHE_VERSION, self.kind, identity,
                           list(self.items), list(self.options)],
                          sort_keys=True)
        return hashlib.sha256(data.encode('utf-8', 'replace')).hexdigest()


def _items(snippet, document):
    """(kind, item, place, ignore) for each pcs command or crmsh element
    of *snippet*, and the haproxy snippet itself."""
    ignore = tuple(sorted(snippet.ignore))
    language = engine.language_of(snippet)
    if language == 'haproxy':
        yield 'haproxy', snippet.text, (snippet.source, snippet.line,
                                        document), ignore
    elif language == 'console':
        for command in console.commands(snippet.text, snippet.prompts):
            place = (snippet.source, snippet.line + command.line - 1,
                     document)
            if command.program == 'pcs':
                yield 'pcs', tuple(command.argv), place, ignore
            elif command.program == 'crm':
                element = crmsh_replay.command_element(command.argv)
                if element:
                    yield 'crmsh', element, place, ignore
    elif language == 'crmsh':
        for line, element in crmsh_replay.elements(snippet.text):
            yield 'crmsh', element, (snippet.source,
                                     snippet.line + line - 1,
                                     document), ignore


def _job(kind, entries, options=()):
    items, places, ignore = zip(*entries, strict=True)
    return Job(kind, items, places, ignore, tuple(options))


def jobs_for(snippets, document=''):
    """The jobs of one document's snippets (in reading order)."""
    jobs = []
    chains = {'pcs': [], 'crmsh': []}
    for snippet in snippets:
        if 'all' in snippet.ignore:
            continue
        for kind, item, place, ignore in _items(snippet, document):
            if kind == 'haproxy':
                jobs.append(Job(kind, (item,), (place,), (ignore,)))
            else:
                chains[kind].append((item, place, ignore))
    for kind, entries in chains.items():
        if entries:
            jobs.append(_job(kind, entries))
    return jobs


def jobs_for_toctree(documents, nodes=(), simulate=False):
    """The jobs of every document ([(document, snippets)] in reading
    order), the pcs commands and crmsh input of all of them building one
    cluster of *nodes*; *simulate* proves each cluster with crm_simulate.
    """
    jobs = []
    chains = {'pcs': [], 'crmsh': []}
    alternatives = {}  # (document, reason, kind) -> (prefix length, items)
    for document, snippets in documents:
        for snippet in snippets:
            if 'all' in snippet.ignore:
                continue
            for kind, item, place, ignore in _items(snippet, document):
                entry = (item, place, ignore)
                if kind == 'haproxy':
                    jobs.append(Job(kind, (item,), (place,), (ignore,)))
                elif snippet.alternative:
                    group = (document, snippet.alternative, kind)
                    alternatives.setdefault(
                        group, (len(chains[kind]), []))[1].append(entry)
                else:
                    chains[kind].append(entry)
    options = [('nodes', tuple(nodes))] if nodes else []
    for kind, entries in chains.items():
        branches = []
        for (_document, _reason, alternative), (at, items) in \
                alternatives.items():
            if alternative != kind:
                continue
            removed = sorted({name for item, _place, _ignore in items
                              for name in REPLAYS[kind].defines(item)})
            start = len(entries) + sum(len(b[1]) for b in branches)
            branches.append(((start, at, tuple(removed)), items))
        if not entries and not branches:
            continue
        chain = [*options, ('chain', len(entries))]
        if simulate:
            chain.append(('simulate', True))
        if branches:
            chain.append(('branches', tuple(b[0] for b in branches)))
        jobs.append(_job(kind, [*entries,
                                *(entry for _b, items in branches
                                  for entry in items)], chain))
    return jobs


def missing_programs(kinds):
    """{program: Debian package} of the programs *kinds* need and lack."""
    missing = {}
    for kind in kinds:
        for program in toolid.missing(kind):
            missing[program] = PACKAGES[program]
    for kind, program in (('pcs', 'pcs'), ('crmsh', 'crm')):
        if kind in kinds and program not in missing and \
                worker.interpreter(program) is None:
            missing[program] = PACKAGES[program]
    return missing


def _run_haproxy(job, timeout):
    with tempfile.TemporaryDirectory(prefix='snippetcheck-') as scratch:
        return haproxy_replay.check(job.items[0], scratch, timeout), None


class _Lane:
    """A thread that replays jobs of one kind, one after the other,
    through one worker of *module* (pcs_replay or crmsh_replay), so the
    tool starts once for all of them."""

    _DONE = object()

    def __init__(self, module, timeout):
        self.module = module
        self.timeout = timeout
        self.queue = queue.Queue()
        self.results = []  # (job, key, (found, data) or None, error)
        self.thread = threading.Thread(target=self._work, daemon=True,
                                       name='snippetcheck-lane')
        self.thread.start()

    def put(self, job, key):
        self.queue.put((job, key))

    def finish(self):
        self.queue.put(self._DONE)
        self.thread.join()
        return self.results

    def _work(self):
        with tempfile.TemporaryDirectory(prefix='snippetcheck-') as scratch:
            helper = self.module.new_worker(scratch, self.timeout)
            try:
                number = 0
                while True:
                    entry = self.queue.get()
                    if entry is self._DONE:
                        break
                    job, key = entry
                    number += 1
                    directory = os.path.join(scratch, f'job{number}')
                    try:
                        os.mkdir(directory)
                        outcome = self.module.replay(
                            list(job.items), directory, helper,
                            self.timeout, dict(job.options))
                        self.results.append((job, key, outcome, None))
                    except Exception as error:  # reported, never raised
                        self.results.append((job, key, None, error))
            finally:
                helper.close()


def _place(job, found):
    """{document: reports} of *job* from its raw findings: (line in the
    snippet, code, message) for haproxy, (item index, code, message) for
    the others."""
    result = {}
    for where, code, message in found:
        if job.kind == 'haproxy':
            (source, start, document), ignore = job.places[0], job.ignore[0]
            line = start + where - 1
        else:
            index = min(max(where, 0), len(job.places) - 1)
            (source, line, document), ignore = job.places[index], \
                job.ignore[index]
        if code in ignore:
            continue
        result.setdefault(document, []).append(
            Report(source, line, code, message))
    return result


class Run:
    """External checks under way.

    Jobs can be added as documents are read: a cached result is taken at
    once, a haproxy job goes to a thread pool, and pcs and crmsh jobs go
    to a lane each, whose worker starts once. ``wait`` collects them all;
    ``data`` then holds, by job, what a job gave besides its findings
    (the scenarios of a simulated cluster).
    """

    def __init__(self, cache, timeout, workers=None):
        self.cache = cache
        self.timeout = timeout
        self.workers = workers or max(2, os.cpu_count() or 2)
        self.reports = {}  # document -> reports
        self.data = {}     # job -> data
        self.cached = 0
        self.ran = 0
        self._pool = None
        self._futures = {}
        self._lanes = {}
        self._usable = {}  # kind -> whether its programs are installed

    @property
    def notes(self):
        """What went wrong besides the findings (the cache's troubles),
        each once."""
        return list(self.cache.notes)

    def add(self, jobs):
        """Start *jobs* (or take their results from the cache). Raises
        sandbox.Unavailable where the tools cannot be sandboxed: they are
        never run without it."""
        if jobs:
            sandbox.require()
        for job in jobs:
            kinds = {job.kind, *(['simulate'] if job.option('simulate')
                                 else [])}
            for kind in kinds:
                if kind not in self._usable:
                    self._usable[kind] = not missing_programs({kind})
            ident = all(self._usable[kind] for kind in kinds) and \
                [toolid.identity(kind) for kind in sorted(kinds)]
            if not ident:
                continue  # the tool is missing; reported by the caller
            key = job.key(ident)
            cached = self.cache.get(key)
            if cached is not None:
                self.cached += 1
                self._file(job, *cached)
                continue
            self.ran += 1
            if job.kind == 'haproxy':
                if self._pool is None:
                    self._pool = concurrent.futures.ThreadPoolExecutor(
                        self.workers, thread_name_prefix='snippetcheck')
                future = self._pool.submit(_run_haproxy, job, self.timeout)
                self._futures[future] = (job, key)
            else:
                lane = self._lanes.get(job.kind)
                if lane is None:
                    lane = self._lanes[job.kind] = _Lane(REPLAYS[job.kind],
                                                         self.timeout)
                lane.put(job, key)
        return self

    def wait(self):
        """All reports, by document, once every job has finished."""
        done = []
        for future in concurrent.futures.as_completed(self._futures):
            job, key = self._futures[future]
            try:
                done.append((job, key, future.result(), None))
            except Exception as error:  # reported, never raised
                done.append((job, key, None, error))
        for lane in self._lanes.values():
            done.extend(lane.finish())
        for job, key, outcome, error in done:
            if error is not None:
                finding = engine.failure(1, error)
                outcome = ([(1 if job.kind == 'haproxy' else 0,
                             finding.code, finding.message)], None)
            elif not any(code in NOT_AN_ANSWER for _w, code, _m
                         in outcome[0]):
                self.cache.put(key, *outcome)
            self._file(job, *outcome)
        self._futures, self._lanes = {}, {}
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        return {document: sorted(reports)
                for document, reports in self.reports.items()}

    def _file(self, job, found, data=None):
        for document, reports in _place(job, found).items():
            self.reports.setdefault(document, []).extend(reports)
        if data is not None:
            self.data[job] = data

    def cancel(self):
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        for lane in self._lanes.values():
            lane.finish()
        self._lanes = {}


def run_jobs(jobs, cache, timeout, workers=None):
    """Reports of *jobs* (of every document), waiting for them all; and
    how many ran."""
    run = Run(cache, timeout, workers).add(jobs)
    reports = run.wait()
    return sorted(r for found in reports.values() for r in found), run.ran
