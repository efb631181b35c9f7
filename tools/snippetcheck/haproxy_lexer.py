"""A Pygments lexer for haproxy.cfg, registered as ``haproxy``.

The keyword lists come from :mod:`snippetcheck.checkers.haproxy_keywords`,
the tables the haproxy checker judges snippets with, so that what the guide
highlights as a keyword and what the checker accepts never drift apart.

Every state ends with rules that match any character, so the lexer yields
no ``Error`` token, and no rule nests quantifiers, so no input makes it
backtrack: it runs in linear time on any text.
"""

from pygments.lexer import RegexLexer
from pygments.lexer import bygroups
from pygments.regexopt import regex_opt
from pygments.token import Comment
from pygments.token import Keyword
from pygments.token import Name
from pygments.token import Number
from pygments.token import Operator
from pygments.token import Punctuation
from pygments.token import String
from pygments.token import Text
from pygments.token import Whitespace

from snippetcheck.checkers import haproxy_keywords as kw

__all__ = ['HaproxyLexer']

# regex_opt() returns one capturing group per list.

#: After a keyword: a blank, the end of the line or a comment.
_END = r'(?=[ \t]|$|#)'

_SECTIONS = regex_opt(sorted(kw.SECTIONS))
_NAMED = regex_opt(sorted(kw.OPTION_NAMES | kw.TIMEOUT_NAMES))
_HEADS = sorted(set().union(*kw.HEADS.values()) - {'option', 'timeout'})
_SECOND_WORDS = regex_opt(sorted({
    key.split(' ', 1)[1] for key in kw.WHERE
    if ' ' in key and key.split(' ', 1)[0] in _HEADS}))
_KEYWORDS = regex_opt(sorted(kw.FIRST_WORDS))
_DIRECTIVES = regex_opt(sorted(kw.DIRECTIVES))


class HaproxyLexer(RegexLexer):
    """Lexer for haproxy configuration files (haproxy.cfg)."""

    name = 'HAProxy'
    aliases = ['haproxy', 'haproxy-cfg']
    filenames = ['haproxy.cfg', '*.haproxy.cfg']
    mimetypes = ['text/x-haproxy', 'text/x-haproxy-cfg']
    url = 'https://docs.haproxy.org/'

    tokens = {
        'root': [
            (r'[ \t]*\n', Whitespace),
            (r'([ \t]*)(#.*)', bygroups(Whitespace, Comment.Single)),
            (r'([ \t]*)' + _SECTIONS + _END,
             bygroups(Whitespace, Keyword.Namespace), 'section'),
            (r'([ \t]*)' + _DIRECTIVES + _END,
             bygroups(Whitespace, Comment.Preproc), 'arguments'),
            (r'([ \t]*)((?:no|default)[ \t]+)?(option|timeout)([ \t]+)'
             + _NAMED + _END,
             bygroups(Whitespace, Keyword, Keyword, Whitespace,
                      Name.Builtin), 'arguments'),
            (r'([ \t]*)((?:no|default)[ \t]+)?' + regex_opt(_HEADS)
             + r'([ \t]+)' + _SECOND_WORDS + _END,
             bygroups(Whitespace, Keyword, Keyword, Whitespace, Keyword),
             'arguments'),
            (r'([ \t]*)((?:no|default)[ \t]+)?' + _KEYWORDS + _END,
             bygroups(Whitespace, Keyword, Keyword), 'arguments'),
            (r'([ \t]*)([^\s#]+)', bygroups(Whitespace, Name), 'arguments'),
            (r'\s+', Whitespace),
            (r'.', Text),
        ],
        'section': [
            (r'\n', Whitespace, '#pop'),
            (r'[ \t]+', Whitespace),
            (r'#.*', Comment.Single),
            (r'(from)([ \t]+)', bygroups(Keyword, Whitespace)),
            (r'<[^<>\n]*>', Name.Variable),
            (r'[^\s#<]+', Name.Namespace),
            (r'\s', Whitespace),
            (r'.', Name.Namespace),
        ],
        'arguments': [
            (r'\n', Whitespace, '#pop'),
            (r'[ \t]+', Whitespace),
            (r'#.*', Comment.Single),
            (r'"(?:\\.|[^"\\\n])*"?', String.Double),
            (r"'[^'\n]*'?", String.Single),
            (r'\\.', String.Escape),
            (r'%\[[^\]\n]*\]?', String.Interpol),
            (r'(?:if|unless)' + _END, Keyword),
            (r'(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5}(?:-\d{1,5})?)?'
             r'(?=[\s,#]|$)', Number),
            (r'\*?:\d{1,5}(?:-\d{1,5})?(?=[\s,#]|$)', Number),
            (r'\d+(?:us|ms|s|m|h|d|[kKmMgG])?(?=[\s,#)]|$)', Number),
            (r'<[^<>\n]*>', Name.Variable),
            (r'[A-Z][A-Z0-9]*_[A-Z0-9_]*(?=[\s,:#]|$)', Name.Variable),
            (r'(?<=[ \t])-[a-zA-Z]+(?=[ \t]|$)', Name.Attribute),
            (r'[a-zA-Z_][\w.-]*(?=\()', Name.Function),
            (r'[{}(),]', Punctuation),
            (r'!', Operator),
            (r'[^\s"\'#\\%<{}(),!]+', Text),
            (r'\s', Whitespace),
            (r'.', Text),
        ],
    }
