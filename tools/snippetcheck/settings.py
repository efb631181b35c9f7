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
``snippetcheck_prompts``     prompts of the project's console blocks
                             beyond those snippetcheck knows: regular
                             expressions of shell prompts, or pairs
                             (expression, program) of another program's
                             (see :mod:`snippetcheck.console`)
===========================  ============================================

Each reader returns the value to use and, for a value that makes no
sense, what is wrong with it (the caller warns once).
"""

import re

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


def prompts(value):
    """(((expression, name or None), ...); problem) of
    ``snippetcheck_prompts``: a list of regular expressions (shell
    prompts) and (expression, program) pairs. An entry that is not one,
    does not compile or matches an empty line is left out, and said."""
    if value is None:
        return (), None
    if isinstance(value, (str, bytes)) or not isinstance(value,
                                                        (list, tuple)):
        value = [value]
    kept, problems = [], []
    for entry in value:
        name = None
        if isinstance(entry, (list, tuple)) and len(entry) == 2 and \
                all(isinstance(part, str) for part in entry):
            entry, name = entry
            name = name.strip() or None
        if not isinstance(entry, str):
            problems.append(f'{entry!r} is not a regular expression or a '
                            '(regular expression, program) pair')
            continue
        try:
            compiled = re.compile(entry)
        except re.error as error:
            problems.append(f'{entry!r} is not a regular expression '
                            f'({error})')
            continue
        if compiled.match(''):
            problems.append(f'{entry!r} matches an empty line, so every '
                            'line would be a command')
            continue
        kept.append((entry, name))
    problem = None
    if problems:
        problem = ('snippetcheck_prompts: ' + '; '.join(problems) +
                   '; left out')
    return tuple(kept), problem
