"""What a result of the external tier depends on besides its input.

A cached result stands only as long as everything that decided it: the
programs (haproxy, pcs, crm, cibadmin, crm_verify, crm_simulate), the
Python packages of pcs and crmsh, the resource and fence agents installed
(pcs and crm read their metadata), and snippetcheck's own replay code.
:func:`identity` describes them all without starting any program: the
versions the packages record, and the path, size and modification time of
every file involved (a package upgrade changes them). It is computed once
a process.
"""

import functools
import glob
import hashlib
import os
import re
import shutil

from snippetcheck.external import sandbox

#: The programs each kind of job runs.
PROGRAMS = {
    'haproxy': ('haproxy',),
    'pcs': ('pcs', 'cibadmin', 'crm_verify'),
    'crmsh': ('crm', 'cibadmin'),
    'simulate': ('cibadmin', 'crm_simulate', 'crm_verify'),
}
#: Python packages whose version decides the results of a kind.
PACKAGES = {'pcs': ('pcs',), 'crmsh': ('crmsh',)}
#: Where the agents pcs and crm read metadata of live.
AGENT_GLOBS = ('/usr/lib/ocf/resource.d/*/*', '/usr/sbin/fence_*',
               '/usr/lib/stonith/plugins/*/*')
_PACKAGE_INFO = ('/usr/lib*/python3*/*-packages/{name}-*.egg-info',
                 '/usr/lib*/python3*/*-packages/{name}-*.dist-info',
                 '/usr/local/lib*/python3*/*-packages/{name}-*.dist-info')
_VERSION = re.compile(r'-([0-9][^-/]*)\.(?:egg|dist)-info$')
_HERE = os.path.dirname(os.path.abspath(__file__))


def _stat(path):
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [path, info.st_size, info.st_mtime_ns]


def program(name):
    """[real path, size, mtime] of the program *name*, or None."""
    path = shutil.which(name, path=sandbox.PATH)
    return None if path is None else _stat(os.path.realpath(path))


@functools.cache
def package_version(name):
    """The version of Python package *name* its metadata records, or ''."""
    for pattern in _PACKAGE_INFO:
        for path in sorted(glob.glob(pattern.format(name=name))):
            match = _VERSION.search(path)
            if match:
                return match.group(1)
    return ''


@functools.cache
def agents():
    """A digest of every resource and fence agent installed."""
    digest = hashlib.sha256()
    for pattern in AGENT_GLOBS:
        for path in sorted(glob.glob(pattern)):
            digest.update(repr(_stat(path)).encode('utf-8', 'replace'))
    return digest.hexdigest()


@functools.cache
def replay_code():
    """A digest of snippetcheck's replay code (this package's sources and
    stand-in files)."""
    digest = hashlib.sha256()
    for root, _dirs, files in sorted(os.walk(_HERE)):
        for name in sorted(files):
            if name.endswith(('.py', '.pem')):
                with open(os.path.join(root, name), 'rb') as stream:
                    digest.update(name.encode() + b'\0' + stream.read())
    return digest.hexdigest()


def identity(kind):
    """What results of *kind* depend on, or None when a program is
    missing."""
    programs = [program(name) for name in PROGRAMS[kind]]
    if None in programs:
        return None
    return {
        'programs': programs,
        'packages': {name: package_version(name)
                     for name in PACKAGES.get(kind, ())},
        'agents': agents() if kind != 'haproxy' else '',
        'code': replay_code(),
    }


def missing(kind):
    """The programs of *kind* that are not installed."""
    return [name for name in PROGRAMS[kind]
            if shutil.which(name, path=sandbox.PATH) is None]
