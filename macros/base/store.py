"""Results kept on disk between builds (under .cache/), each under a hash of everything it is made from.

A key always includes the pipeline's own source (every .py file under macros/) and the versions of
Python and of the libraries that read, check, convert and draw, so a change to any of them makes
everything again. An entry is written whole and renamed into place, carries its key and a checksum,
and is ignored when either does not match: a cache can make a build faster, never change its output.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sys
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

CACHE_DIR = Path(".cache")
MACROS = Path(__file__).resolve().parents[1]  # the pipeline that is running
LIBRARIES = ("Markdown", "nh3", "PyYAML", "jsonschema", "google-re2", "segno")
_MAGIC = b"pe-cache-1\n"
_HEADER = len(_MAGIC) + 64  # the key's and the checksum's SHA-256 digests
_WRITES = itertools.count()  # with the process id, names each entry's temporary file uniquely


@cache
def _environment() -> bytes:
    return "\n".join([sys.version] + [f"{name}=={_version(name)}" for name in LIBRARIES]).encode()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def code_fingerprint(folder: Path = MACROS) -> bytes:
    """The pipeline's source, byte for byte, with Python's and the libraries' versions (read at each
    build: under `mkdocs serve` a file can change between rebuilds)."""
    digest = hashlib.sha256(_environment())
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


class Store:
    """One kind of result in one folder: entries named by the caller, each holding the key it was made for."""

    def __init__(self, folder: Path, version: bytes) -> None:
        self.folder = folder
        self.version = version  # shared by every key: the code, and whatever else all entries depend on
        self.used: set[str] = set()
        self._folder_made = False

    def key(self, *parts: bytes) -> bytes:
        digest = hashlib.sha256(self.version)
        for part in parts:
            digest.update(len(part).to_bytes(8, "big") + part)  # lengths first: no two lists of parts look alike
        return digest.digest()

    def read(self, name: str, key: bytes) -> bytes | None:
        """What was kept under name for key; None if nothing, another key's, or damaged."""
        self.used.add(name)
        try:
            data = (self.folder / name).read_bytes()
        except OSError:
            return None
        if not data.startswith(_MAGIC) or data[len(_MAGIC) : len(_MAGIC) + 32] != key:
            return None
        payload = data[_HEADER:]
        return payload if hashlib.sha256(payload).digest() == data[len(_MAGIC) + 32 : _HEADER] else None

    def write(self, name: str, key: bytes, payload: bytes) -> None:
        self.used.add(name)
        try:
            if not self._folder_made:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._folder_made = True
            # Written whole, then renamed: a build running beside this one reads the old entry or the new one.
            # The temporary file is named by process and count (O_EXCL: never another's): tempfile's
            # random names and wrapper took as long as the writing itself.
            temporary = os.path.join(self.folder, f".{os.getpid()}-{next(_WRITES)}.tmp")
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            try:
                with open(descriptor, "wb", closefd=True) as file:
                    file.write(_MAGIC + key + hashlib.sha256(payload).digest() + payload)
                os.replace(temporary, os.path.join(self.folder, name))
            except OSError:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass
                raise
        except OSError:  # a read-only checkout still builds, only without keeping results
            self._folder_made = False  # and a folder removed meanwhile is made again at the next write

    def made(self, parts: tuple[bytes, ...], make: Callable[[], bytes]) -> bytes:
        """make()'s bytes for what parts describe, kept under a name of their own hash."""
        key = self.key(*parts)
        name = key.hex()[:40]
        found = self.read(name, key)
        if found is None:
            found = make()
            self.write(name, key, found)
        return found

    def prune(self) -> None:
        """Remove the entries not read or written since this store was made."""
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name not in self.used:
                try:
                    entry.unlink()
                except OSError:
                    pass
