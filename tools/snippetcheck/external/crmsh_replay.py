"""A document's crmsh input replayed into a scratch CIB with crm.

The crmsh blocks and the ``crm configure ELEMENT ...`` commands of a
document become one ``crm configure`` session, in reading order, on a
scratch CIB and committed at the end. crm takes about half a second to
start, so one worker process (:mod:`snippetcheck.external.crm_worker`)
replays every document. crm's exit status says little, so its messages
are read: every ERROR and WARNING becomes a finding at the line that
caused it, and those of the commit at the line of the element whose id
(or a reference) they name.

As with pcs, systemd, lsb and service agents cannot be probed on a scratch
machine: crm's complaint that such an agent has no metadata is left out,
and ``-F`` lets the commit go on. STONITH and quorum complaints, which any
CIB without nodes raises, are left out too.
"""

import re

from snippetcheck.external import sandbox
from snippetcheck.external import worker
from snippetcheck.external.messages import first_line

_ANGLE = re.compile(r'<[^<>\n]*>')
_COLOR = re.compile(r'\x1b\[[0-9;]*m')
_UNPROBED = re.compile(r'^(systemd|lsb|service):[^:\s]+: (got no meta-data|'
                       r'no such resource agent)')
_NOISE = re.compile(
    r'STONITH|stonith-enabled|fencing|no-quorum-policy|quorum|'
    r'Errors found during check|CIB did not pass schema validation|'
    r'-V may provide more details|Call failed|commit forced|'
    r'crmd exited with|is deprecated, please use',
    re.IGNORECASE)
#: Details of the schema validation of the XML crm generated ("clone (5):
#: ..."); they repeat, in XML terms, an error crm reports for the element.
_SCHEMA_DETAIL = re.compile(r'^\s*[\w-]+ \(\d+\): ')
#: Session commands that are not elements and are left out of the replay.
SESSION = frozenset(['commit', 'verify', 'show', 'edit', 'up', 'end', 'cd',
                     'quit', 'exit', 'bye', 'cib', 'save', 'refresh'])


def elements(text):
    """(line, element) of a crmsh block, continuations joined."""
    result = []
    pending, start = [], 0
    for number, line in enumerate(text.split('\n'), 1):
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith('#')):
            continue
        if not pending:
            start = number
        if stripped.endswith('\\'):
            pending.append(stripped[:-1].strip())
            continue
        pending.append(stripped)
        result.append((start, ' '.join(p for p in pending if p)))
        pending = []
    if pending:
        result.append((start, ' '.join(p for p in pending if p)))
    return result


def command_element(argv):
    """The element a ``crm configure ...`` console command adds, or None."""
    words = list(argv[1:])
    while words and words[0].startswith('-'):
        words = words[1:]
    if len(words) < 2 or words[0] not in ('configure', 'cfg', 'conf'):
        return None
    if words[1] in SESSION:
        return None
    return ' '.join(_quote(word) for word in words[1:])


def _quote(word):
    return f'"{word}"' if ' ' in word or not word else word


def new_worker(scratch, timeout):
    return worker.Worker('crm', 'crm_worker.py', 'crm-worker', scratch,
                         timeout)


def replay(items, scratch, crm, timeout=sandbox.DEFAULT_TIMEOUT):
    """Findings (index, code, message) for *items*: a list of crmsh
    elements (strings) in reading order, replayed by the crm worker *crm*
    into a CIB in *scratch*; ``index`` is the position of the element a
    finding belongs to."""
    if not items:
        return []
    cib, problem = sandbox.empty_cib(scratch, timeout)
    if problem:
        return [(0, 'XCRM003', problem)]
    lines = [_ANGLE.sub('192.0.2.10', element) for element in items]
    answer = crm.request({'cib': cib, 'lines': lines})
    if 'error' in answer:
        return [(0, 'XCRM003', f'crm could not replay this input: '
                 f'{answer["error"]}')]
    start = [message for level, message in answer.get('start', [])
             if level in ('ERROR', 'EXCEPTION')
             and not _NOISE.search(message)]
    if start:
        return [(0, 'XCRM003', f'crm could not start a configure session: '
                 f'{first_line(start[0])}')]
    findings = []
    seen = set()
    schema = []
    crashes = []
    per_line = [(index, records)
                for index, records in enumerate(answer['lines'])]
    per_line.append((None, answer['commit']))
    for index, records in per_line:
        for level, message in records:
            if level == 'EXCEPTION':
                crashes.append((index or 0, message))
                continue
            message = _COLOR.sub('', message).strip()
            if not message or _UNPROBED.match(message) or _NOISE.search(
                    message):
                continue
            if _SCHEMA_DETAIL.match(message):
                schema.append(message)
                continue
            owner = index if index is not None else _owner(message, items)
            key = (owner, level, message)
            if key in seen:
                continue
            seen.add(key)
            code = 'XCRM002' if level == 'WARNING' else 'XCRM001'
            findings.append((owner, code, f'crm: {first_line(message)}'))
    if crashes and not findings:
        # crm failed without saying why; after errors it reported, a
        # crash of its own error path (crmsh 4.4 has one) adds nothing.
        index, message = crashes[0]
        findings.append((index, 'XCRM003', f'crm failed: {message}'))
    if schema and not any(code == 'XCRM001' for _i, code, _m in findings):
        findings.append((0, 'XCRM001', 'crm: the configuration does not '
                         f'pass schema validation: {first_line(schema[0])}'))
    return findings


def _owner(message, items):
    """The index of the element *message* is about."""
    words = set(re.findall(r'[A-Za-z0-9_.-]+', message))
    # an element whose id the message names first, then any reference
    for index, element in enumerate(items):
        parts = element.split()
        if len(parts) > 1 and parts[1] in words:
            return index
    for index, element in enumerate(items):
        if words.intersection(element.split()[2:]):
            return index
    return 0
