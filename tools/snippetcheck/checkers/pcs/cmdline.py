"""pcs's command line: the options taken out of the words the way pcs's
getopt call does it (GNU getopt, with negative numbers such as
``-INFINITY`` kept as arguments), so the command path is found wherever
the options stand.

The options pcs has come from the generated data
(:func:`snippetcheck.tooldata.pcs_long_options`); the rest of this module
is what no tool says: the options newer pcs versions added, those pcs no
longer has at all, and what replaced them.
"""

from snippetcheck import tooldata
from snippetcheck.findings import did_you_mean

from .grammar import is_negative_number

#: Long options of pcs releases newer than the generated data (pcs
#: 0.11.5): ``--future`` came in 0.11.7, ``--quiet`` and ``--yes`` in 0.12.
#: By hand because the installed pcs does not have them.
NEWER_LONG_OPTIONS = {'future': False, 'quiet': False, 'yes': False}

#: pcs's long options, ``{name: takes a value}``.
LONG_OPTIONS = {**tooldata.pcs_long_options(), **NEWER_LONG_OPTIONS}
LONG_NAMES = tuple(sorted(LONG_OPTIONS))

_SHORT = tooldata.pcs_short_options()
SHORT_WITH_VALUE = frozenset(letter for letter, value in _SHORT.items()
                             if value)
SHORT_FLAGS = frozenset(letter for letter, value in _SHORT.items()
                        if not value)

#: Options that make pcs print something and stop without a command (its
#: app.py handles them before routing); by hand, pcs's router does not
#: list them.
ONLY_OPTIONS = frozenset(['h', 'help', 'version', 'fullhelp'])

#: Long options pcs no longer has at all, whatever the command: pcs's
#: getopt rejects them, so the data cannot say what replaced them.
GONE_OPTIONS = {
    'clone': ('pcs 0.10 removed `--clone`: write `clone` after the '
              'resource options, and set clone meta attributes afterwards '
              'with `pcs resource meta ID-clone NAME=VALUE`'),
    'cloneopt': ('`--cloneopt` is gone: create the clone with `clone` and '
                 'set its meta attributes with `pcs resource meta ID-clone '
                 'NAME=VALUE`'),
    'masterslave': ('`--masterslave` is gone: write `promotable` after the '
                    'resource options'),
    'watchdog': ('pcs 0.10 replaced `--watchdog` with the `watchdog=PATH` '
                 'option'),
    'device': 'pcs 0.10 replaced `--device` with the `device=PATH` option',
}

#: Options the generated data still has that pcs 0.12 removed, whatever
#: the command (a command's spec may word it differently).
GONE_IN_012 = {
    'master': ('pcs 0.12 removed `--master` (deprecated since 0.11): write '
               '`--promoted`'),
}

#: Short options pcs no longer has: only the spec of the command that had
#: one says what replaced it; on any other command it is unknown.
GONE_SHORT = frozenset('V')

#: Bound on the "did you mean" searches of one command.
SUGGESTIONS = 20


def parse(check, args):
    """Fill ``check.options``, ``check.positional`` and ``check.negative``
    from the words after ``pcs``, reporting what getopt would reject."""
    check.double_dash = '--' in args
    index = 0
    count = len(args)
    while index < count:
        arg = args[index]
        index += 1
        if arg == '--':
            check.positional.extend(args[index:])
            break
        if len(arg) < 2 or arg[0] != '-':
            check.positional.append(arg)
            continue
        if is_negative_number(arg):
            check.positional.append(arg)
            if not check.double_dash:
                check.negative.append(arg)
            continue
        if arg.startswith('--'):
            index = _long_option(check, arg, args, index)
        else:
            index = _short_options(check, arg, args, index)


def unknown_option(check, option):
    """PCS008 for an option pcs does not have."""
    hint = did_you_mean(option.lstrip('-'), LONG_NAMES, '--') \
        if len(check.findings) < SUGGESTIONS else ''
    check.add('PCS008', f'pcs has no option `{option}`' + hint)


def _resolve_long(name):
    """getopt's long option lookup: exact, else a unique prefix.

    Returns the option, '' when the prefix is ambiguous, None when unknown.
    """
    if name in LONG_OPTIONS:
        return name
    if not name:
        return None
    matches = [option for option in LONG_NAMES if option.startswith(name)]
    if len(matches) == 1:
        return matches[0]
    return '' if matches else None


def _long_option(check, arg, args, index):
    options = check.options
    name, eq, value = arg[2:].partition('=')
    if name == 'wait' and eq:
        # pcs turns "--wait=N" into "--wait" before calling getopt
        options['wait'] = value
        return index
    if name in GONE_OPTIONS:
        # reported with the command they stand in, see CommandCheck
        options[name] = value if eq else True
        return index
    canonical = _resolve_long(name)
    if canonical is None:
        unknown_option(check, '--' + name)
        return index
    if canonical == '':
        check.add('PCS008', f'`--{name}` is short for more than one pcs '
                  'option; write the option in full')
        return index
    takes_value = LONG_OPTIONS[canonical]
    if takes_value and not eq:
        if index < len(args):
            value = args[index]
            index += 1
        else:
            check.add('PCS007', f'`--{canonical}` needs a value')
            value = ''
    elif eq and not takes_value:
        check.add('PCS008', f'`--{canonical}` takes no value; drop '
                  f'"={value}"')
    options[canonical] = value if takes_value else True
    return index


def _short_options(check, arg, args, index):
    letters = arg[1:]
    for position, letter in enumerate(letters):
        if letter in SHORT_WITH_VALUE:
            value = letters[position + 1:]
            if not value:
                if index < len(args):
                    value = args[index]
                    index += 1
                else:
                    check.add('PCS007', f'`-{letter}` needs a value')
            check.options[letter] = value
            return index
        if letter in SHORT_FLAGS or letter in GONE_SHORT:
            check.options[letter] = True
            continue
        unknown_option(check, '-' + letter)
        return index
    return index
