"""A Pygments lexer for haproxy.cfg, registered as ``haproxy``.

The keyword lists come from :mod:`snippetcheck.checkers.haproxy.specs`,
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

from snippetcheck.checkers.haproxy import keywords
from snippetcheck.checkers.haproxy import specs as kw

__all__ = ['HaproxyLexer']

# regex_opt() returns one capturing group per list.

#: After a keyword: a blank, the end of the line or a comment.
_END = r'(?=[ \t]|$|#)'

_SECTIONS = regex_opt(sorted(kw.SECTIONS))
_DIRECTIVES = regex_opt(sorted(keywords.DIRECTIVES))
_NAMED = frozenset(kw.OPTION_NAMES | kw.TIMEOUT_NAMES)
_HEADS = frozenset(set().union(*kw.HEADS.values()) - {'option', 'timeout'})
_SECOND_WORDS = frozenset(
    key.split(' ', 1)[1] for key in kw.WHERE
    if ' ' in key and key.split(' ', 1)[0] in _HEADS)
_KEYWORDS = frozenset(kw.FIRST_WORDS)

#: The start of a keyword line: indentation, "no"/"default", a word and,
#: maybe, the word after it. The words are told apart by looking them up
#: in the keyword tables (see _keyword_line), not by a regular expression
#: listing hundreds of keywords, which is slow to compile.
_KEYWORD_LINE = (r'([ \t]*)((?:no|default)[ \t]+)?([A-Za-z][\w.-]*)'
                 r'(?:([ \t]+)([A-Za-z][\w.-]*))?' + _END)


def _keyword_line(lexer, match):
    """Tokens of the keyword (one or two words) that starts a line."""
    indent, prefix, first, gap, second = match.groups()
    position = match.start()
    for value, token in ((indent, Whitespace), (prefix, Keyword)):
        if value:
            yield position, token, value
            position += len(value)
    if first in ('option', 'timeout') and second in _NAMED:
        kinds = (Keyword, Name.Builtin)
    elif first in _HEADS and second in _SECOND_WORDS:
        kinds = (Keyword, Keyword)
    else:
        kinds = (Keyword if first in _KEYWORDS else Name, None)
    yield position, kinds[0], first
    position += len(first)
    if second is None:
        return
    yield position, Whitespace, gap
    position += len(gap)
    if kinds[1] is not None:
        yield position, kinds[1], second
        return
    # not part of the keyword: an argument, lexed as the others are
    for index, token, value in lexer.get_tokens_unprocessed(
            second, stack=('arguments',)):
        yield position + index, token, value


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
            (_KEYWORD_LINE, _keyword_line, 'arguments'),
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
