"""Checking documents in a worker process, beside the build.

Sphinx reads one document after the other in one process. The checks of a
document's snippets need oslo.config, PyYAML and the option data, and take
time of their own, so ``Offload`` hands each document's snippets to a
worker process (:mod:`snippetcheck.checkworker`) as soon as the document is
read: the checks run on another CPU while Sphinx reads on, and ``collect``
gathers the reports once reading is done. The reports are the ones the
same checks give in this process.

It is also the guard against a check that never ends or that crashes the
interpreter: when the worker gives no sign of progress for the timeout,
the block it is on gets SC006 (a crash: SC000), the worker is stopped and
a new one checks the documents left. When no worker can run at all, the
documents are checked in this process.
"""

import contextlib
import os
import subprocess
import sys
import threading
import time

from snippetcheck import checkworker
from snippetcheck import engine
from snippetcheck.engine import Report

COMMAND = (sys.executable, '-m', 'snippetcheck.checkworker')
#: Workers that may fail (hang or crash) before the rest is checked here.
MAX_FAILURES = 3
_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class _Worker:
    """One worker process and the thread that reads its answers."""

    def __init__(self, command, offload):
        env = dict(os.environ)
        env['PYTHONPATH'] = os.pathsep.join(
            path for path in (_PACKAGE_ROOT, env.get('PYTHONPATH')) if path)
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env)
        self.alive = True
        self.answered = False
        self._reader = threading.Thread(target=self._read, args=(offload,),
                                        daemon=True)
        self._reader.start()

    def _read(self, offload):
        while True:
            try:
                message = checkworker.read_frame(self.process.stdout)
            except Exception:  # a torn frame: the worker is gone
                message = None
            with offload.changed:
                if message is None:
                    self.alive = False
                    offload.changed.notify_all()
                    return
                self.answered = True
                offload.heard(self, message)

    def send(self, request):
        with contextlib.suppress(OSError, ValueError):
            # a worker that died cannot be written to; collect() sees that
            checkworker.write_frame(self.process.stdin, request)

    def stop(self, kill=False):
        if kill:
            self.process.kill()
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._reader.join(timeout=10)
        self.process.stdout.close()


class Offload:
    """Documents checked by a worker process, collected at the end."""

    def __init__(self, timeout, command=None):
        self.timeout = timeout
        self.command = list(command or COMMAND)
        self.changed = threading.Condition()
        self._requests = {}   # key -> (snippets, release), in sending order
        self._reports = {}    # key -> reports
        self._at = {}         # key -> index of the snippet being judged
        self._active = time.monotonic()
        self._worker = None
        self._failures = 0
        self._here = False    # no worker: check in this process

    def submit(self, key, snippets, release=None):
        """Start checking *snippets*, the snippets of one document."""
        snippets = list(snippets)
        with self.changed:
            self._requests[key] = (snippets, release)
            self._reports.pop(key, None)
        if self._here:
            return
        if self._worker is None:
            self._start()
        if self._worker is not None:
            with self.changed:
                self._active = time.monotonic()
            self._worker.send((key, snippets, release))

    def heard(self, worker, message):
        """Take a message of *worker* (called with ``changed`` held)."""
        if worker is not self._worker:
            return  # a worker stopped since
        self._active = time.monotonic()
        kind, key, value = message
        if kind == 'at':
            self._at[key] = value
        elif kind == 'done':
            self._reports[key] = value
        self.changed.notify_all()

    def collect(self):
        """The reports of every document submitted, by key, once all are
        checked."""
        while True:
            with self.changed:
                left = [key for key in self._requests
                        if key not in self._reports]
                worker = self._worker
                if not left or worker is None:
                    break
                if worker.alive:
                    wait = self._active + self.timeout - time.monotonic()
                    if wait > 0:
                        self.changed.wait(wait)
                        continue
            self._fail(worker, left)
        for key in left:
            self._reports[key] = engine.check_snippets(*self._requests[key])
        self.close()
        return {key: self._reports[key] for key in self._requests}

    def close(self):
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop()

    def _start(self):
        try:
            self._worker = _Worker(self.command, self)
        except OSError:
            self._worker, self._here = None, True

    def _fail(self, worker, left):
        """*worker* hangs or died on the first document of *left*: blame
        the block it was on, and start another for the rest."""
        hung = worker.alive
        with self.changed:
            self._worker = None
        worker.stop(kill=True)
        if not worker.answered:
            # it never began to check (it could not start, or hung or
            # died on the way): no block is to blame; check here
            self._here = True
            return
        key = left[0]
        snippets, _release = self._requests[key]
        self._reports[key] = self._blame(key, snippets, hung,
                                         worker.process.returncode)
        self._failures += 1
        if self._failures >= MAX_FAILURES:
            self._here = True
            return
        self._start()
        for other in left[1:]:
            if self._worker is not None:
                self._worker.send((other, *self._requests[other]))
        with self.changed:
            self._active = time.monotonic()

    def _blame(self, key, snippets, hung, status):
        if not snippets:
            return []
        index = min(self._at.get(key, 0), len(snippets) - 1)
        snippet = snippets[index]
        if hung:
            report = Report(
                snippet.source, snippet.line, 'SC006',
                f'the checks did not finish within {self.timeout} s on '
                'this block; please report it with the block, and opt it '
                'out meanwhile with ":snippetcheck-ignore: all REASON"')
        else:
            report = Report(
                snippet.source, snippet.line, 'SC000',
                f'the checks crashed on this block (exit status {status}); '
                'please report it with the block')
        return [report]
