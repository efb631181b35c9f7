"""Commands in a console block: the prompt model.

Every line of a console block is one of three things:

**A shell command.** The line starts with a shell prompt; the rest is
the command. A line ending in a backslash continues on the next one; a
command with a here-document (``cat <<EOF``) takes the lines up to its
delimiter as its input; after a command with an open quote, lines that
start with the secondary prompt ``> `` continue it. The shell prompts
snippetcheck knows (``(venv) `` may stand before any of them):

===========================  =============================================
``# `` and ``$ ``            root and user, the form the guide writes
``user@host:~$ ``            Debian, Ubuntu (``root@host:/etc# `` too)
``[root@pcmk-1 ~]# ``        RHEL, Fedora, CentOS, AlmaLinux
``host:~ # ``, ``user@h:~>``  SUSE: root, and a user's ``> ``
``host ~ # ``                Gentoo (``user@host ~/dir $ `` too)
``controller # ``, ``h$ ``   a host name alone, with or without a blank
``bash-5.2$ ``               a shell that shows its version
``PS C:\\> ``, ``C:\\> ``      Windows PowerShell and cmd
===========================  =============================================

**Input to another program.** The line starts with the prompt of a
database or an interactive program, and what follows is typed into it,
not into the shell: ``MariaDB [(none)]> ``, ``mysql> `` (``    -> ``
continues), ``postgres=# `` (``postgres-# `` continues), ``sqlite> ``,
``>>> `` (``... `` continues), ``In [1]: ``, ``virsh # ``,
``127.0.0.1:6379> ``, ``(Pdb) ``. Such lines are not shell commands and
are not checked. Two programs snippetcheck checks have interactive
prompts, and what is typed there is read as the same command given on the
shell's command line: ``crm(live/node1)configure# primitive vip ...``
is ``crm configure primitive vip ...`` (crm's prompt shows the level the
session is at, and crm takes the same commands in both ways), and
``(openstack) server list`` is ``openstack server list``.

**Output.** Every other line.

A project adds prompts of its own (``snippetcheck_prompts`` in conf.py,
``--prompt`` on the command line): regular expressions matched at the
start of a line, tried before the built-in ones. A plain expression is a
shell prompt; a pair ``(expression, name)`` is the prompt of program
*name*, whose lines are its input, not shell commands. Each command
keeps the line its prompt stood on.
"""

import dataclasses
import functools
import re
import typing

#: The prompts of the form the guide writes: root and user.
PROMPTS = ('# ', '$ ')

#: Built-in prompts of other programs: (name, expression, continuation).
#: Checked before the shell's, so ``virsh # `` is not a host named virsh.
INTERPRETERS = (
    ('crm', r'crm\((?P<crm_cib>[^)\s]*)\)(?P<crm_levels>[a-z ]*)# ', ''),
    ('openstack', r'\(openstack\) ', ''),
    ('mysql', r'(?:MariaDB|MySQL|mysql) \[[^\]\n]*\]> |mysql> ',
     r'\s*-> '),
    ('psql', r'[A-Za-z_][\w$]*=[#>] ', r'[A-Za-z_][\w$]*-[#>] '),
    ('sqlite3', r'sqlite> ', r'   \.\.\.> '),
    ('python', r'>>> ', r'\.\.\. '),
    ('ipython', r'In \[\d+\]: ', r'\s+\.\.\.: '),
    ('virsh', r'virsh # ', ''),
    ('redis-cli', r'(?:\d{1,3}\.){3}\d{1,3}:\d+> ', ''),
    ('pdb', r'\(Pdb\) ', ''),
)

#: Programs whose interactive input is read as their command line.
CHECKED_INTERPRETERS = frozenset(['crm', 'openstack'])

_NAME = r'[A-Za-z_][\w.-]*'
_PATH = r'[~/][^\s#$>]*'
#: Built-in shell prompts (after an optional ``(venv) ``).
SHELLS = (
    # [root@pcmk-1 ~]#  [stack@host devstack]$
    r'\[' + _NAME + '@' + _NAME + r'(?: [^\]\n]*)?\] ?[#$] ',
    # user@host:~$  root@host:/etc#  user@host:~>  root@host:~ #
    _NAME + '@' + _NAME + ':' + r'[^\s#$>]* ?[#$>] ',
    # user@host ~/dir $  (Gentoo)
    _NAME + '@' + _NAME + ' ' + _PATH + r' ?[#$] ',
    # user@host$  user@host %
    _NAME + '@' + _NAME + r' ?[#$%>] ',
    # host:~ #  (SUSE root)
    _NAME + ':' + _PATH + r' ?[#>] ',
    # host ~ #  (Gentoo root)
    _NAME + ' ' + _PATH + r' ?[#$] ',
    # controller #  node1$  bash-5.2$
    _NAME + r' ?[#$] ',
    # Windows
    r'PS [A-Za-z]:\\[^>\n]*> ', r'[A-Za-z]:\\[^>\n]*> ',
    # the guide's own
    r'[#$] ',
)
_VENV = r'(?:\([^()\s]+\) )?'

_HEREDOC = re.compile(r"<<-?\s*(['\"]?)([A-Za-z_][\w.-]*)\1")


@dataclasses.dataclass(frozen=True)
class Command:
    """A command of a console block.

    ``line`` is the 1-based line of its prompt in the block, ``text`` what
    was typed (continuations joined, no prompt), ``argv`` the words as a
    POSIX shell splits them (``sudo`` taken off). For input at crm's or
    the openstack client's own prompt, ``text`` and ``argv`` are the
    equivalent command line (``crm configure primitive ...``) and
    ``shell`` is False.
    """

    line: int
    text: str
    argv: tuple
    quoting_ok: bool = True
    prompt: str = ''
    shell: bool = True

    @property
    def program(self):
        return self.argv[0] if self.argv else ''


class Entry(typing.NamedTuple):
    """One line (or several joined) of a console block: ``kind`` is
    ``command`` (a shell command), ``input`` (typed at another program's
    prompt; ``name`` says which), ``data`` (the input of a here-document)
    or ``output``. (A named tuple: a block makes one a line.)"""

    kind: str
    line: int
    text: str
    prompt: str = ''
    name: str = ''
    match: object = None


class Model:
    """The prompts of a console block: the built-in ones and *extra*,
    ((expression, name or None), ...) given by the project."""

    def __init__(self, extra=()):
        self.extra = []
        for expression, name in extra:
            self.extra.append((re.compile(expression), name or None))
        self.interpreters = re.compile('|'.join(
            f'(?P<i{index}>{expression})' for index, (_n, expression, _c)
            in enumerate(INTERPRETERS)))
        self.continuations = {
            name: re.compile(continuation)
            for name, _e, continuation in INTERPRETERS if continuation}
        self.shells = re.compile(_VENV + '(?:' + '|'.join(SHELLS) + ')')

    def prompt(self, line):
        """(prompt, name, match) of *line*: name None for a shell prompt;
        None when the line has no prompt."""
        if line[:2] in PROMPTS:
            return line[:2], None, None
        for expression, name in self.extra:
            match = expression.match(line)
            if match and match.end():
                return match.group(), name, match
        if not line or line[0] in ' \t':
            return None
        match = self.interpreters.match(line)
        if match:
            name = INTERPRETERS[int(match.lastgroup[1:])][0]
            return match.group(), name, match
        match = self.shells.match(line)
        if match:
            return match.group(), None, match
        return None


@functools.lru_cache(maxsize=32)
def model(extra=()):
    """The prompt model with the project's prompts *extra* added."""
    return Model(extra)


def entries(text, prompts=()):
    """Yield the Entry of each line (or joined lines) of console block
    *text*, in order."""
    for fields in _walk(text, prompts, True):
        yield Entry(*fields)


def _walk(text, prompts, outputs):
    """The fields of each Entry of *text* (of its output lines too when
    *outputs*), as tuples: the command line's loop, kept lean."""
    found = model(tuple(prompts))
    lines = text.split('\n')
    count = len(lines)
    index = 0
    while index < count:
        line = lines[index]
        number = index + 1
        index += 1
        seen = found.prompt(line)
        if seen is None:
            if line.strip() in ('#', '$'):
                yield 'command', number, '', line.strip(), '', None
            elif outputs:
                yield 'output', number, line, '', '', None
            continue
        prompt, name, match = seen
        body = line[len(prompt):]
        parts = [body]
        while body.endswith('\\') and index < count:
            parts[-1] = body[:-1]
            body = lines[index].strip()
            parts.append(body)
            index += 1
        joined = ' '.join(part.strip() for part in parts).strip()
        if name is not None:
            continuation = found.continuations.get(name)
            while continuation is not None and index < count and \
                    continuation.match(lines[index]):
                joined += '\n' + lines[index][
                    continuation.match(lines[index]).end():]
                index += 1
            yield 'input', number, joined, prompt, name, match
            continue
        if index < count and lines[index].startswith('> '):
            index, joined = _secondary(lines, index, joined)
        yield 'command', number, joined, prompt, '', None
        if '<<' in joined:
            delimiter = _HEREDOC.search(joined)
            if delimiter is not None:
                index = yield from _heredoc(lines, index,
                                            delimiter.group(2), outputs)


def _heredoc(lines, index, end, outputs):
    """Yield the lines of a here-document up to its delimiter *end*, and
    return the index after it."""
    while index < len(lines):
        data = lines[index]
        index += 1
        if data.startswith('> '):
            data = data[2:]
        if outputs:
            yield 'data', index, data, '', '', None
        if data.strip() == end:
            break
    return index


def _secondary(lines, index, joined):
    """Join the ``> `` lines that continue a command with an open quote."""
    while index < len(lines) and lines[index].startswith('> ') and \
            not split(joined)[1]:
        joined += '\n' + lines[index][2:]
        index += 1
    return index, joined


def commands(text, prompts=()):
    """Yield the commands of console block *text* in order: its shell
    commands, and what is typed at the prompts of crm and of the
    openstack client (as the equivalent command line)."""
    for kind, number, joined, prompt, name, match in _walk(text, prompts,
                                                           False):
        if not joined:
            continue
        if kind == 'command':
            yield _command(number, joined, prompt)
        elif kind == 'input' and name in CHECKED_INTERPRETERS:
            yield _interpreted(Entry(kind, number, joined, prompt, name,
                                     match))


def _interpreted(entry):
    prefix = [entry.name]
    if entry.name == 'crm' and entry.match is not None and \
            'crm_levels' in entry.match.re.groupindex:
        prefix.extend((entry.match.group('crm_levels') or '').split())
    text = ' '.join([*prefix, entry.text])
    words, quoting_ok = split(text)
    return Command(entry.line, text, tuple(words), quoting_ok, entry.prompt,
                   shell=False)


# One piece of a POSIX shell word: a single-quoted string, a double-quoted
# string, an escaped character, plain characters, a run of blanks, or a
# quote (or a final backslash) that is never closed.
_PIECE = re.compile(r"""'([^']*)'|"((?:[^"\\]|\\.)*)"|\\(.)|"""
                    r"""([^ \t\r\n'"\\]+)|([ \t\r\n]+)|(['"\\])""",
                    re.DOTALL)
_QUOTING = re.compile(r'[\'"\\]')
_BLANKS = re.compile(r'[ \t\r\n]+')
# Inside double quotes a backslash escapes only a quote or a backslash.
_DOUBLE_QUOTED_ESCAPE = re.compile(r'\\(["\\])')


def split(text):
    """Split *text* into words as a POSIX shell does (``shlex.split``).

    Returns (words, quoting_ok); with an unclosed quote the words are the
    blank-separated ones and quoting_ok is False. A single regular
    expression does the work of shlex's character loop, several times
    faster, and the tests hold it to shlex's results.
    """
    if _QUOTING.search(text) is None:  # the common case: plain words
        return [word for word in _BLANKS.split(text) if word], True
    words = []
    word = None
    for match in _PIECE.finditer(text):
        single, double, escaped, plain, blank, stray = match.groups()
        if blank is not None:
            if word is not None:
                words.append(word)
                word = None
            continue
        if stray is not None:
            return text.split(), False
        if single is not None:
            piece = single
        elif double is not None:
            piece = _DOUBLE_QUOTED_ESCAPE.sub(r'\1', double)
        elif escaped is not None:
            piece = escaped
        else:
            piece = plain
        word = piece if word is None else word + piece
    if word is not None:
        words.append(word)
    return words, True


def _command(line, text, prompt=''):
    argv, quoting_ok = split(text)
    while argv and argv[0] == 'sudo':
        argv = argv[1:]
    return Command(line, text, tuple(argv), quoting_ok, prompt)


def has_prompt(line, prompts=()):
    """Whether *line* starts with a prompt (of the shell or of another
    program), or is a root or user prompt alone."""
    return model(tuple(prompts)).prompt(line) is not None or \
        line.strip() in ('#', '$')


def has_commands(text, prompts=()):
    """Whether console block *text* holds a command or another program's
    input: a line with a prompt."""
    found = model(tuple(prompts))
    # the first line with a prompt is a command or input: the lines before
    # it are output, so no continuation can have taken it
    return any(found.prompt(line) is not None or line.strip() in ('#', '$')
               for line in text.split('\n'))
