"""The operating-system sandbox every external tool runs in.

A snippet is hostile input: a contributor's RST must never be able to run
code on the machine that builds it, read its files, reach the network or
touch a cluster. Filtering what is replayed (the allow-lists of the replay
modules) is one layer; this module is the one that holds when a filter
misses something. Every tool snippetcheck starts runs in bubblewrap
(``bwrap``), with:

* its own user, PID, network, IPC, UTS and cgroup namespaces: no network
  at all (not even the host's loopback), only its own processes to see or
  signal, and no way to create further user namespaces;
* a root file system made from nothing: ``/usr`` (with the ``/bin``,
  ``/sbin`` and ``/lib`` links) and a few world-readable files of ``/etc``
  (:data:`ETC_FILES`), read-only; its own ``/proc``, a minimal ``/dev``,
  empty size-limited ``/tmp``, ``/run`` and ``/var``; the job's scratch
  directory, read-write, is the only place it shares with the build;
* no capabilities, a new session (no terminal to push input into), an
  environment built from nothing (so no ``CIB_*`` or ``PCSD_*`` setting of
  the caller can point a tool at a live cluster);
* limits on CPU time, address space, file size and open files (and on
  processes, where the build does not run as root), set with ``prlimit``;
* death with its parent (bwrap's ``--die-with-parent``), and the whole
  process group killed at its timeout: nothing outlives the build.

Where the sandbox cannot be made (no bubblewrap, user namespaces
disabled), :func:`problem` says why, and nothing runs: the tools are never
run without it. :func:`guard` refuses, besides, any argv that is not one of
the invocations snippetcheck makes.
"""

import contextlib
import dataclasses
import functools
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile

DEFAULT_TIMEOUT = 30
#: Where the tools are looked for, outside and inside the sandbox alike.
PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
#: Files of /etc the tools read: the user and group names haproxy's
#: ``user`` and ``group`` look up, the dynamic linker's cache, the time
#: zone, the alternatives links of /usr and crmsh's defaults. Nothing in
#: them is secret (all are world-readable); keys and cluster settings
#: (/etc/pacemaker, /etc/corosync, /etc/pcsd, /etc/ssl/private, ...) are
#: never mounted.
ETC_FILES = ('passwd', 'group', 'nsswitch.conf', 'ld.so.cache',
             'ld.so.conf', 'ld.so.conf.d', 'localtime', 'alternatives',
             'crm')
#: The top-level links and directories of a merged or split /usr system.
_ROOT_LINKS = ('bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32')
#: Where the worker scripts are mounted inside the sandbox.
WORKERS_DIR = '/snippetcheck'
_HOSTS = '127.0.0.1 localhost\n::1 localhost\n'


class Refused(Exception):
    """An argv that could reach a live system; it is never run."""


class Unavailable(Exception):
    """The sandbox cannot be made on this machine; nothing is run."""


@dataclasses.dataclass(frozen=True)
class Limits:
    """Resource limits of everything one sandbox runs (per process)."""

    cpu: int = DEFAULT_TIMEOUT + 10   # seconds of CPU time
    memory: int = 2 << 30             # bytes of address space
    file_size: int = 64 << 20         # bytes a file may grow to
    open_files: int = 256
    processes: int = 1024             # only where the build is not root
    tmpfs: int = 64 << 20             # bytes of each private tmpfs

    @classmethod
    def for_timeout(cls, timeout):
        return cls(cpu=max(1, int(timeout)) + 10)


@dataclasses.dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def output(self):
        return self.stdout + self.stderr


def clean_environment(scratch, **extra):
    """The whole environment of a tool run in *scratch*."""
    env = {
        'PATH': PATH,
        'LANG': 'C.UTF-8',
        'LC_ALL': 'C.UTF-8',
        'HOME': str(scratch),
        'TMPDIR': str(scratch),
        'TERM': 'dumb',
        'NO_COLOR': '1',
    }
    env.update({key: str(value) for key, value in extra.items()})
    return env


def _inside(path, scratch):
    try:
        resolved = pathlib.Path(scratch, path).resolve()
        return resolved.is_relative_to(pathlib.Path(scratch).resolve())
    except (OSError, ValueError):
        return False


def guard(argv, env, scratch):
    """Raise Refused unless *argv* is an invocation snippetcheck makes and
    can only act on files in *scratch*."""
    if not argv:
        raise Refused('empty command')
    program = os.path.basename(argv[0])
    if any(key.startswith(('CIB_', 'PCSD_', 'PCMK_')) and key != 'CIB_file'
           for key in env):
        raise Refused('environment names a cluster setting')
    if 'CIB_file' in env and not _inside(env['CIB_file'], scratch):
        raise Refused('CIB_file outside the scratch directory')
    if program == 'haproxy':
        if argv[1:2] == ['-v']:
            return
        if '-c' not in argv or '-f' not in argv[:-1]:
            raise Refused('haproxy runs only as "haproxy -c -f FILE"')
        if not _inside(argv[argv.index('-f') + 1], scratch):
            raise Refused('haproxy configuration outside the scratch dir')
    elif program == 'cibadmin':
        if list(argv[1:]) != ['--empty']:
            raise Refused('cibadmin runs only as "cibadmin --empty"')
    elif program == 'crm_verify':
        if list(argv[1:]) == ['--version']:
            return
        if argv[1:3] != ['-V', '-x'] or len(argv) != 4 or not _inside(
                argv[3], scratch):
            raise Refused('crm_verify runs only as "crm_verify -V -x '
                          'SCRATCH_CIB" or "crm_verify --version"')
    elif program == 'crm_simulate':
        _simulation(argv, scratch)
    elif program.startswith('python'):
        script = argv[-2] if len(argv) > 1 else ''
        if os.path.dirname(script) != WORKERS_DIR or not _inside(
                argv[-1], scratch):
            raise Refused('only snippetcheck\'s workers run under python, '
                          'on the scratch directory')
    elif program == 'true' and len(argv) == 1:
        return
    else:
        raise Refused(f'{program} is not a tool snippetcheck runs')


#: What crm_simulate may be given: option -> whether it takes a path (True)
#: or another value (False), or nothing (None).
_SIMULATE_OPTIONS = {'-x': True, '-O': True, '-S': None, '-u': False,
                     '-i': False, '--node-fail': False,
                     '--output-as=xml': None}


def _simulation(argv, scratch):
    """Refuse a crm_simulate argv unless it reads and writes scratch files
    only and does no more than simulate."""
    index = 1
    if '-x' not in argv:
        raise Refused('crm_simulate runs only with -x on a scratch CIB')
    while index < len(argv):
        option = argv[index]
        if option not in _SIMULATE_OPTIONS:
            raise Refused(f'crm_simulate does not run with {option}')
        takes = _SIMULATE_OPTIONS[option]
        if takes is not None:
            if index + 1 >= len(argv):
                raise Refused(f'crm_simulate {option} lacks its value')
            if takes and not _inside(argv[index + 1], scratch):
                raise Refused('crm_simulate names a file outside the '
                              'scratch directory')
            index += 1
        index += 1


def _find(program):
    return shutil.which(program, path=PATH)


@functools.cache
def _private_etc():
    """A directory of the files made for the sandbox's /etc (a hosts file
    that knows localhost only); removed when the process ends."""
    directory = tempfile.mkdtemp(prefix='snippetcheck-etc-')
    with open(os.path.join(directory, 'hosts'), 'w',
              encoding='utf-8') as stream:
        stream.write(_HOSTS)
    import atexit
    atexit.register(shutil.rmtree, directory, True)
    return directory


def _filesystem(scratch, binds):
    args = ['--ro-bind', '/usr', '/usr']
    for name in _ROOT_LINKS:
        path = '/' + name
        if os.path.islink(path):
            args += ['--symlink', os.readlink(path), path]
        elif os.path.isdir(path):
            args += ['--ro-bind', path, path]
    for name in ETC_FILES:
        path = os.path.join('/etc', name)
        if os.path.exists(path):
            args += ['--ro-bind', path, path]
    args += ['--ro-bind', os.path.join(_private_etc(), 'hosts'),
             '/etc/hosts']
    args += ['--proc', '/proc', '--dev', '/dev']
    for private in ('/tmp', '/run', '/var'):
        args += ['--size', str(Limits.tmpfs), '--tmpfs', private]
    for source, target in binds:
        args += ['--ro-bind', str(source), str(target)]
    scratch = os.path.realpath(scratch)
    args += ['--bind', scratch, scratch, '--remount-ro', '/']
    return args


def command(argv, scratch, env, binds=(), limits=Limits()):
    """The full argv that runs *argv* in the sandbox (no shell)."""
    prlimit = [_find('prlimit') or 'prlimit',
               f'--cpu={limits.cpu}', f'--as={limits.memory}',
               f'--fsize={limits.file_size}',
               f'--nofile={limits.open_files}', '--core=0']
    if os.geteuid() != 0:
        prlimit.append(f'--nproc={limits.processes}')
    bwrap = [_find('bwrap') or 'bwrap', '--unshare-all', '--unshare-user',
             '--disable-userns', '--die-with-parent', '--new-session',
             '--cap-drop', 'ALL', '--hostname', 'snippetcheck',
             *_filesystem(scratch, binds), '--chdir',
             os.path.realpath(scratch), '--clearenv']
    for key, value in sorted(env.items()):
        bwrap += ['--setenv', key, value]
    return [*prlimit, '--', *bwrap, '--', *argv]


@functools.cache
def problem():
    """Why the sandbox cannot be made here, or None when it can.

    Tried once a process, by running ``true`` in it with every option the
    tools get.
    """
    for program, package in (('bwrap', 'bubblewrap'),
                             ('prlimit', 'util-linux')):
        if _find(program) is None:
            return (f'{program} is not installed (Debian package '
                    f'{package})')
    with tempfile.TemporaryDirectory(prefix='snippetcheck-') as scratch:
        try:
            result = _spawn(['true'], scratch, clean_environment(scratch), (),
                            Limits(), None, 30)
        except OSError as error:
            return f'bwrap cannot start: {error}'
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or
                  [f'exit status {result.returncode}'])[-1]
        return (f'bwrap cannot make a sandbox here ({reason}); '
                'unprivileged user namespaces must be allowed')
    return None


def require():
    """Raise Unavailable unless the sandbox can be made."""
    reason = problem()
    if reason:
        raise Unavailable(reason)


def _popen(argv, scratch, env, binds, limits, **kwargs):
    return subprocess.Popen(
        command(argv, scratch, env, binds, limits), cwd=scratch, env={},
        shell=False, start_new_session=True, **kwargs)


def _spawn(argv, scratch, env, binds, limits, stdin, timeout):
    process = _popen(argv, scratch, env, binds, limits,
                     stdin=subprocess.PIPE if stdin is not None else
                     subprocess.DEVNULL, stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE)
    try:
        out, err = process.communicate(
            None if stdin is None else stdin.encode('utf-8', 'replace'),
            timeout=timeout)
    except subprocess.TimeoutExpired:
        kill(process)
        out, err = process.communicate()
        return Result(-1, _text(out), _text(err), timed_out=True)
    except BaseException:
        kill(process)
        raise
    return Result(process.returncode, _text(out), _text(err))


def run(argv, scratch, timeout=DEFAULT_TIMEOUT, stdin=None, binds=(),
        **env_extra):
    """Run *argv* in the sandbox on *scratch*; never raises for the tool's
    own failure. Raises Refused for an argv snippetcheck does not make and
    Unavailable where there is no sandbox."""
    env = clean_environment(scratch, **env_extra)
    guard(argv, env, scratch)
    require()
    try:
        return _spawn(argv, scratch, env, binds,
                      Limits.for_timeout(timeout), stdin, timeout)
    except OSError as error:
        return Result(-1, '', str(error))


def start(argv, scratch, binds=(), timeout=DEFAULT_TIMEOUT, **env_extra):
    """Start a long-lived worker in the sandbox; same rules as run. Its
    standard input and output are text pipes; stop it with kill()."""
    env = clean_environment(scratch, **env_extra)
    guard(argv, env, scratch)
    require()
    return _popen(argv, scratch, env, binds, Limits.for_timeout(timeout),
                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                  stderr=subprocess.DEVNULL, text=True, errors='replace')


def kill(process):
    """Kill *process* and every process of its group, and reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        process.wait(timeout=10)


def _text(data):
    if data is None:
        return ''
    if isinstance(data, bytes):
        return data.decode('utf-8', 'replace')
    return data


def empty_cib(scratch, timeout=DEFAULT_TIMEOUT):
    """Write an empty CIB (``cibadmin --empty``) to *scratch*/cib.xml.

    Returns (path, None), or (None, what went wrong).
    """
    result = run(['cibadmin', '--empty'], scratch, timeout=timeout)
    if result.returncode != 0:
        lines = result.output.strip().splitlines() or ['no output']
        return None, f'cibadmin --empty failed: {lines[0]}'
    path = os.path.join(scratch, 'cib.xml')
    with open(path, 'w', encoding='utf-8') as stream:
        stream.write(result.stdout)
    return path, None
