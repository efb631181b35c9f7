"""haproxy.cfg snippets: a small parser, then the judging.

A snippet may be a whole haproxy.cfg or a fragment of one; a ``listen``
block alone is fine.  ``parse`` splits the text into sections and keyword
lines the way haproxy tokenizes them (``#`` comments, blank lines, weak
``"..."`` and strong ``'...'`` quoting, backslash escapes).  It is public so
that a later tier can map ``haproxy -c`` output back to snippet lines.
``check`` judges the parsed sections against one spec per keyword
(:mod:`.specs`: the generated data of the haproxy 2.6 and 3.4 manuals and
of ``haproxy -dKall``, with the facts :mod:`.keywords` keeps by hand),
which hold for haproxy 2.6 up to 3.x.

The package: :mod:`.parser` splits the text, :mod:`.keywords` and
:mod:`.specs` say what haproxy accepts, :mod:`.judge` judges sections and
keyword lines, and :mod:`.arguments` the arguments of each keyword.

Rules worth knowing:

* A placeholder (``<Virtual IP>``, ``PUBLIC_VIP``, see
  :mod:`snippetcheck.placeholders`) is accepted wherever a value is
  expected, and an angle-bracket placeholder may contain spaces.  It never
  causes a finding by itself: ``bind <Virtual IP>`` is reported because it
  has no port, ``bind <Virtual IP>:443`` is fine.  Environment variables
  (``$VIP``, ``"${VIP}"``) are accepted like placeholders.
* A line that is only ``...`` stands for omitted lines and is skipped, and
  so are the conditional directives (``.if``, ``.endif``...).
* HAP001 or HAP002: a word haproxy does not know, at the start of a line
  that is not indented, is taken for a misspelled section (HAP001) when it
  resembles a section keyword, or when the snippet indents its keywords
  and the word resembles none of the current section's keywords; the lines
  under it are then not judged.  Otherwise it is an unknown keyword
  (HAP002).  Keywords of the global section that start with ``tune.`` are
  only reported when they resemble a known one, as the tuning knobs change
  with every haproxy release.
* HAP007: two proxies may not share a name, not even a frontend and a
  backend (``FRONTEND_BACKEND_MAY_SHARE_NAME``): the manuals up to 3.2 allow
  that pairing, but haproxy 3.1 and 3.2 warn about it and 3.3 refuses it,
  and the guide's configurations must work on every haproxy from 2.6 on.  Named
  ``defaults`` sections live in their own name space and may even repeat,
  unless a ``from`` in the snippet refers to the repeated name.
* HAP008: ``default_backend`` and ``use_backend`` must name a ``backend`` or
  ``listen`` section of the snippet, as ``haproxy -c`` demands of the file
  the reader writes.  Dynamic names (``%[...]``), placeholders and
  environment variables are not judged.
* HAP009 is reported once, on the first keyword before any section; the
  keywords after it are still checked for spelling.
* HAP012 applies to every section whose name haproxy requires, proxies
  first among them; ``global``, ``traces`` and the optional names of
  ``defaults`` and ``crt-store`` are exempt.

The checker is linear in the size of the snippet, precomputes everything it
can at import, and never raises on any text.
"""

from snippetcheck.catalogue import Check
from snippetcheck.checkers.haproxy.judge import Judge
from snippetcheck.checkers.haproxy.parser import KeywordLine
from snippetcheck.checkers.haproxy.parser import Section
from snippetcheck.checkers.haproxy.parser import parse
from snippetcheck.checkers.haproxy.parser import split_line

__all__ = ['CHECKS', 'KeywordLine', 'Section', 'check', 'judge', 'parse',
           'split_line']

#: The checks this package reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('HAP001', 'haproxy',
          'Unknown section.',
          'listener web', 'listen web', 'haproxy'),
    Check('HAP002', 'haproxy',
          'Unknown keyword.',
          'listen web\n  balanse roundrobin',
          'listen web\n  balance roundrobin', 'haproxy'),
    Check('HAP003', 'haproxy',
          'A keyword stands in a section where haproxy does not allow it.',
          'frontend web\n  server s1 10.0.0.1:80',
          'backend web\n  server s1 10.0.0.1:80', 'haproxy'),
    Check('HAP004', 'haproxy',
          '"bind" without a port.',
          'listen web\n  bind 10.0.0.10', 'listen web\n  bind 10.0.0.10:80',
          'haproxy'),
    Check('HAP005', 'haproxy',
          '"server" without an address.',
          'backend web\n  server s1 check',
          'backend web\n  server s1 10.0.0.1:80 check', 'haproxy'),
    Check('HAP006', 'haproxy',
          'A time value has an unknown unit.',
          'defaults\n  timeout client 10x',
          'defaults\n  timeout client 10s', 'haproxy'),
    Check('HAP007', 'haproxy',
          'Two proxies have the same name.',
          'listen web\nlisten web', 'listen web\nlisten web2', 'haproxy'),
    Check('HAP008', 'haproxy',
          'default_backend or use_backend names a backend the snippet does '
          'not define.',
          'frontend web\n  default_backend app',
          'frontend web\n  default_backend app\nbackend app', 'haproxy'),
    Check('HAP009', 'haproxy',
          'A keyword stands before any section.',
          'maxconn 4000', 'global\n  maxconn 4000', 'haproxy'),
    Check('HAP010', 'haproxy',
          'Unknown "option" or "timeout" name.',
          'defaults\n  option http-keepalive-on',
          'defaults\n  option http-keep-alive', 'haproxy'),
    Check('HAP011', 'haproxy',
          'A keyword lacks a required argument.',
          'backend web\n  balance', 'backend web\n  balance roundrobin',
          'haproxy'),
    Check('HAP012', 'haproxy',
          'A section that needs a name has none.',
          'listen\n  bind :80', 'listen web\n  bind :80', 'haproxy'),
)


#: haproxy 3.3 refuses a frontend and a backend of the same name; the
#: manuals up to 3.2 accept it.  The guide's configurations must work on
#: every haproxy it covers, so the checker follows the newer rule.
FRONTEND_BACKEND_MAY_SHARE_NAME = False


def check(snippet, document):
    return judge(parse(snippet.text))


def judge(sections):
    """Return the findings for parsed *sections* (see :func:`parse`)."""
    return Judge(sections, FRONTEND_BACKEND_MAY_SHARE_NAME).run()
