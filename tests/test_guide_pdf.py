"""The guide builds as a PDF that holds every chapter, and reads well.

The PDF is built once for the module (as tox -e pdf-docs does) and read
back with poppler-utils (pdfinfo, pdftotext, pdftoppm) and pdfminer.six:

- code can be read in print and on screen: every monospaced text run is
  measured against the pixels it is drawn on;
- wrapped code lines break at spaces (or after a comma of a list), with a
  visible mark, and the code lines of the PDF are the guide's code lines;
- nothing runs past the margins or out of a table cell, no page is blank;
- the PDF carries its title, language and bookmarks;
- tox -e pdf-docs puts the PDF where the HTML's PDF link points.
"""

import collections
import configparser
import importlib.util
import os
import pickle
import re
import shlex
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

#: WCAG 2 contrast ratios: the minimum for body text (AA), and the floor
#: below which no run of code may fall at all.
CONTRAST_AA = 4.5
CONTRAST_FLOOR = 3.0
#: The share of monospaced runs that may sit between the two.
CONTRAST_SLACK = 0.01
#: Resolution the pages are rendered at to find what text is drawn on.
DPI = 100

#: What LaTeX (sphinxsetup verbatimvisiblespace) draws at the end of a code
#: line wrapped at a space.
VISIBLE_SPACE = '\u2423'
#: The characters after which a token too long for a line may wrap
#: (doc/source/_ext/reading.py).
SOFT_BREAKS = ',;:?&'


@pytest.fixture(scope='module')
def pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp('pdf')
    return out, guide.pdf_build(out)


def _tool(name):
    if shutil.which(name) is None:
        _absent(f'{name} missing; install poppler-utils')


def _absent(reason):
    """Skip where a tool is absent; in CI (CI set) that is a failure."""
    if os.environ.get('CI'):
        pytest.fail(f'{reason} (CI must install it)', pytrace=False)
    pytest.skip(reason)


def _text(path):
    _tool('pdftotext')
    return subprocess.run(['pdftotext', '-layout', str(path), '-'],
                          capture_output=True, text=True, check=True,
                          timeout=120).stdout


def _info(path):
    _tool('pdfinfo')
    return subprocess.run(['pdfinfo', str(path)], capture_output=True,
                          text=True, check=True, timeout=120).stdout


def _env(out):
    with open(out / 'doctrees' / 'environment.pickle', 'rb') as stream:
        return pickle.load(stream)


def test_pdf_has_more_than_20_pages(pdf):
    _out, path = pdf
    info = _info(path)
    pages = int(next(line.split()[-1] for line in info.splitlines()
                     if line.startswith('Pages:')))
    assert pages > 20


def test_pdf_holds_every_chapter_title(pdf):
    out, path = pdf
    env = _env(out)
    text = ' '.join(_text(path).split())
    for page in guide.PAGES:
        title = ' '.join(env.titles[page].astext().split())
        assert title in text, (page, title)
    assert 'Glossary' in text


# -- Reading the PDF with pdfminer.six ---------------------------------------

Page = collections.namedtuple('Page', 'number height chars fills')


@pytest.fixture(scope='module')
def layout(pdf):
    """Every page of the PDF: its glyphs and its filled shapes."""
    try:
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.layout import LTChar
        from pdfminer.layout import LTCurve
        from pdfminer.pdfinterp import PDFPageInterpreter
        from pdfminer.pdfinterp import PDFResourceManager
        from pdfminer.pdfpage import PDFPage
    except ImportError:
        _absent('pdfminer.six missing; pip install -r test-requirements.txt')
    _out, path = pdf
    manager = PDFResourceManager()
    # No layout analysis: the glyphs as the content streams draw them.
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    with open(path, 'rb') as stream:
        for number, page in enumerate(PDFPage.get_pages(stream), 1):
            interpreter.process_page(page)
            items = list(device.get_result())
            pages.append(Page(
                number, device.get_result().height,
                [item for item in items if isinstance(item, LTChar)],
                [item for item in items
                 if isinstance(item, LTCurve) and item.fill]))
    return pages


def _rgb(colour):
    """An sRGB triple (0..1) of a pdfminer colour, or None."""
    if colour is None:
        return None
    if isinstance(colour, (int, float)):
        colour = (colour,)
    colour = tuple(float(value) for value in colour)
    if len(colour) == 1:
        return colour * 3
    if len(colour) == 3:
        return colour
    if len(colour) == 4:
        *cmy, black = colour
        return tuple((1 - value) * (1 - black) for value in cmy)
    return None


def _luminance(rgb):
    def channel(value):
        if value <= 0.04045:
            return value / 12.92
        return ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    """The WCAG 2 contrast ratio of two sRGB colours."""
    light, dark = sorted((_luminance(first), _luminance(second)),
                         reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_ratio_matches_wcag_examples():
    assert contrast((0, 0, 0), (1, 1, 1)) == pytest.approx(21)
    assert contrast((1, 1, 1), (1, 1, 1)) == pytest.approx(1)
    # #767676 on white is the classic lightest grey that passes AA.
    grey = (0x76 / 255,) * 3
    assert contrast(grey, (1, 1, 1)) == pytest.approx(4.54, abs=0.01)


def _monospaced(char):
    return 'Mono' in char.fontname


def _baseline(char):
    return round(char.matrix[5], 1)


def _runs(page):
    """The monospaced text runs of a page.

    A run is a sequence of glyphs drawn one after the other on one
    baseline in one font and one colour, left to right: a token of
    highlighted code, or a piece of inline code in the text.
    """
    run = None
    for char in page.chars:
        if not _monospaced(char):
            if run:
                yield run
            run = None
            continue
        key = (char.fontname, _rgb(char.graphicstate.ncolor))
        if (run and run['key'] == key
                and _baseline(char) == run['baseline']
                and char.x0 >= run['x1'] - 0.5):
            run['text'] += char.get_text()
            run['x1'] = max(run['x1'], char.x1)
            run['top'] = max(run['top'], char.y1)
            run['bottom'] = min(run['bottom'], char.y0)
            continue
        if run:
            yield run
        run = {'key': key, 'baseline': _baseline(char),
               'text': char.get_text(), 'x0': char.x0, 'x1': char.x1,
               'top': char.y1, 'bottom': char.y0}
    if run:
        yield run


def _render(path, number, prefix):
    """Page `number` of the PDF as (width, height, RGB bytes)."""
    _tool('pdftoppm')
    subprocess.run(['pdftoppm', '-r', str(DPI), '-f', str(number),
                    '-l', str(number), '-singlefile', str(path),
                    str(prefix)],
                   check=True, timeout=120, capture_output=True)
    image = prefix.with_suffix('.ppm')
    data = image.read_bytes()
    image.unlink()
    magic, width, height, _depth, pixels = data.split(maxsplit=4)
    assert magic == b'P6', magic
    return int(width), int(height), pixels


def _background(run, page, image):
    """The colour most of the run's box is painted in, as sRGB."""
    width, height, pixels = image
    scale = DPI / 72
    left, right = int(run['x0'] * scale), int(run['x1'] * scale) + 1
    top = int((page.height - run['top']) * scale)
    bottom = int((page.height - run['bottom']) * scale) + 1
    counts = collections.Counter()
    for y in range(max(top, 0), min(bottom, height)):
        row = y * width * 3
        for x in range(max(left, 0), min(right, width)):
            counts[pixels[row + 3 * x:row + 3 * x + 3]] += 1
    colour = counts.most_common(1)[0][0]
    return tuple(value / 255 for value in colour)


def test_code_in_the_pdf_is_readable(pdf, layout, tmp_path):
    """Every monospaced run against the pixels it is drawn on.

    Each page with monospaced text is rendered with poppler; the
    background of a run is the colour most of its box is painted in, its
    text colour the fill colour the PDF draws it with.
    """
    _out, path = pdf
    measured = []
    for page in layout:
        runs = list(_runs(page))
        if not runs:
            continue
        image = _render(path, page.number, tmp_path / 'page')
        for run in runs:
            text_colour = run['key'][1]
            assert text_colour is not None, (page.number, run['text'])
            ratio = contrast(text_colour, _background(run, page, image))
            measured.append((ratio, page.number, run['text'],
                             run['key'][0]))
    low = sorted(entry for entry in measured if entry[0] < CONTRAST_AA)
    unreadable = [entry for entry in low if entry[0] < CONTRAST_FLOOR]
    lowest = min(measured)[0]
    print(f'PDF code contrast: {len(measured)} monospaced runs, '
          f'{len(low)} below {CONTRAST_AA}:1 '
          f'({len(low) / len(measured):.1%}), {len(unreadable)} below '
          f'{CONTRAST_FLOOR}:1, lowest {lowest:.2f}:1')
    assert len(measured) > 500, 'too few monospaced runs: not the guide?'
    examples = '\n'.join(f'{ratio:.2f}:1 page {number} {font}: {text!r}'
                         for ratio, number, text, font in low[:20])
    assert not unreadable, f'code below {CONTRAST_FLOOR}:1:\n{examples}'
    assert len(low) <= CONTRAST_SLACK * len(measured), (
        f'{len(low)} runs below {CONTRAST_AA}:1:\n{examples}')


# -- Code lines --------------------------------------------------------------

def _code_background(out):
    """The colour of the code boxes, from the sphinxsetup of the .tex."""
    tex = (out / 'latex' / 'doc-ha-guide.tex').read_text(encoding='utf-8')
    found = re.search(r'VerbatimColor=\{HTML\}\{([0-9A-Fa-f]{6})\}', tex)
    assert found, 'conf.py sets no VerbatimColor={HTML}{...}'
    value = found.group(1)
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))


def _inside(char, boxes):
    x, y = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
    return any(left <= x <= right and bottom <= y <= top
               for left, bottom, right, top in boxes)


def _is_wrap_mark(char):
    # sphinxsetup verbatimcontinued: \hookrightarrow, drawn with the math
    # fonts (a hook from cmmi, an arrow from cmsy).
    return 'CMMI' in char.fontname or 'CMSY' in char.fontname


def _code_line(chars, boxes):
    """(text, continues the line before) of a line in a code box, or None.

    A code line is monospaced, inside a code box, with at most line
    numbers and the wrap mark to its left. Spaces are not drawn: they are
    counted from the gaps between glyphs (monospaced glyphs all advance
    by the same width).
    """
    mono = [char for char in chars if _monospaced(char)]
    if not mono or not all(_inside(char, boxes) for char in mono):
        return None
    lead = [char for char in chars if not _monospaced(char)]
    if any(char.x0 >= mono[0].x0 for char in lead):
        return None
    marks = [char for char in lead if _is_wrap_mark(char)]
    if any(char not in marks and not char.get_text().isdigit()
           for char in lead):
        return None
    text, before = '', None
    for char in mono:
        if before is not None and before.adv:
            gap = (char.x0 - before.x1) / before.adv
            text += ' ' * max(0, round(gap))
        text += char.get_text()
        before = char
    return text, bool(marks)


def _pdf_code_lines(layout, colour):
    """The logical code lines of the PDF: [(page, [parts])].

    A line that starts with the wrap mark continues the code line before
    it (on the same page or, after a page break, on the one before).
    """
    lines = []
    for page in layout:
        boxes = [shape.bbox for shape in page.fills
                 if (_rgb(shape.non_stroking_color) or ()) and all(
                     abs(value - expected) < 0.004 for value, expected
                     in zip(_rgb(shape.non_stroking_color), colour,
                            strict=True))]
        rows = collections.defaultdict(list)
        for char in page.chars:
            rows[_baseline(char)].append(char)
        for baseline in sorted(rows, reverse=True):
            line = _code_line(sorted(rows[baseline], key=lambda c: c.x0),
                              boxes)
            if line is None:
                continue
            text, continued = line
            if continued:
                assert lines, f'page {page.number}: a wrap mark first'
                lines[-1][1].append(text)
            else:
                lines.append((page.number, [text]))
    return lines


def _words(text):
    return ' '.join(text.split())


def _source_code_lines(out):
    """Every non-blank line of every code block of the guide."""
    from docutils import nodes

    env = _env(out)
    lines = set()
    for docname in env.found_docs:
        with open(out / 'doctrees' / f'{docname}.doctree', 'rb') as stream:
            doctree = pickle.load(stream)
        for block in doctree.findall(nodes.literal_block):
            lines.update(_words(line) for line in
                         block.astext().splitlines() if line.strip())
    return lines


def _reading():
    """The guide's own Sphinx extension, doc/source/_ext/reading.py."""
    spec = importlib.util.spec_from_file_location(
        'reading', guide.SOURCE / '_ext' / 'reading.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _token_at(text, offset):
    """The whitespace-delimited token of text that spans offset."""
    start = text.rfind(' ', 0, offset) + 1
    end = text.find(' ', offset)
    return text[start:end if end >= 0 else len(text)]


def _in_placeholder(text, offset):
    return bool(re.search(r'<[A-Za-z][\w.-]*( [\w.-]+)*$', text[:offset])
                and re.match(r'[\w. -]*>', text[offset:]))


def test_code_lines_wrap_between_tokens(pdf, layout):
    """Compare the code lines of the PDF with the guide's code blocks.

    A line too long for the page wraps at a space (LaTeX shows a visible
    space at its end), and the next line starts with the wrap mark. So
    every token a reader copies (a name, a placeholder, a URL, an
    option=value) is whole on one line. Only a token too long for any
    line may wrap inside, after a comma, semicolon, colon, question mark
    or ampersand of it, with the same mark. Each code line of the PDF,
    with its continuations, is a line of a code block of the guide:
    nothing is cut, hidden or lost.
    """
    out, _path = pdf
    long_token = _reading().LONG_TOKEN
    source = _source_code_lines(out)
    lines = _pdf_code_lines(layout, _code_background(out))
    bad_breaks, unknown, found = [], [], set()
    wrapped = 0
    for number, parts in lines:
        text, breaks = '', []
        for index, part in enumerate(parts):
            part = part.strip()
            if index < len(parts) - 1:
                at_space = part.endswith(VISIBLE_SPACE)
                if at_space:
                    part = part[:-1] + ' '
                breaks.append((len(text) + len(part), at_space, part,
                               parts[index + 1].strip()))
            text += part
        wrapped += len(parts) > 1
        for offset, at_space, before, after in breaks:
            where = f'page {number}: {before!r} / {after!r}'
            if at_space and _in_placeholder(text, offset - 1):
                bad_breaks.append(f'{where} (inside a placeholder)')
            elif not at_space and (
                    before[-1:] not in SOFT_BREAKS
                    or len(_token_at(text, offset)) <= long_token):
                bad_breaks.append(where)
        logical = _words(text)
        # Blocks with line numbers: the number is drawn before the line.
        numbered = re.match(r'\d+ (.*)', logical)
        if logical in source:
            found.add(logical)
        elif numbered and numbered.group(1) in source:
            found.add(numbered.group(1))
        else:
            unknown.append(f'page {number}: {logical!r}')
    print(f'PDF code lines: {len(lines)} ({wrapped} wrapped), '
          f'{len(found)} of the {len(source)} distinct source lines found')
    assert not bad_breaks, 'lines wrapped inside a token:\n' + '\n'.join(
        bad_breaks)
    assert not unknown, ('PDF code lines that are no line of the guide '
                         '(cut without a mark, or lost):\n' +
                         '\n'.join(unknown[:30]))
    # The reading finds the code: not a test that passes on nothing.
    assert len(found) >= 0.95 * len(source), sorted(source - found)[:30]
    assert wrapped, 'no wrapped line found: is the wrap mark recognized?'


# -- Pages, margins, metadata ------------------------------------------------

def test_nothing_runs_past_the_margins(pdf):
    """LaTeX reports no overfull line: no code line, table cell or word
    sticks out of its column or off the page.

    A table whose column is too narrow for an unbreakable word (a long
    name in inline code) takes LaTeX column widths, such as
    ``.. tabularcolumns:: \\X{27}{100}\\X{26}{100}\\X{47}{100}``.
    """
    _out, path = pdf
    log = path.with_suffix('.log').read_text(encoding='utf-8',
                                             errors='replace')
    lines = log.splitlines()
    overfull = [f'{line} {" ".join(lines[index + 1:index + 3])}'
                for index, line in enumerate(lines)
                if line.startswith('Overfull \\hbox')]
    assert not overfull, '\n'.join(overfull)


def test_no_page_is_blank(pdf, tmp_path):
    """Every page has ink between its running head and its foot."""
    _out, path = pdf
    _tool('pdftoppm')
    subprocess.run(['pdftoppm', '-r', '50', '-gray', str(path),
                    str(tmp_path / 'page')],
                   check=True, timeout=300, capture_output=True)
    images = sorted(tmp_path.glob('page-*.pgm'))
    assert len(images) > 20
    blank = []
    for image in images:
        magic, width, height, _depth, pixels = image.read_bytes().split(
            maxsplit=4)
        assert magic == b'P5', magic
        width, height = int(width), int(height)
        # The head and its rule are in the top tenth of an A4 page, the
        # foot in the bottom tenth.
        body = pixels[int(height * 0.1) * width:int(height * 0.9) * width]
        if sum(value < 128 for value in body) < 10:
            blank.append(image.name)
    assert not blank, f'blank pages: {blank}'


def test_pdf_carries_title_language_and_bookmarks(pdf):
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    out, path = pdf
    info = _info(path)
    assert re.search(r'^Title:\s+OpenStack High Availability Guide$', info,
                     re.M), info
    with open(path, 'rb') as stream:
        document = PDFDocument(PDFParser(stream))
        catalog = document.catalog
        assert resolve1(catalog.get('Lang')) == b'en-US'
        preferences = resolve1(catalog.get('ViewerPreferences')) or {}
        assert resolve1(preferences.get('DisplayDocTitle')) is True
        outline = [(level, title) for level, title, *_rest in
                   document.get_outlines()]
    env = _env(out)
    chapters = [' '.join(env.titles[name].astext().split())
                for name in env.toctree_includes['index']]
    assert [title for level, title in outline if level == 1][
        :len(chapters)] == chapters
    assert len(outline) > 2 * len(chapters), 'sections are not bookmarked'


# -- Where the PDF goes ------------------------------------------------------

def test_pdf_docs_puts_the_pdf_where_the_html_links():
    """tox -e pdf-docs copies the PDF to the root of the HTML tree.

    openstackdocstheme links every page to doc-<repository>.pdf at the root
    of the HTML tree, where docs.openstack.org serves it; the e2e tests
    follow that link to the file (tests/e2e/test_pdf.py).
    """
    source, target = guide.pdf_docs_copy()
    assert source == 'doc/build/pdf/doc-ha-guide.pdf'
    assert target == 'doc/build/html/doc-ha-guide.pdf'
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(guide.ROOT / 'tox.ini')
    commands = [shlex.split(line) for line in
                parser['testenv:pdf-docs']['commands'].splitlines()
                if line.strip()]
    # The PDF is built where it is copied from.
    assert ['make', '-C', 'doc/build/pdf'] in commands
    latex = next(command for command in commands
                 if command[:1] == ['sphinx-build'])
    assert latex[-1] == 'doc/build/pdf' and 'latex' in latex
