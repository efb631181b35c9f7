"""The serving loop of the workers that run pcs and crm in the sandbox.

pcs and crm are Python programs that take about half a second to start.
A worker imports one of them once, then forks a child for every request:
the child starts from that clean state, answers, and exits, so nothing a
request does (a cache, a crm session, an option it sets) is seen by the
next one.

Requests come one JSON object a line on standard input. The child sends
its answers, one JSON object a line, as it makes them, so that a request
that hangs or crashes half-way loses none of the answers already made;
then the parent sends ``{"done": STATUS}`` with the child's exit status.
Answers go to a private copy of standard output: file descriptors 1 and 2
are sent to /dev/null, so nothing the tool or a program it starts prints
can forge an answer.

This module runs under the tool's own Python inside the sandbox, next to
the worker script that imports it: it uses the standard library only.
"""

import json
import os
import sys


def channel():
    """The stream answers are written to."""
    answers = os.fdopen(os.dup(1), 'w', encoding='utf-8')
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    return answers


def inside(path, scratch):
    """Whether *path* lies in the directory *scratch*."""
    real = os.path.realpath(os.path.join(scratch, str(path)))
    return os.path.commonpath([real, scratch]) == scratch


def serve(handle, answers, requests=None):
    """Answer every request line with ``handle(request, send)`` in a child
    process, then ``{"done": status}``."""

    def send(message):
        answers.write(json.dumps(message) + '\n')
        answers.flush()

    for line in requests if requests is not None else sys.stdin:
        try:
            request = json.loads(line)
        except ValueError:
            send({'error': 'unreadable request'})
            send({'done': 2})
            continue
        answers.flush()
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                handle(request, send)
            except BaseException as error:  # reported, whatever it is
                send({'error': f'{type(error).__name__}: {error}'})
                status = 1
            finally:
                os._exit(status)
        _pid, status = os.waitpid(pid, 0)
        send({'done': os.waitstatus_to_exitcode(status)})
