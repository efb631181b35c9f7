"""``python -m snippetcheck PATH...``: check RST files without Sphinx.

Prints ``path:line: CODE message`` for every finding and exits 1 when
there is any, 0 when there is none, 2 on a usage error.
"""

import argparse
import pathlib

from snippetcheck import __version__
from snippetcheck import doccheck
from snippetcheck import engine
from snippetcheck import offload
from snippetcheck import rstread
from snippetcheck.options import sources


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
    except (OSError, UnicodeError) as error:
        return [], [engine.Report(str(path), 0, 'SC005',
                                  f'cannot read the file: {error}')]
    except Exception as error:  # docutils gave up on the markup
        return [], [engine.Report(str(path), 0, 'SC005',
                                  f'cannot parse the file: {error}')]
    return (list(doccheck.snippets(doctree, str(path))),
            doccheck.check_comments(doctree, known, str(path)))


def check_file(path, known, release=None):
    """All reports of one RST file, checked in this process."""
    found, reports = read_file(path, known)
    return engine.check_snippets(found, release) + reports


def check_files(paths, known, release=None, timeout=60):
    """(path, reports) of every file, in order; the snippets are checked
    in a worker process while the next files are read (see
    :mod:`snippetcheck.offload`)."""
    checker = offload.Offload(timeout)
    files = []
    for index, path in enumerate(paths):
        if not path.exists():
            files.append((path, [engine.Report(str(path), 0, 'SC005',
                                               'no such file')]))
            continue
        found, reports = read_file(path, known)
        checker.submit(index, found, release)
        files.append((path, reports))
    checked = checker.collect()
    return [(path, sorted(reports + checked.get(index, [])))
            for index, (path, reports) in enumerate(files)]


def main(argv=None):
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
    parser.add_argument('--timeout', type=int, default=60, metavar='SECONDS',
                        help='report a block whose checks take longer '
                        '(SC006; default: %(default)s)')
    parser.add_argument('--version', action='version',
                        version=f'%(prog)s {__version__}')
    args = parser.parse_args(argv)
    ignored = {code.strip() for value in args.ignore
               for code in value.split(',') if code.strip()}
    known = rstread.known_directives()
    found = 0
    for _path, reports in check_files(list(rst_files(args.paths)), known,
                                      args.release, args.timeout):
        for report in reports:
            if report.code in ignored:
                continue
            print(report.render())
            found += 1
    return 1 if found else 0
