"""A document's crmsh input replayed into a scratch CIB with crm.

The crmsh blocks and the ``crm configure ELEMENT ...`` commands of a
document become one ``crm configure`` session, in reading order, on a
scratch CIB and committed at the end. crm takes about half a second to
start, so one worker process (:mod:`snippetcheck.external.crm_worker`)
replays every document, each in a fresh session of its own. crm's exit
status says little, so its messages are read: every ERROR and WARNING
becomes a finding at the line that caused it, and those of the commit at
the line of the element whose id (or a reference) they name.

Only configuration elements (:data:`ELEMENTS`) and ``commit`` are ever
sent to crm. crm's other commands act on files (``save``, ``load``,
``cib``), the shell (``filter``, ``!``) or a live cluster (``up`` then
``cluster stop``, ``node``, ``script``): such input is XCRM004 and never
runs, and so is an element whose agent name could lead crm out of the
agent directories. ``show`` and ``verify`` only display; they are left
out without a word, as ``crm configure`` alone is.

As with pcs, systemd, lsb and service agents cannot be probed on a scratch
machine: crm's complaint that such an agent has no metadata is left out,
and ``-F`` lets the commit go on. STONITH and quorum complaints, which any
CIB without nodes raises, are left out too.
"""

import os
import re

from snippetcheck import agents
from snippetcheck import placeholders
from snippetcheck.catalogue import Check
from snippetcheck.checkers import crmsh as crmsh_checker
from snippetcheck.external import cib as cibfile
from snippetcheck.external import sandbox
from snippetcheck.external import simulate
from snippetcheck.external import worker
from snippetcheck.external.messages import first_line
from snippetcheck.findings import shorten as _short

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('XCRM001', 'crmsh',
          'crm reports an ERROR when the crmsh input of the document is '
          'replayed into a scratch CIB.',
          'clone cl_keystone ocf:openstack:keystone',
          'primitive p_keystone systemd:apache2\n'
          'clone cl_keystone p_keystone', 'crmsh'),
    Check('XCRM002', 'crmsh',
          'crm reports a WARNING for the replayed crmsh input.',
          'colocation c inf: cl_api nosuchvip',
          'colocation c inf: cl_api vip', 'crmsh'),
    Check('XCRM003', 'crmsh',
          'The crm replay could not run, or crm hung or crashed on this '
          'line (the lines after it are replayed without it); the result '
          'is not cached.',
          'input crm hangs on', 'input crm answers', 'none'),
    Check('XCRM004', 'crmsh',
          'crmsh input that is not a configuration element (filter, save, '
          'load, cib, up, cd, options, node, cluster, script, ...) acts on '
          'files, the shell or a live cluster: the guide may show it, but '
          'it is not replayed.',
          'filter "sed s/a/b/"',
          'primitive vip2 ocf:heartbeat:IPaddr2 params ip=10.0.0.12',
          'crmsh'),
)


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
#: What crm is given: configuration elements (and commit).
ELEMENTS = frozenset([
    'primitive', 'group', 'clone', 'ms', 'master', 'rsc_template',
    'bundle', 'location', 'colocation', 'collocation', 'order',
    'rsc_ticket', 'property', 'rsc_defaults', 'op_defaults',
    'fencing_topology', 'fencing-topology', 'tag', 'alert', 'commit',
])
#: crm configure commands that only display; left out without a word.
DISPLAY = frozenset(['show', 'verify'])
#: Resource classes: the words crm would take for an agent.
_CLASSES = frozenset(['ocf', 'lsb', 'service', 'systemd', 'stonith',
                      'nagios', 'upstart', 'heartbeat'])
#: Retries of a document after crm hung or died on one of its lines.
MAX_RETRIES = 3


def elements(text):
    """(line, element) of a crmsh block, as the crmsh checker reads it."""
    return list(crmsh_checker.element_lines(text))


#: Elements whose second word is the id of what they make.
_WITH_ID = frozenset(['primitive', 'group', 'clone', 'ms', 'master',
                      'rsc_template', 'bundle', 'location', 'colocation',
                      'collocation', 'order', 'rsc_ticket', 'tag', 'alert'])


def defines(element):
    """The ids crmsh *element* makes."""
    words = element.split()
    if len(words) > 1 and words[0] in _WITH_ID:
        return [words[1]]
    return []


def command_element(argv):
    """The crmsh input a ``crm configure ...`` console command gives, or
    None when it gives none (another level, or ``crm configure`` alone).
    """
    words = list(argv[1:])
    while words and words[0].startswith('-'):
        words = words[1:]
    if len(words) < 2 or words[0] not in ('configure', 'cfg', 'conf'):
        return None
    return ' '.join(_quote(word) for word in words[1:])


def refusal(element):
    """Why *element* is never sent to crm, '' when it is sent, or None
    when it is left out because it only displays."""
    words = element.split()
    if not words:
        return None
    if words[0] in DISPLAY:
        return None
    if words[0] not in ELEMENTS:
        return (f'"{_short(words[0])}" is not a configuration element: '
                'this crm command acts on files, the shell or a live '
                'cluster; the guide may show it, but it is not replayed')
    for word in words[1:]:
        if word.partition(':')[0] in _CLASSES and ':' in word:
            unsafe = agents.unsafe(word.strip('"'))
            if unsafe:
                return f'{unsafe}, so the element is not replayed'
    return ''


def _quote(word):
    return f'"{word}"' if ' ' in word or not word else word


def new_worker(scratch, timeout):
    return worker.Worker('crm', 'crm_worker.py', scratch, timeout)


def _session(crm, cib, lines, timeout):
    """One crm session on *lines*: (start records, or None when the
    session never opened; per-line records; commit records, or None; and
    the failure that ended it early, or None)."""
    start, records, commit, failure = None, {}, None, None
    for answer in crm.exchange({'cib': cib, 'lines': lines}):
        if 'start' in answer:
            start = answer['start']
        elif 'line' in answer:
            records[answer['line']] = answer['records']
        elif 'commit' in answer:
            commit = answer['commit']
        elif 'error' in answer:
            failure = answer
        elif 'done' in answer and commit is None and failure is None:
            failure = {'error': f'crm stopped with status {answer["done"]}'}
    return start, records, commit, failure


def _sessions(crm, cib, sent, timeout):
    """The records of every sent line and of the commit, replaying what
    is left after a line crm hung or died on; and the findings for such
    lines. *sent* is [(index, line)]."""
    done, findings = {}, []
    left = list(sent)
    for _attempt in range(MAX_RETRIES + 1):
        start, records, commit, failure = _session(
            crm, cib, [line for _index, line in left], timeout)
        if failure is None:
            for position, (index, _line) in enumerate(left):
                done.setdefault(index, records.get(position, []))
            return start or [], done, commit or [], findings
        if start is None:
            # crm never opened the session: nothing to blame a line for
            return [], done, [], [*findings, (
                left[0][0], 'XCRM003',
                f'crm could not replay this input: {failure["error"]}')]
        broken = next((position for position in range(len(left))
                       if position not in records), None)
        for position, (index, _line) in enumerate(left[:broken]):
            done.setdefault(index, records.get(position, []))
        what = (f'did not answer within {timeout} s'
                if failure.get('timed_out') else
                f'failed ({failure["error"]})')
        if broken is None:   # the commit itself
            findings.append((left[-1][0] if left else 0, 'XCRM003',
                             f'crm {what} on the commit'))
            return start or [], done, [], findings
        index = left[broken][0]
        findings.append((index, 'XCRM003',
                         f'crm {what} on this line; the lines after it '
                         'were replayed without it'))
        left = left[:broken] + left[broken + 1:]
    return start or [], done, [], findings


def replay(items, scratch, crm, timeout=sandbox.DEFAULT_TIMEOUT,
           options=None):
    """(findings, data) for *items*: a list of crmsh elements (strings)
    in reading order, replayed by the crm worker *crm* into a CIB in
    *scratch*. A finding is (index, code, message), ``index`` the position
    of the element it belongs to. *options* may name the cluster's
    ``nodes``, ask to ``simulate`` it and give ``branches``, as for pcs
    (:func:`snippetcheck.external.pcs_replay.replay`); a branch is a
    session of its own on what the chain before it makes (less what the
    branch makes again)."""
    options = options or {}
    nodes = options.get('nodes') or ()
    chain = options.get('chain', len(items))
    branches = options.get('branches') or ()
    simulating = bool(options.get('simulate') and nodes)
    os.makedirs(os.path.join(scratch, 'chain'))
    findings, data = _replay(items, range(chain), os.path.join(
        scratch, 'chain'), crm, timeout, nodes, simulating)
    starts = [start for start, _at, _removed in branches]
    for number, (start, at, removed) in enumerate(branches):
        end = starts[number + 1] if number + 1 < len(starts) else len(items)
        context = [index for index in range(at)
                   if not set(defines(items[index])) & set(removed)]
        directory = os.path.join(scratch, f'branch{number}')
        os.makedirs(directory)
        found, _data = _replay(items, [*context, *range(start, end)],
                               directory, crm, timeout, nodes, False)
        findings.extend(finding for finding in found if finding[0] >= start)
    return findings, data


def _replay(items, indices, scratch, crm, timeout, nodes, simulating):
    """(findings, data) of the elements of *items* at *indices*, in one
    session on a new CIB in *scratch*."""
    findings = []
    sent = []
    for index in indices:
        element = items[index]
        refused = refusal(element)
        if refused:
            findings.append((index, 'XCRM004', refused))
        elif refused == '':
            sent.append((index, placeholders.substitute(element,
                                                        '192.0.2.10')))
    if not sent:
        return findings, None
    cib, problem = sandbox.empty_cib(scratch, timeout)
    if problem:
        return [*findings, (sent[0][0], 'XCRM003', problem)], None
    if nodes:
        cibfile.seed(cib, nodes)
    start, done, commit, failed = _sessions(crm, cib, sent, timeout)
    findings.extend(failed)
    start = [message for level, message in start
             if level in ('ERROR', 'EXCEPTION')
             and not _NOISE.search(message)]
    if start:
        return [*findings, (sent[0][0], 'XCRM003',
                            f'crm could not start a configure session: '
                            f'{first_line(start[0])}')], None
    seen = set()
    schema = []
    crashes = []
    per_line = sorted(done.items())
    per_line.append((None, commit))
    reported = len(findings)
    for index, records in per_line:
        for level, message in records:
            if level == 'EXCEPTION':
                crashes.append((sent[0][0] if index is None else index,
                                message))
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
    if crashes and len(findings) == reported:
        # crm failed without saying why; after errors it reported, a
        # crash of its own error path (crmsh 4.4 has one) adds nothing.
        index, message = crashes[0]
        findings.append((index, 'XCRM003', f'crm failed: {message}'))
    if schema and not any(code == 'XCRM001' for _i, code, _m in findings):
        findings.append((sent[0][0], 'XCRM001',
                         'crm: the configuration does not pass schema '
                         f'validation: {first_line(schema[0])}'))
    if not simulating or failed or any(
            code == 'XCRM001' for _i, code, _m in findings):
        return findings, None
    made = {}
    for index in indices:
        for rid in defines(items[index]):
            made.setdefault(rid, index)
    first = next((made[rid] for rid in made), sent[0][0])
    proven, data = simulate.prove(
        cib, scratch, nodes, timeout,
        lambda rid: first if rid is None else made.get(rid, first),
        'XCRM003')
    return findings + proven, data


def _owner(message, items):
    """The index of the element *message* is about: the one whose id it
    names, else the first whose other words (attribute names too) it
    names, else the first."""
    words = set(re.findall(r'[A-Za-z0-9_.-]+', message))
    split = [re.findall(r'[A-Za-z0-9_.-]+', element) for element in items]
    for index, parts in enumerate(split):
        if len(parts) > 1 and parts[1] in words:
            return index
    for index, parts in enumerate(split):
        if words.intersection(parts[2:]):
            return index
    return 0
