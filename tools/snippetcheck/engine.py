"""Judging snippets: route each to its checker and apply opt-outs.

``check_snippets`` is what the Sphinx glue and the command line share: the
snippets of one document, in reading order, become reports. The routing
from a block's language (and, in a console block, a command's program) to
its checker lives here alone; the external tier asks :func:`language_of`
too. Nothing here raises on bad input: a checker that fails is a bug,
reported as SC000 at the block or command it failed on, and a check that
does not finish within the timeout is stopped and reported as SC006.
"""

import dataclasses
import importlib
import re
import signal
import threading

from snippetcheck import catalogue
from snippetcheck import console
from snippetcheck.catalogue import Check
from snippetcheck.checkers import markup
from snippetcheck.context import DocumentContext
from snippetcheck.findings import Finding
from snippetcheck.findings import Report
from snippetcheck.findings import shorten

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('SC000', 'markup',
          'snippetcheck itself failed on a block or command (a bug): '
          'please report it with the block; the other blocks are still '
          'checked.',
          'a block that makes a checker raise',
          'the same block, once the bug is fixed'),
    Check('SC001', 'markup',
          'A block opts out of the checks without giving a reason.',
          ':snippetcheck-ignore: INI003',
          ':snippetcheck-ignore: INI003 the option is multi-valued'),
    Check('SC002', 'markup',
          'A block is too large to check; split it or opt out with a reason.',
          'a code block of several megabytes',
          'the part the reader needs, or an include of a checked file'),
    Check('SC003', 'markup',
          'A block holds control characters or binary data.',
          'listen web\\x00\\x07',
          'listen web'),
    Check('SC004', 'markup',
          'An opt-out names a code that does not exist.',
          ':snippetcheck-ignore: INI999 reason',
          ':snippetcheck-ignore: INI003 reason'),
    Check('SC006', 'markup',
          'The checks of a block did not finish within '
          'snippetcheck_timeout; report it, and opt the block out with a '
          'reason until it is fixed.',
          'a block a check never finishes on',
          ':snippetcheck-ignore: all the checks hang on it (bug report '
          'link)'),
)


#: Blocks larger than this are not checked (SC002).
MAX_BLOCK_BYTES = 512 * 1024
#: Seconds a block's checks may take unless the caller says otherwise.
DEFAULT_TIMEOUT = 60

_CONTROL = re.compile('[\x00-\x08\x0b\x0e-\x1f\x7f]')

#: code-block language -> the language snippetcheck checks it as.
LANGUAGES = {
    'ini': 'ini', 'cfg': 'ini', 'dosini': 'ini',
    'haproxy': 'haproxy',
    'console': 'console', 'shell-session': 'console',
    'crmsh': 'crmsh', 'pcmk': 'crmsh',
    'python': 'python', 'python3': 'python', 'py': 'python',
    'yaml': 'yaml', 'yml': 'yaml',
}


def language_of(snippet):
    """The language *snippet* is checked as, or None."""
    return LANGUAGES.get(snippet.language)


def _lazy(module, function):
    """A checker that imports its module on first use (the checkers and
    their data are loaded only by documents that need them)."""
    found = []

    def checker(*args):
        if not found:
            found.append(getattr(importlib.import_module(module), function))
        return found[0](*args)
    checker.__qualname__ = f'{module}.{function}'
    return checker


_openstack_command = _lazy('snippetcheck.checkers.openstack',
                           'check_command')

#: A console command's program -> its checker.
PROGRAMS = {
    'pcs': _lazy('snippetcheck.checkers.pcs', 'check_command'),
    'crm': _lazy('snippetcheck.checkers.crmsh', 'check_command'),
    'openstack': _openstack_command,
}


def program_of(command):
    """The program whose checker judges console *command*, or ''."""
    if command.program in PROGRAMS:
        return command.program
    if command.shell and 'openstack' in command.text:
        # openstack inside a shell construct: TOKEN=$(openstack ...)
        return 'openstack'
    return ''


def _console(snippet, document):
    findings = list(markup.check_console(snippet))
    for command in console.commands(snippet.text, snippet.prompts):
        checker = PROGRAMS.get(program_of(command))
        if checker is not None:
            findings.extend(_safely(checker, command.line, command,
                                    document))
    return findings


CHECKERS = {
    'ini': _lazy('snippetcheck.checkers.options', 'check'),
    'haproxy': _lazy('snippetcheck.checkers.haproxy', 'check'),
    'console': _console,
    'crmsh': _lazy('snippetcheck.checkers.crmsh', 'check'),
    'python': _lazy('snippetcheck.checkers.syntax', 'check_python'),
    'yaml': _lazy('snippetcheck.checkers.syntax', 'check_yaml'),
}


def check_snippets(found, release=None, timeout=DEFAULT_TIMEOUT,
                   document=None):
    """Reports of a document's snippets, judged in reading order;
    *document*, when given, is the context earlier documents left (the
    resources they made)."""
    document = document if document is not None else DocumentContext()
    if release:
        document.release = release
    reports = []
    with _Deadline(timeout) as deadline:
        for snippet in found:
            # an alternative's resources are not known to the blocks after
            # it: it is judged on a copy of the context
            context = document if not snippet.alternative else \
                dataclasses.replace(document,
                                    resources=dict(document.resources),
                                    crm_ids=dict(document.crm_ids))
            for finding in check_snippet(snippet, context, deadline):
                reports.append(Report(
                    snippet.source, snippet.line + finding.line - 1,
                    finding.code, finding.message))
    return reports


def check_snippet(snippet, document, deadline=None):
    """All findings for *snippet*, opt-outs applied, sorted by line."""
    findings = _opt_out_findings(snippet)
    if 'all' in snippet.ignore and not findings:
        return []
    checker = CHECKERS.get(language_of(snippet))
    if checker is not None:
        guard = _guard(snippet)
        if guard:
            findings.extend(guard)
        elif deadline is None:
            findings.extend(_safely(checker, 1, snippet, document))
        else:
            findings.extend(deadline.run(checker, snippet, document))
    if snippet.ignore:
        findings = [f for f in findings if f.code.startswith('SC')
                    or ('all' not in snippet.ignore
                        and f.code not in snippet.ignore)]
    return sorted(findings)


def failure(line, error):
    """SC000 at *line* for a bug of snippetcheck itself: reported, never
    raised, so that one bad block cannot stop a build."""
    if not isinstance(line, int) or line < 1:
        line = 1
    return Finding(line, 'SC000',
                   f'snippetcheck failed on this block '
                   f'({type(error).__name__}: {shorten(error, 120)}); '
                   'please report it with the block')


def _safely(checker, line, *args):
    """The findings of ``checker(*args)``, or SC000 at *line* when the
    checker fails (the one place a checker's bug is caught)."""
    try:
        return list(checker(*args))
    except Exception as error:  # a checker bug must not stop the build
        return [failure(line, error)]


class _Overtime(BaseException):
    """Raised in a check that ran out of time (a BaseException, so that no
    checker's ``except Exception`` swallows it)."""


class _Deadline:
    """Stops a block's checks after *timeout* seconds, with an interval
    timer in the main thread (elsewhere, and without a timeout, checks run
    unguarded: the checkers are linear in the size of a block)."""

    def __init__(self, timeout):
        self.timeout = timeout
        self.armed = False
        self.previous = None

    def __enter__(self):
        if self.timeout and hasattr(signal, 'setitimer') and \
                threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            self.armed = True
        return self

    def __exit__(self, *exc):
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False

    @staticmethod
    def _expire(signum, frame):
        raise _Overtime()

    def run(self, checker, snippet, document):
        if not self.armed:
            return _safely(checker, 1, snippet, document)
        try:
            signal.setitimer(signal.ITIMER_REAL, self.timeout)
            try:
                return _safely(checker, 1, snippet, document)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _Overtime:
            return [Finding(1, 'SC006',
                            f'the checks did not finish within '
                            f'{self.timeout} s on this block; please report '
                            'it with the block, and opt it out meanwhile '
                            'with ":snippetcheck-ignore: all REASON"')]


def _guard(snippet):
    size = len(snippet.text.encode('utf-8', 'surrogatepass'))
    if size > MAX_BLOCK_BYTES:
        return [Finding(1, 'SC002',
                        f'block is {size} bytes, more than the '
                        f'{MAX_BLOCK_BYTES} snippetcheck reads; split it or '
                        'add ":snippetcheck-ignore: all REASON"')]
    bad = _CONTROL.search(snippet.text)
    if bad is not None:
        line = snippet.text.count('\n', 0, bad.start()) + 1
        return [Finding(line, 'SC003',
                        f'control character U+{ord(bad.group()):04X} in the '
                        'block (binary data?); remove it')]
    return []


def _opt_out_findings(snippet):
    findings = []
    if not snippet.ignore:
        return findings
    if not snippet.ignore_reason:
        findings.append(Finding(1, 'SC001',
                                'opt-out without a reason; write '
                                '":snippetcheck-ignore: CODE why"'))
    unknown = sorted(code for code in snippet.ignore
                     if code != 'all' and code not in catalogue.BY_CODE)
    if unknown:
        findings.append(Finding(1, 'SC004',
                                f'opt-out names unknown code(s) '
                                f'{", ".join(unknown)}; see the catalogue'))
    return findings


def check_comment(text, known_directives):
    return markup.check_comment(text, known_directives)

