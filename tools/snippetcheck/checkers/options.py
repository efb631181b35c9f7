"""ini snippets of a known file checked against the service's options.

The file comes from the snippet's caption or the ``:file:`` role before it
(see :mod:`snippetcheck.blocks`); its options from the data generated from
the service packages (:mod:`snippetcheck.options`). Values are judged by
oslo.config's own types. Placeholders and ``$option`` substitutions are
accepted as values of any type.
"""

import functools

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
    its file is known. A multi-valued option may be set more than once."""
    parsed = ini.parse(snippet.text)
    schema = schemas.for_file(snippet.filename, document.release)
    if schema is None:
        return parsed.findings
    multi = {(section, key) for section, key, _values, _line
             in parsed.assignments
             if (schema.option(schema.group_for(section) or section, key)
                 or {}).get('t') == 'multi'}
    findings = [f for f in parsed.findings
                if parsed.repeats.get(f) not in multi]
    return findings + judge(parsed.assignments, schema)


def judge(assignments, schema):
    findings = []
    auth_types = {section: values[0] for section, key, values, _line
                  in assignments if key == 'auth_type' and values}
    dynamic = {}
    for group, owner in schema.dynamic.items():
        for section, key, values, _line in assignments:
            if section == 'DEFAULT' and key == owner:
                for value in ','.join(values).split(','):
                    if value.strip():
                        dynamic[value.strip()] = group
    reported_sections = set()
    for section, key, values, line in assignments:
        group = schema.group_for(section, dynamic)
        if group is None:
            if schema.common or section in reported_sections:
                continue  # a section of the service itself
            reported_sections.add(section)
            findings.append(_unknown_section(schema, section, line))
            continue
        spec = schema.option(group, key, auth_types.get(section), section)
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
    hint = (f'did you mean [{close}]?' if close else
            'check the section name')
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
    if close:
        hint = f'did you mean {close}?'
    elif elsewhere:
        hint = f'it belongs in [{elsewhere[0]}]'
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


@functools.cache
def _type(kind, choices, low, high):
    if kind == 'int':
        return types.Integer(min=low, max=high,
                             choices=[int(c) for c in choices if c is not None
                                      and c.lstrip('-').isdigit()] or None)
    if kind == 'float':
        return types.Float(min=low, max=high)
    if kind == 'bool':
        return types.Boolean()
    if kind == 'port':
        return types.Port(min=low, max=high)
    if kind == 'uri':
        return types.URI()
    if kind == 'ip':
        return types.IPAddress()
    if kind == 'host':
        return types.HostAddress()
    if kind == 'hostname':
        return types.Hostname()
    if kind == 'hostdomain':
        return types.HostDomain()
    if kind == 'dict':
        return types.Dict()
    if kind == 'str' and choices:
        return types.String(choices=[c for c in choices if c is not None])
    return None


def value_problem(spec, values):
    """What is wrong with *values* for an option of *spec*, or None."""
    value = ' '.join(values).strip()
    if not value or '$' in value or has_placeholder(value):
        return None
    kind = spec.get('t', 'str')
    if kind in ('list', 'multi'):
        return None
    check = _type(kind, tuple(spec.get('c') or ()), spec.get('min'),
                  spec.get('max'))
    if check is None:
        return None
    try:
        check(value)
    except (ValueError, TypeError) as error:
        return f'"{value}" is not a valid value: {_reason(error, spec)}'
    return None


KINDS = {
    'int': 'an integer', 'float': 'a number', 'bool': 'true or false',
    'port': 'a port number (0-65535)', 'uri': 'a URI',
    'ip': 'an IP address', 'host': 'an IP address or host name',
    'hostname': 'a host name', 'hostdomain': 'a host or domain name',
    'dict': 'key:value pairs separated by commas',
}


def _reason(error, spec):
    if spec.get('c'):
        choices = ', '.join(str(c) for c in spec['c'] if c is not None)
        return f'write one of {choices}'
    text = ' '.join(str(error).split())[:100]
    kind = KINDS.get(spec.get('t'))
    return f'{text}; write {kind}' if kind else text
