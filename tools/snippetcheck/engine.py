"""Judging snippets: dispatch each to its checker and apply opt-outs.

``check_snippet`` and ``check_comment`` are what the Sphinx glue and the
command line share. They never raise on bad input: a checker that fails is
a bug, reported as a finding at the block rather than a traceback.
"""

import dataclasses
import re

from snippetcheck import catalogue
from snippetcheck import console
from snippetcheck.checkers import markup
from snippetcheck.context import DocumentContext
from snippetcheck.findings import Finding

#: Blocks larger than this are not checked (SC002).
MAX_BLOCK_BYTES = 512 * 1024

_CONTROL = re.compile('[\x00-\x08\x0b\x0e-\x1f\x7f]')


@dataclasses.dataclass(frozen=True, order=True)
class Report:
    """A finding placed in a document."""

    source: str
    line: int
    code: str
    message: str

    @property
    def family(self):
        return catalogue.family(self.code)

    def render(self):
        return f'{self.source}:{self.line}: {self.code} {self.message}'


def _ini(snippet, document):
    from snippetcheck.checkers import options
    return options.check(snippet, document)


def _haproxy(snippet, document):
    from snippetcheck.checkers import haproxy
    return haproxy.check(snippet, document)


def _crmsh(snippet, document):
    from snippetcheck.checkers import crmsh
    return crmsh.check(snippet, document)


def _python(snippet, document):
    from snippetcheck.checkers import syntax
    return syntax.check_python(snippet, document)


def _yaml(snippet, document):
    from snippetcheck.checkers import syntax
    return syntax.check_yaml(snippet, document)


def _console(snippet, document):
    findings = list(markup.check_console(snippet))
    for command in console.commands(snippet.text):
        program = command.program
        if program == 'pcs':
            from snippetcheck.checkers import pcs
            findings.extend(pcs.check_command(command, document))
        elif program == 'crm':
            from snippetcheck.checkers import crmsh
            findings.extend(crmsh.check_command(command, document))
        elif 'openstack' in command.text:
            from snippetcheck.checkers import openstack
            findings.extend(openstack.check_command(command, document))
    return findings


CHECKERS = {
    'ini': _ini, 'cfg': _ini, 'dosini': _ini,
    'haproxy': _haproxy,
    'console': _console, 'shell-session': _console,
    'crmsh': _crmsh, 'pcmk': _crmsh,
    'python': _python, 'python3': _python, 'py': _python,
    'yaml': _yaml, 'yml': _yaml,
}


def check_snippets(found, release=None, on_snippet=None):
    """Reports of a document's snippets, judged in reading order.

    *on_snippet*, when given, is called with the index of each snippet
    before it is judged (the worker process reports its progress so).
    """
    document = DocumentContext()
    if release:
        document.release = release
    reports = []
    for index, snippet in enumerate(found):
        if on_snippet is not None:
            on_snippet(index)
        for finding in check_snippet(snippet, document):
            reports.append(Report(
                snippet.source, snippet.line + finding.line - 1,
                finding.code, finding.message))
    return reports


def check_snippet(snippet, document):
    """All findings for *snippet*, opt-outs applied, sorted by line."""
    findings = _opt_out_findings(snippet)
    if 'all' in snippet.ignore and not findings:
        return []
    checker = CHECKERS.get(snippet.language)
    if checker is not None:
        guard = _guard(snippet)
        if guard:
            findings.extend(guard)
        else:
            findings.extend(_run(checker, snippet, document))
    if snippet.ignore:
        findings = [f for f in findings if f.code.startswith('SC')
                    or ('all' not in snippet.ignore
                        and f.code not in snippet.ignore)]
    return sorted(findings)


def _run(checker, snippet, document):
    try:
        return list(checker(snippet, document))
    except Exception as error:  # a checker bug must not stop the build
        return [Finding(1, 'SC000',
                        f'snippetcheck failed on this block '
                        f'({type(error).__name__}: {error}); '
                        'please report it with the block')]


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
