"""A document's pcs commands replayed into a scratch CIB.

The commands run in reading order on a CIB made by ``cibadmin --empty``,
each as ``pcs -f CIB ...``, so a constraint sees the resources created
before it. A command pcs rejects is a finding at its line, with pcs's own
message. Then ``crm_verify`` judges the result; the complaints any CIB
without nodes and fencing devices raises (STONITH, quorum) are left out.

pcs is Python and takes about half a second to start, so the commands go
through a worker process (:mod:`snippetcheck.external.pcs_worker`) that
calls pcs's own entry point for each, started once for all documents.

Some commands of those groups act on the running cluster only (``pcs
resource cleanup``, ``pcs stonith fence``): pcs itself refuses to run them
on a file, and such a command is left out of the replay, not reported.

systemd, lsb and service agents cannot be probed here: pcs asks the local
init system for their metadata, and a scratch machine has none of the
services. For those agents alone the replay adds ``--force`` to
``resource create``, which turns that one error into a warning; pcs still
judges everything else about the command. An OCF agent of a provider
snippetcheck knows (``ocf:linbit:drbd``, ``ocf:percona:...``) that is not
installed on the build machine cannot be probed either: when pcs's only
complaint about a command is that such an agent is not installed, the
command is replayed again with ``--force`` (a provider that is not known
is more likely a typo, and stays an error). Where pcs refuses even then
(pcs 0.11 ignores ``--force`` when it makes a promotable clone), the
command is not judged, nor are the commands after it that name what it
would have made. Likewise pcs refuses
``stonith-watchdog-timeout`` unless the machine it runs on has SBD
enabled: that complaint alone (LOCAL_SERVICES) is not a finding.
"""

import functools
import os
import re
import shutil
import tempfile

from snippetcheck import agents
from snippetcheck import placeholders
from snippetcheck.catalogue import Check
from snippetcheck.external import cib as cibfile
from snippetcheck.external import sandbox
from snippetcheck.external import simulate
from snippetcheck.external import toolid
from snippetcheck.external import worker
from snippetcheck.external.messages import first_line
from snippetcheck.placeholders import join_placeholders

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('XPCS001', 'pcs',
          'pcs rejects the command when the commands of the document are '
          'replayed into a scratch CIB.',
          '# pcs constraint colocation add lb-clone with vipp',
          '# pcs constraint colocation add lb-clone with vip', 'console'),
    Check('XPCS002', 'pcs',
          'crm_verify finds a problem in the CIB the pcs commands build.',
          '# pcs resource create web-ip ocf:heartbeat:IPaddr2 '
          'ip=10.0.0.11 meta target-role=Unpromoted',
          '# pcs resource create web-ip ocf:heartbeat:IPaddr2 '
          'ip=10.0.0.11 meta target-role=Started', 'console'),
    Check('XPCS003', 'pcs',
          'The pcs replay could not run, or pcs hung or crashed on this '
          'command; the result is not cached.',
          'a command pcs hangs on', 'a command pcs answers', 'none'),
    Check('XPCS004', 'pcs',
          'A command whose agent name could lead pcs out of the agent '
          'directories is not replayed.',
          '# pcs resource create x ocf:heartbeat:../../../tmp/agent',
          '# pcs resource create x ocf:heartbeat:Dummy', 'console'),
)


#: Command groups whose effect is on the CIB, and so work with -f.
REPLAYED = frozenset(['resource', 'constraint', 'property', 'stonith',
                      'alert', 'tag', 'acl'])
UNPROBED_STANDARDS = ('systemd:', 'lsb:', 'service:')
#: What pcs answers for a command that acts on the running cluster only.
LIVE_ONLY = re.compile(r"option '-f' is not supported in this command")
#: pcs errors about the services of the machine pcs runs on, which a
#: build machine does not run (SBD, enabled with ``pcs stonith sbd
#: enable`` on the cluster's nodes).
LOCAL_SERVICES = re.compile(r'while SBD is disabled')

#: pcs's complaint about an agent it cannot read the metadata of.
NOT_INSTALLED = re.compile(r"Agent '(ocf:([^:'\s]+):[^'\s]+)' is not "
                           r'installed or does not provide valid metadata')
#: Where OCF agents are installed, a directory a provider.
OCF_ROOT = '/usr/lib/ocf/resource.d'

#: crm_verify complaints that every scratch CIB raises.
SCRATCH_NOISE = re.compile(
    r'STONITH|stonith-enabled|fencing|no-quorum-policy|quorum|'
    r'-V may provide more details|Errors found during check: config not '
    r'valid|Warnings found during check', re.IGNORECASE)


#: Agent standards (what stands before the first colon of an agent).
_STANDARDS = frozenset(['ocf', 'lsb', 'service', 'systemd', 'stonith',
                        'nagios', 'upstart'])
#: Where pcs takes an agent: (command words, position of the agent).
_AGENT_AT = {('resource', 'create'): 3, ('stonith', 'create'): 3,
             ('resource', 'describe'): 2, ('stonith', 'describe'): 2,
             ('resource', 'agents'): 2, ('resource', 'list'): 2,
             ('stonith', 'list'): 2}


class NotReplayed(Exception):
    """A command that must never reach pcs; the message says why."""


def _agent_words(words):
    """The words of a pcs command pcs would take for an agent."""
    found = [word for word in words
             if word.partition(':')[0] in _STANDARDS and ':' in word]
    position = _AGENT_AT.get(tuple(words[:2]))
    if position is not None and len(words) > position:
        found.append(words[position])
    return found


def _substitute(word):
    return placeholders.substitute(word, _value_for)


def _value_for(placeholder):
    lowered = placeholder.lower()
    if 'ip' in lowered or 'address' in lowered or 'vip' in lowered:
        return '192.0.2.10'
    return 'placeholder'


def scratch_argv(argv, cib):
    """The argv to replay for pcs command *argv*, or None to leave it out
    (it does not act on the CIB). Raises NotReplayed for a command that
    must never reach pcs."""
    words = [_substitute(word) for word in join_placeholders(argv[1:])]
    if '-f' in words[:-1]:
        # a command on a file of its own (``pcs cluster cib FILE``, then
        # ``pcs -f FILE ...``): replayed on the scratch CIB instead
        at = words.index('-f')
        words = words[:at] + words[at + 2:]
    if not words or words[0] not in REPLAYED:
        return None
    for word in _agent_words(words):
        unsafe = agents.unsafe(word)
        if unsafe:
            raise NotReplayed(f'{unsafe}, so the command is not replayed')
    replay = ['-f', cib, *words]
    if (words[:2] == ['resource', 'create'] and len(words) > 3
            and words[3].startswith(UNPROBED_STANDARDS)
            and '--force' not in words):
        replay.append('--force')
    return replay


def new_worker(scratch, timeout):
    return worker.Worker('pcs', 'pcs_worker.py', scratch, timeout)


def _answer(pcs, argv, ids=False):
    """pcs's answer to *argv*, or one with ``error`` set when the worker
    hung or died on it."""
    result = None
    for answer in pcs.exchange({'argv': argv, 'ids': ids}):
        if result is not None:
            continue
        if 'rc' in answer or 'error' in answer:
            result = answer
        elif 'done' in answer:
            result = {'error': f'pcs stopped with status {answer["done"]}'}
    return result or {'error': 'pcs gave no answer'}


def defines(argv):
    """The resource ids pcs command *argv* creates."""
    words, skip = [], False
    for word in argv[1:]:
        if skip:
            skip = False
        elif word in ('-f', '-p', '-u'):
            skip = True    # the option's value is no word of the command
        elif not word.startswith('-'):
            words.append(word)
    if words[:2] in (['resource', 'create'], ['stonith', 'create']) and \
            len(words) > 2:
        made = [words[2]]
        if 'clone' in words[3:] or 'promotable' in words[3:]:
            made.append(f'{words[2]}-clone')
        return made
    if words[:3] == ['resource', 'group', 'add'] and len(words) > 3:
        return [words[3]]
    if words[:2] in (['resource', 'clone'], ['resource', 'promotable']) \
            and len(words) > 2:
        return [f'{words[2]}-clone']
    return []


def replay(commands, scratch, pcs, timeout=sandbox.DEFAULT_TIMEOUT,
           options=None):
    """(findings, data) for *commands*, a list of argv, replayed by the pcs
    worker *pcs* into a CIB in *scratch*.

    A finding is (index, code, message), ``index`` the position in
    *commands* of the command it belongs to. A command the worker hangs or
    dies on is blamed alone; the worker starts again for the next one.
    *options* (see :class:`snippetcheck.external.tier.Job`) may name the
    cluster's ``nodes`` (the CIB gets them, online and with quorum), ask
    to ``simulate`` the result (:mod:`snippetcheck.external.simulate`),
    whose scenarios are the data, and give ``branches``: alternatives
    replayed each on a copy of the CIB as the first ``chain`` commands
    left it at the branch's position.
    """
    options = options or {}
    nodes = options.get('nodes') or ()
    chain = options.get('chain', len(commands))
    branches = options.get('branches') or ()
    simulating = bool(options.get('simulate') and nodes)
    cib, problem = sandbox.empty_cib(scratch, timeout)
    if problem:
        return [(0, 'XPCS003', problem)], None
    if nodes:
        cibfile.seed(cib, nodes)
    at = {position for _start, position, _removed in branches}
    findings, replayed, made = _chain(
        commands, range(chain), cib, pcs, simulating,
        lambda index: index in at and shutil.copyfile(
            cib, f'{scratch}/at{index}.xml'))
    if chain in at:
        shutil.copyfile(cib, f'{scratch}/at{chain}.xml')
    data = None
    if replayed and simulating:
        first = next((index for index, argv in replayed
                      if tuple(argv[1:3]) in (('resource', 'create'),
                                              ('stonith', 'create'))),
                     replayed[0][0])
        proven, data = simulate.prove(
            cib, scratch, nodes, timeout,
            lambda rid: first if rid is None else made.get(rid, first),
            'XPCS003')
        findings.extend(proven)
    elif replayed:
        findings.extend(_verify(cib, scratch, timeout, replayed))
    starts = [start for start, _position, _removed in branches]
    for number, (start, position, removed) in enumerate(branches):
        end = starts[number + 1] if number + 1 < len(starts) else \
            len(commands)
        branch = f'{scratch}/branch{number}.xml'
        shutil.copyfile(f'{scratch}/at{position}.xml', branch)
        cibfile.remove(branch, removed)
        found, replayed, _made = _chain(commands, range(start, end), branch,
                                        pcs, False, lambda index: None)
        findings.extend(found)
        if replayed:
            findings.extend(_verify(branch, scratch, timeout, replayed))
    return findings, data


def _chain(commands, indices, cib, pcs, ids, before_each):
    """Replay the *commands* at *indices* on *cib*: (findings, the
    (index, argv) replayed, {id: index of the command that made it})."""
    findings = []
    replayed = []
    made = {}
    before = set()
    unmade = set()  # ids of commands this machine cannot replay
    for index in indices:
        before_each(index)
        argv = commands[index]
        try:
            replay_argv = scratch_argv(argv, cib)
        except NotReplayed as refused:
            findings.append((index, 'XPCS004', str(refused)))
            continue
        if replay_argv is None:
            continue
        answer = _answer(pcs, replay_argv, ids=ids)
        if answer.get('rc') and LIVE_ONLY.search(answer['err']
                                                 + answer['out']):
            continue  # pcs runs it on the live cluster only
        if answer.get('rc') and '--force' not in replay_argv and \
                _unprobed_only(answer['err'] + answer['out']):
            answer = _answer(pcs, [*replay_argv, '--force'], ids=ids)
            if answer.get('rc') and _unprobed_only(answer['err'] +
                                                   answer['out']):
                unmade.update(defines(['pcs', *replay_argv[2:]]))
                continue
        if answer.get('rc') and unmade.intersection(replay_argv):
            unmade.update(defines(['pcs', *replay_argv[2:]]))
            continue  # it names what this machine could not make
        replayed.append((index, argv))
        if 'error' in answer:
            findings.append((index, 'XPCS003',
                             f'pcs could not replay this command: '
                             f'{answer["error"]}'))
        elif answer['rc'] != 0 and not _local_only(answer['err']
                                                   + answer['out']):
            findings.append((index, 'XPCS001',
                             f'{_judge()} rejects this command: ' +
                             _pcs_error(answer['err'] + answer['out'])))
        after = set(answer.get('ids') or ())
        for rid in after - before:
            made.setdefault(rid, index)
        before = after or before
    return findings, replayed, made


@functools.cache
def _judge():
    """Who rejects a command: pcs, with its version and Pacemaker's (a
    command may be right for another release: Pacemaker 3 renamed
    stonith-enabled to fencing-enabled, which 2.1 rejects)."""
    pcs = toolid.package_version('pcs')
    with tempfile.TemporaryDirectory() as scratch:
        result = sandbox.run(['crm_verify', '--version'], scratch,
                             timeout=10)
    match = re.match(r'Pacemaker (\S+)', result.stdout
                     if result.returncode == 0 else '')
    who = f'pcs {pcs}' if pcs else 'pcs'
    return f'{who} (Pacemaker {match.group(1)})' if match else who


def _errors(text):
    return [line.strip() for line in text.splitlines()
            if line.strip().startswith('Error:')
            and 'unable to continue' not in line]


def _local_only(text):
    """Whether every error pcs gives is about the build machine's own
    services (see LOCAL_SERVICES)."""
    errors = _errors(text)
    return bool(errors) and all(LOCAL_SERVICES.search(line)
                                for line in errors)


def _unprobed_only(text):
    """Whether every error pcs gives is that an agent of a known provider
    is not installed on the build machine (see NOT_INSTALLED)."""
    errors = _errors(text)
    for line in errors:
        match = NOT_INSTALLED.search(line)
        if match is None or match.group(2) not in agents.OCF_PROVIDERS or \
                os.path.isdir(os.path.join(OCF_ROOT, match.group(2))):
            return False
    return bool(errors)


def _pcs_error(text):
    return first_line('\n'.join(_errors(text)) or text)


def _verify(cib, scratch, timeout, replayed):
    result = sandbox.run(['crm_verify', '-V', '-x', cib], scratch,
                         timeout=timeout)
    findings = []
    for raw in result.output.splitlines():
        line = raw.strip()
        if not line or SCRATCH_NOISE.search(line):
            continue
        line = re.sub(r'^\(\w+\)\s*', '', re.sub(r'^crm_verify:\s*', '',
                                                  line))
        findings.append((_owner(line, replayed), 'XPCS002',
                         f'crm_verify: {first_line(line)}'))
    return findings


def _owner(message, replayed):
    """The index of the first replayed command naming a word of
    *message*, or of the first replayed command."""
    words = set(re.findall(r'[A-Za-z0-9_.:-]+', message))
    for index, argv in replayed:
        if words.intersection(argv[3:5] if len(argv) > 4 else argv[1:]):
            return index
    return replayed[0][0]
