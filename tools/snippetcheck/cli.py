"""``python -m snippetcheck PATH...``: check RST files without Sphinx.

Prints ``path:line: CODE message`` for every finding and exits 1 when
there is any, 0 when there is none, 2 on a usage error or when
``--external`` cannot run what it was asked to. Nothing is skipped
silently: a file that cannot be read as RST text is SC005.

``--conf doc/source/conf.py`` takes the ``snippetcheck_*`` settings of a
Sphinx project from its conf.py (executed as Sphinx executes it), and with
them judges a source directory as its Sphinx build does: in toctree
context the documents are read in the order the toctrees give from the
root document, resources made on one page are known on the pages after
it and their pcs and crmsh input is replayed as one cluster; with a
deployment, its rules run too (:mod:`snippetcheck.pages` holds what both
share). ``--coverage`` also says, for every block, which checks judged it
(:mod:`snippetcheck.coverage`).
"""

import argparse
import dataclasses
import os
import pathlib
import sys

from snippetcheck import __version__
from snippetcheck import blocks
from snippetcheck import catalogue
from snippetcheck import coverage
from snippetcheck import doccheck
from snippetcheck import engine
from snippetcheck import pages
from snippetcheck import rstread
from snippetcheck import settings
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


def read_file(path, known, prompts=()):
    """The snippets of one RST file, and the reports of the file itself
    (it cannot be read or parsed; its comments)."""
    found, reports, _doctree = _read(path, known, prompts)
    return found, reports


def _read(path, known, prompts=()):
    """(snippets, reports of the file itself, doctree or None)."""
    try:
        doctree = rstread.read(path)
    except rstread.Unreadable as error:
        return [], [Report(str(path), error.line, 'SC005',
                           str(error))], None
    except Exception as error:  # docutils gave up on the markup
        return [], [Report(str(path), 0, 'SC005',
                           f'cannot parse the file: {error}')], None
    found = list(doccheck.snippets(doctree, str(path), prompts))
    for snippet in found:
        snippet.source = _named_like(snippet.source, path)
    reports = [dataclasses.replace(report, source=_named_like(
        report.source, path)) for report in doccheck.check_comments(
            doctree, known, str(path))]
    return found, reports, doctree


def _named_like(source, path):
    """*source*, a file docutils read for document *path* (an included
    file, named relative to the working directory, or absolute when the
    two share no directory), named as the command line names *path*:
    absolute, or relative to the working directory. So a file read both
    as a document and through an include has one name, and its blocks
    are judged and reported once."""
    if not source or source == str(path) or source.startswith('<'):
        return source
    absolute = os.path.abspath(source)
    return absolute if os.path.isabs(str(path)) else \
        os.path.relpath(absolute)


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
    parser.add_argument('--release', default=None,
                        help='the OpenStack release whose options ini '
                        'snippets are checked against (default: '
                        f'snippetcheck_release of --conf, else '
                        f'{sources.DEFAULT_RELEASE})')
    parser.add_argument('--timeout', type=_positive, default=None,
                        metavar='SECONDS',
                        help='report a block whose checks take longer '
                        '(SC006), and stop a tool after as long '
                        '(default: snippetcheck_timeout of --conf, else '
                        f'{engine.DEFAULT_TIMEOUT})')
    parser.add_argument('--conf', metavar='CONF_PY',
                        help='take the snippetcheck_* settings (and the '
                        'root document, exclude_patterns and '
                        'suppress_warnings) from this Sphinx conf.py, '
                        'executed as Sphinx executes it')
    parser.add_argument('--context', choices=settings.CONTEXTS,
                        default=None,
                        help="'toctree': read each directory's documents "
                        'in the order its toctrees give from the root '
                        'document, resources made on one page known on '
                        'the pages after it (default: snippetcheck_context '
                        "of --conf, else 'document')")
    parser.add_argument('--prompt', action='append', default=[],
                        metavar='REGEX', help='a shell prompt of the '
                        'console blocks beyond those snippetcheck knows '
                        '(a regular expression matched at the start of a '
                        'line; repeat for more)')
    parser.add_argument('--prompt-of', action='append', default=[],
                        nargs=2, metavar=('PROGRAM', 'REGEX'),
                        help="the prompt of another program (a database, "
                        "a REPL): its lines are that program's input, not "
                        'shell commands')
    parser.add_argument('--coverage', action='store_true',
                        help='also print, for every block, which checks '
                        'judged it and why the others did not, and a '
                        'summary')
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


def _external(parser, jobs, args, timeout):
    """The reports of the external tier for *jobs*, by document, or exit
    2 when it cannot run."""
    from snippetcheck.external import sandbox
    from snippetcheck.external import tier

    problem = sandbox.problem()
    if problem:
        parser.exit(2, f'snippetcheck: --external cannot run the tools: '
                       f'{problem}; they are never run without the '
                       'sandbox (see tools/README.rst)\n')
    missing = tier.missing_programs({job.kind for job in jobs})
    if missing:
        for program, package in sorted(missing.items()):
            print(f'snippetcheck: --external needs {program} (Debian '
                  f'package {package}), which is not installed',
                  file=sys.stderr)
        parser.exit(2)
    cache = tier.Cache(None if args.no_cache else args.cache_dir)
    run = tier.Run(cache, timeout).add(jobs)
    reports = run.wait()
    for note in run.notes:
        print(f'snippetcheck: warning: {note}', file=sys.stderr)
    return reports



# -- a Sphinx project's settings ---------------------------------------------

#: The conf.py names the command line reads, and their defaults.
CONF_NAMES = {
    'snippetcheck_ignore': [], 'snippetcheck_release': None,
    'snippetcheck_timeout': None, 'snippetcheck_context': 'document',
    'snippetcheck_deployment': None, 'snippetcheck_prompts': [],
    'root_doc': None, 'master_doc': 'index', 'exclude_patterns': [],
    'templates_path': [], 'html_static_path': [], 'html_extra_path': [],
    'suppress_warnings': [],
}


def read_conf(path):
    """The settings of Sphinx conf.py *path* the command line uses,
    executed as Sphinx executes it (in its directory, with ``tags``).
    Raises ValueError with what went wrong."""
    from sphinx.config import eval_config_file
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    path = pathlib.Path(path).resolve()
    if not path.is_file():
        raise ValueError(f'{path}: no such file')
    try:
        namespace = eval_config_file(path, Tags())
    except ConfigError as error:
        raise ValueError(f'{path}: {error}') from error
    return {name: namespace.get(name, default)
            for name, default in CONF_NAMES.items()}


@dataclasses.dataclass
class Options:
    """What the checks run with: the command line's options over the
    conf.py settings over the defaults."""

    release: str = sources.DEFAULT_RELEASE
    timeout: int = engine.DEFAULT_TIMEOUT
    context: str = 'document'
    deployment: object = None
    ignored: frozenset = frozenset()
    suppressed: frozenset = frozenset()
    prompts: tuple = ()
    root: str = 'index'
    excluded: tuple = ()

    @property
    def settings(self):
        return pages.Settings(self.release, self.timeout, self.context,
                              self.deployment)


def _options(parser, args):
    conf = dict(CONF_NAMES)
    if args.conf:
        try:
            conf = read_conf(args.conf)
        except ValueError as error:
            parser.exit(2, f'snippetcheck: --conf {error}\n')
    problems = []
    context, problem = settings.context(args.context or
                                        conf['snippetcheck_context'])
    problems.append(problem)
    deployment, problem = settings.deployment(
        conf['snippetcheck_deployment'])
    problems.append(problem)
    prompts, problem = settings.prompts(
        [*(conf['snippetcheck_prompts'] or ()), *args.prompt,
         *(tuple(pair[::-1]) for pair in args.prompt_of)])
    problems.append(problem)
    ignored = set(conf['snippetcheck_ignore'] or ())
    ignored |= _ignored(parser, args.ignore)
    release = args.release or conf['snippetcheck_release'] or \
        sources.DEFAULT_RELEASE
    if release not in schema.releases():
        parser.error(f'release {release}: snippetcheck has option '
                     'data for ' + ', '.join(schema.releases()))
    for problem in problems:
        if problem:
            print(f'snippetcheck: warning: {problem}', file=sys.stderr)
    excluded = [*conf['exclude_patterns'], *conf['templates_path'],
                *conf['html_static_path'], *conf['html_extra_path']]
    return Options(
        release=release,
        timeout=args.timeout or conf['snippetcheck_timeout'] or
        engine.DEFAULT_TIMEOUT,
        context=context, deployment=deployment,
        ignored=frozenset(ignored),
        suppressed=frozenset(conf['suppress_warnings'] or ()),
        prompts=prompts,
        root=conf['root_doc'] or conf['master_doc'] or 'index',
        excluded=tuple(str(p) for p in excluded if isinstance(p, str)))


# -- documents ---------------------------------------------------------------

@dataclasses.dataclass
class Document:
    """One RST file read: its name in its tree (as Sphinx names it), its
    snippets, the reports of the file itself, and its doctree."""

    name: str
    path: pathlib.Path
    snippets: list
    reports: list
    doctree: object = None
    facts: object = None
    key: str = ''


def _tree_files(directory, excluded):
    """(document name, path) of the RST files of *directory*, those
    matching *excluded* (conf.py's exclude_patterns) left out."""
    matcher = None
    if excluded:
        from sphinx.util.matching import Matcher
        matcher = Matcher(list(excluded))
    for path in rst_files([directory]):
        relative = path.relative_to(directory).as_posix()
        if matcher is not None:
            parts = relative.split('/')
            if any(matcher('/'.join(parts[:end]))
                   for end in range(1, len(parts) + 1)):
                continue
        yield relative[:-len('.rst')], path


def _trees(paths, options):
    """[(directory or None, [(name, path)])] for the paths given: a
    directory is a tree of documents, a file stands alone."""
    trees = []
    for path in paths:
        path = pathlib.Path(path)
        if path.is_dir():
            trees.append((path, list(_tree_files(path, options.excluded))))
        else:
            trees.append((None, [(str(path), path)]))
    return trees


def _read_tree(files, known, options):
    documents = []
    for name, path in files:
        if not path.exists() and not path.is_symlink():
            documents.append(Document(name, path, [], [Report(
                str(path), 0, 'SC005', 'no such file')]))
            continue
        found, reports, doctree = _read(path, known, options.prompts)
        documents.append(Document(name, path, found, reports, doctree,
                                  pages.facts(found, options.settings)))
    return documents


def _order(directory, documents, options):
    """The documents of a tree: those of its toctree in reading order,
    then the others (as Sphinx reads them, each on its own), and the
    names of the first."""
    if directory is None:
        return documents, []
    by_name = {document.name: document for document in documents}
    includes = {document.name: rstread.includes(
        document.doctree, document.name, by_name)
        for document in documents if document.doctree is not None}
    order = pages.reading_order(options.root, includes, by_name)
    listed = set(order)
    return ([by_name[name] for name in order] +
            [document for document in documents
             if document.name not in listed]), order


def _check(parser, args, options):
    """{path: reports} and [(document, coverage)] of every path given."""
    rstread.register()
    known = blocks.known_directives()
    settings_ = options.settings
    external_on = args.external
    by_document = {}
    jobs = []
    everything = []
    for number, (directory, files) in enumerate(
            _trees(args.paths, options)):
        documents = _read_tree(files, known, options)
        documents, order = _order(directory, documents, options)
        key = f'{number}:'  # documents of two trees never meet
        named = {document.name: document for document in documents}
        result = pages.across(
            [(name, named[name].snippets, named[name].facts)
             for name in order], settings_, external_on,
            [(document.name, document.snippets) for document in documents
             if document.name not in order])
        for document in documents:
            document.key = key + document.name
            own = result.own.get(document.name) if result.own and \
                document.name in result.own else engine.check_snippets(
                    document.snippets, options.release, options.timeout)
            by_document[document.key] = {
                *document.reports, *own,
                *result.reports.get(document.name, ())}
            if external_on:
                jobs.extend(pages.document_jobs(
                    document.snippets, key + document.name, settings_))
            everything.append(document)
        if external_on:
            jobs.extend(_renamed(job, key) for job in result.jobs)
    if external_on:
        for name, reports in _external(parser, jobs, args,
                                       options.timeout).items():
            by_document.setdefault(name, set()).update(reports)
    return by_document, everything


def _renamed(job, key):
    """*job* with its documents named as the command line keys them."""
    places = tuple((source, line, key + document)
                   for source, line, document in job.places)
    return dataclasses.replace(job, places=places)


def _shown(report, options):
    if report.code in options.ignored:
        return False
    family = catalogue.family(report.code)
    return not ({'snippetcheck', f'snippetcheck.{family}'} &
                options.suppressed)


def _print_coverage(documents, options, external):
    judged = coverage.judge_all(
        [snippet for document in sorted(documents, key=lambda d: str(d.path))
         for snippet in document.snippets], options.release, external)
    for item in judged:
        print(item.render())
    print('snippetcheck coverage: ' + coverage.summarize(judged).render())


def main(argv=None):
    parser = _parser()
    args = parser.parse_args(argv)
    options = _options(parser, args)
    by_document, documents = _check(parser, args, options)
    found = 0
    printed = set()
    for document in sorted(documents, key=lambda d: str(d.path)):
        for report in sorted(by_document.get(document.key, ())):
            if not _shown(report, options) or report in printed:
                continue  # printed already: a block of an included file
            printed.add(report)
            print(report.render())
            found += 1
    if args.coverage:
        _print_coverage(documents, options, args.external)
    return 1 if found else 0
