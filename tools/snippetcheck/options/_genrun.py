"""Run oslo-config-generator, turning broken optional imports into absent
ones, and adding to its YAML what it leaves out of an option's type.

Services import optional libraries (cinder's storage drivers) with
``importutils.try_import``, which only catches ImportError. A library that
is installed but fails to import some other way (a Python it was not
written for) would stop the generator and lose every namespace. Here such
a failure becomes an ImportError, exactly as if the library were absent,
and is recorded in the file named by ``SNIPPETCHECK_FAILED_IMPORTS`` so the
data says which optional imports were missing. Namespaces are never
dropped: the generator's own errors still stop it.

The YAML names an option's type only by its sample-file label ("list
value") and keeps just its choices and bounds, so what oslo.config needs to
judge a value (``ignore_case``, a regex, the item type of a list, whether
the option is multi-valued) is lost. Here every entry the generator builds
for its YAML gains a ``snippetcheck`` key describing the type object
itself (:func:`describe`), whether the option is multi-valued, and its
default as the generator writes it in a sample file. The entries come from
the generator's own walk over the namespaces, so the options, groups and
namespaces are exactly those of the YAML.

Some services derive a default or a bound from the machine they run on
(cinder's backup_workers is at most its number of CPUs).
``SNIPPETCHECK_MACHINE=CPUS:HOSTNAME`` makes the generator see a machine
of that many CPUs and that host name (:func:`pretend`); generate runs it as
two such machines and keeps only what they agree on.
"""

import contextlib
import importlib.abc
import json
import os
import re
import sys

FAILED = {}

#: oslo.config's type classes whose instances the data describes, by name.
#: A service's own type class is described as the first of these it
#: derives from (neutron's ZonePrefixIPv4 is an Integer with bounds).
_TYPE_ATTRIBUTES = {
    'String': ('choices', 'ignore_case', 'quotes', 'regex', 'regex_flags',
               'max_length'),
    'MultiString': ('choices', 'ignore_case', 'quotes', 'regex',
                    'regex_flags', 'max_length'),
    'Boolean': (),
    'Integer': ('choices', 'min', 'max'),
    'Port': ('choices', 'min', 'max'),
    'Float': ('choices', 'min', 'max'),
    'Range': ('min', 'max', 'inclusive'),
    'List': ('item_type', 'bounds', 'min_length'),
    'Dict': ('value_type', 'bounds', 'key_value_separator', 'min_length'),
    'IPAddress': ('version',),
    'HostAddress': ('version',),
    'HostDomain': ('version',),
    'Hostname': (),
    'URI': ('max_length', 'schemes'),
}
#: What a value of each attribute is when the type's constructor was not
#: given it; such attributes are left out of the description.
_UNSET = {'ignore_case': False, 'quotes': False, 'max_length': 0,
          'bounds': False, 'min_length': 0, 'key_value_separator': ':',
          'inclusive': True}
#: Python types oslo.config accepts as an option's type (cfg.Opt(type=str)),
#: and the oslo.config type that judges a value the same way.
_BUILTIN = {str: 'String', int: 'Integer', float: 'Float'}


def _base(kind):
    """The oslo.config type class *kind* is or derives from, or None."""
    from oslo_config import types

    for cls in type(kind).__mro__:
        if cls.__module__ == types.__name__ and cls.__name__ in \
                _TYPE_ATTRIBUTES:
            return cls
    return None


def _version(kind):
    """The IP version an IPAddress or HostAddress type insists on."""
    checker = getattr(kind, 'ip_address', kind).version_checker
    return {'_check_ipv4': 4, '_check_ipv6': 6}.get(checker.__name__)


def _attribute(kind, name):
    if name == 'version':
        return _version(kind)
    value = getattr(kind, name, None)
    if name == 'choices':
        return None if value is None else list(value)
    if name == 'regex':
        return None if value is None else value.pattern
    if name == 'regex_flags':
        if getattr(kind, 'regex', None) is None:
            return None
        implied = re.UNICODE | (re.IGNORECASE if kind.ignore_case else 0)
        return kind.regex.flags & ~implied or None
    if name in ('item_type', 'value_type'):
        return describe(value)
    if name == 'schemes':
        return None if value is None else sorted(value)
    return value


def describe(kind):
    """What oslo.config needs to judge a value of the type object *kind*:
    ``{'class': 'Integer', 'min': 1, ...}``, with only the attributes its
    constructor was given. ``class`` is None for a type that derives from
    none of oslo.config's (any value then passes); ``custom`` names a
    service's own type class."""
    if isinstance(kind, type):
        if kind in _BUILTIN:
            return {'class': _BUILTIN[kind]}
        return {'class': None, 'custom': kind.__name__}
    base = _base(kind)
    if base is None:  # a service's own class, or a function
        return {'class': None, 'custom': getattr(
            kind, '__qualname__', type(kind).__name__)}
    spec = {'class': base.__name__}
    if type(kind) is not base:
        spec['custom'] = type(kind).__name__
    for name in _TYPE_ATTRIBUTES[base.__name__]:
        value = _attribute(kind, name)
        if value is not None and value != _UNSET.get(name):
            spec[name] = value
    return spec


def describe_opt(opt):
    """The ``snippetcheck`` entry of an option: its type, whether it is
    multi-valued, and its default as the generator writes it in a sample
    file (a list, one value a line; an option without a default has
    none)."""
    from oslo_config import generator

    if opt.sample_default is None and (
            opt.default is None or (opt.multi and not opt.default)):
        defaults = []
    elif hasattr(opt.type, 'format_defaults'):
        defaults = opt.type.format_defaults(opt.default, opt.sample_default)
    else:
        defaults = generator._format_defaults(opt)
    return {'type': describe(opt.type), 'multi': bool(opt.multi),
            'defaults': [str(value) for value in defaults],
            'sample_default': opt.sample_default is not None}


def _describing(build_entry):
    def build(opt, group, namespace, conf):
        entry = build_entry(opt, group, namespace, conf)
        entry['snippetcheck'] = describe_opt(opt)
        return entry
    return build


class _Guard(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, 'find_spec'):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is None:
                continue
            loader = spec.loader
            if loader is not None and hasattr(loader, 'exec_module'):
                original = loader.exec_module

                def exec_module(module, original=original, name=name):
                    try:
                        original(module)
                    except ImportError:
                        raise
                    except Exception as error:
                        FAILED[name] = f'{type(error).__name__}: {error}'
                        raise ImportError(
                            f'{name} failed to import: {error}') from error

                with contextlib.suppress(AttributeError, TypeError):
                    loader.exec_module = exec_module
            return spec
        return None


def pretend(machine):
    """Make the CPU count and host name the services can ask for those of
    *machine*, ``CPUS:HOSTNAME``."""
    import multiprocessing
    import socket

    cpus, _colon, hostname = machine.partition(':')
    cpus = int(cpus)
    os.cpu_count = lambda: cpus
    multiprocessing.cpu_count = lambda: cpus
    for name in ('process_cpu_count',):
        if hasattr(os, name):
            setattr(os, name, lambda: cpus)
    if hasattr(os, 'sched_getaffinity'):
        os.sched_getaffinity = lambda pid: set(range(cpus))
    socket.gethostname = lambda: hostname
    socket.getfqdn = lambda name='': f'{hostname}.example.org'


def main():
    machine = os.environ.get('SNIPPETCHECK_MACHINE')
    if machine:
        pretend(machine)
    sys.meta_path.insert(0, _Guard())
    from oslo_config import generator
    # The one entry point of the YAML output that sees the Opt objects.
    generator._build_entry = _describing(generator._build_entry)
    try:
        generator.main(sys.argv[1:])
    finally:
        target = os.environ.get('SNIPPETCHECK_FAILED_IMPORTS')
        if target:
            with open(target, 'w', encoding='utf-8') as stream:
                json.dump(FAILED, stream, sort_keys=True)


if __name__ == '__main__':
    main()
