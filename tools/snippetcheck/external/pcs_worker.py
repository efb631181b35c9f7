"""Runs pcs commands on scratch CIBs, each in a fresh child of one process.

Started in the sandbox by :mod:`snippetcheck.external.worker` under the
Python that runs pcs itself, with the scratch directory as its last
argument. A request is ``{"argv": [...]}``, the arguments of one pcs
command; its answer ``{"rc": N, "out": "...", "err": "..."}``, with
``"ids"``, the resources and constraints of the CIB after it, when the
request asks for them (``"ids": true``). A command
without ``-f`` on a file in the scratch directory is refused, not run.
See :mod:`zygote` for the protocol.
"""

import contextlib
import io
import os
import sys

import zygote


def _handle(app, scratch):
    def handle(request, send):
        argv = [str(word) for word in request.get('argv', [])]
        if '-f' not in argv[:-1] or not zygote.inside(
                argv[argv.index('-f') + 1], scratch):
            send({'rc': 2, 'out': '',
                  'err': 'refused: no -f on a scratch CIB'})
            return
        out, err = io.StringIO(), io.StringIO()
        code = 0
        with contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err):
            try:
                app.main(argv)
            except SystemExit as leave:
                if isinstance(leave.code, int):
                    code = leave.code
                elif leave.code is not None:
                    code = 1
                    err.write(str(leave.code))
            except Exception as error:  # pcs itself failed
                code = 1
                err.write(f'pcs raised {type(error).__name__}: {error}')
        answer = {'rc': code, 'out': out.getvalue(), 'err': err.getvalue()}
        if request.get('ids'):
            answer['ids'] = _ids(argv[argv.index('-f') + 1])
        send(answer)
    return handle


#: The CIB elements whose ids a command may create.
_MADE = ('primitive', 'group', 'clone', 'master', 'bundle', 'rsc_location',
         'rsc_order', 'rsc_colocation', 'rsc_ticket', 'fencing-level')


def _ids(cib):
    """The ids of the resources and constraints of the CIB file *cib*."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.parse(cib).getroot()
    except (OSError, ElementTree.ParseError):
        return []
    return sorted(element.get('id') for element in root.iter()
                  if element.tag in _MADE and element.get('id'))


def main():
    scratch = os.path.realpath(sys.argv[-1])
    os.chdir(scratch)
    answers = zygote.channel()
    from pcs import app
    zygote.serve(_handle(app, scratch), answers)


if __name__ == '__main__':
    main()
