"""python and yaml blocks must parse."""

import ast
import warnings

import yaml

from snippetcheck.catalogue import Check
from snippetcheck.findings import Finding

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('PY001', 'python',
          'A python block does not parse.',
          'OPENSTACK_HOST = 10.0.0.11', 'OPENSTACK_HOST = "10.0.0.11"',
          'python'),
    Check('YML001', 'yaml',
          'A yaml block does not parse.',
          'sources:\n - name: x\n  meters: [a', 'sources:\n  - name: x',
          'yaml'),
)



def check_python(snippet, document):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            ast.parse(snippet.text)
    except SyntaxError as error:
        line = error.lineno or 1
        text = (error.text or '').strip()
        hint = _python_hint(text)
        return [Finding(line, 'PY001',
                        f'python does not parse: {error.msg}'
                        + (f' in "{text[:60]}"' if text else '') + hint)]
    except (ValueError, MemoryError, RecursionError) as error:
        return [Finding(1, 'PY001', f'python does not parse: {error}')]
    return []


def _python_hint(text):
    if '=' in text:
        value = text.split('=', 1)[1].strip()
        if value and value[0] not in '"\'[{(' and not value[0].isalpha():
            return f'; quote the value: "{value}"'
    return ''


def check_yaml(snippet, document):
    try:
        for _document in yaml.compose_all(snippet.text, Loader=_Loader):
            pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = error.problem or error.context or 'invalid yaml'
        return [Finding(line, 'YML001', f'yaml does not parse: {problem}')]
    except (yaml.YAMLError, RecursionError) as error:
        return [Finding(1, 'YML001', f'yaml does not parse: {error}')]
    return []


_Loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
