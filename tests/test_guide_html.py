"""The whole guide builds as HTML with -W, and every page is whole."""

import html.parser
import pathlib
import pickle
import re

import pytest

from tests import guide

pytestmark = pytest.mark.slow


@pytest.fixture(scope='module')
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp('guide')
    result = guide.html_build(str(out))
    return out, result


class Links(html.parser.HTMLParser):
    """Collects links, ids and the text of each link of one page."""

    def __init__(self):
        super().__init__()
        self.links = []   # (href, classes, text)
        self.ids = set()
        self._open = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if 'id' in attrs:
            self.ids.add(attrs['id'])
        if tag == 'a':
            self._open = [attrs.get('href'), attrs.get('class') or '', '']

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data

    def handle_endtag(self, tag):
        if tag == 'a' and self._open is not None:
            self.links.append(tuple(self._open))
            self._open = None


def parse(path):
    parser = Links()
    parser.feed(path.read_text(encoding='utf-8'))
    return parser


def test_builds_without_warnings(built):
    _out, result = built
    assert result.returncode == 0, result.stderr[-4000:]
    assert 'WARNING' not in result.stderr, result.stderr[-4000:]


def test_every_page_is_in_the_toctree(built):
    out, _result = built
    with open(out / 'doctrees' / 'environment.pickle', 'rb') as stream:
        env = pickle.load(stream)
    reachable, todo = set(), ['index']
    while todo:
        docname = todo.pop()
        if docname in reachable:
            continue
        reachable.add(docname)
        todo.extend(env.toctree_includes.get(docname, ()))
    assert set(guide.PAGES) <= reachable
    assert set(env.all_docs) == set(guide.PAGES)


def test_every_page_has_its_html(built):
    out, _result = built
    for page in guide.PAGES:
        assert (out / 'html' / f'{page}.html').is_file(), page


def test_no_empty_or_broken_link(built):
    out, _result = built
    for page in guide.PAGES:
        path = out / 'html' / f'{page}.html'
        for href, classes, text in parse(path).links:
            if 'reference' not in classes:
                continue
            assert href, f'{page}: link "{text}" has no target'
            assert text.strip(), f'{page}: link to {href} has no text'
            if 'external' in classes:
                assert re.match(r'(https?|mailto|irc)://?', href), (
                    f'{page}: external link "{text}" goes to "{href}"')


def test_every_term_resolves_to_a_glossary_entry(built):
    out, _result = built
    glossary = parse(out / 'html' / 'common' / 'glossary.html')
    terms = {i for i in glossary.ids if i.startswith('term-')}
    assert len(terms) >= 30
    seen = 0
    for page in guide.PAGES:
        path = out / 'html' / f'{page}.html'
        text = path.read_text(encoding='utf-8')
        # Each :term: renders as a std-term span; a resolved one sits in
        # a link to the glossary, an unresolved one stands alone.
        spans = text.count('<span class="xref std std-term">')
        links = 0
        for href, _classes, _text in parse(path).links:
            if href and '#term-' in href:
                target, anchor = href.split('#', 1)
                resolved = (path.parent / target).resolve() if target \
                    else path.resolve()
                assert resolved == (out / 'html' / 'common' /
                                    'glossary.html').resolve()
                assert anchor in terms, (page, href)
                links += 1
        if page != 'common/glossary':
            assert spans == links, f'{page}: unresolved :term:'
        seen += links
    assert seen >= 5


def test_rabbitmq_install_commands_are_shown(built):
    out, _result = built
    text = (out / 'html' / 'control-plane-stateful.html').read_text(
        encoding='utf-8')
    for command in ('apt-get install rabbitmq-server',
                    'zypper install rabbitmq-server'):
        assert command in re.sub(r'<[^>]+>', '', text), command


def test_glossary_defines_the_vocabulary(built):
    out, _result = built
    glossary = parse(out / 'html' / 'common' / 'glossary.html')
    for term in ('quorum', 'fencing', 'stonith', 'split-brain',
                 'pacemaker', 'corosync', 'haproxy', 'keepalived',
                 'quorum-queue', 'galera-cluster'):
        assert any(i.lower().startswith(f'term-{term}')
                   for i in glossary.ids), term


def test_sources_have_no_dropped_angle_brackets():
    # The seed lost every "<...>": a link written `text `_ is the trace.
    for path in pathlib.Path(guide.SOURCE).rglob('*.rst'):
        text = path.read_text(encoding='utf-8')
        assert not re.search(r'[^\s`] `_', text), path
        assert not re.search(r':ref:`[^`<]+ `', text), path
