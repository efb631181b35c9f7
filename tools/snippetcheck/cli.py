"""``python -m snippetcheck PATH...``: check RST files without Sphinx.

Prints ``path:line: CODE message`` for every finding and exits 1 when
there is any, 0 when there is none, 2 on a usage error or when
``--external`` cannot run what it was asked to. Nothing is skipped
silently: a file that cannot be read as RST text is SC005.
"""

import argparse
import os
import pathlib
import sys

from snippetcheck import __version__
from snippetcheck import blocks
from snippetcheck import catalogue
from snippetcheck import doccheck
from snippetcheck import engine
from snippetcheck import rstread
from snippetcheck.catalogue import Check
from snippetcheck.findings import Report
from snippetcheck.options import schema
from snippetcheck.options import sources

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('SC005', 'markup',
          'A document cannot be read or parsed at all.',
          'a file that is not UTF-8 text',
          'UTF-8 reStructuredText'),
)



def rst_files(paths):
    for path in paths:
        path = pathlib.Path(path)
        if path.is_dir():
            # hidden directories below the one given are skipped, not
            # the parts of the path given (``../doc``)
            yield from sorted(p for p in path.rglob('*.rst')
                              if not any(part.startswith('.') for part
                                         in p.relative_to(path).parts))
        else:
            yield path


def read_file(path, known):
    """The snippets of one RST file, and the reports of the file itself
    (it cannot be read or parsed; its comments)."""
    try:
        doctree = rstread.read(path)
    except rstread.Unreadable as error:
        return [], [Report(str(path), error.line, 'SC005',
                                  str(error))]
    except Exception as error:  # docutils gave up on the markup
        return [], [Report(str(path), 0, 'SC005',
                                  f'cannot parse the file: {error}')]
    return (list(doccheck.snippets(doctree, str(path))),
            doccheck.check_comments(doctree, known, str(path)))


def check_file(path, known, release=None, timeout=engine.DEFAULT_TIMEOUT):
    """All reports of one RST file, and its snippets."""
    if not path.exists() and not path.is_symlink():
        return [Report(str(path), 0, 'SC005', 'no such file')], []
    found, reports = read_file(path, known)
    return (sorted(reports + engine.check_snippets(found, release,
                                                   timeout)), found)


def _positive(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'{text!r} is not a whole number of seconds') from None
    if value <= 0:
        raise argparse.ArgumentTypeError(
            f'{value} is not a positive number of seconds')
    return value


def _default_cache():
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(
        os.path.expanduser('~'), '.cache')
    return os.path.join(base, 'snippetcheck')


def _parser():
    parser = argparse.ArgumentParser(
        prog='snippetcheck',
        description='Check the ini, haproxy, pcs, crmsh, python and yaml '
                    'snippets of RST files.')
    parser.add_argument('paths', nargs='+', metavar='PATH',
                        help='RST files or directories to search for them')
    parser.add_argument('--ignore', action='append', default=[],
                        metavar='CODE', help='do not report CODE '
                        '(repeat or separate with commas)')
    parser.add_argument('--release', default=sources.DEFAULT_RELEASE,
                        help='the OpenStack release whose options ini '
                        'snippets are checked against (default: '
                        '%(default)s)')
    parser.add_argument('--timeout', type=_positive,
                        default=engine.DEFAULT_TIMEOUT,
                        metavar='SECONDS',
                        help='report a block whose checks take longer '
                        '(SC006), and stop a tool after as long '
                        '(default: %(default)s)')
    parser.add_argument('--external', action='store_true',
                        help='also replay the snippets through haproxy, '
                        'pcs, crm and crm_verify, each in a sandbox (needs '
                        'bubblewrap and the tools; see tools/README.rst)')
    parser.add_argument('--cache-dir', default=_default_cache(),
                        metavar='DIR', help='where --external keeps the '
                        'results of the tools (default: %(default)s)')
    parser.add_argument('--no-cache', action='store_true',
                        help='with --external, keep no results')
    parser.add_argument('--version', action='version',
                        version=f'%(prog)s {__version__}')
    return parser


def _ignored(parser, values):
    codes = {code.strip() for value in values
             for code in value.split(',') if code.strip()}
    unknown = sorted(code for code in codes
                     if code not in catalogue.BY_CODE)
    if unknown:
        parser.error(f'--ignore names unknown code(s) {", ".join(unknown)};'
                     ' the codes are listed in tools/README.rst')
    return codes


def _external(parser, files, args):
    """The reports of the external tier for the snippets of every file
    ([(path, snippets)]), or exit 2 when it cannot run."""
    from snippetcheck.external import sandbox
    from snippetcheck.external import tier

    problem = sandbox.problem()
    if problem:
        parser.exit(2, f'snippetcheck: --external cannot run the tools: '
                       f'{problem}; they are never run without the '
                       'sandbox (see tools/README.rst)\n')
    jobs = [job for path, found in files
            for job in tier.jobs_for(found, str(path))]
    missing = tier.missing_programs({job.kind for job in jobs})
    if missing:
        for program, package in sorted(missing.items()):
            print(f'snippetcheck: --external needs {program} (Debian '
                  f'package {package}), which is not installed',
                  file=sys.stderr)
        parser.exit(2)
    cache = tier.Cache(None if args.no_cache else args.cache_dir)
    run = tier.Run(cache, args.timeout).add(jobs)
    reports = run.wait()
    for note in run.notes:
        print(f'snippetcheck: warning: {note}', file=sys.stderr)
    return reports


def main(argv=None):
    parser = _parser()
    args = parser.parse_args(argv)
    ignored = _ignored(parser, args.ignore)
    if args.release not in schema.releases():
        parser.error(f'--release {args.release}: snippetcheck has option '
                     'data for ' + ', '.join(schema.releases()))
    rstread.register()
    known = blocks.known_directives()
    paths = list(rst_files(args.paths))
    checked = [(path, *check_file(path, known, args.release, args.timeout))
               for path in paths]
    external = _external(parser, [(path, found) for path, _r, found
                                  in checked], args) if args.external \
        else {}
    found = 0
    for path, reports, _snippets in checked:
        for report in sorted(reports + external.get(str(path), [])):
            if report.code in ignored:
                continue
            print(report.render())
            found += 1
    return 1 if found else 0
