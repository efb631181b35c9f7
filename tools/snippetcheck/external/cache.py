"""Results of the external checks kept on disk, one JSON file a job.

The key of a result (:meth:`snippetcheck.external.tier.Job.key`) covers
everything that decides it: the job's input, the tools' identity
(:mod:`snippetcheck.external.toolid`) and the code that replays it. Only
results the tools gave are kept: a timeout or a crash is never stored, so
it is tried again next time.

The directory is not trusted either. An entry that is not a regular file
(a symlink, a FIFO), that is too large, that does not parse, or whose key
or checksum is not the one asked for is a cache miss, and so is any error
reading it; each kind of trouble is noted once (:attr:`Cache.notes`) for
the caller to warn about. A directory that cannot be made or written to
means results are not kept, with one note. Writes go to a temporary file
renamed into place, so two builds sharing the directory never see half an
entry.
"""

import contextlib
import errno
import hashlib
import json
import os
import stat
import tempfile

FORMAT = 3
#: An entry larger than this is damaged (findings are a few kB).
MAX_ENTRY_BYTES = 1 << 20


def _digest(value):
    data = json.dumps(value, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(data.encode('ascii')).hexdigest()


def _valid(findings):
    return isinstance(findings, list) and all(
        isinstance(entry, list) and len(entry) == 3
        and isinstance(entry[0], int) and not isinstance(entry[0], bool)
        and isinstance(entry[1], str) and isinstance(entry[2], str)
        for entry in findings)


class Cache:
    """Results on disk; a cache of None keeps none."""

    def __init__(self, directory):
        self.directory = directory
        self.notes = []
        self._writable = bool(directory)

    def _note(self, text):
        if text not in self.notes:
            self.notes.append(text)

    def _path(self, key):
        return os.path.join(self.directory, key[:2], key + '.json')

    def get(self, key):
        """(findings, data) stored for *key*, or None."""
        if not self.directory:
            return None
        path = self._path(key)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK
                         | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        except OSError as error:
            if error.errno == errno.ELOOP:
                self._note(f'cache entry {path} is a symbolic link; '
                           'ignored')
            elif error.errno != errno.ENOTDIR:
                self._note(f'cannot read cache entry {path}: '
                           f'{error.strerror}; ignored')
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                self._note(f'cache entry {path} is not a regular file; '
                           'ignored')
                return None
            if info.st_size > MAX_ENTRY_BYTES:
                self._note(f'cache entry {path} is too large; ignored')
                return None
            data = os.read(fd, MAX_ENTRY_BYTES + 1)
        except OSError as error:
            self._note(f'cannot read cache entry {path}: {error.strerror};'
                       ' ignored')
            return None
        finally:
            os.close(fd)
        try:
            entry = json.loads(data.decode('utf-8'))
            findings, data = entry['findings'], entry.get('data')
            if entry['format'] != FORMAT or entry['key'] != key or \
                    not _valid(findings) or entry['sha256'] != \
                    _digest([findings, data]):
                raise ValueError('not an entry for this key')
        except (ValueError, KeyError, TypeError, UnicodeError):
            self._note(f'cache entry {path} is damaged; ignored')
            return None
        return [tuple(finding) for finding in findings], data

    def put(self, key, findings, data=None):
        """Keep *findings* (a list of (int, str, str)) and *data* (what
        else the job gave, as JSON) for *key*."""
        if not self._writable:
            return
        findings = [[int(line), str(code), str(message)]
                    for line, code, message in findings]
        entry = {'format': FORMAT, 'key': key, 'findings': findings,
                 'data': data, 'sha256': _digest([findings, data])}
        directory = os.path.dirname(self._path(key))
        temporary = None
        try:
            os.makedirs(directory, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=directory, suffix='.tmp')
            with os.fdopen(fd, 'w', encoding='utf-8') as stream:
                json.dump(entry, stream)
            os.replace(temporary, self._path(key))
            temporary = None
        except OSError as error:
            self._writable = False
            self._note(f'cannot write to the cache directory '
                       f'{self.directory} ({error.strerror}); results are '
                       'not kept')
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
