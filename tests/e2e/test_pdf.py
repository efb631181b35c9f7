"""What readers of the PDF see: chapters, glossary, figures, real pages.

Builds the guide's PDF once (as tox -e pdf-docs does) and reads it with
poppler-utils: the text holds every chapter title and glossary entry, the
reference architecture diagrams are drawn on the pages of their captions,
and the first pages render to images that are not blank. Placed in the
HTML tree where tox -e pdf-docs puts it, the PDF is what the PDF link of
every page opens.
"""

import pathlib
import pickle
import re
import shutil
import struct
import subprocess
import zlib

import pytest

from tests import guide
from tests.e2e.conftest import _missing
from tests.e2e.conftest import url_of

TOOLS = ('xelatex', 'latexmk', 'make', 'pdftotext', 'pdftoppm', 'pdftocairo')


@pytest.fixture(scope='module')
def pdf(tmp_path_factory):
    absent = [tool for tool in TOOLS if shutil.which(tool) is None]
    if absent:
        _missing(f'no TeX toolchain or poppler-utils ({", ".join(absent)} '
                 'missing); install the pdf-docs packages of bindep.txt')
    out = tmp_path_factory.mktemp('e2e-pdf')
    return out, guide.pdf_build(out)


def _run(*command):
    return subprocess.run(command, capture_output=True, text=True,
                          check=True, timeout=300).stdout


def _words(text):
    return ' '.join(text.split())


def _pages(path):
    """The text of each page (pdftotext ends each page with a form feed)."""
    return [_words(page) for page in _run('pdftotext', str(path), '-')
            .split('\f')]


def _doctree(out, docname):
    with open(out / 'doctrees' / f'{docname}.doctree', 'rb') as stream:
        return pickle.load(stream)


def test_pdf_holds_every_chapter_and_the_glossary(pdf):
    from docutils import nodes

    out, path = pdf
    with open(out / 'doctrees' / 'environment.pickle', 'rb') as stream:
        env = pickle.load(stream)
    text = ' '.join(_pages(path))
    for page in guide.PAGES:
        title = _words(env.titles[page].astext())
        assert title in text, (page, title)
    # The glossary is there, entry by entry.
    assert _words(env.titles['common/glossary'].astext()) == 'Glossary'
    terms = [_words(term.astext()) for term in
             _doctree(out, 'common/glossary').findall(nodes.term)]
    assert len(terms) >= 30
    missing = [term for term in terms if term not in text]
    assert not missing, f'glossary entries not in the PDF: {missing}'


def _paths(pdf_path, page=None):
    """How many vector paths (not glyphs) are drawn on a page."""
    svg = pdf_path.with_name(f'{pdf_path.stem}-{page or 1}.svg')
    pages = ['-f', str(page), '-l', str(page)] if page else []
    subprocess.run(['pdftocairo', '-svg', *pages, str(pdf_path), str(svg)],
                   check=True, timeout=300, capture_output=True)
    body = re.sub(r'<defs>.*?</defs>', '', svg.read_text(encoding='utf-8'),
                  flags=re.S)
    return body.count('<path')


def test_pdf_draws_the_reference_architecture_figures(pdf):
    from docutils import nodes

    out, path = pdf
    doctree = _doctree(out, 'ref-arch-examples')
    captions = [_words(caption.astext()) for figure in
                doctree.findall(nodes.figure)
                for caption in figure.findall(nodes.caption)]
    assert len(captions) >= 2, f'ref-arch-examples: captions {captions}'
    pages = _pages(path)
    # Each caption is printed, as a numbered figure.
    caption_pages = {}
    for caption in captions:
        found = [number for number, text in enumerate(pages, 1)
                 if re.search(r'Fig\. [\d.]+: ' + re.escape(caption), text)]
        assert found, f'caption not in the PDF: {caption}'
        caption_pages[caption] = found[0]
    # Each diagram LaTeX includes (graphviz's own PDF) is drawn on the page
    # of a caption: every word the diagram shows is on that page, and the
    # page has at least as many vector paths as the diagram alone.
    tex = (out / 'latex' / 'doc-ha-guide.tex').read_text(encoding='utf-8')
    included = re.findall(r'\\sphinxincludegraphics(?:\[[^]]*\])?'
                          r'\{(graphviz-[0-9a-f]+\.pdf)\}', tex)
    assert len(included) >= len(captions), included
    drawn = {}
    for name in included:
        figure = out / 'latex' / name
        words = _run('pdftotext', str(figure), '-').split()
        assert len(words) >= 10, f'{name}: a diagram with no labels'
        for caption, number in caption_pages.items():
            on_page = set(pages[number - 1].split())
            if all(word in on_page for word in words):
                assert _paths(path, number) >= _paths(figure), (
                    f'{name}: page {number} ({caption}) lacks its drawing')
                drawn[caption] = name
                break
        else:
            pytest.fail(f'{name}: its labels are on no caption page')
    assert set(drawn) == set(captions), (drawn, captions)
    print(f'PDF figures: {drawn} on pages {caption_pages}')


def _png_pixels(data):
    """Grey levels of an 8-bit, non-interlaced PNG (what pdftoppm writes)."""
    assert data[:8] == b'\x89PNG\r\n\x1a\n'
    chunks, offset = {}, 8
    while offset < len(data):
        length, kind = struct.unpack('>I4s', data[offset:offset + 8])
        chunks.setdefault(kind, b'')
        chunks[kind] += data[offset + 8:offset + 8 + length]
        offset += 12 + length
    width, height, depth, colour, _c, _f, interlace = struct.unpack(
        '>IIBBBBB', chunks[b'IHDR'])
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    assert depth == 8 and interlace == 0, (depth, interlace)
    raw = zlib.decompress(chunks[b'IDAT'])
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = (abs(guess - left), abs(guess - up),
                              abs(guess - corner))
                best = left if pa <= pb and pa <= pc else (
                    up if pb <= pc else corner)
                line[x] = (line[x] + best) & 0xFF
        rows.append(line)
        previous = line
    grey = []
    for line in rows:
        for x in range(0, stride, channels):
            grey.append(sum(line[x:x + min(channels, 3)]) //
                        min(channels, 3))
    return width, height, grey


def test_pdf_first_pages_are_not_blank(pdf):
    out, path = pdf
    prefix = out / 'first'
    _run('pdftoppm', '-r', '50', '-f', '1', '-l', '3', '-png', str(path),
         str(prefix))
    images = sorted(out.glob('first-*.png'))
    assert len(images) == 3, images
    for image in images:
        width, height, grey = _png_pixels(image.read_bytes())
        assert width > 300 and height > 400, (image.name, width, height)
        mean = sum(grey) / len(grey)
        spread = (sum((g - mean) ** 2 for g in grey) / len(grey)) ** 0.5
        ink = sum(g < 128 for g in grey) / len(grey)
        print(f'{image.name}: {width}x{height}, grey spread {spread:.1f}, '
              f'ink {ink:.2%}')
        assert spread > 5 and ink > 0.001, (
            f'{image.name} looks blank: spread {spread:.1f}, ink {ink:.2%}')


def test_the_pdf_link_of_every_page_opens_the_pdf(pdf, built, browse,
                                                  server):
    """After tox -e docs and tox -e pdf-docs the PDF links are not dead.

    The PDF goes where tox -e pdf-docs copies it; the theme's two PDF
    links (title row and foot of the page) of a top page and of a page in
    a subdirectory lead to it, on a server with a port.
    """
    _out, path = pdf
    html, _env = built
    _source, target = guide.pdf_docs_copy()
    relative = pathlib.PurePosixPath(target).relative_to('doc/build/html')
    (html / relative).write_bytes(path.read_bytes())
    page, recorder = browse
    for docname in ('index', 'common/glossary'):
        page.goto(url_of(server, docname), wait_until='load')
        links = page.eval_on_selector_all(
            '#pdfLink1, #pdfLink2', 'links => links.map(a => a.href)')
        assert len(links) == 2, (docname, links)
        for href in links:
            assert href == server + str(relative), (docname, href)
            response = page.request.get(href)
            assert response.ok, (href, response.status)
            assert response.body().startswith(b'%PDF-'), href
    assert not recorder.problems, '\n'.join(recorder.problems)
