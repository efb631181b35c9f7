"""The guide's placeholder convention.

A value written ``<Virtual IP>`` or in capitals such as ``CINDER_DBPASS`` or
``PUBLIC_VIP`` stands for something the reader fills in. Checks accept a
placeholder wherever a value of any kind is expected.
"""

import re

#: An angle-bracket placeholder (``<Virtual IP>``).
ANGLE = re.compile(r'<[^<>\n]+>')
# A capitals placeholder (CINDER_DBPASS, VIP), alone or as a whole word of
# a longer text.
_CAPS_WORD = re.compile(r'(?<![A-Za-z0-9_])(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+'
                        r'|[A-Z]{2,}[0-9]*)(?![A-Za-z0-9_])')


def is_placeholder(token):
    """Whether *token* as a whole stands for a value the reader supplies."""
    token = token.strip()
    if not token:
        return False
    if ANGLE.fullmatch(token):
        return True
    return bool(_CAPS_WORD.fullmatch(token))



def has_placeholder(text):
    """Whether *text* holds a placeholder anywhere (``<VIP>:443``)."""
    return bool(ANGLE.search(text) or _CAPS_WORD.search(text))


def substitute(text, value):
    """Replace every angle-bracket placeholder in *text* with *value*, or
    with what *value* returns for it when it is a function of the
    placeholder (``<Virtual IP>``)."""
    if callable(value):
        return ANGLE.sub(lambda match: value(match.group()), text)
    return ANGLE.sub(value.replace('\\', '\\\\'), text)


#: Capitals that are values of the cluster tools, not placeholders.
CLUSTER_KEYWORDS = frozenset(['INFINITY', 'INF'])
#: The most words an angle-bracket placeholder spans (``<Virtual IP>``).
MAX_PLACEHOLDER_WORDS = 6


def is_value_placeholder(word):
    """A placeholder (``<Virtual IP>``, ``PUBLIC_VIP``), but not INFINITY."""
    return word.lstrip('+-') not in CLUSTER_KEYWORDS and is_placeholder(word)


def join_placeholders(words):
    """Glue back ``<Virtual IP>`` that the shell split into two words."""
    if not any('<' in word for word in words):
        return list(words)
    joined = []
    index = 0
    count = len(words)
    limit = MAX_PLACEHOLDER_WORDS
    while index < count:
        word = words[index]
        index += 1
        opened = word.rfind('<')
        if opened >= 0 and '>' not in word[opened:]:
            end = index
            while end < count and end - index < limit and \
                    '>' not in words[end] and '<' not in words[end]:
                end += 1
            if end < count and end - index < limit and \
                    '>' in words[end] and '<' not in words[end]:
                word = ' '.join(words[index - 1:end + 1])
                index = end + 1
        joined.append(word)
    return joined
