"""Which external checks a document needs, and running them all.

``jobs_for`` turns a document's snippets into jobs: one per haproxy
snippet, one pcs replay and one crmsh replay per document (the commands
of a document build on each other). ``Run`` runs them in parallel threads,
each job in its own scratch directory, and keeps every result in a cache
keyed by the tools' identity and the job itself, so an unchanged snippet
never runs again.
"""

import concurrent.futures
import dataclasses
import hashlib
import json
import os
import queue
import shutil
import tempfile
import threading

from snippetcheck import console
from snippetcheck.engine import Report
from snippetcheck.external import crmsh_replay
from snippetcheck.external import haproxy_replay
from snippetcheck.external import pcs_replay
from snippetcheck.external import worker

#: The programs each kind of job needs.
NEEDS = {
    'haproxy': ('haproxy',),
    'pcs': ('pcs', 'cibadmin', 'crm_verify'),
    'crmsh': ('crm', 'cibadmin'),
}
PACKAGES = {'haproxy': 'haproxy', 'pcs': 'pcs', 'crmsh': 'crmsh',
            'cibadmin': 'pacemaker-cli-utils',
            'crm_verify': 'pacemaker-cli-utils'}
_PATH = '/usr/sbin:/usr/bin:/sbin:/bin'
CACHE_VERSION = 1


@dataclasses.dataclass(frozen=True)
class Job:
    """Work for one tool: what to replay and where each item stands.

    ``items`` holds the haproxy text (one item) or the pcs argv or crmsh
    elements in reading order; ``places`` the (source, line) of each item,
    and ``ignore`` the codes the block of each item opts out of.
    """

    kind: str
    items: tuple
    places: tuple
    ignore: tuple

    def key(self, identity):
        data = json.dumps([CACHE_VERSION, self.kind, identity,
                           list(self.items)], sort_keys=True)
        return hashlib.sha256(data.encode('utf-8', 'replace')).hexdigest()


def jobs_for(snippets):
    """The jobs of one document's snippets (in reading order)."""
    jobs = []
    pcs, crm = [], []
    for snippet in snippets:
        if 'all' in snippet.ignore:
            continue
        if snippet.language == 'haproxy':
            jobs.append(Job('haproxy', (snippet.text,),
                            ((snippet.source, snippet.line),),
                            (tuple(sorted(snippet.ignore)),)))
        elif snippet.language in ('console', 'shell-session'):
            for command in console.commands(snippet.text):
                place = (snippet.source, snippet.line + command.line - 1)
                ignore = tuple(sorted(snippet.ignore))
                if command.program == 'pcs':
                    pcs.append((tuple(command.argv), place, ignore))
                elif command.program == 'crm':
                    element = crmsh_replay.command_element(command.argv)
                    if element:
                        crm.append((element, place, ignore))
        elif snippet.language in ('crmsh', 'pcmk'):
            for line, element in crmsh_replay.elements(snippet.text):
                crm.append((element, (snippet.source,
                                      snippet.line + line - 1),
                            tuple(sorted(snippet.ignore))))
    for kind, entries in (('pcs', pcs), ('crmsh', crm)):
        if entries:
            items, places, ignore = zip(*entries, strict=True)
            jobs.append(Job(kind, items, places, ignore))
    return jobs


def missing_programs(kinds):
    """{program: Debian package} of the programs *kinds* need and lack."""
    missing = {}
    for kind in kinds:
        for program in NEEDS[kind]:
            if shutil.which(program, path=_PATH) is None:
                missing[program] = PACKAGES[program]
    for kind, program in (('pcs', 'pcs'), ('crmsh', 'crm')):
        if kind in kinds and program not in missing and \
                worker.interpreter(program) is None:
            missing[program] = PACKAGES[kind]
    return missing


def identity(kind):
    """What a cached result of *kind* depends on besides the job: each
    program's path, size and modification time (a package upgrade changes
    them), without starting any of them."""
    parts = []
    for program in NEEDS[kind]:
        path = shutil.which(program, path=_PATH)
        if path is None:
            return None
        stat = os.stat(os.path.realpath(path))
        parts.append([os.path.realpath(path), stat.st_size,
                      stat.st_mtime_ns])
    return parts


class Cache:
    """Results on disk, one JSON file a job; a cache of None keeps none."""

    def __init__(self, directory):
        self.directory = directory
        if directory:
            os.makedirs(directory, exist_ok=True)

    def _path(self, key):
        return os.path.join(self.directory, key[:2], key + '.json')

    def get(self, key):
        if not self.directory:
            return None
        try:
            with open(self._path(key), encoding='utf-8') as stream:
                return [tuple(entry) for entry in json.load(stream)]
        except (OSError, ValueError):
            return None

    def put(self, key, findings):
        if not self.directory:
            return
        path = self._path(key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = path + '.tmp'
        with open(temporary, 'w', encoding='utf-8') as stream:
            json.dump([list(entry) for entry in findings], stream)
        os.replace(temporary, path)


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
        self.reports = []
        self.cached = 0
        self.ran = 0
        self._pool = None
        self._futures = {}
        self._lanes = {}

    def add(self, jobs):
        for job in jobs:
            ident = identity(job.kind)
            if ident is None:
                continue  # the tool is missing; reported by the caller
            key = job.key(ident)
            found = self.cache.get(key)
            if found is not None:
                self.cached += 1
                self.reports.extend(_place(job, found))
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
        """All reports, once every job has finished."""
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
                found = [(1 if job.kind == 'haproxy' else 0, 'SC000',
                          f'external check of this snippet failed '
                          f'({type(error).__name__}: {error})')]
            else:
                self.cache.put(key, found)
            self.reports.extend(_place(job, found))
        self._futures, self._lanes = {}, {}
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        return sorted(self.reports)

    def cancel(self):
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        for lane in self._lanes.values():
            lane.finish()
        self._lanes = {}


def run_jobs(jobs, cache, timeout, workers=None):
    """Reports of *jobs*, waiting for them all; and how many ran."""
    run = Run(cache, timeout, workers).add(jobs)
    return run.wait(), run.ran
