"""Benchmark snippetcheck: throughput, memory and cost to the guide's build.

Prints:

* snippets checked per second, in process, on a generated corpus of
  10,000 snippets of every language the checks know (target >= 20,000/s);
* the peak resident memory of the process after checking that corpus
  (target < 150 MB);
* the time of one check of a typical pcs command (target < 150 us) and of
  a typical crmsh block (target < 300 us);
* option lookups per second in the service option data, and the time to
  import the package and load the data of every file the guide configures
  in a fresh interpreter (target < 0.3 s);
* the ratio of the guide's HTML build time (the sphinx-build command of
  ``tox -e docs``) with snippetcheck to without it: with the static checks
  (target <= 1.05), and with the external tier on a cold cache (target <= 2.0)
  and a warm one (target <= 1.10). All are measured in this run,
  fresh environment each time, the fastest of several alternating runs of
  each (the minimum is the least disturbed by the rest of the machine),
  with the ratio of CPU times beside it, which the load of the machine
  disturbs less still (for the external tier it adds the tools' CPU time,
  much of which runs while Sphinx writes);
* what the sandbox every external tool runs in adds to each tool start;
* with ``--scaling``, how the proof of a cluster by crm_simulate grows
  with its resources (10, 100 and 1,000 primitives): the time of one
  failure scenario per resource, which must not grow (the whole proof is
  then linear in scenarios x resources).

Run it with ``tox -e bench`` or ``python benchmarks/snippetcheck_bench.py``.
"""

import argparse
import os
import pathlib
import random
import resource
import runpy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))

from snippetcheck import engine  # noqa: E402
from snippetcheck.context import DocumentContext  # noqa: E402
from snippetcheck.context import Snippet  # noqa: E402

INI = '''[DEFAULT]
transport_url = rabbit://openstack:RABBIT_PASS@rabbit{n}:5672/
debug = {flag}

[database]
connection = mysql+pymysql://cinder:CINDER_DBPASS@controller/cinder
max_retries = -1

[oslo_messaging_rabbit]
rabbit_quorum_queue = true
'''

HAPROXY = '''global
  chroot /var/lib/haproxy
  daemon
  log /dev/log local0
  maxconn 4000

defaults
  log global
  maxconn 4000
  option redispatch
  retries 3
  timeout http-request 10s
  timeout connect 10s
  timeout client 1m
  timeout server 1m

listen api_{n}
  bind <Virtual IP>:{port}
  balance source
  option tcpka
  option httpchk
  server controller1 10.0.0.12:{port} check inter 2000 rise 2 fall 5
  server controller2 10.0.0.13:{port} check inter 2000 rise 2 fall 5
'''

CONSOLE = '''# pcs resource create vip{n} ocf:heartbeat:IPaddr2 \\
  ip="<Virtual IP>" cidr_netmask="24" op monitor interval="30s"
# pcs resource create lb-haproxy{n} systemd:haproxy clone
# pcs resource meta lb-haproxy{n}-clone interleave=true
# pcs constraint order start vip{n} then lb-haproxy{n}-clone kind=Optional
# pcs constraint colocation add lb-haproxy{n}-clone with vip{n}
'''

CRMSH = '''primitive p_api{n} systemd:openstack-api \\
  op monitor interval=30s timeout=30s
clone cl_api{n} p_api{n} meta interleave=true
primitive vip{n} ocf:heartbeat:IPaddr2 params ip=10.0.0.{n} \\
  op monitor interval=10s
colocation api{n}-with-vip inf: cl_api{n} vip{n}
order api{n}-after-vip Mandatory: vip{n} cl_api{n}
'''

PYTHON = '''OPENSTACK_HOST = "10.0.0.{n}"
OPENSTACK_KEYSTONE_URL = "http://%s:5000/v3" % OPENSTACK_HOST
CACHES = {{
    'default': {{
        'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache',
        'LOCATION': ['controller1:11211', 'controller2:11211'],
    }},
}}
'''

YAML = '''sources:
  - name: meter_source_{n}
    meters:
      - "*"
    sinks:
      - meter_sink
sinks:
  - name: meter_sink
    publishers:
      - gnocchi://
'''

TEMPLATES = (('ini', INI), ('haproxy', HAPROXY), ('console', CONSOLE),
             ('crmsh', CRMSH), ('python', PYTHON), ('yaml', YAML))


def corpus(count, seed=2026):
    rng = random.Random(seed)
    snippets = []
    for n in range(count):
        language, template = TEMPLATES[n % len(TEMPLATES)]
        text = template.format(n=n % 250, port=rng.randrange(1024, 65535),
                               flag=rng.choice(('true', 'false')))
        if rng.random() < 0.1:  # some snippets carry a mistake
            text = text.replace('=', ' ', 1)
        snippets.append(Snippet(language, text, 'corpus.rst', 1,
                                '/etc/cinder/cinder.conf'))
    return snippets


def throughput(snippets, rounds):
    best = None
    findings = 0
    for _ in range(rounds):
        start = time.perf_counter()
        findings = 0
        for index in range(0, len(snippets), 20):
            document = DocumentContext()  # 20 snippets to a document
            for snippet in snippets[index:index + 20]:
                findings += len(engine.check_snippet(snippet, document))
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return len(snippets) / best, findings


FILES = ('keystone.conf', 'glance-api.conf', 'cinder.conf', 'manila.conf',
         'nova.conf', 'neutron.conf', 'ceilometer.conf',
         '<service>.conf')

IMPORT_PROGRAM = f"""
import time
start = time.perf_counter()
import snippetcheck.checkers.options
from snippetcheck.options import schema
for name in {FILES!r}:
    schema.for_file('/etc/x/' + name, schema.default_release())
print(time.perf_counter() - start)
"""


def import_time(rounds=5):
    """Fastest time to import the package and load the option data."""
    env = {k: v for k, v in os.environ.items()
           if k != 'PYTHONDONTWRITEBYTECODE'}
    env['PYTHONPATH'] = str(ROOT / 'tools')
    times = []
    for _ in range(rounds + 1):  # the first run writes bytecode caches
        result = subprocess.run([sys.executable, '-c', IMPORT_PROGRAM],
                                capture_output=True, text=True, check=True,
                                env=env)
        times.append(float(result.stdout.strip()))
    return min(times[1:])


def lookups_per_second(count=200_000):
    from snippetcheck.options import schema
    release = schema.default_release()
    loaded = [schema.for_file('/etc/x/' + name, release) for name in FILES]
    keys = [(s, group, name) for s in loaded
            for group, options in s.groups.items() for name in options]
    keys += [(s, 'DEFAULT', 'no_such_option') for s in loaded]
    rng = random.Random(7)
    sample = [rng.choice(keys) for _ in range(count)]
    start = time.perf_counter()
    for s, group, name in sample:
        s.option(group, name)
    return count / (time.perf_counter() - start), len(keys)


def sandbox_cost(runs=40):
    """What the sandbox adds to each tool start: the median and fastest
    wall-clock time of ``true`` started in it, and started bare, the two
    alternating."""
    from snippetcheck.external import sandbox

    problem = sandbox.problem()
    if problem:
        return None, problem
    times = {'sandbox': [], 'bare': []}
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(runs):
            start = time.perf_counter()
            sandbox.run(['true'], scratch)
            times['sandbox'].append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run(['true'], check=True)
            times['bare'].append(time.perf_counter() - start)
    return {kind: (statistics.median(values), min(values))
            for kind, values in times.items()}, None


TYPICAL_PCS = ('# pcs resource create vip ocf:heartbeat:IPaddr2 '
               'ip=10.0.0.11 cidr_netmask=24 op monitor interval=30s')
TYPICAL_CRMSH = '''primitive p_api-ip ocf:heartbeat:IPaddr2 \\
  params ip="10.0.0.10" cidr_netmask="24" \\
  op monitor interval="30s"
primitive p_keystone ocf:openstack:keystone \\
  params config="/etc/keystone/keystone.conf" os_password="secretsecret" \\
    os_username="admin" os_tenant_name="admin" \\
    op monitor interval="30s" timeout="30s"
group g_keystone p_api-ip p_keystone
colocation c_keystone inf: p_keystone p_api-ip
order o_keystone Mandatory: p_api-ip p_keystone
'''


def per_check(rounds=5, number=2000):
    """Fastest time of one check of a typical pcs command and of a typical
    crmsh block."""
    from snippetcheck import console
    from snippetcheck.checkers import crmsh
    from snippetcheck.checkers import pcs

    command = next(console.commands(TYPICAL_PCS))
    block = Snippet('crmsh', TYPICAL_CRMSH)
    times = {}
    for name, check in (
            ('pcs command', lambda: pcs.check_command(command,
                                                      DocumentContext())),
            ('crmsh block', lambda: crmsh.check(block, DocumentContext()))):
        best = None
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(number):
                check()
            elapsed = (time.perf_counter() - start) / number
            best = elapsed if best is None else min(best, elapsed)
        times[name] = best
    return times


def _cluster(size, directory):
    """A scratch CIB of three nodes, three fence devices and *size* Dummy
    primitives with a monitor, as pcs would write it."""
    from snippetcheck.external import cib
    from snippetcheck.external import sandbox

    path, problem = sandbox.empty_cib(directory)
    if problem:
        raise RuntimeError(problem)
    cib.seed(path, ('controller1', 'controller2', 'controller3'))
    monitor = ('<operations><op name="monitor" interval="60s" '
               'id="{0}-monitor"/></operations>')
    resources = ''.join(
        f'<primitive id="fence{n}" class="stonith" type="fence_dummy">'
        + monitor.format(f'fence{n}') + '</primitive>' for n in range(3))
    resources += ''.join(
        f'<primitive id="dummy{n}" class="ocf" provider="pacemaker" '
        'type="Dummy">' + monitor.format(f'dummy{n}') + '</primitive>'
        for n in range(size))
    with open(path, encoding='utf-8') as stream:
        text = stream.read()
    with open(path, 'w', encoding='utf-8') as stream:
        stream.write(text.replace('<resources/>',
                                  f'<resources>{resources}</resources>'))
    return path


def deployment_scaling(sizes=(10, 100, 1000), sample=4, timeout=900):
    """How the proof of a cluster grows with its resources: for clusters
    of each size, the time to reach the steady state and the median time
    of one failure scenario (*sample* of them: a node lost, monitors
    failing), per resource; and the projected time of the whole proof
    (every node lost, every monitor failing)."""
    from snippetcheck.external import simulate

    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            path = _cluster(size, scratch)
            start = time.perf_counter()
            try:
                simulate._simulate(scratch, timeout, '-x', path, '-S',
                                   '-u', 'controller1', '-u', 'controller2',
                                   '-u', 'controller3', '-O',
                                   f'{scratch}/steady.xml')
            except simulate._Failed as failed:
                rows.append((size, None, None, str(failed)))
                continue
            steady = time.perf_counter() - start
            scenarios = [('--node-fail', 'controller1')] + [
                ('-i', f'dummy{n}_monitor_60000@controller2=1')
                for n in range(sample - 1)]
            times = []
            for injection in scenarios:
                start = time.perf_counter()
                simulate._simulate(scratch, timeout, '-x',
                                   f'{scratch}/steady.xml', '-S',
                                   *injection)
                times.append(time.perf_counter() - start)
            rows.append((size, steady, statistics.median(times), None))
    return rows


def other_extensions():
    """The guide's extensions but snippetcheck, from its conf.py."""
    conf = runpy.run_path(str(ROOT / 'doc' / 'source' / 'conf.py'))
    return [name for name in conf['extensions'] if name != 'snippetcheck']


def build_time(mode, out):
    """Seconds of one HTML build of the guide, as ``tox -e docs`` runs it.

    *mode* is ``without`` (no snippetcheck), ``static`` (snippetcheck
    without the external tier), ``cold`` (external tier, empty cache) or
    ``warm`` (external tier, every result cached).
    """
    if mode == 'cold':
        shutil.rmtree(out / 'doctrees', ignore_errors=True)
    command = [sys.executable, '-m', 'sphinx', '-E', '-q', '-b', 'html',
               '-d', str(out / 'doctrees'), str(ROOT / 'doc' / 'source'),
               str(out / 'html')]
    if mode == 'without':
        command[4:4] = ['-D', 'extensions=' + ','.join(other_extensions())]
    elif mode == 'static':
        command[4:4] = ['-D', 'snippetcheck_external=0']
    # Bytecode caches are written on the first build, as for a contributor
    # who runs tox -e docs a second time.
    env = {k: v for k, v in os.environ.items()
           if k != 'PYTHONDONTWRITEBYTECODE'}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True,
                   env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime
           + after.ru_stime - before.ru_stime)
    return wall, cpu


def build_ratios(runs, modes):
    """The fastest wall-clock and CPU time of each mode's build, the
    modes alternating, and the median wall-clock time."""
    times = {mode: [] for mode in modes}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for mode in modes:  # warm the file cache, imports and caches
            build_time(mode, tmp / mode)
        for _ in range(runs):
            for mode in modes:
                times[mode].append(build_time(mode, tmp / mode))
    return ({mode: min(w for w, _c in values)
             for mode, values in times.items()},
            {mode: min(c for _w, c in values)
             for mode, values in times.items()},
            {mode: statistics.median(w for w, _c in values)
             for mode, values in times.items()})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--snippets', type=int, default=10_000)
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--builds', type=int, default=15,
                        help='alternating build pairs for the ratio')
    parser.add_argument('--scaling', action='store_true',
                        help='measure how proving a cluster grows with its '
                             'resources (10, 100, 1,000 primitives; slow)')
    parser.add_argument('--no-build', action='store_true',
                        help='skip the build-time ratios')
    parser.add_argument('--no-external', action='store_true',
                        help='skip the builds with the external tier '
                             '(haproxy, pcs, crm not installed)')
    args = parser.parse_args(argv)

    snippets = corpus(args.snippets)
    rate, findings = throughput(snippets, args.rounds)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f'snippets checked per second: {rate:,.0f} '
          f'({args.snippets} snippets, {findings} findings; '
          f'target >= 20,000)')
    print(f'peak memory (RSS): {peak_mb:.1f} MB (target < 150 MB)')
    targets = {'pcs command': 150e-6, 'crmsh block': 300e-6}
    for name, seconds in per_check().items():
        print(f'one check of a typical {name}: {seconds * 1e6:.1f} us '
              f'(target < {targets[name] * 1e6:.0f} us)')
    rate, known = lookups_per_second()
    print(f'option lookups per second: {rate:,.0f} ({known:,} options of '
          f'{len(FILES)} files)')
    print(f'import and load the option data: {import_time():.3f} s '
          '(target < 0.3 s)')
    if not args.no_external:
        cost, problem = sandbox_cost()
        if cost is None:
            print(f'sandbox: cannot be made here ({problem})')
        else:
            (median, fastest), (bare, bare_fastest) = cost['sandbox'], \
                cost['bare']
            print(f'sandbox cost per tool start: {1000 * (median - bare):.1f}'
                  f' ms (median {1000 * median:.1f} ms in the sandbox, '
                  f'{1000 * bare:.1f} ms bare; fastest {1000 * fastest:.1f}'
                  f' and {1000 * bare_fastest:.1f} ms)')
    if args.scaling:
        for size, steady, scenario, problem in deployment_scaling():
            if problem:
                print(f'cluster of {size} primitives: {problem}')
                continue
            whole = steady + scenario * (size + 3 + 3)
            print(f'cluster of {size} primitives: steady state '
                  f'{steady:.2f} s, one scenario {scenario:.3f} s '
                  f'({scenario / size * 1e3:.2f} ms per resource), whole '
                  f'proof ~{whole:.0f} s ({size + 6} scenarios)')
    if args.no_build:
        return
    modes = ['without', 'static']
    if not args.no_external:
        modes += ['cold', 'warm']
    best, cpu, medians = build_ratios(args.builds, modes)
    base, base_median = best['without'], medians['without']
    print(f'guide build without snippetcheck: {base:.2f} s '
          f'({cpu["without"]:.2f} s CPU)')
    targets = {'static': 1.05, 'cold': 2.0, 'warm': 1.10}
    labels = {'static': 'with snippetcheck (static checks)',
              'cold': 'with the external tier, cold cache',
              'warm': 'with the external tier, warm cache'}
    for mode in modes[1:]:
        print(f'guide build {labels[mode]}: {best[mode]:.2f} s; ratio '
              f'{best[mode] / base:.3f} (target <= {targets[mode]}; ratio '
              f'of medians {medians[mode] / base_median:.3f}; CPU time '
              f'ratio {cpu[mode] / cpu["without"]:.3f})')


if __name__ == '__main__':
    main()
