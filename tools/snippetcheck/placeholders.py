"""The guide's placeholder convention.

A value written ``<Virtual IP>`` or in capitals such as ``CINDER_DBPASS`` or
``PUBLIC_VIP`` stands for something the reader fills in. Checks accept a
placeholder wherever a value of any kind is expected.
"""

import re

_ANGLE = re.compile(r'<[^<>]+>')
_ALL_CAPS_TOKEN = re.compile(r'[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{2,}[0-9]*')


def is_placeholder(token):
    """Whether *token* as a whole stands for a value the reader supplies."""
    token = token.strip()
    if not token:
        return False
    if _ANGLE.fullmatch(token):
        return True
    return bool(_ALL_CAPS_TOKEN.fullmatch(token))


# A capitals placeholder as a whole word of a longer text.
_CAPS_WORD = re.compile(r'(?<![A-Za-z0-9_])(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+'
                        r'|[A-Z]{2,}[0-9]*)(?![A-Za-z0-9_])')


def has_placeholder(text):
    """Whether *text* holds a placeholder anywhere (``<VIP>:443``)."""
    return bool(_ANGLE.search(text) or _CAPS_WORD.search(text))


def substitute(text, value):
    """Replace every angle-bracket placeholder in *text* with *value*."""
    return _ANGLE.sub(value, text)
