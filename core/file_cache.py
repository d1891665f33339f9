"""A file cache that every worker of one machine shares, written in place under a lock (the API's throttle counts).

Django's FileBasedCache writes each value to a new temporary file and renames it over the old one, and lists the
whole folder on every write to see whether it should cull: on a journalled file system that is one to several
milliseconds of waiting per write, on every anonymous API request (its throttle writes its count), more than the
rest of a cached answer. Here a value is written over its file under an exclusive `flock` and read under a shared
one, in the same format (a file written by FileBasedCache reads the same); the folder is listed only when a new
entry is created, the only time the number of entries grows. `update` reads and rewrites a value under one
exclusive lock, so that two workers counting at once do not both read the same count.
"""

import io
import os
import pickle
import time
import zlib
from contextlib import contextmanager, suppress

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

# What a file being written for the first time (empty, or cut short) raises when read: a miss, not an error.
UNREADABLE = (EOFError, pickle.UnpicklingError, zlib.error, ValueError)


class LockedFileCache(FileBasedCache):
    def get(self, key, default=None, version=None):
        with suppress(FileNotFoundError), open(self._key_to_file(key, version), "rb") as file:
            locks.lock(file, locks.LOCK_SH)
            try:
                if not self._is_expired(file):
                    return pickle.loads(zlib.decompress(file.read()))  # noqa: S301 - our own files, as Django's
            except UNREADABLE:
                pass
        return default

    def has_key(self, key, version=None):
        with suppress(FileNotFoundError), open(self._key_to_file(key, version), "rb") as file:
            locks.lock(file, locks.LOCK_SH)
            try:
                return not self._is_expired(file)
            except UNREADABLE:
                return False
        return False

    @contextmanager
    def _locked_for_writing(self, key, version):
        """The entry's file, created if need be (culling first: the only time the entries grow), opened for reading
        and writing under an exclusive lock."""
        self._createdir()
        path = self._key_to_file(key, version)
        if not os.path.exists(path):
            self._cull()
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        with open(descriptor, "r+b") as file:
            locks.lock(file, locks.LOCK_EX)
            yield file

    def _write_over(self, file, value, timeout):
        content = io.BytesIO()
        self._write_content(content, timeout, value)
        file.seek(0)
        file.write(content.getvalue())
        file.truncate()

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._locked_for_writing(key, version) as file:
            self._write_over(file, value, timeout)

    def update(self, key, step, version=None):
        """Read and change the value under `key` as one step for every worker of the machine (an exclusive lock
        held from the read to the write): `step(value or None)` returns (the new value, or None to leave the entry
        as it is; its timeout; what `update` returns)."""
        with self._locked_for_writing(key, version) as file:
            value = None
            try:
                expiry = pickle.load(file)  # noqa: S301 - our own files, as Django's
                if expiry is None or expiry >= time.time():
                    value = pickle.loads(zlib.decompress(file.read()))  # noqa: S301
            except UNREADABLE:
                pass
            new, timeout, result = step(value)
            if new is not None:
                self._write_over(file, new, timeout)
            return result
