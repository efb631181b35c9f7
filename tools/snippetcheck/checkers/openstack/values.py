"""Judging one value of an option or positional argument against its
spec: its form (an integer, ``KEY=VALUE``, comma-separated pairs with the
keys the option takes) and its choices (OSC006, OSC007)."""

from snippetcheck.findings import did_you_mean
from snippetcheck.findings import shorten
from snippetcheck.placeholders import has_placeholder
from snippetcheck.placeholders import is_placeholder

_KINDS = {'int': 'an integer', 'uint': 'a non-negative integer',
          'float': 'a number'}


def is_open_value(word):
    """Whether *word* is a value the reader or the shell fills in."""
    return word.dynamic or is_placeholder(word.text)


def check_value(check, spec, label, word, where):
    """Report on *check* what is wrong with *word*, a value of the option
    or argument *spec* written *label* in command *where*."""
    if is_open_value(word):
        return
    text = word.text
    form = spec.get('t')
    if form in ('int', 'uint', 'float'):
        try:
            number = float(text) if form == 'float' else int(text)
        except ValueError:
            if has_placeholder(text):
                return
            kind = _KINDS[form]
            check.add('OSC007', f'{label} of "{where}" takes {kind}, not '
                      f'"{shorten(text)}"; write {kind}')
            return
        if form == 'uint' and number < 0:
            check.add('OSC007', f'{label} of "{where}" takes a '
                      f'non-negative integer, not "{shorten(text)}"; write '
                      '0 or more')
            return
        text = str(number)
    elif form == 'kv':
        key = text.split('=', 1)[0]
        if '=' not in text or not key:
            if not has_placeholder(text):
                check.add('OSC007', f'{label} of "{where}" takes KEY=VALUE, '
                          f'not "{shorten(text)}"; write {label} KEY=VALUE')
            return
    elif form in ('mkv', 'mkvc'):
        _check_pairs(check, spec, label, text, form, where)
        return
    _check_choice(check, spec, label, text, where)


def _check_choice(check, spec, label, text, where):
    choices = spec.get('c')
    if choices is None:
        return
    folded = text.lower() if spec.get('i') else text
    allowed = [choice.lower() for choice in choices] if spec.get('i') \
        else choices
    if folded in allowed or has_placeholder(text):
        return
    same = [choice for choice in choices if choice.lower() == text.lower()]
    hint = (f'; did you mean "{same[0]}"?' if same else
            did_you_mean(text, choices) or
            f'; write one of {", ".join(choices[:6])}')
    listed = ', '.join(choices[:8]) + (', ...' if len(choices) > 8 else '')
    check.add('OSC006', f'"{shorten(text)}" is not a choice of {label} of '
              f'"{where}" ({listed}){hint}')


def _check_pairs(check, spec, label, text, form, where):
    """``KEY=VALUE,KEY=VALUE`` (``mkv``; ``mkvc`` also lets a value hold
    commas: an item without ``=`` continues the value before it)."""
    keys = []
    for item in text.split(','):
        if '=' in item:
            key = item.split('=', 1)[0]
            if not key:
                break
            keys.append(key)
        elif form == 'mkv' or not keys:
            if has_placeholder(item):
                return
            check.add('OSC007', f'{label} of "{where}" takes KEY=VALUE '
                      f'pairs separated by commas, not "{shorten(text)}"; '
                      f'write {label} {spec.get("m") or "KEY=VALUE"}')
            return
    else:
        _check_keys(check, spec, label, keys, where)
        return
    check.add('OSC007', f'{label} of "{where}" has a pair without a key in '
              f'"{shorten(text)}"; write KEY=VALUE')


def _check_keys(check, spec, label, keys, where):
    known = spec.get('k')
    if known:
        for key in keys:
            if key not in known and not has_placeholder(key):
                check.add('OSC007', f'{label} of "{where}" has no key '
                          f'"{shorten(key)}" (it takes {", ".join(known)})'
                          + (did_you_mean(key, known) or
                             '; write one of those keys'))
                return
    missing = [key for key in spec.get('rk', ()) if key not in keys]
    if missing:
        check.add('OSC007', f'{label} of "{where}" needs the key(s) '
                  f'{", ".join(missing)}; add '
                  f'{",".join(key + "=..." for key in missing)}')
