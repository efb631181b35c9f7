"""The options a configuration file accepts, read from the option data.

``for_file(path, release)`` gives the Schema of a file the guide names:
``/etc/cinder/cinder.conf`` is cinder's, and a path with a placeholder such
as ``/etc/<service>/<service>.conf`` is the schema of the namespaces every
oslo service shares. Data is read on first use and kept.

Each option's spec is a dict of short keys (written by
:func:`snippetcheck.options.generate.compact`):

``t``
    the kind of value: ``str``, ``int``, ``float``, ``port``, ``bool``,
    ``uri``, ``ip``, ``host``, ``hostname``, ``hostdomain``, ``range``,
    ``list``, ``dict`` (the oslo.config type it is or derives from);
``c``, ``i``
    the choices, as the values themselves (integers for an integer
    option), and ``i`` when their case does not matter;
``min``, ``max``, ``re``, ``rf``, ``ml``, ``q``, ``sc``, ``ve``, ``in``
    bounds, regex and its flags, maximum length, quotes stripped, URI
    schemes, IP version, and whether a range includes its upper bound;
``e``, ``b``, ``nl``, ``ks``
    the spec of a list's items or a dict's values (absent: any string),
    values in brackets, least length, a dict's key-value separator;
``m``
    multi-valued: the option may be set more than once;
``v``, ``vs``
    the default as the sample file writes it (a list for a multi-valued
    option; absent when there is none), ``vs`` when that is a documented
    sample, not the value itself (``my_ip``), or names the directory the
    service is installed in (written ``<site-packages>``);
``w``
    the keys left out because the service derives them from the machine
    it runs on (cinder's ``backup_workers`` is at most its number of
    CPUs);
``x``
    the service's own type class, judged as the oslo.config type it
    derives from;
``d``, ``r``, ``s``
    deprecated names ``[group, name]``, the reason for removal and the
    release it was deprecated in.

Namespaces several services list are stored as their library defines
them; the options of those a service changes (keystone enables
``[cache]``) are in its ``overrides`` file and take precedence in its
schema.

Sections a service names at run time are resolved the way the service
does it:

* cinder: a section that is no option group is a volume backend (listed in
  ``enabled_backends``) and takes the options of ``[backend_defaults]``,
  and ``backend_host``, which cinder-volume registers in each backend
  section when it starts (the generator lists it in ``[backend]``);
* manila: a section that is no option group is a share backend (listed in
  ``enabled_share_backends``) and takes the share driver options, which
  manila registers in ``[DEFAULT]``;
* glance: a section that is no option group is a store named in
  ``enabled_backends`` and takes the options of ``[glance_store]``;
* a group oslo.config declares dynamic (``dynamic_group_owner``) is taken
  by the sections its owner option lists;
* a group with an ``auth_type`` option also takes the options of the
  keystoneauth1 plugin it names (or of any plugin, when the snippet does
  not say which).
"""

import functools
import json
import os
import pathlib

from snippetcheck.findings import closest
from snippetcheck.options import sources

DATA = pathlib.Path(__file__).parent / 'data'

#: service -> group whose options sections named at run time take.
RUNTIME_SECTIONS = {
    'cinder': 'backend_defaults',
    'manila': 'DEFAULT',
    'glance-api': 'glance_store',
}
#: service -> groups whose options the service registers, as it starts, in
#: every section named at run time.
RUNTIME_EXTRA = {
    'cinder': ('backend',),
}

COMMON = 'common'


def group_name(section):
    """The option group a file's *section* stands for, as oslo.config
    reads the file: section names other than DEFAULT are not
    case-sensitive (``[AGENT]`` sets the options of ``agent``)."""
    return section if section == 'DEFAULT' else section.lower()


@functools.cache
def releases():
    return tuple(sorted(p.name for p in DATA.iterdir() if p.is_dir()))


@functools.cache
def _manifest(release):
    with open(DATA / release / 'manifest.json', encoding='utf-8') as stream:
        return json.load(stream)


def _optional_json(path):
    """The JSON document at *path*, or {} where the data has none."""
    try:
        with open(path, encoding='utf-8') as stream:
            return json.load(stream)
    except FileNotFoundError:
        return {}


@functools.cache
def _namespace(release, name):
    return _optional_json(DATA / release / 'namespaces' / f'{name}.json')


@functools.cache
def _overrides(release, service):
    """group -> option -> spec: the options of shared namespaces whose
    spec *service* changes (mostly their defaults)."""
    return _optional_json(DATA / release / 'overrides' / f'{service}.json')


@functools.cache
def multi_valued(release):
    """(group, option) of every multi-valued option of any service of
    *release*: what may be set more than once in a file no schema is
    known for."""
    pairs = set()
    for spec in _manifest(release)['services'].values():
        for namespace in spec['namespaces']:
            for group, options in _namespace(release, namespace).items():
                if group != '_dynamic':
                    pairs.update((group, name) for name, option
                                 in options.items() if option.get('m'))
    return frozenset(pairs)


@functools.cache
def _auth_plugins(release):
    with open(DATA / release / 'auth_plugins.json', encoding='utf-8') as f:
        return json.load(f)


def service_for(path, release):
    """The service whose file *path* is, COMMON, or None."""
    if not path or release not in releases():
        return None
    if '<' in path or 'SERVICE' in path:
        return COMMON
    name = os.path.basename(path)
    for service, spec in _manifest(release)['services'].items():
        if name in spec['files']:
            return service
    return None


def for_file(path, release):
    service = service_for(path, release)
    return None if service is None else _schema(release, service)


@functools.cache
def _schema(release, service):
    manifest = _manifest(release)
    overrides = {}
    if service == COMMON:
        namespaces = manifest['common_namespaces']
        label = 'any OpenStack service'
    else:
        spec = manifest['services'][service]
        namespaces = spec['namespaces'] + spec['runtime_namespaces']
        label = f"{service} {spec['version']}"
        overrides = _overrides(release, service)
    everywhere = set()
    for spec in manifest['services'].values():
        for namespace in spec['namespaces']:
            everywhere.update(_namespace(release, namespace).get(
                'DEFAULT', {}))
    return Schema(service, label, [_namespace(release, n)
                                   for n in namespaces] + [overrides],
                  _auth_plugins(release), everywhere)


class Schema:
    """Groups and options of one file."""

    def __init__(self, service, label, namespaces, plugins, default_names):
        self.service = service
        self.label = label
        self.groups = {}
        self.dynamic = {}
        for data in namespaces:
            for group, options in data.items():
                if group == '_dynamic':
                    self.dynamic.update(options)
                    continue
                self.groups.setdefault(group, {}).update(options)
        self.plugins = plugins
        self.plugin_options = {}
        for options in plugins.values():
            self.plugin_options.update(options)
        self.deprecated = {}
        for group, options in self.groups.items():
            for name, spec in options.items():
                for old_group, old_name in spec.get('d', ()):
                    self.deprecated.setdefault((old_group, old_name),
                                               (group, name))
        self.default_names_anywhere = default_names
        self.runtime_group = RUNTIME_SECTIONS.get(service)
        self.runtime_extra = {}
        for group in RUNTIME_EXTRA.get(service, ()):
            self.runtime_extra.update(self.groups.get(group, {}))

    @property
    def common(self):
        return self.service == COMMON

    def group_for(self, section, dynamic_sections=()):
        """The option group a section takes, or None if unknown."""
        if group_name(section) in self.groups:
            return group_name(section)
        if section in dynamic_sections:
            return dynamic_sections[section]
        if self.runtime_group and self.runtime_group in self.groups:
            return self.runtime_group
        return None

    def option(self, group, name, auth_type=None, section=None):
        """The spec of option *name* of *group*, or None; *section*, when
        given, is the section the option stands in (a section named at run
        time takes more options than its group)."""
        spec = self.groups.get(group, {}).get(name)
        if spec is None and section is not None and \
                group_name(section) not in self.groups and \
                group == self.runtime_group:
            spec = self.runtime_extra.get(name)
        if spec is None and 'auth_type' in self.groups.get(group, {}):
            plugin = self.plugins.get(auth_type) if auth_type else None
            spec = (plugin or self.plugin_options).get(name)
        return spec

    def default(self, group, name):
        """The default of option *name* of *group* as the service's sample
        file writes it (a list of values for a multi-valued option), or
        None when it has none."""
        return (self.groups.get(group, {}).get(name) or {}).get('v')

    def groups_with(self, name):
        return sorted(group for group, options in self.groups.items()
                      if name in options)

    def close_name(self, group, name):
        names = list(self.groups.get(group, {}))
        if 'auth_type' in self.groups.get(group, {}):
            names.extend(self.plugin_options)
        lowered = {n.lower(): n for n in names}
        if name.lower() in lowered:
            return lowered[name.lower()]
        return closest(name, names)

    def close_group(self, section):
        return closest(section, list(self.groups), cutoff=0.8)


def default_release():
    return sources.DEFAULT_RELEASE
