"""Every internal link and anchor of the built HTML exists.

All .html files of the build are parsed; every href (and src) with no
scheme is resolved to a file of the build, and its #fragment, if any, to an
id (or a name) in that file.
"""

import html.parser
import posixpath
import urllib.parse

from tests import guide


class _Page(html.parser.HTMLParser):
    """The anchors (ids, names) and the link targets of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors = set()
        self.links = []   # (tag, attribute, value, line)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == 'id' or (tag == 'a' and name == 'name'):
                self.anchors.add(value)
            elif name in ('href', 'src') or (tag == 'object' and
                                              name == 'data'):
                self.links.append((tag, name, value, self.getpos()[0]))


def _parse(path):
    page = _Page()
    page.feed(path.read_text(encoding='utf-8'))
    page.close()
    return page


def _internal(value):
    """Whether a link stays in the build: no scheme, no host, not empty."""
    parts = urllib.parse.urlsplit(value)
    return not (parts.scheme or parts.netloc or value.startswith('/'))


def test_every_internal_link_and_anchor_exists(built):
    html, _env = built
    pages = {path.relative_to(html).as_posix(): path
             for path in sorted(html.rglob('*.html'))}
    parsed = {name: _parse(path) for name, path in pages.items()}
    broken = []
    links = anchors = 0
    for name, page in parsed.items():
        for tag, attribute, value, line in page.links:
            if not _internal(value):
                continue
            parts = urllib.parse.urlsplit(value)
            links += 1
            target = name
            if parts.path:
                target = posixpath.normpath(posixpath.join(
                    posixpath.dirname(name),
                    urllib.parse.unquote(parts.path)))
                if target.startswith('../') or not (html / target).is_file():
                    broken.append(f'{name}:{line}: <{tag} {attribute}='
                                  f'"{value}">: no file {target}')
                    continue
            fragment = urllib.parse.unquote(parts.fragment)
            if not fragment:
                continue
            anchors += 1
            if target not in parsed:
                broken.append(f'{name}:{line}: "{value}": #{fragment} in '
                              f'a file that is not HTML')
            elif fragment not in parsed[target].anchors:
                broken.append(f'{name}:{line}: "{value}": no id '
                              f'"{fragment}" in {target}')
    print(f'internal links: {len(pages)} pages, {links} links, '
          f'{anchors} anchors checked')
    assert not broken, '\n'.join(broken)
    assert {f'{page}.html' for page in guide.PAGES} <= set(pages)
    assert links > 1000 and anchors > 100, (links, anchors)
