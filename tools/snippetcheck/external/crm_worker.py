"""Replays crmsh input for many documents in one crm process.

Started by :mod:`snippetcheck.external.worker` under the Python that runs
crm, with the scratch directory as its first argument and ``crm-worker``
as its last. Each request is a JSON object ``{"cib": PATH, "lines":
[...]}``: the lines go, one by one, into a ``crm configure`` session on
the CIB file at PATH (which must lie in the scratch directory), followed by
``commit``. The answer lists, for every line and then for the commit, the
messages crm logged at WARNING level or above, so each is tied to the
line that caused it.

crm's log file is replaced by a null handler (as for ``crm --help``), its
console output is discarded, and ``-F`` (force) is set as for a batch run.
"""

import io
import json
import logging
import os
import sys


class _Grab(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        try:
            self.records.append([record.levelname, record.getMessage()])
        except Exception:  # a message that does not format
            self.records.append([record.levelname, str(record.msg)])


def _inside(path, scratch):
    real = os.path.realpath(os.path.join(scratch, path))
    return os.path.commonpath([real, scratch]) == scratch


def main():
    scratch = os.path.realpath(sys.argv[1])
    os.chdir(scratch)
    answers = os.fdopen(os.dup(1), 'w', encoding='utf-8')
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    sys.stdout = io.StringIO()
    sys.stderr = io.StringIO()

    from crmsh import log
    log.setup_logging(only_help=True)
    from crmsh import cibconfig
    from crmsh import config
    from crmsh import options
    from crmsh import ui_context
    from crmsh import ui_root

    grab = _Grab()
    crm_logger = logging.getLogger('crmsh')
    for handler in crm_logger.handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(io.StringIO())
    crm_logger.handlers.append(grab)
    options.batch = True
    options.interactive = False
    config.core.force = True

    for request in sys.stdin:
        try:
            request = json.loads(request)
        except ValueError:
            break
        cib = request.get('cib', '')
        if not _inside(cib, scratch):
            answer = {'error': 'refused: CIB outside the scratch directory'}
        else:
            os.environ['CIB_file'] = os.path.realpath(cib)  # noqa: SIM112
            cibconfig.cib_factory.reset()
            context = ui_context.Context(ui_root.Root())
            results = []
            for line in ['configure', *request.get('lines', []), 'commit']:
                grab.records = []
                try:
                    context.run(line)
                except (Exception, SystemExit) as error:
                    # crm itself failed (its own bug, or an exit)
                    grab.records.append(['EXCEPTION',
                                         f'{type(error).__name__}: {error}'])
                results.append(grab.records)
                sys.stdout.seek(0)
                sys.stdout.truncate()
                sys.stderr.seek(0)
                sys.stderr.truncate()
            answer = {'lines': results[1:-1], 'commit': results[-1],
                      'start': results[0]}
        answers.write(json.dumps(answer) + '\n')
        answers.flush()


if __name__ == '__main__':
    main()
