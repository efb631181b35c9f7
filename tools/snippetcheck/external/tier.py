"""Which external checks a document needs, and running them all.

``jobs_for`` turns a document's snippets into jobs: one per haproxy
snippet, one pcs replay and one crmsh replay per document (the commands
of a document build on each other). ``Run`` runs them in parallel threads,
each job in its own scratch directory and every tool in the sandbox
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

__all__ = ['Cache', 'Job', 'Run', 'jobs_for', 'missing_programs',
           'run_jobs']

#: The Debian package of every program a job runs.
PACKAGES = {'haproxy': 'haproxy', 'pcs': 'pcs', 'crm': 'crmsh',
            'cibadmin': 'pacemaker-cli-utils',
            'crm_verify': 'pacemaker-cli-utils',
            'crm_simulate': 'pacemaker-cli-utils'}
CACHE_VERSION = 2
#: Findings that say the tool could not give an answer: never cached.
NOT_AN_ANSWER = frozenset(['XHA003', 'XPCS003', 'XCRM003', 'SC000'])


@dataclasses.dataclass(frozen=True)
class Job:
    """Work for one tool: what to replay and where each item stands.

    ``items`` holds the haproxy text (one item) or the pcs argv or crmsh
    elements in reading order; ``places`` the (source, line) of each item,
    ``ignore`` the codes the block of each item opts out of, and
    ``document`` the document the job's reports belong to (the one that
    reads the snippets, also from an included file).
    """

    kind: str
    items: tuple
    places: tuple
    ignore: tuple
    document: str = ''

    def key(self, identity):
        data = json.dumps([CACHE_VERSION, self.kind, identity,
                           list(self.items)], sort_keys=True)
        return hashlib.sha256(data.encode('utf-8', 'replace')).hexdigest()


def jobs_for(snippets, document=''):
    """The jobs of one document's snippets (in reading order)."""
    jobs = []
    pcs, crm = [], []
    for snippet in snippets:
        if 'all' in snippet.ignore:
            continue
        ignore = tuple(sorted(snippet.ignore))
        language = engine.language_of(snippet)
        if language == 'haproxy':
            jobs.append(Job('haproxy', (snippet.text,),
                            ((snippet.source, snippet.line),), (ignore,),
                            document))
        elif language == 'console':
            for command in console.commands(snippet.text):
                place = (snippet.source, snippet.line + command.line - 1)
                if command.program == 'pcs':
                    pcs.append((tuple(command.argv), place, ignore))
                elif command.program == 'crm':
                    element = crmsh_replay.command_element(command.argv)
                    if element:
                        crm.append((element, place, ignore))
        elif language == 'crmsh':
            for line, element in crmsh_replay.elements(snippet.text):
                crm.append((element, (snippet.source,
                                      snippet.line + line - 1), ignore))
    for kind, entries in (('pcs', pcs), ('crmsh', crm)):
        if entries:
            items, places, ignore = zip(*entries, strict=True)
            jobs.append(Job(kind, items, places, ignore, document))
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
        return haproxy_replay.check(job.items[0], scratch, timeout)


class _Lane:
    """A thread that replays jobs of one kind, one after the other,
    through one worker of *module* (pcs_replay or crmsh_replay), so the
    tool starts once for all of them."""

    _DONE = object()

    def __init__(self, module, timeout):
        self.module = module
        self.timeout = timeout
        self.queue = queue.Queue()
        self.results = []  # (job, key, found or None, error or None)
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
                        found = self.module.replay(
                            list(job.items), directory, helper, self.timeout)
                        self.results.append((job, key, found, None))
                    except Exception as error:  # reported, never raised
                        self.results.append((job, key, None, error))
            finally:
                helper.close()


def _place(job, found):
    """Reports of *job* from its raw (index or line, code, message)."""
    result = []
    for where, code, message in found:
        if job.kind == 'haproxy':
            source, first = job.places[0]
            ignore = job.ignore[0]
            line = first + where - 1
        else:
            index = min(max(where, 0), len(job.places) - 1)
            (source, line), ignore = job.places[index], job.ignore[index]
        if code in ignore:
            continue
        result.append(Report(source, line, code, message))
    return result


class Run:
    """External checks under way.

    Jobs can be added as documents are read: a cached result is taken at
    once, a haproxy job goes to a thread pool, and pcs and crmsh jobs go
    to a lane each, whose worker starts once. ``wait`` collects them all.
    """

    def __init__(self, cache, timeout, workers=None):
        self.cache = cache
        self.timeout = timeout
        self.workers = workers or max(2, os.cpu_count() or 2)
        self.reports = {}  # document -> reports
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
            if job.kind not in self._usable:
                self._usable[job.kind] = not missing_programs({job.kind})
            ident = self._usable[job.kind] and toolid.identity(job.kind)
            if not ident:
                continue  # the tool is missing; reported by the caller
            key = job.key(ident)
            found = self.cache.get(key)
            if found is not None:
                self.cached += 1
                self._file(job, found)
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
                    module = pcs_replay if job.kind == 'pcs' else \
                        crmsh_replay
                    lane = self._lanes[job.kind] = _Lane(module,
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
        for job, key, found, error in done:
            if error is not None:
                finding = engine.failure(1, error)
                found = [(1 if job.kind == 'haproxy' else 0, finding.code,
                          finding.message)]
            elif not any(code in NOT_AN_ANSWER for _w, code, _m in found):
                self.cache.put(key, found)
            self._file(job, found)
        self._futures, self._lanes = {}, {}
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        return {document: sorted(reports)
                for document, reports in self.reports.items()}

    def _file(self, job, found):
        self.reports.setdefault(job.document, []).extend(_place(job, found))

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
