"""ini snippets of a known file checked against the service's options.

The file comes from the snippet's caption or the ``:file:`` role before it
(see :mod:`snippetcheck.blocks`); its options from the data generated from
the service packages (:mod:`snippetcheck.options`). Values are judged by
oslo.config's own types, built from the data as the service builds them.
Placeholders and ``$option`` substitutions are accepted as values of any
type.

Ceph's configuration files and keyrings have no oslo.config options: they
are judged by ceph's own ini rules (:func:`snippetcheck.checkers.ini.
parse_ceph`), and a keyring also by the sections and settings ceph reads
from one.
"""

import re

from oslo_config import types

from snippetcheck.catalogue import Check
from snippetcheck.checkers import ini
from snippetcheck.findings import Finding
from snippetcheck.options import schema as schemas
from snippetcheck.placeholders import has_placeholder

#: The checks this module reports (see :mod:`snippetcheck.catalogue`).
CHECKS = (
    Check('OPT001', 'ini',
          'An option the service does not have in that section (the file '
          'is named by the caption or a :file: role).',
          '[DEFAULT]\nosapi_volume_listen = 10.0.0.11',
          '[DEFAULT]\nosapi_share_listen = 10.0.0.11', 'ini',
          '/etc/manila/manila.conf'),
    Check('OPT002', 'ini',
          'A deprecated option name; the message names its replacement.',
          '[DEFAULT]\nlogdir = /var/log/nova',
          '[DEFAULT]\nlog_dir = /var/log/nova', 'ini', '/etc/nova/nova.conf'),
    Check('OPT003', 'ini',
          'An option deprecated for removal, with the reason the service '
          'gives.',
          '[glance]\napi_servers = http://10.0.0.11:9292',
          '[glance]\nendpoint_override = http://10.0.0.11:9292', 'ini',
          '/etc/nova/nova.conf'),
    Check('OPT004', 'ini',
          'A value that does not fit the option: its type, choices or '
          'bounds.',
          '[DEFAULT]\ndebug = maybe', '[DEFAULT]\ndebug = true', 'ini',
          '/etc/cinder/cinder.conf'),
    Check('OPT005', 'ini',
          'A section the file has no options for.',
          '[keystone_authtoken]\nauth_url = http://10.0.0.11:5000',
          '[cache]\nenabled = true', 'ini', '/etc/keystone/keystone.conf'),
)



def check(snippet, document):
    """Syntax findings of an ini snippet, and those of its options when
    its file is known. A multi-valued option may be set more than once. A
    ceph file (:func:`ini.ceph_file`) is judged by ceph's own rules
    instead: it has no oslo.config options."""
    ceph = ini.ceph_file(snippet.filename)
    if ceph:
        parsed = ini.parse_ceph(snippet.text)
        if ceph == 'keyring':
            return parsed.findings + _keyring(parsed.assignments)
        return parsed.findings
    parsed = ini.parse(snippet.text, snippet.fragment_section)
    schema = schemas.for_file(snippet.filename, document.release)
    if schema is None:
        return _repeats_kept(parsed, {}, document.release)
    resolved = list(_resolve(parsed.assignments, schema))
    specs = {(section, key): spec for section, key, _values, _line, _group,
             spec in resolved}
    return _repeats_kept(parsed, specs, document.release) + \
        _judge(resolved, schema)


#: The entity types of ceph (EntityName in src/common/entity_name.cc): a
#: keyring's sections other than [global] are TYPE.ID.
CEPH_ENTITY_TYPES = ('auth', 'mon', 'osd', 'mds', 'mgr', 'client')


def _keyring(assignments):
    """What ceph rejects in a keyring (KeyRing::decode_plaintext in ceph's
    src/auth/KeyRing.cc): a section other than [global] that is no
    entity name, and a setting other than ``key``, ``caps TYPE`` and
    ``auid``; either makes the whole keyring unreadable."""
    findings = []
    reported = set()
    for section, key, _values, line in assignments:
        if section == 'global':
            continue
        kind, dot, _name = section.partition('.')
        if not dot or kind not in CEPH_ENTITY_TYPES:
            if section not in reported:
                reported.add(section)
                findings.append(Finding(
                    line, 'OPT005',
                    f'[{section}] is no ceph entity name, so ceph cannot '
                    'read the keyring; write [TYPE.ID], TYPE one of '
                    f"{', '.join(CEPH_ENTITY_TYPES)} ([client.cinder])"))
            continue
        setting = key.replace('_', ' ')
        if setting in ('key', 'auid') or (
                setting.startswith('caps ') and setting[5:].strip()):
            continue
        findings.append(Finding(
            line, 'OPT001',
            f'"{setting}" is no setting of a ceph keyring, so ceph cannot '
            'read it; write key, caps mon, caps osd, caps mgr or caps mds'))
    return findings


def _repeats_kept(parsed, specs, release):
    """The parser's findings, without those of an option set again that
    may be set more than once: a multi-valued option of the file's
    schema, or, where the schema does not know the option (or no schema
    is known), one that is multi-valued in that section in any service
    of the release."""
    kept = []
    for finding in parsed.findings:
        repeat = parsed.repeats.get(finding)
        if repeat is not None:
            spec = specs.get(repeat)
            if spec.get('m') if spec else (
                    release in schemas.releases() and
                    repeat in schemas.multi_valued(release)):
                continue
        kept.append(finding)
    return kept


def _resolve(assignments, schema):
    """Each assignment with the option group its section takes (None: an
    unknown section) and the option's spec (None: an unknown option)."""
    auth_types = {section: values[0] for section, key, values, _line
                  in assignments if key == 'auth_type' and values}
    dynamic = {}
    for group, owner in schema.dynamic.items():
        for section, key, values, _line in assignments:
            if section == 'DEFAULT' and key == owner:
                for value in ','.join(values).split(','):
                    if value.strip():
                        dynamic[value.strip()] = group
    for section, key, values, line in assignments:
        group = schema.group_for(section, dynamic)
        spec = None if group is None else schema.option(
            group, key, auth_types.get(section), section)
        yield section, key, values, line, group, spec


def judge(assignments, schema):
    """The option findings of *assignments* (section, key, values, line)
    in a file of *schema*."""
    return _judge(_resolve(assignments, schema), schema)


def _judge(resolved, schema):
    findings = []
    reported_sections = set()
    for section, key, values, line, group, spec in resolved:
        if group is None:
            if schema.common or section in reported_sections:
                continue  # a section of the service itself
            reported_sections.add(section)
            findings.append(_unknown_section(schema, section, line))
            continue
        if spec is None:
            findings.extend(_missing(schema, section, group, key, line))
            continue
        if 'r' in spec:
            findings.append(_removal(schema, section, key, spec, line))
        problem = value_problem(spec, values)
        if problem:
            findings.append(Finding(
                line, 'OPT004', f'[{section}] {key}: {problem}'))
    return findings


def _unknown_section(schema, section, line):
    close = schema.close_group(section)
    if section.upper() == 'DEFAULT':
        hint = ('write [DEFAULT]: oslo.config takes only DEFAULT in '
                'capitals for the default section')
    elif close:
        hint = f'did you mean [{close}]?'
    else:
        hint = 'check the section name'
    return Finding(line, 'OPT005',
                   f'[{section}] is no section of {_file(schema)}; {hint}')


def _missing(schema, section, group, key, line):
    moved = schema.deprecated.get((group, key))
    if moved is not None:
        new_group, new_name = moved
        spec = schema.groups[new_group][new_name]
        findings = [Finding(
            line, 'OPT002',
            f'[{section}] {key} is a deprecated name; write {new_name} in '
            f'[{new_group}]')]
        if 'r' in spec:
            findings.append(_removal(schema, section, key, spec, line))
        return findings
    if schema.common and group == 'DEFAULT' and \
            key in schema.default_names_anywhere:
        return []  # an option of the service itself
    close = schema.close_name(group, key)
    elsewhere = [g for g in schema.groups_with(key) if g != group]
    if close and close.lower() == key.lower():
        hint = f'did you mean {close}?'  # the same name, in other case
    elif elsewhere:
        # the name itself, in another section, beats a name like it here
        hint = f'it belongs in [{elsewhere[0]}]'
    elif close:
        hint = f'did you mean {close}?'
    else:
        hint = 'remove it, or check the release notes for what replaced it'
    return [Finding(line, 'OPT001',
                    f'{key} is not an option of [{section}] in '
                    f'{_file(schema)}; {hint}')]


def _removal(schema, section, key, spec, line):
    since = f" since {spec['s']}" if spec.get('s') else ''
    reason = spec.get('r') or 'no reason given'
    if len(reason) > 160:
        reason = reason[:157] + '...'
    return Finding(line, 'OPT003',
                   f'[{section}] {key} is deprecated for removal{since}: '
                   f'{reason}')


def _file(schema):
    return f'the files of {schema.label}' if schema.common else \
        f'{schema.label}'


def _string(spec):
    if not any(key in spec for key in ('c', 're', 'ml', 'q')):
        return None
    regex = spec.get('re')
    if regex is not None and spec.get('rf'):
        regex = re.compile(regex, spec['rf'])
    return types.String(choices=_choices(spec), quotes=bool(spec.get('q')),
                        regex=regex, ignore_case=bool(spec.get('i')),
                        max_length=spec.get('ml'))


def _choices(spec):
    """The choices a value from a file can take (a None choice stands for
    the option left unset)."""
    if 'c' not in spec:
        return None
    return [choice for choice in spec['c'] if choice is not None]


def _build(spec):
    """The oslo.config type that judges a value of *spec*, or None when
    any value passes."""
    kind = spec.get('t', 'str')
    low, high = spec.get('min'), spec.get('max')
    if kind == 'str':
        return _string(spec)
    if kind == 'int':
        return types.Integer(min=low, max=high, choices=_choices(spec))
    if kind == 'port':
        return types.Port(min=low, max=high, choices=_choices(spec))
    if kind == 'float':
        return types.Number(float, 'floating point value', min=low,
                            max=high, choices=_choices(spec))
    if kind == 'range':
        return types.Range(min=low, max=high,
                           inclusive=spec.get('in', True))
    if kind == 'bool':
        return types.Boolean()
    if kind == 'uri':
        return types.URI(max_length=spec.get('ml'), schemes=spec.get('sc'))
    if kind == 'ip':
        return types.IPAddress(version=spec.get('ve'))
    if kind == 'host':
        return types.HostAddress(version=spec.get('ve'))
    if kind == 'hostdomain':
        return types.HostDomain(version=spec.get('ve'))
    if kind == 'hostname':
        return types.Hostname()
    element = _build(spec['e']) if 'e' in spec else None
    if kind == 'list':
        if element is None and not spec.get('b') and not spec.get('nl'):
            return None
        return types.List(item_type=element or types.String(),
                          bounds=bool(spec.get('b')),
                          min_length=spec.get('nl', 0))
    if kind == 'dict':
        return types.Dict(value_type=element or types.String(),
                          bounds=bool(spec.get('b')),
                          key_value_separator=spec.get('ks', ':'),
                          min_length=spec.get('nl', 0))
    return None


#: id(spec) -> (spec, the type judging it); the spec is kept so that its id
#: is never reused while the entry stands.
_BUILT = {}


def _type(spec):
    entry = _BUILT.get(id(spec))
    if entry is None or entry[0] is not spec:
        entry = _BUILT[id(spec)] = (spec, _build(spec))
    return entry[1]


#: An item "..." of a list or dict value: the text elides more items, so
#: the value is a pattern to follow (``inject = a:1,b:2,...``).
_ELIDED = re.compile(r'(?:^|,)\s*(?:\.\.\.|\u2026)\s*(?:$|,)')


def value_problem(spec, values):
    """What is wrong with *values* (the lines of one assignment) for an
    option of *spec*, or None. The value is judged as oslo.config judges
    it: its lines joined by newlines, by the option's own type."""
    value = '\n'.join(values)
    if not value.strip() or '$' in value or has_placeholder(value) or \
            _ELIDED.search(value):
        return None
    check = _type(spec)
    if check is None:
        return None
    try:
        check(value)
    except (ValueError, TypeError) as error:
        shown = ' '.join(' '.join(values).split())
        return f'"{shown}" is not a valid value: {_reason(error, spec)}'
    return None


KINDS = {
    'int': 'an integer', 'float': 'a number', 'bool': 'true or false',
    'port': 'a port number (0-65535)', 'uri': 'a URI',
    'ip': 'an IP address', 'host': 'an IP address or host name',
    'hostname': 'a host name', 'hostdomain': 'a host or domain name',
    'range': 'a range of integers (N or N-M)',
    'dict': 'key:value pairs separated by commas',
}


def _reason(error, spec):
    text = ' '.join(str(error).split())[:100]
    kind = spec.get('t')
    if kind in ('list', 'dict'):
        element = spec.get('e') or {}
        each = 'each item' if kind == 'list' else 'each value'
        if element.get('c'):
            return f'write {each} as one of {_one_of(element)}'
        shape = ('a comma-separated list' if kind == 'list' else
                 f"key{spec.get('ks', ':')}value pairs separated by commas")
        if spec.get('b'):
            shape += ' in brackets'
        what = KINDS.get(element.get('t'))
        return f'{text}; write {shape}' + (f', {each} {what}' if what
                                            else '')
    if spec.get('c'):
        return f'write one of {_one_of(spec)}'
    what = KINDS.get(kind)
    return f'{text}; write {what}' if what else text


def _one_of(spec):
    choices = ', '.join(str(c) for c in spec['c'] if c is not None)
    return choices + (' (in any case)' if spec.get('i') else '')
