"""A check worker that hangs or crashes on purpose, for test_offload.

It speaks the real worker's protocol (snippetcheck.checkworker.serve) but
judges a block whose text holds HANG by sleeping for good, and a block
whose text holds CRASH by ending the process, as a check stuck in a loop
or a crash of the interpreter would.
"""

import os
import time

from snippetcheck import checkworker
from snippetcheck import engine


def misbehaving_check(snippets, release, on_snippet=None):
    def progress(index):
        on_snippet(index)
        if 'HANG' in snippets[index].text:
            time.sleep(3600)
        if 'CRASH' in snippets[index].text:
            os._exit(3)
    return engine.check_snippets(snippets, release, on_snippet=progress)


if __name__ == '__main__':
    import sys
    checkworker.serve(sys.stdin.buffer, checkworker.own_output(),
                      check=misbehaving_check)
