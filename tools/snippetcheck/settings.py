"""snippetcheck's ``conf.py`` settings, read and judged in one place.

===========================  ============================================
``snippetcheck_ignore``      codes never reported (a list)
``snippetcheck_external``    ``True``, ``False`` or ``'auto'``: replay the
                             snippets through the real tools
``snippetcheck_timeout``     seconds a block's checks, or a tool, may take
``snippetcheck_release``     the OpenStack release of the option data
``snippetcheck_context``     ``'document'`` or ``'toctree'``: whether
                             resources made on one page are known on the
                             pages after it, in toctree order
``snippetcheck_deployment``  the deployment the pages describe together
                             (see :mod:`snippetcheck.deployment.model`)
===========================  ============================================

Each reader returns the value to use and, for a value that makes no
sense, what is wrong with it (the caller warns once).
"""

from snippetcheck.options import schema

_TRUE = ('1', 'true', 'yes', 'on')
_FALSE = ('0', 'false', 'no', 'off', '')
CONTEXTS = ('document', 'toctree')


def external(value):
    """(False, True or 'auto'; problem) of ``snippetcheck_external``."""
    if isinstance(value, bool):
        return value, None
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered == 'auto':
            return 'auto', None
        if lowered in _TRUE:
            return True, None
        if lowered in _FALSE:
            return False, None
    return False, (f'snippetcheck_external = {value!r} is not True, False '
                   "or 'auto'; the external checks are off")


def release(value):
    """(release; problem) of ``snippetcheck_release``."""
    if value in schema.releases():
        return value, None
    return value, (f'snippetcheck_release = {value!r}: snippetcheck has '
                   f'option data for {", ".join(schema.releases())} only; '
                   'ini snippets are checked for syntax alone')


def context(value):
    """('document' or 'toctree'; problem) of ``snippetcheck_context``."""
    if value in CONTEXTS:
        return value, None
    return 'document', (f"snippetcheck_context = {value!r} is not "
                        "'document' or 'toctree'; each page is checked "
                        'on its own')


def deployment(value):
    """(Deployment or None; problem) of ``snippetcheck_deployment``."""
    from snippetcheck.deployment import model

    try:
        return model.Deployment.from_config(value), None
    except model.Invalid as invalid:
        return None, f'{invalid}; the deployment checks are off'
