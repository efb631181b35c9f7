"""The elements of one block (or one ``crm configure`` command), judged
together: the ids they define, the resources they name, and the findings.

Within one block crmsh builds the whole configuration at once, so a
reference may name a resource defined further down the same block; across
blocks and commands, only what came before counts.
"""

from snippetcheck.checkers.crmsh import elements
from snippetcheck.findings import Finding
from snippetcheck.findings import did_you_mean
from snippetcheck.findings import shorten
from snippetcheck.placeholders import has_placeholder
from snippetcheck.placeholders import is_value_placeholder

#: Bounds on the "did you mean" search, which keep a check linear.
_SUGGESTION_POOL = 1000
_SUGGESTIONS = 20


class Block:
    """Checks the elements of one block (or one command) together."""

    def __init__(self, document):
        self.document = document
        self.resources = getattr(document, 'resources', None)
        if not isinstance(self.resources, dict):
            self.resources = {}
        self.ids = getattr(document, 'crm_ids', None)
        if not isinstance(self.ids, dict):
            self.ids = {}
        self.findings = []
        self.defined = {}       # id -> (kind, line) in this block
        self.references = []    # (line, name, element)

    def add(self, line, code, message):
        self.findings.append(Finding(line, code, message))

    def element(self, line, words, name=None):
        """Judge the element *words* on *line* by its spec (*name*: the
        element a crm command named, ``crm configure collocation`` is a
        colocation): report one crmsh deprecates or removed, one with
        fewer arguments than crm's parser takes (or its judge reads, when
        it judges short ones), and let the judge read the arguments."""
        name = name or words[0].lower()
        spec = elements.SPECS.get(name)
        if spec is None:
            self.unknown(line, words[0])
            return
        element = Element(self, line, name, words, spec)
        if spec.removed:
            element.add('CRM008', spec.removed.format(name=name))
        if len(words) - 1 < (1 if spec.judges_short else spec.min_args):
            element.add('CRM006', f'{name} needs {element.usage}')
        elif spec.judge is not None:
            spec.judge(element, words)

    def unknown(self, line, word):
        if word.lower() in ('crm', 'pcs') or word.startswith(('#', '$')):
            self.add(line, 'CRM001', f'"{shorten(word)}" starts a shell '
                     'command: a crmsh block holds what you type at the '
                     '`crm configure` prompt (drop `crm configure`), or use '
                     'a console block')
            return
        if is_value_placeholder(word):
            return
        self.add(line, 'CRM001', f'"{shorten(word)}" is not a crm configure '
                 'element' + did_you_mean(word, elements.NAMES))

    def define(self, line, name, kind):
        if not name:
            return
        if name in self.defined:
            other_kind, other_line = self.defined[name]
            self.add(line, 'CRM007', f'id "{shorten(name)}" is already used '
                     f'by the {other_kind} on line {other_line}; give each '
                     'element its own id')
            return
        if name in self.ids and not is_value_placeholder(name):
            self.add(line, 'CRM007', f'id "{shorten(name)}" is already used '
                     f'by the {self.ids[name]} defined earlier in this '
                     'document; give each element its own id')
        self.defined[name] = (kind, line)

    def finish(self):
        """The findings, once the references are resolved; the ids and
        resources defined go to the document."""
        known = self.resources
        defined = self.defined
        resource_kinds = elements.RESOURCE_KINDS
        candidates = None
        for line, name, element in self.references:
            if name in known or (name in defined and
                                 defined[name][0] in resource_kinds):
                continue
            if is_value_placeholder(name) or has_placeholder(name):
                continue
            if candidates is None:
                candidates = [key for key, (kind, _) in defined.items()
                              if kind in resource_kinds] + list(known)
                candidates = candidates[:_SUGGESTION_POOL]
            hint = did_you_mean(name, candidates) \
                if len(self.findings) < _SUGGESTIONS else ''
            self.add(line, 'CRM003', f'{element} refers to "{shorten(name)}", '
                     'which is not defined earlier in this document; define '
                     'the primitive (or group, clone) first or check the '
                     'spelling' + hint)
        define = getattr(self.document, 'define', None)
        for name, (kind, _line) in defined.items():
            self.ids.setdefault(name, kind)
            if kind in resource_kinds:
                if define is not None:
                    define(name, kind)
                else:
                    known[name] = kind
        self.findings.sort(key=lambda finding: finding.line)
        return self.findings


class Element:
    """One element being judged: its words, its spec, where to report."""

    def __init__(self, block, line, name, words, spec):
        self.block = block
        self.line = line
        self.name = name
        self.words = words
        self.spec = spec

    @property
    def usage(self):
        """What the element needs, in words (see Spec.usage)."""
        return self.spec.usage.format(name=self.name)

    def too_few(self):
        """Report an element with fewer arguments than crm's parser takes;
        whether it has."""
        if len(self.words) - 1 >= self.spec.min_args:
            return False
        self.add('CRM006', f'{self.name} needs {self.usage}')
        return True

    def add(self, code, message):
        self.block.add(self.line, code, message)

    def ref(self, name, strip_suffix=True):
        """Record a reference to the resource *name* (``vip:Started``
        names vip unless *strip_suffix* is false)."""
        if strip_suffix:
            name = name.split(':', 1)[0]
        if name:
            self.block.references.append((self.line, name, self.name))

    def define(self, name, kind=None):
        self.block.define(self.line, name, kind or self.spec.kind)
