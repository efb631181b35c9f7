"""Which checks judged each block, and why the others were not.

A check that says nothing is only worth something when the reader knows
what it looked at. For every block this module says which checks judge
it (the grammar of its language, the options of which file and release,
which real tool) and, when some check that applies to its kind of block
did not, why: no file recognised, no option data for that file, a
language or program snippetcheck does not check, a block opted out, a
command or element the tools must not be given, the tools not run.

A block is **fully judged** when every check of its kind judged it:

==================  =====================================================
ini                 the ini syntax, and the options of the file it shows
                    (recognised as :mod:`snippetcheck.blocks` says);
                    a file snippetcheck has no option data for
                    (``my.cnf``, ``ceph.conf``, ``ml2_conf.ini``) makes
                    the block *not applicable*: its syntax (ceph's own,
                    for ceph's files) is all there is to judge; a ceph
                    keyring is judged by ceph's syntax and the entities
                    and settings a keyring holds
haproxy             the grammar, and ``haproxy -c`` (the external checks)
crmsh               the grammar, and the replay through crm
console             each of its ``pcs``, ``crm`` and ``openstack``
                    commands by its checker, and each pcs and crm command
                    that changes the configuration by the replay (those
                    that act on a live cluster have no replay to miss)
python, yaml        the parser
==================  =====================================================

Console blocks without such a command, and blocks in a language
snippetcheck does not check, are *not checked*; a block with
``:snippetcheck-ignore: all`` is *opted out*. The blocks the target is
about (ini, haproxy, crmsh, and console blocks with a pcs, crm or
openstack command) are *in scope*.
"""

import collections
import dataclasses

from snippetcheck import console
from snippetcheck import engine
from snippetcheck.options import schema as schemas

FULL = 'fully judged'
PARTIAL = 'not fully judged'
NOT_APPLICABLE = 'not applicable'
NOT_CHECKED = 'not checked'
OPTED_OUT = 'opted out'

#: The groups of the summary, in order: a console block is counted under
#: each checked program it runs.
GROUPS = ('ini', 'haproxy', 'crmsh', 'pcs', 'crm', 'openstack')
#: What a tool-less run misses.
NO_TOOLS = 'the real tools were not run (external checks off)'


@dataclasses.dataclass
class Coverage:
    """What judged one block: ``status`` one of FULL, PARTIAL,
    NOT_APPLICABLE, NOT_CHECKED, OPTED_OUT; ``checks`` what judged it,
    ``missing`` why some check that applies did not; ``groups`` the
    summary groups it counts in (none: out of scope)."""

    source: str
    line: int
    language: str
    status: str
    checks: tuple = ()
    missing: tuple = ()
    groups: tuple = ()

    def render(self):
        details = '; '.join((*self.checks, *self.missing)) or '-'
        return f'{self.source}:{self.line}: {self.language or "(none)"} ' \
               f'{self.status}: {details}'


def judge(snippet, release, external):
    """The Coverage of *snippet*, checked against the options of
    *release*, *external* saying whether the real tools run."""
    language = engine.language_of(snippet)

    def result(status, checks=(), missing=(), groups=()):
        return Coverage(snippet.source, snippet.line, snippet.language,
                        status, tuple(checks), tuple(missing),
                        tuple(groups))

    judge_language = _JUDGES.get(language)
    if judge_language is None:
        if 'all' in snippet.ignore:
            return result(OPTED_OUT, missing=[_opted_out(snippet)])
        return result(NOT_CHECKED, missing=[
            f'the language {snippet.language!r} is not checked'
            if snippet.language else 'the block names no language'])
    status, checks, missing, groups = judge_language(snippet, release,
                                                     external)
    if 'all' in snippet.ignore:
        return result(OPTED_OUT, missing=[_opted_out(snippet)],
                      groups=groups)
    if snippet.ignore:
        checks = [*checks, 'opts out of ' + ', '.join(sorted(
            snippet.ignore))]
    return result(status, checks, missing, groups)


def _opted_out(snippet):
    return f'opted out: {snippet.ignore_reason or "no reason given"}'


def _ini(snippet, release, _external):
    from snippetcheck.checkers import ini

    ceph = ini.ceph_file(snippet.filename)
    if ceph == 'keyring':
        return FULL, ["ceph's ini syntax", 'the entities and settings of a '
                      f'ceph keyring ({snippet.filename}, named by the '
                      f'{snippet.filename_from or "block"})'], [], ('ini',)
    if ceph:
        return NOT_APPLICABLE, ["ceph's ini syntax"], [
            f'no option data for {snippet.filename} (named by the '
            f'{snippet.filename_from or "block"}): ceph\'s options are not '
            'in the option data'], ('ini',)
    checks = ['ini syntax']
    if not snippet.filename:
        why = snippet.filename_from or 'no file recognised'
        return PARTIAL, checks, [
            f'{why}: name the file with :caption: /etc/..., a ".. path" '
            'comment or a :file: role before the block'], ('ini',)
    schema = schemas.for_file(snippet.filename, release)
    if schema is None:
        return NOT_APPLICABLE, checks, [
            f'no option data for {snippet.filename} (named by the '
            f'{snippet.filename_from or "block"})'], ('ini',)
    return FULL, [*checks, f'options of {snippet.filename} '
                           f'({schema.label}, release {release}; named by '
                           f'the {snippet.filename_from})'], [], ('ini',)


def _haproxy(snippet, _release, external):
    from snippetcheck.external import haproxy_replay

    checks = ['haproxy grammar']
    line, reason = haproxy_replay.refusal(snippet.text)
    if line:
        return PARTIAL, checks, [
            f'line {line}: {reason} is not given to haproxy -c'], \
            ('haproxy',)
    if not external:
        return PARTIAL, checks, [NO_TOOLS], ('haproxy',)
    return FULL, [*checks, 'haproxy -c'], [], ('haproxy',)


def _crmsh(snippet, _release, external):
    from snippetcheck.external import crmsh_replay

    checks = ['crmsh grammar']
    missing = []
    for line, element in crmsh_replay.elements(snippet.text):
        reason = crmsh_replay.refusal(element)
        if reason:
            missing.append(f'line {line}: not replayed: {reason}')
    if not missing:
        if external:
            checks.append('crm replay and crm_verify')
        else:
            missing.append(NO_TOOLS)
    return (PARTIAL if missing else FULL), checks, missing, ('crmsh',)


def _console(snippet, _release, external):
    from snippetcheck.external import crmsh_replay
    from snippetcheck.external import pcs_replay

    checks, missing, groups = [], [], []
    others, inputs = set(), set()
    replays = False
    for entry in console.entries(snippet.text, snippet.prompts):
        if entry.kind == 'input' and \
                entry.name not in console.CHECKED_INTERPRETERS:
            inputs.add(entry.name)
    for command in console.commands(snippet.text, snippet.prompts):
        program = engine.program_of(command)
        if not program:
            others.add(command.program or command.text.split()[0])
            continue
        if program not in groups:
            groups.append(program)
            checks.append(f'{program} checker')
        if program == 'pcs':
            try:
                replays |= pcs_replay.scratch_argv(
                    command.argv, 'cib.xml') is not None
            except pcs_replay.NotReplayed as error:
                missing.append(f'line {command.line}: not replayed: '
                               f'{error}')
        elif program == 'crm':
            element = crmsh_replay.command_element(command.argv)
            reason = crmsh_replay.refusal(element) if element else None
            if reason:
                missing.append(f'line {command.line}: not replayed: '
                               f'{reason}')
            elif reason is not None:
                replays = True
    if not groups:
        what = []
        if others:
            what.append('programs not checked: ' + ', '.join(
                sorted(others)[:5]) + (', ...' if len(others) > 5 else ''))
        if inputs:
            what.append('input of ' + ', '.join(sorted(inputs)) +
                        ' (not shell commands)')
        return NOT_CHECKED, [], [
            '; '.join(what) or 'no command'], ()
    if replays:
        if external:
            checks.append('replay through the real tool')
        else:
            missing.append(NO_TOOLS)
    return (PARTIAL if missing else FULL), checks, missing, tuple(groups)


def _python(_snippet, _release, _external):
    return FULL, ['Python parser'], [], ()


def _yaml(_snippet, _release, _external):
    return FULL, ['YAML parser'], [], ()


_JUDGES = {'ini': _ini, 'haproxy': _haproxy, 'crmsh': _crmsh,
           'console': _console, 'python': _python, 'yaml': _yaml}


def judge_all(snippets, release, external):
    """The Coverage of each of *snippets*, each block once: a block of a
    file that several documents include is judged where it is first
    read."""
    judged, seen = [], set()
    for snippet in snippets:
        place = (snippet.source, snippet.line)
        if place not in seen:
            seen.add(place)
            judged.append(judge(snippet, release, external))
    return judged


@dataclasses.dataclass
class Summary:
    """Counts of a set of Coverage: by group, (fully judged, not
    applicable, all); and the blocks out of scope by status."""

    blocks: int = 0
    groups: dict = dataclasses.field(default_factory=dict)
    in_scope: int = 0
    full_in_scope: int = 0
    not_applicable: int = 0
    out_of_scope: dict = dataclasses.field(default_factory=dict)

    @property
    def percent(self):
        judged = self.in_scope - self.not_applicable
        return 100.0 if not judged else 100.0 * self.full_in_scope / judged

    def render(self):
        parts = []
        for group in GROUPS:
            full, applicable, total = self.groups.get(group, (0, 0, 0))
            if not total:
                continue
            text = f'{group} {full}/{applicable}'
            if total > applicable:
                text += f' (+{total - applicable} not applicable)'
            parts.append(text)
        other = ', '.join(f'{count} {status}' for status, count
                          in sorted(self.out_of_scope.items()))
        return (f'{self.blocks} blocks; in scope: {self.full_in_scope} of '
                f'{self.in_scope - self.not_applicable} fully judged '
                f'({self.percent:.1f}%)'
                + (': ' + ', '.join(parts) if parts else '')
                + (f'; out of scope: {other}' if other else ''))


def summarize(coverages):
    summary = Summary()
    counts = collections.defaultdict(lambda: [0, 0, 0])
    for item in coverages:
        summary.blocks += 1
        if not item.groups:
            summary.out_of_scope[item.status] = \
                summary.out_of_scope.get(item.status, 0) + 1
            continue
        summary.in_scope += 1
        if item.status == FULL:
            summary.full_in_scope += 1
        if item.status == NOT_APPLICABLE:
            summary.not_applicable += 1
        for group in item.groups:
            counts[group][2] += 1
            if item.status != NOT_APPLICABLE:
                counts[group][1] += 1
            if item.status == FULL:
                counts[group][0] += 1
    summary.groups = {group: tuple(value) for group, value in counts.items()}
    return summary
