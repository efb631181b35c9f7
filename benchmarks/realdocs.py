"""How snippetcheck does on documentation it was not written with.

Runs the command line (``python -m snippetcheck --coverage``) over each
documentation tree given, and prints for each: its blocks, those in
scope (ini, haproxy, crmsh, and console blocks with pcs, crm or
openstack commands) and how many of them are fully judged, its ini
blocks and how many are judged against the option data (also as a share
of those whose file has option data or is not recognised: a file
without option data, such as ml2_conf.ini, is not applicable), the
findings by code, and the wall-clock time of the run.

    python benchmarks/realdocs.py [--no-external] [--no-cache]
        [--context document] TREE [TREE...]

The trees are read with ``--context toctree`` by default: a book whose
chapters build one cluster is read in the order of its toctree. With
``--findings`` every finding is printed too, for judging them one by one.
"""

import argparse
import collections
import pathlib
import re
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))

from snippetcheck import engine  # noqa: E402

_FINDING = re.compile(r'^(?P<path>.*?):(?P<line>\d+): '
                      r'(?P<code>[A-Z]+\d{3}) (?P<message>.*)$')
_COVERAGE = re.compile(
    r'^(?P<path>.*?):(?P<line>\d+): (?P<language>\S+) '
    r'(?P<status>fully judged|not fully judged|not applicable|not checked|'
    r'opted out): (?P<details>.*)$')
_SUMMARY = 'snippetcheck coverage: '


def run(tree, external=True, context='toctree', extra=()):
    """(seconds, findings, coverage lines, summary) of one tree."""
    argv = [sys.executable, '-m', 'snippetcheck', '--coverage',
            '--context', context, *extra, str(tree)]
    if external:
        argv.insert(3, '--external')
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True,
                            check=False, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f'snippetcheck failed on {tree} '
                         f'({result.returncode}):\n{result.stderr}')
    findings, blocks, summary = [], [], ''
    for line in result.stdout.splitlines():
        if line.startswith(_SUMMARY):
            summary = line[len(_SUMMARY):]
        elif (match := _COVERAGE.match(line)) is not None:
            blocks.append(match.groupdict())
        elif (match := _FINDING.match(line)) is not None:
            findings.append(match.groupdict())
    return elapsed, findings, blocks, summary


def figures(elapsed, findings, blocks):
    """The figures of one tree, as a dict."""
    in_scope = [b for b in blocks if _in_scope(b)]
    ini = [b for b in blocks
           if engine.LANGUAGES.get(b['language'].lower()) == 'ini']
    ini_full = sum(b['status'] == 'fully judged' for b in ini)
    ini_na = sum(b['status'] == 'not applicable' for b in ini)
    return {
        'blocks': len(blocks),
        'in scope': len(in_scope),
        'fully judged': sum(b['status'] == 'fully judged'
                            for b in in_scope),
        'not applicable': sum(b['status'] == 'not applicable'
                              for b in in_scope),
        'ini': len(ini),
        'ini judged against options': ini_full,
        'ini not applicable': ini_na,
        'ini no file': sum(b['status'] == 'not fully judged'
                           for b in ini),
        'findings': collections.Counter(f['code'] for f in findings),
        'seconds': elapsed,
    }


def _in_scope(block):
    language = engine.LANGUAGES.get(block['language'].lower())
    if language in ('ini', 'haproxy', 'crmsh'):
        return True
    return language == 'console' and block['status'] not in (
        'not checked',)


def _percent(part, whole):
    return f'{100.0 * part / whole:.0f}%' if whole else '-'


def report(name, numbers):
    ini = numbers['ini']
    applicable = ini - numbers['ini not applicable']
    judged = numbers['in scope'] - numbers['not applicable']
    codes = ', '.join(f'{code} {count}' for code, count
                      in sorted(numbers['findings'].items())) or 'none'
    return '\n'.join([
        f'{name}',
        f'  blocks {numbers["blocks"]}; in scope {numbers["in scope"]}, '
        f'fully judged {numbers["fully judged"]} of {judged} '
        f'({_percent(numbers["fully judged"], judged)}; '
        f'{numbers["not applicable"]} not applicable)',
        f'  ini blocks {ini}: judged against the option data '
        f'{numbers["ini judged against options"]} '
        f'({_percent(numbers["ini judged against options"], ini)} of all, '
        f'{_percent(numbers["ini judged against options"], applicable)} '
        f'of those whose file has option data or is not recognised); '
        f'no file recognised {numbers["ini no file"]}; '
        f'file without option data {numbers["ini not applicable"]}',
        f'  findings {sum(numbers["findings"].values())}: {codes}',
        f'  time {numbers["seconds"]:.1f} s',
    ])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('trees', nargs='+', metavar='TREE')
    parser.add_argument('--no-external', action='store_true',
                        help='without the real tools')
    parser.add_argument('--no-cache', action='store_true',
                        help="keep no tools' results: time a cold run")
    parser.add_argument('--context', default='toctree',
                        choices=('document', 'toctree'))
    parser.add_argument('--findings', action='store_true',
                        help='print every finding too')
    args = parser.parse_args(argv)
    total = collections.Counter()
    codes = collections.Counter()
    for tree in args.trees:
        elapsed, findings, blocks, summary = run(
            tree, not args.no_external, args.context,
            ['--no-cache'] if args.no_cache else [])
        numbers = figures(elapsed, findings, blocks)
        print(report(tree, numbers))
        print(f'  snippetcheck: {summary}')
        if args.findings:
            for finding in findings:
                print(f'    {finding["path"]}:{finding["line"]}: '
                      f'{finding["code"]} {finding["message"]}')
        for key, value in numbers.items():
            if key == 'findings':
                codes.update(value)
            else:
                total[key] += value
        total.setdefault('findings', 0)
    if len(args.trees) > 1:
        numbers = dict(total)
        numbers['findings'] = codes
        print(report('all trees', numbers))
    return 0


if __name__ == '__main__':
    sys.exit(main())
