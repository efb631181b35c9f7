"""Finding the command that the words after the global options name, as
cliff looks it up (OSC001, OSC002, OSC009).

The command is the longest run of leading words, up to the first that
starts with ``-``, that names a command of the table at the API versions
chosen, where each word may be the start of the command's word. A command
found only at another API version is judged at that version.
"""

import difflib

from snippetcheck.findings import closest
from snippetcheck.findings import did_you_mean
from snippetcheck.findings import shorten

#: The unknown command's words compared with the names of as many words.
_MOST_WORDS_COMPARED = 6


def find_command(check, words):
    """(name, PARSER, argument words) of the command *words* start with,
    reported on *check*; None when there is none or it cannot be told."""
    end = len(words)
    for index, word in enumerate(words):
        if word.text.startswith('-') and not word.leading:
            end = index
            break
    if end == 0 and words[0].text != '--':
        text = words[0].text.split('=', 1)[0]
        check.add('OSC002', f'"openstack" has no global option '
                  f'"{shorten(text)}"'
                  + (did_you_mean(text, check.data.global_parser.strings)
                     or '; write the command first, as in "openstack '
                     'server list --long"'))
        return None
    if end == 0:
        check.add('OSC001', f'no command after "openstack" (a command '
                  f'starts with a word, not with '
                  f'"{shorten(words[0].text)}"); write the command '
                  'first, as in "openstack server list --long"')
        return None
    versions = tuple(check.versions.items())
    table = check.data.table(versions)
    found = _find(table, words, end)
    if found is None:
        for _version, other in check.data.alternatives(versions):
            found = _find(other, words, end)
            if found is not None:
                break
    if found is None:
        _unknown_command(check, table, words[:end])
        return None
    if found == 'unknown':
        return None
    name, count, exact = found
    if not exact:
        typed = ' '.join(word.text for word in words[:count])
        check.add('OSC009', f'"openstack {shorten(typed, 60)}" '
                  f'abbreviates "openstack {name}": write the command '
                  'in full; an abbreviation stops working when a new '
                  'command starts the same way')
    spec = table.get(name)
    if spec is None:
        for _version, other in check.data.alternatives(versions):
            if name in other:
                spec = other.get(name)
                break
    return name, spec, words[count:]


def _find(table, words, end):
    """(name, words used, exact) of the command the first of the *end*
    *words* name in *table*; 'unknown' when an expansion among them could
    name one; None."""
    for count in range(min(end, table.longest), 0, -1):
        head = words[:count]
        if any(word.dynamic or _is_angle(word.text) for word in head):
            if _could_match(table, head):
                return 'unknown'
            continue
        name = ' '.join(word.text for word in head)
        if name in table:
            return name, count, True
        candidates = table.starting([word.text for word in head])
        if len(candidates) == 1:
            return candidates[0], count, False
    return None


def _is_angle(text):
    return text.startswith('<') and text.endswith('>')


def _could_match(table, head):
    for name in table.names(len(head)):
        parts = name.split()
        if all(word.dynamic or _is_angle(word.text) or
               part.startswith(word.text)
               for part, word in zip(parts, head, strict=True)):
            return True
    return False


def _unknown_command(check, table, words):
    typed = [word.text for word in words]
    best = None
    for count in range(min(len(typed), _MOST_WORDS_COMPARED), 0, -1):
        candidate = ' '.join(typed[:count])
        name = closest(candidate, table.names(count))
        if name is not None:
            ratio = difflib.SequenceMatcher(None, candidate, name).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, name)
    shown = shorten(' '.join(typed), 60)
    if typed[0] == 'openstack' and len(words) > 1 and \
            _find(table, words[1:], len(words) - 1) not in (None,
                                                             'unknown'):
        best = (1, ' '.join(typed[1:]))
    if best is not None:
        hint = f'; did you mean "openstack {best[1]}"?'
    else:
        hint = ('; if another client plugin provides it, opt the block '
                'out naming the plugin')
    check.add('OSC001', f'"openstack {shown}" is not a command of '
              f'{check.data.about}{hint}')
