"""A long-lived helper process spoken to in JSON lines.

pcs and crm are Python programs that take about half a second to start;
their workers (``pcs_worker.py``, ``crm_worker.py``) start once and then
answer one request a line. This is the caller's side: it starts a worker
through the sandbox, sends a request, waits for the answer at most the
timeout, and restarts the worker after a hang or a crash.
"""

import contextlib
import json
import os
import select
import shutil

from snippetcheck.external import sandbox

_PATH = '/usr/sbin:/usr/bin:/sbin:/bin'


def interpreter(program):
    """The interpreter line of *program*'s script (a Python tool), or None.

    The worker must run under the Python that has the tool's modules, which
    is the one its own script names.
    """
    path = shutil.which(program, path=_PATH)
    if path is None:
        return None
    try:
        with open(path, encoding='utf-8', errors='replace') as stream:
            first = stream.readline().strip()
    except OSError:
        return None
    if not first.startswith('#!'):
        return None
    words = first[2:].split()
    if words and os.path.basename(words[0]) == 'env':
        words = words[1:]
    if not words or 'python' not in os.path.basename(words[0]):
        return None
    return words


class Worker:
    """One worker process for *program*, restarted when it fails."""

    def __init__(self, program, script, role, scratch, timeout):
        self.program = program
        self.script = os.path.join(os.path.dirname(__file__), script)
        self.role = role
        self.scratch = scratch
        self.timeout = timeout
        self.process = None

    def _start(self):
        command = interpreter(self.program)
        if command is None:
            raise OSError(f'{self.program} is not a Python program here')
        self.process = sandbox.start(
            [*command, self.script, self.scratch, self.role], self.scratch)

    def request(self, payload):
        """The worker's answer to *payload*, or an answer with
        ``error`` set when it hung or died."""
        try:
            if self.process is None or self.process.poll() is not None:
                self._start()
            self.process.stdin.write(json.dumps(payload) + '\n')
            self.process.stdin.flush()
            ready, _, _ = select.select([self.process.stdout], [], [],
                                        self.timeout)
            if not ready:
                self.close()
                return {'error': f'no answer within {self.timeout} s',
                        'timed_out': True}
            line = self.process.stdout.readline()
            if not line:
                self.close()
                return {'error': f'the {self.program} worker stopped'}
            return json.loads(line)
        except (OSError, ValueError) as error:
            self.close()
            return {'error': str(error)}

    def close(self):
        if self.process is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
            try:
                self.process.kill()
                self.process.wait(timeout=5)
            except (OSError, ValueError):
                pass
            self.process = None
