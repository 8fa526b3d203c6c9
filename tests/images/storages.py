"""Disk storages for the file view's tests: one that counts the bytes read from its files, one
that does not say when a file was modified (as some storages do not)."""

import io

from django.core.files import File
from django.core.files.storage import FileSystemStorage


class CountingReader(io.BufferedReader):
    read_bytes = 0

    def read(self, size=-1):
        data = super().read(size)
        CountingReader.read_bytes += len(data)
        return data

    def readinto(self, buffer):
        count = super().readinto(buffer)
        CountingReader.read_bytes += count or 0
        return count


class ReadCountingStorage(FileSystemStorage):
    def _open(self, name, mode="rb"):
        return File(CountingReader(io.FileIO(self.path(name), mode)))


class UntimedStorage(FileSystemStorage):
    def get_modified_time(self, name):
        raise NotImplementedError("This storage does not say when a file was modified.")
