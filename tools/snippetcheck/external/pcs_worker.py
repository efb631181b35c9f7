"""Runs many pcs commands in one process, so pcs starts once.

Started by :mod:`snippetcheck.external.worker` under the Python that runs
pcs itself, with the scratch directory as its first argument and
``pcs-worker`` as its last. It reads one JSON list of pcs arguments a line
and answers one JSON object a line: ``{"rc": N, "out": "...", "err":
"..."}``. Output of pcs and of the programs it starts never reaches the
answer channel: file descriptor 1 is sent to the bit bucket and the
answers go to a copy of the original one.

It uses nothing but the standard library and pcs, and refuses any command
without ``-f`` on a file in the scratch directory.
"""

import contextlib
import io
import json
import os
import sys


def _inside(path, scratch):
    real = os.path.realpath(os.path.join(scratch, path))
    return os.path.commonpath([real, scratch]) == scratch


def _forget(utils, caches):
    """Clear pcs's per-process caches, so every command starts as in a
    fresh pcs process: its command runner and its library wrapper keep the
    CIB file, the environment and the error state of the first command."""
    for value in vars(utils).values():
        clear = getattr(value, 'cache_clear', None)
        if callable(clear):
            clear()
    for cache in caches:
        cache.clear()


def _run(app, utils, caches, argv, scratch):
    _forget(utils, caches)
    if '-f' not in argv[:-1] or not _inside(argv[argv.index('-f') + 1],
                                            scratch):
        return {'rc': 2, 'out': '', 'err': 'refused: no -f on a scratch CIB'}
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            app.main(list(argv))
        except SystemExit as leave:
            if isinstance(leave.code, int):
                code = leave.code
            elif leave.code is not None:
                code = 1
                err.write(str(leave.code))
        except Exception as error:  # pcs itself failed
            code = 1
            err.write(f'pcs raised {type(error).__name__}: {error}')
    return {'rc': code, 'out': out.getvalue(), 'err': err.getvalue()}


def main():
    scratch = os.path.realpath(sys.argv[1])
    os.chdir(scratch)
    answers = os.fdopen(os.dup(1), 'w', encoding='utf-8')
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    from pcs import app
    from pcs import utils
    try:
        from pcs.cli.common import lib_wrapper
        caches = [lib_wrapper._CACHE]
    except (ImportError, AttributeError):
        caches = []
    for line in sys.stdin:
        try:
            argv = json.loads(line)
        except ValueError:
            break
        answers.write(json.dumps(_run(app, utils, caches, argv, scratch))
                      + '\n')
        answers.flush()


if __name__ == '__main__':
    main()
