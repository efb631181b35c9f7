"""The guide's placeholder convention.

A value written ``<Virtual IP>`` or in capitals such as ``CINDER_DBPASS`` or
``PUBLIC_VIP`` stands for something the reader fills in. Checks accept a
placeholder wherever a value of any kind is expected.
"""

import re

_ANGLE = re.compile(r'<[^<>]+>')
_CAPS = re.compile(r'(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*(?![a-z])')
_ALL_CAPS_TOKEN = re.compile(r'[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{2,}[0-9]*')


def is_placeholder(token):
    """Whether *token* as a whole stands for a value the reader supplies."""
    token = token.strip()
    if not token:
        return False
    if _ANGLE.fullmatch(token):
        return True
    return bool(_ALL_CAPS_TOKEN.fullmatch(token))


def has_placeholder(text):
    """Whether *text* holds a placeholder anywhere (``<VIP>:443``)."""
    if _ANGLE.search(text):
        return True
    return any(is_placeholder(word) for word in _words(text))


def _words(text):
    return re.split(r'[^A-Za-z0-9_]+', text)


def substitute(text, value):
    """Replace every angle-bracket placeholder in *text* with *value*."""
    return _ANGLE.sub(value, text)
