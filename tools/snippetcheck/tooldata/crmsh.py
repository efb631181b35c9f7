"""Print crmsh's command levels and configuration elements as JSON, read
from the installed crmsh itself.

Run it with the interpreter crm runs under (the one named on the first
line of ``/usr/sbin/crm``)::

    /usr/bin/python3 -I tools/snippetcheck/tooldata/crmsh.py > crmsh.json

``generate`` does that for ``tox -e tooldata``.  Only the standard library
is used, and nothing of crmsh runs but its imports and ``UI.init_ui()``,
the class method crm itself calls to build its command tree:

* the levels and commands come from that tree (the ``do_*`` methods of the
  ``ui_*.py`` classes, their ``@command.name``, ``@command.alias`` and
  ``@command.level`` decorators); the number of arguments of a command is
  what crm's ``ui_utils.validate_arguments`` derives from the method's
  signature;
* the elements ``crm configure`` reads are the keys of the parser table of
  ``crmsh/parse.py``, with the ``min_args`` their parser passes to
  ``begin``/``begin_dispatch``;
* which aliases crm warns about as deprecated is read from the condition
  around that warning in ``ui_context.py``;
* crm's own options come from its ``ArgumentParser`` (``main.py``).
"""

import os
import sys

# This file is named like the package it reads: its own directory goes to
# the end of the import path, so that "import crmsh" finds crmsh.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path
               if os.path.abspath(p or '.') != _HERE] + [_HERE]

import ast  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402

import _source  # noqa: E402

#: Nesting deeper than this is a loop of levels, not a path.
_MAX_DEPTH = 4


def _arguments(function):
    """What crm accepts after the command name, as validate_arguments
    counts it (skipping self and the context)."""
    spec = inspect.getfullargspec(function)
    names = spec.args[2:]
    required = len(spec.args) - len(spec.defaults or ()) - 2
    return {
        'min': max(required, 0),
        'max': None if spec.varargs else len(names),
        'params': names + ([f'*{spec.varargs}'] if spec.varargs else []),
    }


def _level(info_children, path, levels, depth):
    """Record the level at *path* and, below it, its sublevels."""
    commands = {}
    sublevels = {}
    for name, info in sorted(info_children.items()):
        if name != info.name:
            continue                      # an alias, listed with its target
        entry = {'aliases': sorted(info.aliases)}
        if info.skill_level:
            entry['skill_level'] = info.skill_level
        if info.type == 'level':
            entry['class'] = _class_name(info.level)
            sublevels[name] = entry
        else:
            entry.update(_arguments(info.function))
            commands[name] = entry
    levels[' '.join(path)] = {'commands': commands, 'sublevels': sublevels}
    if depth >= _MAX_DEPTH:
        return
    for name, info in sorted(info_children.items()):
        if name == info.name and info.type == 'level':
            _level(info.children, (*path, name), levels, depth + 1)


def _class_name(cls):
    return f'{cls.__module__}.{cls.__qualname__}'


def levels():
    """{path: {'commands': ..., 'sublevels': ...}}; '' is the top level."""
    from crmsh import ui_root
    found = {}
    _level(ui_root.Root.init_ui(), (), found, 0)
    found['']['class'] = _class_name(ui_root.Root)
    return found


def alias_warning():
    """The aliases crm warns about: all but those the condition of its
    "This command '%s' is deprecated" warning exempts."""
    from crmsh import ui_context
    module, _ = _source.parse_file(inspect.getsourcefile(ui_context))
    for node in ast.walk(module):
        if not isinstance(node, ast.If):
            continue
        warns = [call for call in ast.walk(ast.Module(body=node.body,
                                                      type_ignores=[]))
                 if isinstance(call, ast.Call) and
                 _source.called(call) == 'warning' and call.args and
                 isinstance(call.args[0], ast.Constant) and
                 'deprecated' in str(call.args[0].value)]
        if not warns or 'aliases' not in ast.unparse(node.test):
            continue
        exempt = []
        for compare in ast.walk(node.test):
            if isinstance(compare, ast.Compare) and \
                    isinstance(compare.ops[0], ast.NotIn) and \
                    isinstance(compare.comparators[0], (ast.List, ast.Tuple)):
                exempt += [item.value for item in compare.comparators[0].elts
                           if isinstance(item, ast.Constant)]
        return {'message': warns[0].args[0].value, 'exempt': sorted(exempt)}
    return None


def _min_args(parse_function):
    """min_args of the begin()/begin_dispatch() call of a parse method."""
    node, _ = _source.node_of(parse_function)
    for call in ast.walk(node):
        if isinstance(call, ast.Call) and _source.called(call) in (
                'begin', 'begin_dispatch'):
            for keyword in call.keywords:
                if keyword.arg == 'min_args':
                    return _source.value(keyword.value, {}, {})
            return None
    return None


def elements():
    """{keyword: {'parser', 'min_args'}} of crmsh's element parsers."""
    from crmsh import parse
    found = {}
    for keyword, parser in sorted(parse._parsers.items()):
        method = type(parser).parse
        closure = inspect.getclosurevars(method).nonlocals
        function = closure.get('thing', method)
        found[keyword] = {
            'parser': f'{function.__module__}.{function.__qualname__}',
            'min_args': _min_args(function),
            'keywords': sorted(type(parser).can_parse),
        }
    return found


def options():
    """crm's own command line options: {option: takes a value}."""
    from crmsh import main
    found = {}
    for action in main.option_parser._actions:
        for name in action.option_strings:
            found[name] = action.nargs != 0
    return found


def facts():
    from crmsh import config
    return {
        'tool': 'crmsh',
        'version': config.CRM_VERSION,
        'levels': levels(),
        'alias_warning': alias_warning(),
        'elements': elements(),
        'options': options(),
    }


def main():
    json.dump(facts(), sys.stdout, sort_keys=True, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
