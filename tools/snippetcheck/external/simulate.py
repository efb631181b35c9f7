"""A cluster proven by Pacemaker's own scheduler, ``crm_simulate``.

Given the CIB the pages' commands built (with the deployment's nodes),
:func:`prove` brings every node online and lets the scheduler reach a
steady state, has ``crm_verify`` judge that state, and then injects each
failure the cluster must survive: each node lost, and the monitor of each
resource failing where it runs. It reads the scheduler's XML answer
(``--output-as=xml``): what it does (fence, move, restart, stop) and where
every resource ends up. Everything runs in the sandbox, on files of the
scratch directory.

The findings (index of the item that must change, code, message):

* DEP007: ``crm_verify`` finds a problem in the running cluster;
* DEP008: a resource that was running ends up stopped;
* DEP009: a failure restarts (or stops) resources on nodes that did not
  fail, and the order constraint that causes it (``Mandatory``, the
  default) would not with ``kind=Optional``;
* DEP010: the cluster has no fence device, so Pacemaker starts nothing.

The data, for the appendix the guide shows: the steady state and, for
each scenario, what the scheduler does.
"""

import re
from xml.etree import ElementTree

from snippetcheck.catalogue import Check
from snippetcheck.external import sandbox
from snippetcheck.external.messages import first_line

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('DEP007', 'deployment',
          'crm_verify finds a problem in the cluster all the pages build, '
          'running on the deployment\'s nodes.',
          '# pcs resource create db ocf:heartbeat:galera '
          'meta target-role=Unpromoted',
          '# pcs resource create db ocf:heartbeat:galera promotable', 'none'),
    Check('DEP008', 'deployment',
          'A resource that should run ends up stopped: it does not start '
          'with every node online, or does not survive a failure (a node '
          'lost, its monitor failing).',
          '# pcs constraint location vip prefers controller1=INFINITY\n'
          '# pcs constraint location vip avoids controller2 controller3',
          '# pcs constraint location vip prefers controller1=100', 'none'),
    Check('DEP009', 'deployment',
          'A failure restarts resources on nodes that did not fail; the '
          'message names the constraint that causes it, and the kind that '
          'would not.',
          '# pcs constraint order start vip then lb-haproxy-clone',
          '# pcs constraint order start vip then lb-haproxy-clone '
          'kind=Optional', 'none'),
    Check('DEP010', 'deployment',
          'The cluster has no fence device, so Pacemaker starts no '
          'resource; create one for each node.',
          '# pcs property set stonith-enabled=false',
          '# pcs stonith create fence-controller1 fence_ipmilan '
          'ip=10.0.100.12 ... pcmk_host_list=controller1', 'none'),
)

_INTERVAL = re.compile(r'([0-9]+)\s*(ms|msec|s|sec|m|min|h|hr)?\Z')
_MS = {'ms': 1, 'msec': 1, None: 1000, 's': 1000, 'sec': 1000,
       'm': 60000, 'min': 60000, 'h': 3600000, 'hr': 3600000}
_RESTARTS = ('restart', 'stop', 'demote')


def _interval(value):
    match = _INTERVAL.match(str(value).strip())
    if not match:
        return None
    return int(match.group(1)) * _MS[match.group(2)]


class _Cluster:
    """What the CIB says: resources, their parents, monitors, orders."""

    def __init__(self, path):
        root = ElementTree.parse(path).getroot()
        self.parent = {}      # resource id -> enclosing group/clone id
        self.primitives = {}  # id -> class:provider:type
        self.monitors = {}    # primitive id -> interval in ms
        self.clones = set()
        for element in root.iter():
            tag = element.tag
            if tag in ('group', 'clone', 'master', 'bundle'):
                if tag != 'group':
                    self.clones.add(element.get('id'))
                for child in element:
                    if child.get('id') and child.tag in (
                            'primitive', 'group', 'clone', 'master'):
                        self.parent[child.get('id')] = element.get('id')
            if tag == 'primitive':
                rid = element.get('id')
                self.primitives[rid] = ':'.join(
                    part for part in (element.get('class'),
                                      element.get('provider'),
                                      element.get('type')) if part)
                for op in element.iter('op'):
                    if op.get('name') == 'monitor':
                        ms = _interval(op.get('interval', '0'))
                        if ms:
                            self.monitors.setdefault(rid, ms)
        self.orders = [(order.get('id'), order.get('first'),
                        order.get('then'), _kind(order))
                       for order in root.iter('rsc_order')]
        self.fencing = any(kind.startswith('stonith:')
                           for kind in self.primitives.values())

    def lineage(self, resource):
        """*resource* (without a clone instance number) and the groups
        and clones around it."""
        rid = resource.split(':')[0]
        found = [rid]
        while rid in self.parent:
            rid = self.parent[rid]
            found.append(rid)
        return found

    def order_between(self, first, then):
        """(id, kind) of the order constraint that makes *then* depend on
        *first*, or None."""
        firsts, thens = set(self.lineage(first)), set(self.lineage(then))
        for oid, ofirst, othen, kind in self.orders:
            if ofirst in firsts and othen in thens:
                return oid, kind
        return None


def _kind(order):
    if order.get('kind'):
        return order.get('kind')
    score = order.get('score')
    if score is not None and score not in ('INFINITY', '+INFINITY'):
        try:
            return 'Optional' if float(score) == 0 else 'Mandatory'
        except ValueError:
            pass
    return 'Mandatory'


def _simulate(scratch, timeout, *args):
    if '-O' not in args:
        # without an output file crm_simulate writes a shadow CIB under
        # /var/lib/pacemaker, which the sandbox does not have
        args = (*args, '-O', f'{scratch}/scenario.xml')
    result = sandbox.run(['crm_simulate', *args, '--output-as=xml'],
                         scratch, timeout=timeout)
    if result.timed_out:
        raise _Failed('crm_simulate did not finish within '
                      f'{timeout} s')
    try:
        return ElementTree.fromstring(result.stdout)
    except ElementTree.ParseError:
        raise _Failed('crm_simulate failed: '
                      + first_line(result.output or 'no output')) from None


class _Failed(Exception):
    pass


def _status(root):
    """{resource: [nodes it runs on]} (a clone's instances together)."""
    status = root.find('revised_cluster_status')
    if status is None:
        status = root.find('cluster_status')
    placement = {}
    resources = status.find('resources') if status is not None else None
    if resources is not None:
        for element in resources.iter('resource'):
            running = placement.setdefault(element.get('id'), [])
            running.extend(node.get('name') for node in element
                           if node.tag == 'node')
    return placement


def _actions(root):
    actions = []
    element = root.find('actions')
    if element is None:
        return actions
    for action in element:
        if action.tag == 'node_action':
            actions.append({'action': action.get('task'),
                            'node': action.get('node')})
        elif action.tag == 'rsc_action':
            actions.append({key: action.get(key) for key in (
                'action', 'resource', 'node', 'source', 'dest', 'reason')
                if action.get(key)})
    return actions


def describe(action):
    """One action of the scheduler, as a reader reads it."""
    verb = action['action']
    if 'resource' not in action:
        return f'{verb} {action["node"]}'
    text = f'{verb} {action["resource"]}'
    if action.get('source') and action.get('dest'):
        text += f' ({action["source"]} -> {action["dest"]})'
    elif action.get('node') or action.get('source'):
        text += f' on {action.get("node") or action.get("source")}'
    if action.get('reason'):
        text += f', due to {action["reason"]}'
    return text


def prove(cib, scratch, nodes, timeout, creator, failed_code):
    """(findings, data) of the cluster of the CIB file *cib*; *creator*
    maps a resource or constraint id to the index of the item that made
    it (and None to the first item that makes a resource); *failed_code*
    is the code for a simulation that cannot run."""
    cluster = _Cluster(cib)
    findings = []
    first = creator(None)
    if not cluster.fencing:
        findings.append((first, 'DEP010',
                         'the cluster has no fence device, so Pacemaker '
                         'starts no resource (and must not: without '
                         'fencing it cannot recover a lost node safely); '
                         'create one for each node, e.g. `pcs stonith '
                         'create fence-NODE fence_ipmilan ip=BMC_ADDRESS '
                         '... pcmk_host_list=NODE`'))
        return findings, {'steady': {}, 'scenarios': []}
    try:
        up = [arg for node in nodes for arg in ('-u', node)]
        _simulate(scratch, timeout, '-x', cib, '-S', *up, '-O',
                  f'{scratch}/s1.xml')
        _simulate(scratch, timeout, '-x', f'{scratch}/s1.xml', '-S', '-O',
                  f'{scratch}/steady.xml')
        steady = _status(_simulate(scratch, timeout, '-x',
                                   f'{scratch}/steady.xml', '-S'))
    except _Failed as failed:
        return [(first, failed_code, str(failed))], None
    findings.extend(_verify(scratch, timeout, cluster, creator, first))
    for rid, running in steady.items():
        if not running:
            findings.append((creator(rid), 'DEP008',
                             f'{rid} does not start at all with every node '
                             'online'))
    scenarios = []
    for node in nodes:
        scenarios.append((f'{node} is lost', node, None,
                          ('--node-fail', node)))
    for rid, ms in cluster.monitors.items():
        where = (steady.get(rid) or [None])[0]
        if where is None:
            continue
        scenarios.append((f"{rid}'s monitor fails on {where}", None, rid,
                          ('-i', f'{rid}_monitor_{ms}@{where}=1')))
    data = {'steady': steady, 'scenarios': []}
    judged = []
    for title, lost, failed, injection in scenarios:
        try:
            root = _simulate(scratch, timeout, '-x',
                             f'{scratch}/steady.xml', '-S', *injection)
        except _Failed as error:
            findings.append((first, failed_code, f'{title}: {error}'))
            continue
        actions = _actions(root)
        after = _status(root)
        data['scenarios'].append({'title': title, 'actions': [
            describe(action) for action in actions]})
        judged.extend(_judge(cluster, creator, title, lost, failed,
                             actions, steady, after))
    return findings + _findings(cluster, creator, judged), data


def _verify(scratch, timeout, cluster, creator, first):
    result = sandbox.run(['crm_verify', '-V', '-x',
                          f'{scratch}/steady.xml'], scratch, timeout=timeout)
    findings = []
    for raw in result.output.splitlines():
        line = re.sub(r'^\(\w+\)\s*', '', raw.strip())
        if not line or line.startswith('crm_verify:') or \
                '-V may provide more details' in line:
            continue
        words = set(re.findall(r'[A-Za-z0-9_.:-]+', line))
        owner = next((creator(rid) for rid in cluster.primitives
                      if rid in words), first)
        findings.append((owner, 'DEP007',
                         f'crm_verify on the running cluster: '
                         f'{first_line(line)}'))
    return findings


def _judge(cluster, creator, title, lost, failed, actions, steady, after):
    """Findings of one scenario: (index, code, message, restarts), where
    restarts is the order constraint and the instances it restarted, for
    DEP009 findings to be gathered by constraint."""
    findings = []
    for action in actions:
        resource = action.get('resource')
        if not resource or action['action'] not in _RESTARTS:
            continue
        node = action.get('node') or action.get('source')
        base = resource.split(':')[0]
        if node == lost or base == failed:
            continue
        reason = action.get('reason', '')
        match = re.match(r'required (\S+) (\w+)', reason)
        order = cluster.order_between(match.group(1), base) if match \
            else None
        findings.append(('restart', order, base, node, action['action'],
                         reason, title))
    for rid, running in steady.items():
        cloned = bool(set(cluster.lineage(rid)) & cluster.clones)
        now = after.get(rid, [])
        if cloned:
            expected = [node for node in running if node != lost]
            if len(now) < len(expected):
                findings.append(('stopped', rid, f'{rid} runs on '
                                 f'{len(now)} node(s) instead of '
                                 f'{len(expected)} when {title}'))
        elif running and not now:
            findings.append(('stopped', rid, f'{rid} ends up stopped when '
                             f'{title}'))
    return findings


def _findings(cluster, creator, judged):
    """The findings of every scenario's judgement, one DEP009 for each
    constraint (or resource) that restarts resources, naming where and
    when."""
    found = []
    restarts = {}
    for entry in judged:
        if entry[0] == 'stopped':
            _kind, rid, message = entry
            found.append((creator(rid), 'DEP008', message))
            continue
        _kind, order, base, node, verb, reason, title = entry
        key = order or (None, base)
        seen = restarts.setdefault(key, ({}, [], verb, reason))
        seen[0].setdefault(base, set()).add(node)
        if title not in seen[1]:
            seen[1].append(title)
    for (oid, kind_or_base), (where, titles, verb, reason) in \
            restarts.items():
        places = '; '.join(f'{base} on {", ".join(sorted(nodes))}'
                           for base, nodes in sorted(where.items()))
        when = ' or '.join(titles)
        if oid is not None:
            found.append((creator(oid), 'DEP009',
                          f'when {when}, Pacemaker {verb}s {places}, which '
                          f'did not fail, because of the {kind_or_base} '
                          f'order constraint {oid}; an Optional order keeps '
                          'the start order without those restarts'))
        else:
            found.append((creator(kind_or_base), 'DEP009',
                          f'when {when}, Pacemaker {verb}s {places}, which '
                          'did not fail' + (f' ({reason})' if reason
                                            else '')))
    return found
