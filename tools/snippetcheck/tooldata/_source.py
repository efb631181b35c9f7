"""Reading Python sources with ast: the helpers the generators share.

Standard library only, as the generators run under the interpreters of the
tools they read (``/usr/bin/python3`` for pcs and crmsh).
"""

import ast
import functools
import inspect
import io
import tokenize


@functools.cache
def parse_file(path):
    with open(path, encoding='utf-8') as stream:
        text = stream.read()
    return ast.parse(text), text


@functools.cache
def comments(path):
    """{line: comment text} of a source file."""
    _, text = parse_file(path)
    found = {}
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = token.string.lstrip('#').strip()
    return found


def node_of(func):
    """The ast node of *func* (a function or lambda) and its file."""
    path = inspect.getsourcefile(func)
    module, _ = parse_file(path)
    code = func.__code__
    for node in ast.walk(module):
        if code.co_name == '<lambda>':
            if isinstance(node, ast.Lambda) and \
                    node.lineno == code.co_firstlineno:
                return node, path
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                node.name == code.co_name:
            first = min([node.lineno] +
                        [d.lineno for d in node.decorator_list])
            if code.co_firstlineno in (first, node.lineno):
                return node, path
    raise LookupError(f'no source for {func!r}')


def qualified_name(func):
    if isinstance(func, functools.partial):
        return qualified_name(func.func)
    return f'{func.__module__}.{func.__qualname__}'


# -- evaluating the literal arguments of a call -------------------------------

class Unknown(Exception):
    pass


def assignments(node):
    """Simple assignments of literal values in a function body."""
    found = {}
    for sub in ast.walk(node):
        if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and \
                isinstance(sub.targets[0], ast.Name):
            found[sub.targets[0].id] = sub.value
    return found


def value(expr, local, names, depth=0):
    """The value of a literal expression: strings, lists and their sums."""
    if depth > 10:
        raise Unknown
    if isinstance(expr, ast.Constant):
        return expr.value
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        out = []
        for item in expr.elts:
            if isinstance(item, ast.Starred):
                out.extend(value(item.value, local, names, depth + 1))
            else:
                out.append(value(item, local, names, depth + 1))
        return out
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and \
            expr.func.id in ('set', 'frozenset', 'list', 'tuple') and \
            len(expr.args) == 1 and not expr.keywords:
        return list(value(expr.args[0], local, names, depth + 1))
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return (value(expr.left, local, names, depth + 1) +
                value(expr.right, local, names, depth + 1))
    if isinstance(expr, ast.Name):
        if expr.id in local:
            return value(local[expr.id], local, names, depth + 1)
        known = names.get(expr.id)
        if isinstance(known, str):
            return known
        if isinstance(known, (set, frozenset)):
            return sorted(known)
        if isinstance(known, (list, tuple)):
            return list(known)
    if isinstance(expr, ast.JoinedStr):
        parts = []
        for part in expr.values:
            if isinstance(part, ast.Constant):
                parts.append(part.value)
            else:
                parts.append('{' + ast.unparse(part.value) + '}')
        return ''.join(parts)
    raise Unknown


def arguments(call, local, names):
    """The positional arguments of *call* as values, stars expanded."""
    out = []
    for arg in call.args:
        if isinstance(arg, ast.Starred):
            out.extend(value(arg.value, local, names))
        else:
            out.append(value(arg, local, names))
    return out


def called(call):
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None
