"""Where a console command runs a given program, and with which words.

A console line is shell: ``TOKEN=$(openstack token issue -f value -c id)``
or ``while sleep 1; do openstack token issue >/dev/null && echo ok; done``
run ``openstack`` too. :func:`invocations` reads the line as a POSIX shell
would split it into simple commands (``;``, ``&&``, ``||``, ``|``, ``&``,
parentheses, and the insides of ``$(...)`` and backquotes), drops
redirections, variable assignments, reserved words (``do``, ``then``, ...)
and the wrappers ``sudo``, ``env``, ``time``, ``exec``, ``command``,
``nohup`` and ``nice``, and yields the arguments of each simple command
whose program is the one asked for.

Each argument is a :class:`Word`: its text after quote removal (an
expansion is kept as written), and
whether a shell expansion (``$VAR``, ``${VAR}``, ``$(...)``, backquotes)
makes part of it unknown, and whether such an expansion stands outside
double quotes, where the shell may split it into several words or none.
``<Virtual IP>`` is the guide's placeholder, one word, not a redirection.
A program named after another (``ssh host openstack ...``, ``watch
openstack ...``) is not found: its words are arguments of that program.
"""

import dataclasses
import re

from snippetcheck import placeholders


@dataclasses.dataclass(frozen=True)
class Word:
    text: str
    dynamic: bool = False      # an expansion makes part of it unknown
    loose: bool = False        # an unquoted expansion: may split or vanish
    leading: bool = False      # it starts with an expansion

    def __str__(self):
        return self.text


#: Words that open or continue a compound command: the word after them
#: is at a command position again.
RESERVED = frozenset(['!', '{', '}', 'do', 'done', 'then', 'else', 'elif',
                      'fi', 'if', 'while', 'until'])
#: Words that start a compound command whose next words are not a command.
NOT_A_COMMAND = frozenset(['for', 'case', 'select', 'function', 'esac',
                           'in'])
#: Programs that run the program named after their own options.
WRAPPERS = {
    'sudo': frozenset(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U',
                       '-T', '-R']),
    'env': frozenset(['-u', '-C', '-S']),
    'exec': frozenset(['-a']),
    'command': frozenset(),
    'nohup': frozenset(),
    'nice': frozenset(['-n']),
    'time': frozenset(['-f', '-o']),
}

_ASSIGNMENT = re.compile(r'[A-Za-z_][A-Za-z0-9_]*\+?=')
_NAME = re.compile(r'[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-]')
_OPERATORS = ('&&', '||', ';;', '|&', ';', '|', '&', '(', ')')
_REDIRECTIONS = ('&>>', '&>', '>>', '>&', '>|', '<<<', '<<-', '<<', '<&',
                 '<>', '>', '<')

_PLAIN = re.compile(r'[^\s\'"\\$`;&|()<>#]+')
_SPECIAL = re.compile(r'[\'"\\$`;&|()<>#]')

SEPARATOR = object()
REDIRECT = object()


class _Unclosed(Exception):
    """A quote or a substitution is never closed."""


class _Scanner:
    def __init__(self, text):
        self.text = text
        self.nested = []           # texts of $(...) and `...` inside

    def tokens(self):
        """Words, SEPARATOR and REDIRECT of the text, in order."""
        text = self.text
        if _SPECIAL.search(text) is None:
            return [Word(part) for part in text.split()]
        out = []
        index = 0
        length = len(text)
        word = None
        while index < length:
            char = text[index]
            if char in ' \t\n':
                if word is not None:
                    out.append(word.done())
                    word = None
                index += 1
                continue
            plain = _PLAIN.match(text, index)
            if plain is not None:
                word = word or _Builder()
                word.add(plain.group())
                index = plain.end()
                continue
            if char == '#' and word is None:
                break
            if char == '<':
                match = placeholders.ANGLE.match(text, index)
                if match and match.group().count(' ') < 6:
                    word = word or _Builder()
                    word.add(match.group())
                    index = match.end()
                    continue
            operator = self._operator(text, index) if char in '&|;()<>' \
                else None
            if operator:
                if operator in _REDIRECTIONS and word is not None and \
                        word.is_digits():
                    word = None        # the descriptor of 2>
                if word is not None:
                    out.append(word.done())
                    word = None
                out.append(REDIRECT if operator in _REDIRECTIONS
                           else SEPARATOR)
                index += len(operator)
                continue
            word = word or _Builder()
            index = self._piece(text, index, word, quoted=False)
        if word is not None:
            out.append(word.done())
        return out

    @staticmethod
    def _operator(text, index):
        for operator in _REDIRECTIONS + _OPERATORS:
            if text.startswith(operator, index):
                return operator
        return None

    def _piece(self, text, index, word, quoted):
        """Read one piece of a word at *index*; return the next index."""
        char = text[index]
        if char == '\\':
            if index + 1 < len(text):
                word.add(text[index + 1])
            return index + 2
        if char == "'" and not quoted:
            end = text.find("'", index + 1)
            if end < 0:
                raise _Unclosed()
            word.add(text[index + 1:end])
            return end + 1
        if char == '"' and not quoted:
            index += 1
            while True:
                if index >= len(text):
                    raise _Unclosed()
                char = text[index]
                if char == '"':
                    return index + 1
                if char == '\\' and index + 1 < len(text) and \
                        text[index + 1] in '"\\$`\n':
                    word.add(text[index + 1])
                    index += 2
                elif char in '$`':
                    index = self._expansion(text, index, word, True)
                else:
                    word.add(char)
                    index += 1
        if char in '$`':
            return self._expansion(text, index, word, quoted)
        word.add(char)
        return index + 1

    def _expansion(self, text, index, word, quoted):
        """Read $NAME, ${...}, $(...), $((...)) or `...`."""
        char = text[index]
        if char == '`':
            end = text.find('`', index + 1)
            if end < 0:
                raise _Unclosed()
            self.nested.append(text[index + 1:end])
            word.expand(quoted, text[index:end + 1])
            return end + 1
        following = text[index + 1:index + 2]
        if following == '(':
            end = _closing(text, index + 1)
            inner = text[index + 2:end]
            if not inner.startswith('('):      # $((arithmetic))
                self.nested.append(inner)
            word.expand(quoted, text[index:end + 1])
            return end + 1
        if following == '{':
            end = text.find('}', index + 2)
            if end < 0:
                raise _Unclosed()
            word.expand(quoted, text[index:end + 1])
            return end + 1
        match = _NAME.match(text, index + 1)
        if match:
            word.expand(quoted, text[index:match.end()])
            return match.end()
        word.add('$')
        return index + 1


def _closing(text, start):
    """The index of the ")" that closes the "(" at *start*."""
    depth = 0
    index = start
    quote = None
    while index < len(text):
        char = text[index]
        if quote:
            if char == '\\' and quote == '"':
                index += 2
                continue
            if char == quote:
                quote = None
        elif char == '\\':
            index += 2
            continue
        elif char in '\'"`':
            quote = char
        elif char == '(':
            depth += 1
        elif char == ')':
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise _Unclosed()


class _Builder:
    __slots__ = ('dynamic', 'leading', 'loose', 'parts')

    def __init__(self):
        self.parts = []
        self.dynamic = False
        self.loose = False
        self.leading = False

    def add(self, text):
        self.parts.append(text)

    def expand(self, quoted, source):
        if not self.parts and not self.dynamic:
            self.leading = True
        self.dynamic = True
        if not quoted:
            self.loose = True
        self.parts.append(source)

    def is_digits(self):
        return not self.dynamic and ''.join(self.parts).isdigit()

    def done(self):
        return Word(''.join(self.parts), self.dynamic, self.loose,
                    self.leading)


def _simple_commands(tokens):
    command = []
    skip_target = False
    for token in tokens:
        if token is SEPARATOR:
            if command:
                yield command
            command = []
        elif token is REDIRECT:
            skip_target = True
        elif skip_target:
            skip_target = False
        else:
            command.append(token)
    if command:
        yield command


def _program(words):
    """(index of the program word, or None) of a simple command."""
    index = 0
    while index < len(words):
        word = words[index]
        text = word.text
        if word.dynamic and not _ASSIGNMENT.match(text):
            return None
        if text in NOT_A_COMMAND and not word.dynamic:
            return None
        if text in RESERVED or _ASSIGNMENT.match(text):
            index += 1
            continue
        if text in WRAPPERS:
            takes_value = WRAPPERS[text]
            index += 1
            while index < len(words) and (
                    words[index].text.startswith('-') or
                    (text == 'env' and _ASSIGNMENT.match(words[index].text))):
                option = words[index].text
                index += 2 if option in takes_value else 1
                if option == '--':
                    break
            continue
        return index
    return None


def invocations(text, program):
    """The argument lists (words after the program) of every simple
    command of shell *text* that runs *program*; None if the text cannot
    be read (a quote never closed)."""
    found = []
    pending = [text]
    while pending:
        scanner = _Scanner(pending.pop(0))
        try:
            tokens = scanner.tokens()
        except _Unclosed:
            return None
        for words in _simple_commands(tokens):
            index = _program(words)
            if index is None:
                continue
            name = words[index].text
            if name == program or name.endswith('/' + program):
                found.append(words[index + 1:])
        pending.extend(scanner.nested)
    return found
