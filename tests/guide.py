"""Builds of the whole guide, shared by the tests that inspect them."""

import configparser
import functools
import pathlib
import posixpath
import shlex
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / 'doc' / 'source'

#: Every page of the guide, in the toctree's reading order.
PAGES = (
    'index',
    'common/conventions',
    'overview',
    'intro-ha',
    'intro-ha-key-concepts',
    'intro-ha-common-tech',
    'intro-os-ha',
    'intro-os-ha-cluster',
    'intro-os-ha-state',
    'intro-os-ha-memcached',
    'cluster',
    'cluster-pacemaker',
    'cluster-fencing',
    'cluster-keepalived',
    'control-plane',
    'control-plane-stateless',
    'control-plane-stateful',
    'control-plane-galera',
    'control-plane-keystone-keys',
    'control-plane-coordination',
    'control-plane-tls',
    'networking-ha',
    'networking-ha-neutron-server',
    'networking-ha-ovn',
    'networking-ha-neutron-l3-analysis',
    'networking-ha-l3-agent',
    'storage-ha',
    'storage-ha-image',
    'storage-ha-block',
    'storage-ha-file-systems',
    'storage-ha-backend',
    'compute-node-ha',
    'monitoring',
    'testing',
    'backup-cold-start',
    'ref-arch-examples',
    'ha-community',
    'common/appendix',
    'common/app-support',
    'common/app-failover',
    'common/glossary',
    'common/snippets',
)


def sphinx_build(builder, out, *extra):
    """Run sphinx-build -W on the guide; return the finished process."""
    command = [sys.executable, '-m', 'sphinx', '-W', '--keep-going',
               '-b', builder, '-d', str(out / 'doctrees'), *extra,
               str(SOURCE), str(out / builder)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                          timeout=1800, check=False)


@functools.cache
def html_build(out):
    return sphinx_build('html', pathlib.Path(out))


def pdf_build(out):
    """Build the guide's PDF in *out*; return the PDF's path.

    The other PDFs LaTeX leaves there are the figures sphinx.ext.graphviz
    drew.
    """
    result = sphinx_build('latex', out)
    assert result.returncode == 0, result.stderr[-4000:]
    make = subprocess.run(['make', '-C', str(out / 'latex')],
                          capture_output=True, text=True, timeout=1800,
                          check=False)
    assert make.returncode == 0, make.stdout[-4000:]
    pdfs = sorted(p for p in (out / 'latex').glob('*.pdf')
                  if not p.name.startswith('graphviz-'))
    assert [p.name for p in pdfs] == ['doc-ha-guide.pdf']
    return pdfs[0]


def pdf_docs_copy():
    """Where tox -e pdf-docs copies the PDF: (source, target).

    Both are paths relative to the repository, as tox.ini writes them;
    the target is the PDF's own path in the HTML tree.
    """
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / 'tox.ini')
    copies = [shlex.split(line) for line in
              parser['testenv:pdf-docs']['commands'].splitlines()
              if line.split()[:1] == ['cp']]
    assert len(copies) == 1, copies
    _cp, source, target = copies[0]
    if target.endswith('/'):
        target += posixpath.basename(source)
    return source, target
