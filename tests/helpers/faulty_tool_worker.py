"""A worker that speaks the pcs and crm workers' protocol and fails on
cue, to test how the external tier survives a tool that hangs or crashes.

Run in the sandbox like the real workers (see
:mod:`snippetcheck.external.worker`), next to a copy of ``zygote.py``. A
pcs request (``argv``) or a crm line holding ``crash`` makes the child
exit with status 9, one holding ``hang`` makes it sleep (its command line
holds the number after ``hang``); a crm line or pcs command holding the
word ``bad`` gets an ERROR record or is rejected.
"""

import os
import sys

import zygote


def _fault(text):
    words = text.split()
    if 'crash' in words:
        os._exit(9)
    if 'hang' in words:
        marker = words[words.index('hang') + 1]
        os.execvp('sleep', ['sleep', marker])


def handle(request, send):
    if 'argv' in request:
        text = ' '.join(request['argv'])
        _fault(text)
        bad = 'bad' in request['argv']
        send({'rc': 1 if bad else 0, 'out': '',
              'err': 'Error: a bad command' if bad else ''})
        return
    send({'start': []})
    for index, line in enumerate(request.get('lines', [])):
        _fault(line)
        records = [['ERROR', f'problem with {line}']] \
            if 'bad' in line.split() else []
        send({'line': index, 'records': records})
    send({'commit': []})


if __name__ == '__main__':
    os.chdir(os.path.realpath(sys.argv[-1]))
    zygote.serve(handle, zygote.channel())
