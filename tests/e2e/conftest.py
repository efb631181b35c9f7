"""Fixtures of the end-to-end tests: the built guide, served and browsed.

The guide is built as HTML once per session (tests/guide.py), served from
127.0.0.1 on a free port, and read by a real Chromium (Debian's
``chromium``) driven by Playwright. No request leaves the machine: every
request to another host than the local server fails (see CHROMIUM_ARGS),
and is recorded.
"""

import collections
import contextlib
import functools
import http.server
import os
import pathlib
import pickle
import shutil
import threading
import urllib.parse
import warnings

import pytest

from tests import guide

#: Debian's Chromium; Playwright may not download a browser of its own.
CHROMIUM = os.environ.get('E2E_CHROMIUM', '/usr/bin/chromium')
CHROMIUM_ARGS = [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
    # Nothing leaves the machine: no host name resolves, and every
    # request but those to the loopback goes to a proxy that is not there
    # (this stops IP addresses too). Requests are not intercepted, as
    # Playwright's routing would turn the HTTP cache off.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    '--proxy-server=http://127.0.0.1:9',
    '--proxy-bypass-list=<-loopback>;127.0.0.1',
]

#: External resources that openstackdocstheme puts on every page. The
#: browser tests let these requests fail and report them (as a warning) each
#: run; any other external host fails the tests. Empty this once conf.py
#: or the theme stops asking for them.
KNOWN_EXTERNAL = {
    'search.openstack.org':
        "docs.openstack.org global search widget, loaded by "
        "openstackdocstheme's header (os_search_install.html)",
}


def _missing(reason):
    """Skip where a tool is absent; in CI (CI set) that is a failure."""
    if os.environ.get('CI'):
        pytest.fail(f'{reason} (CI must install it)', pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope='session')
def built(tmp_path_factory):
    """The guide built as HTML once: (html directory, doctree env)."""
    out = tmp_path_factory.mktemp('e2e-guide')
    result = guide.html_build(str(out))
    assert result.returncode == 0, result.stderr[-4000:]
    with open(out / 'doctrees' / 'environment.pickle', 'rb') as stream:
        env = pickle.load(stream)
    return out / 'html', env


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that moves on drops its connections; that is no error
        # of the guide's, and failed requests are reported by the browser.
        pass


@pytest.fixture(scope='session')
def server(built):
    """Base URL of the built HTML served on 127.0.0.1, a free port."""
    html, _env = built
    handler = functools.partial(_Handler, directory=str(html))
    httpd = _Server(('127.0.0.1', 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f'http://127.0.0.1:{httpd.server_address[1]}/'
    httpd.shutdown()
    httpd.server_close()


class Recorder:
    """What went wrong while pages loaded, and what went outside."""

    def __init__(self, base):
        self.base = base
        self.problems = []
        self.external = []   # (host, url) of outside requests
        self.seen = collections.Counter()   # known host: requests, all told

    def _browser_own(self, url):
        # With no <link rel="icon"> on the pages (the theme writes none),
        # Chromium asks for /favicon.ico at the root of the site, once a
        # session. That is the browser's request, not the guide's: on
        # docs.openstack.org the site's favicon answers it.
        return url == self.base + 'favicon.ico'

    def clear(self):
        self.problems.clear()
        self.external.clear()

    def _known(self, url):
        return urllib.parse.urlsplit(url).hostname in KNOWN_EXTERNAL

    def _request(self, request):
        url = request.url
        if url.startswith(self.base) or url.startswith(('data:', 'blob:')):
            return
        host = urllib.parse.urlsplit(url).hostname
        self.external.append((host, url))
        if host in KNOWN_EXTERNAL:
            self.seen[host] += 1
        else:
            self.problems.append(f'request to another host: {url}')

    def attach(self, page):
        page.on('request', self._request)
        page.on('console', self._console)
        page.on('pageerror',
                lambda error: self.problems.append(f'page error: {error}'))
        page.on('requestfailed', self._failed)
        page.on('response', self._response)
        return page

    def _console(self, message):
        if message.type != 'error':
            return
        where = (message.location or {}).get('url', '')
        # The blocked request of a known outside resource logs "Failed to
        # load resource"; that is the request already recorded, not news.
        if self._known(where) and 'Failed to load resource' in message.text:
            return
        if self._browser_own(where):
            return
        self.problems.append(f'console error: {message.text} ({where})')

    def _failed(self, request):
        if self._known(request.url):
            return
        if not request.url.startswith(self.base):
            return   # already reported by _request()
        self.problems.append(
            f'request failed: {request.url} ({request.failure})')

    def _response(self, response):
        if response.status >= 400 and not self._browser_own(response.url):
            self.problems.append(f'HTTP {response.status}: {response.url}')


@pytest.fixture(scope='session')
def browser_context(server, tmp_path_factory):
    """A Chromium context with a fresh profile, and its Recorder."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing('Playwright for Python missing; pip install -r '
                 'e2e-requirements.txt (or run tox -e e2e)')
    if not (os.access(CHROMIUM, os.X_OK) or shutil.which(CHROMIUM)):
        _missing(f'no Chromium at {CHROMIUM}; apt-get install chromium '
                 '(bindep profile e2e)')
    recorder = Recorder(server)
    with contextlib.ExitStack() as stack:
        playwright = stack.enter_context(sync_playwright())
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp('chromium-profile')),
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={'width': 1280, 'height': 900})
        stack.callback(context.close)
        context.set_default_timeout(15_000)
        yield context, recorder
    if recorder.seen:
        warnings.warn(UserWarning(
            'the pages ask for outside resources (blocked by the tests):' +
            ''.join(f'\n  {host}: {count} requests - {KNOWN_EXTERNAL[host]}'
                    for host, count in sorted(recorder.seen.items()))),
            stacklevel=1)


@pytest.fixture
def browse(browser_context):
    """A new page whose problems are recorded from a clean slate."""
    context, recorder = browser_context
    recorder.clear()
    page = recorder.attach(context.new_page())
    yield page, recorder
    page.close()


#: The widths the guide is read at: a desktop browser, and a phone (the
#: CSS width of a current 6.1-inch phone), each with its screen's height.
VIEWPORTS = {
    1280: {'width': 1280, 'height': 900},
    390: {'width': 390, 'height': 844},
}


def at_width(page, width):
    """Give the page the viewport of one of VIEWPORTS; return the page."""
    page.set_viewport_size(VIEWPORTS[width])
    return page


#: axe-core, installed by npm from tests/e2e/package-lock.json.
AXE = pathlib.Path(__file__).parent / 'node_modules' / 'axe-core' / \
    'axe.min.js'


@pytest.fixture(scope='session')
def axe_source():
    """The source of axe-core, to load into pages."""
    if not AXE.is_file():
        _missing('axe-core missing; run "npm ci --prefix tests/e2e" (tox -e '
                 'e2e does)')
    return AXE.read_text(encoding='utf-8')


def url_of(base, page):
    """The URL of a page of the guide (a docname of guide.PAGES)."""
    return urllib.parse.urljoin(base, f'{page}.html')


def docname_of(base, url):
    """The docname of a URL of the local server, without query/fragment."""
    path = urllib.parse.urlsplit(url).path
    rel = path[len(urllib.parse.urlsplit(base).path):]
    return rel[:-len('.html')] if rel.endswith('.html') else rel


SCREENSHOTS = pathlib.Path(guide.ROOT) / 'doc' / 'build' / 'screenshots'
