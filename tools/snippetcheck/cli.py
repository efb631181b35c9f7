"""``python -m snippetcheck PATH...``: check RST files without Sphinx.

Prints ``path:line: CODE message`` for every finding and exits 1 when
there is any, 0 when there is none, 2 on a usage error.
"""

import argparse
import pathlib
import sys

from snippetcheck import __version__
from snippetcheck import doccheck
from snippetcheck import engine
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


def check_file(path, known, release=None):
    """All reports of one RST file, in document order."""
    try:
        doctree = rstread.read(path)
    except (OSError, UnicodeError) as error:
        return [engine.Report(str(path), 0, 'SC005',
                              f'cannot read the file: {error}')]
    except Exception as error:  # docutils gave up on the markup
        return [engine.Report(str(path), 0, 'SC005',
                              f'cannot parse the file: {error}')]
    return doccheck.check_doctree(doctree, known, str(path), release)


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
    parser.add_argument('--version', action='version',
                        version=f'%(prog)s {__version__}')
    args = parser.parse_args(argv)
    ignored = {code.strip() for value in args.ignore
               for code in value.split(',') if code.strip()}
    known = rstread.known_directives()
    found = 0
    for path in rst_files(args.paths):
        if not path.exists():
            print(f'{path}:0: SC005 no such file', file=sys.stdout)
            found += 1
            continue
        for report in check_file(path, known, args.release):
            if report.code in ignored:
                continue
            print(report.render())
            found += 1
    return 1 if found else 0
