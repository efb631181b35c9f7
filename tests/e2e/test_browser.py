"""What readers see: the built guide in a real Chromium.

Every page loads cleanly, the navigation reaches every page, the search
finds what it should, every glossary link lands on its entry, figures and
highlighted code render. On a desktop (1280 pixels wide) and on a phone
(390): the title of every page is on the first screen, every figure opens
at full size, and every page has a visible way to the guide's own search;
screenshots of both are left for a person to look at under
doc/build/screenshots/.
"""

import collections
import urllib.parse

import pytest

from tests import guide
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.conftest import VIEWPORTS
from tests.e2e.conftest import at_width
from tests.e2e.conftest import docname_of
from tests.e2e.conftest import url_of


def _load(page, url, wait_until='networkidle'):
    """Open url; by default wait until the network is quiet, as the theme
    starts loading a script only when the page has loaded."""
    return page.goto(url, wait_until=wait_until)


@pytest.mark.parametrize('docname', guide.PAGES)
def test_page_loads_cleanly(browse, server, docname):
    page, recorder = browse
    response = _load(page, url_of(server, docname))
    assert response is not None and response.status == 200
    assert page.locator('h1').count() >= 1, f'{docname}: no title'
    assert not recorder.problems, '\n'.join(recorder.problems)


def _sidebar_links(page):
    return page.eval_on_selector_all(
        '.docs-sidebar-toc a.reference.internal',
        'links => links.map(a => [a.textContent.trim(), a.href])')


def test_sidebar_lists_every_chapter(browse, server, built):
    page, recorder = browse
    _html, env = built
    _load(page, url_of(server, 'index'))
    chapters = env.toctree_includes['index']
    listed = {docname_of(server, href): text
              for text, href in _sidebar_links(page)}
    for chapter in chapters:
        title = ' '.join(env.titles[chapter].astext().split())
        assert listed.get(chapter) == title, (chapter, title, listed)
    # Clicking each chapter in the sidebar opens it, with its title.
    for chapter in chapters:
        title = ' '.join(env.titles[chapter].astext().split())
        _load(page, url_of(server, 'index'), wait_until='load')
        link = page.locator('.docs-sidebar-toc a.reference.internal',
                            has_text=title).first
        link.click()
        page.wait_for_url(url_of(server, chapter))
        heading = ' '.join(page.locator('h1').first.inner_text().split())
        assert heading.rstrip('¶ ') == title, (chapter, heading)
    assert not recorder.problems, '\n'.join(recorder.problems)


def test_navigation_reaches_every_page(browse, server):
    """Following the sidebar and in-page toctree links reaches all pages."""
    page, recorder = browse
    reached, todo = set(), ['index']
    selector = ('.docs-sidebar-toc a.reference.internal, '
                '.toctree-wrapper a.reference.internal')
    while todo:
        docname = todo.pop()
        if docname in reached:
            continue
        reached.add(docname)
        _load(page, url_of(server, docname), wait_until='load')
        assert docname_of(server, page.url) == docname
        for href in page.eval_on_selector_all(
                selector, 'links => links.map(a => a.href)'):
            if href.startswith(server):
                target = docname_of(server, href)
                if target not in reached:
                    todo.append(target)
    assert reached == set(guide.PAGES), (
        f'not reached: {sorted(set(guide.PAGES) - reached)}; '
        f'unexpected: {sorted(reached - set(guide.PAGES))}')
    assert not recorder.problems, '\n'.join(recorder.problems)


def test_search_finds_quorum(browse, server):
    page, recorder = browse
    _load(page, urllib.parse.urljoin(server,
                                               'search.html?q=quorum'))
    page.wait_for_function(
        "() => (document.querySelector('#search-results .search-summary')"
        " || {}).textContent")
    summary = page.inner_text('#search-results .search-summary')
    assert 'found' in summary, summary
    results = page.eval_on_selector_all(
        '#search-results ul.search > li',
        'items => items.map(li => [li.querySelector("a").href,'
        ' li.textContent])')
    found = collections.defaultdict(str)
    for href, text in results:
        found[docname_of(server, href)] += text.lower()
    for docname in ('intro-ha-key-concepts', 'common/glossary'):
        assert docname in found, (docname, sorted(found))
        assert 'quorum' in found[docname], (docname, found[docname])
    # The glossary entry itself is among the results, as a term.
    assert any(urllib.parse.urlsplit(href).fragment == 'term-quorum'
               for href, _text in results), results
    # Following the result opens the page with "quorum" highlighted.
    page.locator('#search-results ul.search > li > a[href*='
                 '"intro-ha-key-concepts"]').first.click()
    page.wait_for_url('**/intro-ha-key-concepts.html**')
    highlighted = page.locator('span.highlighted', has_text='quorum')
    highlighted.first.wait_for(state='visible')
    assert not recorder.problems, '\n'.join(recorder.problems)


# The element of the id is laid out and at least partly on screen.
_IN_VIEW = '''id => {
    const e = document.getElementById(id);
    if (!e || getComputedStyle(e).visibility === 'hidden') return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0
        && r.top < window.innerHeight;
}'''


def test_every_term_link_lands_on_its_glossary_entry(browse, server):
    page, recorder = browse
    # Bootstrap scrolls smoothly to an anchor unless the reader asks for
    # reduced motion; ask for it, so each landing is checked at once.
    page.emulate_media(reduced_motion='reduce')
    clicked = total = 0
    for docname in guide.PAGES:
        _load(page, url_of(server, docname), wait_until='load')
        hrefs = page.eval_on_selector_all(
            'a.reference.internal[href*="#term-"]',
            'links => links.map(a => a.href)')
        total += len(hrefs)
        for href in dict.fromkeys(hrefs):   # each target once, in order
            if docname_of(server, page.url) != docname:
                page.go_back(wait_until='load')   # back/forward cache
            fragment = href.split('#', 1)[1]
            page.locator(f'a.reference.internal[href*="#term-"]'
                         f'[href$="#{fragment}"]').first.click()
            page.wait_for_url(href)
            assert docname_of(server, page.url) == 'common/glossary', href
            target = urllib.parse.unquote(fragment)
            page.wait_for_function(_IN_VIEW, arg=target, polling='raf')
            assert page.locator(f'[id="{target}"]').evaluate(
                'e => e.tagName') == 'DT', f'{href}: not a glossary entry'
            clicked += 1
    print(f'term links: {total} on the pages, {clicked} targets clicked')
    assert clicked >= 5 and total >= clicked
    assert not recorder.problems, '\n'.join(recorder.problems)


_FIGURES = ('figure img, figure svg, figure object, .graphviz img, '
            '.graphviz svg, .graphviz object, img.graphviz, object.graphviz')

_RENDERED = '''el => {
    const box = el.getBoundingClientRect();
    let inner = true;
    if (el.tagName === 'IMG') {
        inner = el.complete && el.naturalWidth > 0;
    } else if (el.tagName === 'OBJECT') {
        const doc = el.contentDocument;
        const svg = doc && doc.documentElement;
        inner = !!svg && svg.tagName.toLowerCase() === 'svg'
            && svg.getBoundingClientRect().width > 0;
    }
    return {tag: el.tagName, src: el.getAttribute('src')
                || el.getAttribute('data') || '',
            width: box.width, height: box.height, inner: inner};
}'''


def _figures(page):
    # <object> loads its SVG on its own: wait for each to finish.
    page.wait_for_function(
        "() => [...document.querySelectorAll('object')].every("
        "o => o.contentDocument && o.contentDocument.readyState"
        " === 'complete')")
    return [page.locator(_FIGURES).nth(i).evaluate(_RENDERED)
            for i in range(page.locator(_FIGURES).count())]


def test_figures_render(browse, server):
    page, recorder = browse
    seen = 0
    for docname in guide.PAGES:
        _load(page, url_of(server, docname), wait_until='load')
        for figure in _figures(page):
            assert figure['width'] > 0 and figure['height'] > 0, (
                docname, figure)
            assert figure['inner'], (docname, figure)
            seen += 1
    print(f'figures rendered: {seen}')
    assert not recorder.problems, '\n'.join(recorder.problems)


def test_reference_architecture_has_its_diagrams(browse, server):
    page, recorder = browse
    _load(page, url_of(server, 'ref-arch-examples'))
    graphs = page.locator('div.graphviz').count()
    assert graphs >= 2, f'ref-arch-examples: {graphs} diagrams, not >= 2'
    figures = _figures(page)
    assert len(figures) >= graphs, figures
    for figure in figures:
        assert figure['width'] > 0 and figure['height'] > 0, figure
        assert figure['inner'], figure
    assert not recorder.problems, '\n'.join(recorder.problems)


def _tokens(page, block):
    """Token classes and colours inside the code block(s) `block`."""
    return page.eval_on_selector_all(f'{block} .highlight pre', '''pres =>
        pres.map(pre => ({
            base: getComputedStyle(pre).color,
            tokens: [...pre.querySelectorAll('span[class]')].map(
                s => [s.className, getComputedStyle(s).color])}))''')


@pytest.mark.parametrize('block,keywords', [
    ('div.highlight-haproxy', {'k', 'kn', 'kd', 'kr', 'nb'}),
    ('div.highlight-ini', {'k', 'na', 'nn', 'nt'}),
])
def test_code_is_highlighted(browse, server, block, keywords):
    page, recorder = browse
    _load(page, url_of(server, 'control-plane-stateless'))
    blocks = _tokens(page, block)
    assert blocks, f'no {block} on control-plane-stateless'
    for pre in blocks:
        classes = {cls for cls, _colour in pre['tokens']}
        assert classes & keywords, (block, sorted(classes))
        # The tokens are coloured: the pygments style sheet applies.
        colours = {colour for _cls, colour in pre['tokens']}
        assert colours - {pre['base']}, (block, colours, pre['base'])
    assert not recorder.problems, '\n'.join(recorder.problems)


# -- At both widths ----------------------------------------------------------

_FIRST_SCREEN = '''() => {
    const title = document.querySelector('h1').getBoundingClientRect();
    const article = document.querySelector('.docs-body')
        .getBoundingClientRect();
    const sidebar = document.querySelector('.docs-sidebar')
        .getBoundingClientRect();
    return {top: title.top, bottom: title.bottom,
            screen: window.innerHeight, article: article.top,
            sidebar: sidebar.top, sidebarLeft: sidebar.left,
            articleLeft: article.left,
            scrollWidth: document.documentElement.scrollWidth,
            width: window.innerWidth};
}'''


@pytest.mark.parametrize('width', VIEWPORTS)
def test_every_title_is_on_the_first_screen(browse, server, width):
    """A reader sees the page's title without scrolling.

    On a phone the sidebar (the guide's table of contents) follows the
    page instead of coming before it, and no page is wider than the
    screen: a wide code block or table scrolls in its own box.
    """
    page, recorder = browse
    at_width(page, width)
    late = []
    for docname in (*guide.PAGES, 'search'):
        _load(page, url_of(server, docname), wait_until='load')
        where = page.evaluate(_FIRST_SCREEN)
        if not 0 <= where['top'] < where['bottom'] <= where['screen']:
            late.append(f'{docname}: title at {where["top"]:.0f} to '
                        f'{where["bottom"]:.0f} on a {where["screen"]} '
                        'pixel screen')
        # Side by side on a desktop; the sidebar below the page on a phone.
        assert where['scrollWidth'] <= where['width'], (docname, where)
        if width < 576:
            assert where['sidebar'] > where['article'], (docname, where)
        else:
            assert where['sidebarLeft'] < where['articleLeft'], (
                docname, where)
    assert not late, '\n'.join(late)
    assert not recorder.problems, '\n'.join(recorder.problems)


_FULL_SIZE = '''figure => {
    const image = figure.querySelector('object[data], img[src]');
    const source = new URL(image.getAttribute('data')
                           || image.getAttribute('src'), document.baseURI);
    const links = [...figure.querySelectorAll('a[href]')].filter(
        a => a.href === source.href);
    const shown = links.filter(a => {
        const box = a.getBoundingClientRect();
        return box.width > 0 && box.height > 0
            && getComputedStyle(a).visibility !== 'hidden';
    });
    return {source: source.href, links: links.length, shown: shown.length,
            width: image.getBoundingClientRect().width};
}'''


@pytest.mark.parametrize('width', VIEWPORTS)
def test_every_figure_opens_at_full_size(browse, server, width):
    """Each figure has a visible link to its image file, which loads."""
    page, recorder = browse
    at_width(page, width)
    seen = 0
    for docname in guide.PAGES:
        _load(page, url_of(server, docname), wait_until='load')
        figures = page.locator('figure:has(object[data], img[src])')
        for index in range(figures.count()):
            figure = figures.nth(index).evaluate(_FULL_SIZE)
            assert figure['shown'], (docname, figure)
            response = page.request.get(figure['source'])
            assert response.ok, (docname, figure, response.status)
            if figure['source'].endswith('.svg'):
                assert response.headers['content-type'].startswith(
                    'image/svg+xml'), (docname, response.headers)
            seen += 1
    print(f'figures with a full-size link at {width} pixels: {seen}')
    assert seen >= 2
    assert not recorder.problems, '\n'.join(recorder.problems)


@pytest.mark.parametrize('width', VIEWPORTS)
@pytest.mark.parametrize('docname', ['index', 'common/glossary'])
def test_the_guides_search_is_in_sight(browse, server, width, docname):
    """Every page links to the guide's own search (the header's box
    searches docs.openstack.org), on the first screen; it finds."""
    page, recorder = browse
    at_width(page, width)
    _load(page, url_of(server, docname), wait_until='load')
    link = page.get_by_role('link', name='Search this guide')
    assert link.count() == 1
    box = link.bounding_box()
    assert box and box['y'] + box['height'] <= VIEWPORTS[width]['height']
    link.click()
    page.wait_for_url('**/search.html')
    query = page.get_by_label('Search this guide for')
    query.fill('quorum')
    query.press('Enter')
    page.wait_for_function(
        "() => (document.querySelector('#search-results .search-summary')"
        " || {}).textContent")
    assert page.locator('#search-results ul.search > li a[href*='
                        '"term-quorum"]').count() >= 1
    assert not recorder.problems, '\n'.join(recorder.problems)


@pytest.mark.parametrize('width', VIEWPORTS)
@pytest.mark.parametrize('docname', [
    'control-plane-stateless', 'ref-arch-examples', 'common/glossary'])
def test_screenshot(browse, server, docname, width):
    """A code page, the reference architecture and the glossary, whole,
    as a reader sees them, for a person to look at."""
    page, recorder = browse
    at_width(page, width)
    _load(page, url_of(server, docname))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f'{docname.replace("/", "-")}-{width}.png'
    page.screenshot(path=str(path), full_page=True)
    data = path.read_bytes()
    assert data.startswith(b'\x89PNG\r\n\x1a\n')
    shot_width = int.from_bytes(data[16:20], 'big')
    shot_height = int.from_bytes(data[20:24], 'big')
    # The page fits the screen's width: nothing makes it scroll sideways.
    assert shot_width == width, (shot_width, width)
    assert shot_height >= VIEWPORTS[width]['height'], shot_height
    print(f'screenshot: {path} ({shot_width}x{shot_height})')
    assert not recorder.problems, '\n'.join(recorder.problems)
