"""The caller's side of a worker process (pcs or crm) in the sandbox.

The worker (``pcs_worker.py``, ``crm_worker.py``, serving with
:mod:`zygote`) is started once, in the sandbox, and answers requests one
JSON object a line. :meth:`Worker.exchange` sends a request and yields the
answers as they come, each waited for at most the timeout; a worker that
hangs is killed with every process of its sandbox, and one that dies is
noticed, and either way the next request starts a new one.
"""

import contextlib
import json
import os
import select
import shutil

from snippetcheck.external import sandbox

_HERE = os.path.dirname(os.path.abspath(__file__))
#: The files every worker needs in the sandbox.
_SHARED = ('zygote.py',)


def interpreter(program):
    """The interpreter line of *program*'s script (a Python tool), or None.

    The worker must run under the Python that has the tool's modules, which
    is the one its own script names.
    """
    path = shutil.which(program, path=sandbox.PATH)
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


class _Lines:
    """Lines read from a pipe with a timeout (no buffering that select()
    could not see)."""

    def __init__(self, fd):
        self.fd = fd
        self.buffer = b''

    def read(self, timeout):
        """The next line, b'' at the end, or None after *timeout*."""
        while b'\n' not in self.buffer:
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                return b''
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b'\n')
        return line


class Worker:
    """One worker process for *program*, restarted when it fails."""

    def __init__(self, program, script, scratch, timeout):
        self.program = program
        self.script = script
        self.scratch = os.path.realpath(scratch)
        self.timeout = timeout
        self.process = None
        self.lines = None

    def _start(self):
        command = interpreter(self.program)
        if command is None:
            raise OSError(f'{self.program} is not a Python program here')
        binds = [(os.path.join(_HERE, name),
                  f'{sandbox.WORKERS_DIR}/{name}')
                 for name in (self.script, *_SHARED)]
        self.process = sandbox.start(
            [*command, f'{sandbox.WORKERS_DIR}/{self.script}',
             self.scratch], self.scratch, binds=binds, timeout=self.timeout)
        self.lines = _Lines(self.process.stdout.fileno())

    def exchange(self, payload):
        """Yield the answers to *payload*. The last is ``{"done":
        STATUS}``, or an answer with ``error`` set (and ``timed_out`` when
        the worker gave no answer within the timeout)."""
        try:
            if self.process is None or self.process.poll() is not None:
                self.close()
                self._start()
            self.process.stdin.write(json.dumps(payload) + '\n')
            self.process.stdin.flush()
        except (OSError, ValueError, sandbox.Unavailable) as error:
            self.close()
            yield {'error': f'the {self.program} worker cannot start: '
                            f'{error}'}
            return
        while True:
            line = self.lines.read(self.timeout)
            if line is None:
                self.close()
                yield {'error': f'no answer within {self.timeout} s',
                       'timed_out': True}
                return
            if not line:
                self.close()
                yield {'error': f'the {self.program} worker stopped'}
                return
            try:
                answer = json.loads(line)
            except ValueError:
                self.close()
                yield {'error': f'the {self.program} worker answered '
                                'nonsense'}
                return
            if not isinstance(answer, dict):
                continue
            yield answer
            if 'done' in answer:
                return

    def close(self):
        if self.process is not None:
            sandbox.kill(self.process)
            for stream in (self.process.stdin, self.process.stdout):
                with contextlib.suppress(OSError):
                    stream.close()
            self.process = None
            self.lines = None
