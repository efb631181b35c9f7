"""What one pcs command function declares, read from its source with ast.

Part of the pcs generator (``pcs.py``): runs under pcs's interpreter.
"""

import ast
import functools
import inspect

import _source
from _source import Unknown
from _source import arguments
from _source import called
from _source import node_of
from _source import qualified_name

#: How deep a command that hands its arguments over is followed.
DEPTH = 6

def _params(node):
    return [arg.arg for arg in node.args.posonlyargs + node.args.args]


def _bounds(node, argv):
    """{'min', 'max'} arguments the first statements of *node* accept.

    Only the checks that come before anything else reads *argv* count:
    after ``argv.pop(0)`` or ``name = argv[0]`` a length means something
    else.
    """
    low, high = 0, None
    body = node.body if isinstance(node.body, list) else []
    for statement in body:
        if isinstance(statement, ast.If) and len(statement.body) == 1 \
                and _raises_input_error(statement.body[0]) \
                and not statement.orelse:
            for test in _alternatives(statement.test):
                low, high = _limit(test, argv, low, high)
            continue
        if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
            continue                # defined here, not run here
        if isinstance(statement, ast.Return) or _mentions(statement, argv):
            break
    if low == 0 and high is None:
        return None
    return {'min': low, 'max': high}


def _mentions(statement, name):
    return any(isinstance(sub, ast.Name) and sub.id == name
               for sub in ast.walk(statement))


def _merge_bounds(outer, inner):
    """Bounds of a command that checks *outer* and hands the same
    arguments to a function that checks *inner*."""
    if outer is None or inner is None:
        return outer or inner
    highs = [b['max'] for b in (outer, inner) if b['max'] is not None]
    return {'min': max(outer['min'], inner['min']),
            'max': min(highs) if highs else None}


def _raises_input_error(statement):
    """Whether *statement* stops the command: ``raise CmdLineInputError``
    or a call of pcs's ``utils.err``, which prints and exits."""
    if isinstance(statement, ast.Expr) and \
            isinstance(statement.value, ast.Call):
        return called(statement.value) == 'err'
    if not isinstance(statement, ast.Raise) or statement.exc is None:
        return False
    exc = statement.exc
    if isinstance(exc, ast.Call):
        exc = exc.func
    return (isinstance(exc, ast.Name) and exc.id == 'CmdLineInputError') or \
        (isinstance(exc, ast.Attribute) and exc.attr == 'CmdLineInputError')


def _alternatives(test):
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return test.values
    return [test]


def _is_len(expr, argv):
    return (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name)
            and expr.func.id == 'len' and len(expr.args) == 1
            and isinstance(expr.args[0], ast.Name)
            and expr.args[0].id == argv)


def _limit(test, argv, low, high):
    """Narrow (low, high) by one condition that makes the command fail."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and \
            isinstance(test.operand, ast.Name) and test.operand.id == argv:
        return max(low, 1), high
    if isinstance(test, ast.Name) and test.id == argv:
        return low, 0
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and
            _is_len(test.left, argv)):
        return low, high
    op, right = test.ops[0], test.comparators[0]
    if isinstance(right, (ast.Tuple, ast.List, ast.Set)) and \
            isinstance(op, ast.NotIn):
        counts = [item.value for item in right.elts
                  if isinstance(item, ast.Constant)]
        if counts and len(counts) == len(right.elts):
            return max(low, min(counts)), _least(high, max(counts))
        return low, high
    if not (isinstance(right, ast.Constant) and
            isinstance(right.value, int)):
        return low, high
    number = right.value
    if isinstance(op, ast.Lt):
        return max(low, number), high
    if isinstance(op, ast.LtE):
        return max(low, number + 1), high
    if isinstance(op, ast.Gt):
        return low, _least(high, number)
    if isinstance(op, ast.GtE):
        return low, _least(high, number - 1)
    if isinstance(op, ast.NotEq):
        return max(low, number), _least(high, number)
    return low, high


def _least(high, number):
    return number if high is None else min(high, number)


class Command:
    """What one command function (and those it hands over to) declares."""

    def __init__(self, func, params=None, depth=0):
        self.func = func
        self.modifiers = None
        self.output_format = False
        self.unresolved = False
        self.args = None
        self.replaced = []
        self.deprecations = []
        self.routes = None          # a router built inside the function
        self.before_routing = []
        self.delegates = []
        self.by_hand = None         # keywords compared by hand
        target = func.func if isinstance(func, functools.partial) else func
        self.node, self.path = node_of(target)
        self.names = dict(target.__globals__)
        if target.__closure__:
            self.names.update(inspect.getclosurevars(target).nonlocals)
        self.argv, self.mods = params or _leaf_params(func)
        self.local = _source.assignments(self.node)
        self.depth = depth
        self._read()

    def _calls(self, node=None):
        for sub in ast.walk(node or self.node):
            if isinstance(sub, ast.Call):
                yield sub

    def _read(self):
        for call in self._calls():
            name = called(call)
            if name == 'ensure_only_supported':
                self._ensure(call)
            elif name == 'raise_command_replaced':
                self._replaced(call)
            elif name == 'deprecation_warning':
                try:
                    self.deprecations.append({
                        'message': ' '.join(str(_source.value(
                            call.args[0], self.local, self.names)).split()),
                        'always': id(call) in self._unconditional()})
                except (Unknown, IndexError):
                    continue
            elif name == 'create_router' and call.args and \
                    isinstance(call.args[0], ast.Dict) and self.routes is None:
                self.routes = call
        if self.argv and not isinstance(self.node, ast.Lambda):
            self.args = _bounds(self.node, self.argv) or \
                self._handed_bounds()
        if self.routes is not None:
            self.before_routing = [
                qualified_name(callee) for callee, _ in self._handovers(
                    before=self.routes.lineno)]
            return
        self.by_hand = self._hand_routes()
        if self.by_hand is None and self.modifiers is None and \
                self.depth < DEPTH:
            self._follow()

    def _ensure(self, call):
        try:
            options = arguments(call, self.local, self.names)
        except Unknown:
            self.unresolved = True
            options = []
        for keyword in call.keywords:
            if keyword.arg == 'output_format_supported' and \
                    isinstance(keyword.value, ast.Constant) and \
                    keyword.value.value:
                self.output_format = True
        self.modifiers = sorted(set(self.modifiers or []) | set(options))

    def _replaced(self, call):
        try:
            new = _source.value(call.args[0], self.local, self.names)
        except (Unknown, IndexError):
            new = None
        version = None
        for keyword in call.keywords:
            if keyword.arg == 'pcs_version':
                version = _source.value(keyword.value, self.local, self.names)
        self.replaced.append({'commands': new, 'since': version,
                              'always': id(call) in self._unconditional()})

    def _unconditional(self):
        """ids of the calls that are statements of the function body
        itself, run whatever the arguments."""
        body = self.node.body if isinstance(self.node.body, list) else []
        return {id(statement.value) for statement in body
                if isinstance(statement, ast.Expr)}

    def resolve(self, expr):
        if isinstance(expr, ast.Name):
            return self.names.get(expr.id)
        if isinstance(expr, ast.Attribute):
            base = self.resolve(expr.value)
            return getattr(base, expr.attr, None) if base is not None \
                else None
        return None

    def _handovers(self, node=None, before=None):
        """Functions of pcs this one passes its modifiers to:
        (callee, (argv name, modifiers name) in the callee)."""
        seen = set()
        for call in self._calls(node):
            if before is not None and call.lineno >= before:
                continue
            callee = self.resolve(call.func)
            if not (inspect.isfunction(callee) or
                    isinstance(callee, functools.partial)):
                continue
            if not qualified_name(callee).startswith('pcs.'):
                continue
            params = self._mapped(call, callee)
            if params is not None and qualified_name(callee) not in seen:
                seen.add(qualified_name(callee))
                yield callee, params

    def _handed_bounds(self, depth=0):
        """Bounds of the function a statement of this one's body hands
        its arguments (and nothing of its modifiers) to."""
        for statement in self.node.body:
            if _mentions(statement, self.argv) and not (
                    isinstance(statement, (ast.Expr, ast.Return)) and
                    isinstance(statement.value, ast.Call)):
                return None
            if not isinstance(statement, (ast.Expr, ast.Return)) or \
                    not isinstance(statement.value, ast.Call):
                continue
            call = statement.value
            callee = self.resolve(call.func)
            if not inspect.isfunction(callee) or \
                    not qualified_name(callee).startswith('pcs.'):
                continue
            names = _params(node_of(callee)[0])
            for index, arg in enumerate(call.args):
                if isinstance(arg, ast.Name) and arg.id == self.argv and \
                        index < len(names):
                    return _bounds(node_of(callee)[0], names[index])
        return None

    def _mapped(self, call, callee):
        target = callee.func if isinstance(callee, functools.partial) \
            else callee
        try:
            node, _ = node_of(target)
        except (LookupError, TypeError, OSError):
            return None
        names = _params(node)
        if isinstance(callee, functools.partial):
            names = names[len(callee.args):]
        argv = mods = None
        for index, arg in enumerate(call.args):
            if isinstance(arg, ast.Name) and index < len(names):
                if arg.id == self.mods:
                    mods = names[index]
                elif arg.id == self.argv:
                    argv = names[index]
        for keyword in call.keywords:
            if isinstance(keyword.value, ast.Name):
                if keyword.value.id == self.mods:
                    mods = keyword.arg
                elif keyword.value.id == self.argv:
                    argv = keyword.arg
        return (argv, mods) if mods else None

    def _follow(self):
        """Take the modifiers of the functions this one hands over to:
        their union where several branches hand over to several."""
        inner = []
        for callee, params in self._handovers():
            try:
                inner.append(Command(callee, params, self.depth + 1))
            except (LookupError, TypeError, OSError):
                continue
        if not inner:
            return
        self.delegates = [qualified_name(command.func) for command in inner]
        declared = [command for command in inner
                    if command.modifiers is not None]
        if declared:
            self.modifiers = sorted(set().union(
                *(command.modifiers for command in declared)))
            self.output_format = any(c.output_format for c in declared)
            self.unresolved = any(c.unresolved for c in declared)
        if len(inner) == 1 and inner[0].argv is not None:
            self.args = _merge_bounds(self.args, inner[0].args)
        for command in inner:
            self.replaced += command.replaced
            self.deprecations += command.deprecations

    def _hand_routes(self):
        """{keyword: handler} of a command that compares its first
        argument with keywords itself (``pcs constraint location``),
        with '' for what it does with any other first argument."""
        word = None
        for sub in ast.walk(self.node):
            if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and \
                    isinstance(sub.targets[0], ast.Name) and \
                    _first_of(sub.value, self.argv):
                word = sub.targets[0].id
                break
        if word is None:
            return None
        routes = {}
        own = {}
        default = None
        for sub in ast.walk(self.node):
            if isinstance(sub, ast.If) and isinstance(sub.test, ast.UnaryOp) \
                    and isinstance(sub.test.op, ast.Not) and \
                    _mentions(sub.test, self.argv):
                for statement in sub.body:
                    if isinstance(statement, ast.Assign) and \
                            isinstance(statement.value, ast.Constant) and \
                            _mentions(statement, word):
                        default = statement.value.value
            if not isinstance(sub, ast.If):
                continue
            keywords = keywords_tested(sub.test, word)
            if not keywords:
                continue
            branch = ast.Module(body=sub.body, type_ignores=[])
            found = list(self._handovers(branch))
            for keyword in keywords:
                routes[keyword] = found
                if not found:
                    own[keyword] = self._branch_facts(branch)
        if not routes:
            return None
        named = {name for found in routes.values() for name, _ in found}
        rest = [pair for pair in self._handovers() if pair[0] not in named]
        routes[''] = rest
        return {'routes': routes, 'default': default, 'own': own}

    def _branch_facts(self, branch):
        """Facts of a keyword handled in a branch of this function: the
        modifiers the branch declares (else the function's) and the
        commands it says replaced the keyword."""
        declared = None
        replaced = []
        for call in self._calls(branch):
            try:
                if called(call) == 'ensure_only_supported':
                    declared = sorted(set(declared or []) | set(
                        arguments(call, self.local, self.names)))
                elif called(call) == 'raise_command_replaced':
                    since = [k.value for k in call.keywords
                             if k.arg == 'pcs_version']
                    replaced.append({
                        'always': True,
                        'commands': _source.value(call.args[0], self.local,
                                                  self.names),
                        'since': _source.value(since[0], self.local,
                                               self.names) if since else None})
            except (Unknown, IndexError):
                continue
        facts = {'kind': 'command', 'handler': qualified_name(self.func),
                 'modifiers': declared if declared is not None
                 else self.modifiers, 'args': None}
        if replaced:
            facts['replaced'] = replaced
        return facts

    def facts(self):
        modifiers = self.modifiers
        if modifiers is not None and self.output_format:
            modifiers = sorted(set(modifiers) | {'--output-format'})
        out = {'kind': 'command', 'handler': qualified_name(self.func),
               'modifiers': modifiers, 'args': self.args}
        if self.unresolved:
            out['modifiers_unresolved'] = True
        if self.delegates:
            out['delegates'] = self.delegates
        if self.replaced:
            out['replaced'] = self.replaced
        if self.deprecations:
            out['deprecation'] = self.deprecations
        return out


def _leaf_params(func):
    """Names of the argv and modifiers parameters of a router leaf, which
    is called as func(lib, argv, modifiers)."""
    target = func.func if isinstance(func, functools.partial) else func
    node, _ = node_of(target)
    names = _params(node)
    if isinstance(func, functools.partial):
        names = names[len(func.args):]
    return (names[1] if len(names) > 1 else None,
            names[2] if len(names) > 2 else None)


def _first_of(expr, argv):
    """Whether *expr* is ``argv.pop(0)`` or ``argv[0]``."""
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
            and expr.func.attr == 'pop' and \
            isinstance(expr.func.value, ast.Name) and \
            expr.func.value.id == argv:
        return True
    return (isinstance(expr, ast.Subscript) and
            isinstance(expr.value, ast.Name) and expr.value.id == argv and
            isinstance(expr.slice, ast.Constant) and expr.slice.value == 0)


def keywords_tested(test, word):
    """Keywords ``word == "add"`` or ``word in ["remove", "delete"]``
    compares *word* with."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and
            isinstance(test.left, ast.Name) and test.left.id == word):
        return []
    right = test.comparators[0]
    if isinstance(test.ops[0], ast.Eq) and isinstance(right, ast.Constant):
        return [right.value]
    if isinstance(test.ops[0], ast.In) and \
            isinstance(right, (ast.List, ast.Tuple, ast.Set)):
        return [item.value for item in right.elts
                if isinstance(item, ast.Constant)]
    return []
