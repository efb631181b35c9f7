"""Running an external tool safely.

Every call names its program and arguments as a list (no shell), runs in a
scratch directory with an environment built from nothing (so no
``CIB_*``, ``PCSD_*`` or other setting of the caller can point a tool at a
live cluster), and is killed at its timeout. ``guard`` refuses any argv
that could act on a live system: pcs without ``-f`` on a scratch file,
crm without ``CIB_file`` on a scratch file, and so on.
"""

import dataclasses
import os
import pathlib
import subprocess

DEFAULT_TIMEOUT = 30


class Refused(Exception):
    """An argv that could reach a live system; it is never run."""


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
    """A minimal environment for a tool run in *scratch*."""
    env = {
        'PATH': '/usr/sbin:/usr/bin:/sbin:/bin',
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
    """Raise Refused unless *argv* can only act on files in *scratch*."""
    if not argv:
        raise Refused('empty command')
    program = os.path.basename(argv[0])
    if any(key.startswith(('CIB_', 'PCSD_', 'PCMK_')) and key != 'CIB_file'
           for key in env):
        raise Refused('environment names a cluster setting')
    if 'CIB_file' in env and not _inside(env['CIB_file'], scratch):
        raise Refused('CIB_file outside the scratch directory')
    if program == 'haproxy':
        if '-c' not in argv or '-f' not in argv:
            raise Refused('haproxy runs only as "haproxy -c -f FILE"')
        if not _inside(argv[argv.index('-f') + 1], scratch):
            raise Refused('haproxy configuration outside the scratch dir')
    elif program == 'pcs':
        if '-f' not in argv[:-1]:
            raise Refused('pcs runs only with -f on a scratch CIB')
        if not _inside(argv[argv.index('-f') + 1], scratch):
            raise Refused('pcs -f names a file outside the scratch dir')
    elif program == 'crm':
        if 'CIB_file' not in env:
            raise Refused('crm runs only with CIB_file on a scratch CIB')
    elif program == 'cibadmin':
        if list(argv[1:]) != ['--empty']:
            raise Refused('cibadmin runs only as "cibadmin --empty"')
    elif program == 'crm_verify':
        if '-x' not in argv[:-1] or not _inside(
                argv[argv.index('-x') + 1], scratch):
            raise Refused('crm_verify runs only with -x on a scratch CIB')
    elif program.startswith('python'):
        if argv[-1:] not in (['pcs-worker'], ['crm-worker']) or not _inside(
                argv[-2], scratch):
            raise Refused('only the pcs and crm workers run under python, '
                          'in the scratch directory')
    else:
        raise Refused(f'{program} is not a tool snippetcheck runs')


def run(argv, scratch, timeout=DEFAULT_TIMEOUT, stdin=None, **env_extra):
    """Run *argv* in *scratch*; never raises for the tool's own failure."""
    env = clean_environment(scratch, **env_extra)
    guard(argv, env, scratch)
    try:
        completed = subprocess.run(
            list(argv), cwd=scratch, env=env, input=stdin,
            capture_output=True, text=True, errors='replace',
            timeout=timeout, check=False, shell=False)
    except subprocess.TimeoutExpired as expired:
        return Result(-1, _text(expired.stdout), _text(expired.stderr),
                      timed_out=True)
    except OSError as error:
        return Result(-1, '', str(error))
    return Result(completed.returncode, completed.stdout, completed.stderr)


def _text(data):
    if data is None:
        return ''
    if isinstance(data, bytes):
        return data.decode('utf-8', 'replace')
    return data


def start(argv, scratch, **env_extra):
    """Start a long-lived worker (pcs or crm); same rules as run."""
    env = clean_environment(scratch, **env_extra)
    guard(argv, env, scratch)
    return subprocess.Popen(
        list(argv), cwd=scratch, env=env, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        errors='replace', shell=False)


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
