"""Replays crmsh input, one document a fresh ``crm configure`` session.

Started in the sandbox by :mod:`snippetcheck.external.worker` under the
Python that runs crm, with the scratch directory as its last argument. A
request is ``{"cib": PATH, "lines": [...]}``: the lines go, one by one,
into a ``crm configure`` session on the CIB file at PATH (which must lie in
the scratch directory), followed by ``commit``. Each document's session is
a fresh child process, so nothing one document does reaches the next.

The answers name the messages crm logged at WARNING level or above, so
each is tied to what caused it: ``{"start": [...]}`` for opening the
session, ``{"line": I, "records": [...]}`` for each line as it is done,
and ``{"commit": [...]}``. Every record is ``[LEVEL, MESSAGE]``; a crm
exception is recorded with the level ``EXCEPTION``.

crm's log file is replaced by a null handler (as for ``crm --help``), its
console output is discarded, and ``-F`` (force) is set as for a batch run.
See :mod:`zygote` for the protocol.
"""

import io
import logging
import os
import sys

import zygote


class _Grab(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        try:
            self.records.append([record.levelname, record.getMessage()])
        except Exception:  # a message that does not format
            self.records.append([record.levelname, str(record.msg)])


def _session(grab, scratch):
    from crmsh import cibconfig
    from crmsh import ui_context
    from crmsh import ui_root

    def run(context, line):
        grab.records = []
        try:
            context.run(line)
        except (Exception, SystemExit) as error:
            # crm itself failed (its own bug, or an exit)
            grab.records.append(['EXCEPTION',
                                 f'{type(error).__name__}: {error}'])
        sys.stdout.seek(0)
        sys.stdout.truncate()
        return grab.records

    def handle(request, send):
        cib = str(request.get('cib', ''))
        if not zygote.inside(cib, scratch):
            send({'error': 'refused: CIB outside the scratch directory'})
            return
        os.environ['CIB_file'] = os.path.realpath(cib)  # noqa: SIM112
        cibconfig.cib_factory.reset()
        context = ui_context.Context(ui_root.Root())
        send({'start': run(context, 'configure')})
        for index, line in enumerate(request.get('lines', [])):
            send({'line': index, 'records': run(context, str(line))})
        send({'commit': run(context, 'commit')})
    return handle


def main():
    scratch = os.path.realpath(sys.argv[-1])
    os.chdir(scratch)
    answers = zygote.channel()
    sys.stdout = io.StringIO()
    sys.stderr = io.StringIO()

    from crmsh import log
    log.setup_logging(only_help=True)
    from crmsh import config
    from crmsh import main as crm_main
    from crmsh import options

    crm_main.envsetup()  # Pacemaker's daemon directories, for metadata

    grab = _Grab()
    crm_logger = logging.getLogger('crmsh')
    for handler in crm_logger.handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(io.StringIO())
    crm_logger.handlers.append(grab)
    options.batch = True
    options.interactive = False
    config.core.force = True
    zygote.serve(_session(grab, scratch), answers)


if __name__ == '__main__':
    main()
