"""The guide builds as a PDF that holds every chapter."""

import pickle
import shutil
import subprocess

import pytest

from tests import guide

TEX = ('xelatex', 'latexmk', 'make')
missing = [tool for tool in TEX if shutil.which(tool) is None]
pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    bool(missing),
    reason=f'no TeX toolchain ({", ".join(missing)} missing); install the '
           'pdf-docs packages of bindep.txt')]


@pytest.fixture(scope='module')
def pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp('pdf')
    return out, guide.pdf_build(out)


def _text(path):
    if shutil.which('pdftotext') is None:
        pytest.skip('pdftotext missing; install poppler-utils')
    return subprocess.run(['pdftotext', '-layout', str(path), '-'],
                          capture_output=True, text=True, check=True,
                          timeout=120).stdout


def test_pdf_has_more_than_20_pages(pdf):
    _out, path = pdf
    if shutil.which('pdfinfo') is None:
        pytest.skip('pdfinfo missing; install poppler-utils')
    info = subprocess.run(['pdfinfo', str(path)], capture_output=True,
                          text=True, check=True, timeout=120).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines()
                     if line.startswith('Pages:')))
    assert pages > 20


def test_pdf_holds_every_chapter_title(pdf):
    out, path = pdf
    with open(out / 'doctrees' / 'environment.pickle', 'rb') as stream:
        env = pickle.load(stream)
    text = ' '.join(_text(path).split())
    for page in guide.PAGES:
        title = ' '.join(env.titles[page].astext().split())
        assert title in text, (page, title)
    assert 'Glossary' in text
