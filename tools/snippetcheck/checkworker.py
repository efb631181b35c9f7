"""The process that checks documents beside the build.

``python -m snippetcheck.checkworker`` reads requests on its standard input
and answers on its standard output, each message a pickled frame preceded
by its length (:func:`write_frame`). A request is ``(key, snippets,
release)``: the snippets of one document in reading order. Before judging
each snippet the worker answers ``('at', key, index)``, so that the caller
knows which block a check that never ends is stuck on; then ``('done', key,
reports)``. It exits at the end of its input.

The frames come only from the process that started the worker, which is
the same program; nothing else is unpickled.
"""

import os
import pickle
import struct
import sys

from snippetcheck import engine

_LENGTH = struct.Struct('>I')


def write_frame(stream, message):
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def read_frame(stream):
    """The next message on *stream*, or None at its end."""
    header = stream.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


def serve(requests, answers, check=engine.check_snippets):
    """Answer every request on *requests* until its end."""
    while (request := read_frame(requests)) is not None:
        key, snippets, release = request

        def progress(index, key=key):
            write_frame(answers, ('at', key, index))

        reports = check(snippets, release, on_snippet=progress)
        write_frame(answers, ('done', key, reports))


def own_output():
    """A private copy of standard output for the frames; anything a
    library prints then goes to standard error instead of into them."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), 'wb')
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return answers


def main():
    serve(sys.stdin.buffer, own_output())


if __name__ == '__main__':
    main()
