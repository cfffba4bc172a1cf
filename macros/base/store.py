"""Results kept on disk between builds (under .cache/), each under a hash of everything it is made from.

A key always includes the pipeline's own source (every .py file under macros/) and the versions of
Python and of the libraries that read, check, convert and draw, so a change to any of them makes
everything again. Each kind of result is kept in one file, a pack: read whole when first asked,
written whole by `save` and renamed into place, so a build running beside another reads the old pack
or the new one. Each entry in it carries its key and a checksum, and is ignored when either does not
match: a cache can make a build faster, never change its output. One file, not one per entry: making
a file cost up to 0.8 ms of the kernel's time here, and a cold build of 1,000 examples made over 3,000.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import struct
import sys
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

CACHE_DIR = Path(".cache")
MACROS = Path(__file__).resolve().parents[1]  # the pipeline that is running
LIBRARIES = ("Markdown", "nh3", "PyYAML", "jsonschema", "google-re2", "zxing-cpp")
_MAGIC = b"pe-cache-2\n"
_ENTRY = struct.Struct(">H32s32sQ")  # an entry's name's length, its key, its payload's SHA-256 and length; then the name and payload
_WRITES = itertools.count()  # with the process id, names each pack's temporary file uniquely
Entry = tuple[bytes, bytes]  # (key, payload)


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


def read_pack(path: Path) -> dict[str, tuple[bytes, bytes, memoryview]]:
    """Each entry of the pack at path by name, as (key, checksum, payload), checksums not yet compared; as many
    whole entries as can be read from a pack cut short or damaged, none from a file that is not a pack. Each
    payload is a view of the file's bytes, read once: no copy of a pack of thousands of pages is made."""
    try:
        data = memoryview(path.read_bytes())
    except OSError:
        return {}
    entries: dict[str, tuple[bytes, bytes, memoryview]] = {}
    if data[: len(_MAGIC)] != _MAGIC:
        return entries
    at = len(_MAGIC)
    while at + _ENTRY.size <= len(data):
        name_length, key, checksum, payload_length = _ENTRY.unpack_from(data, at)
        at += _ENTRY.size
        name, payload = data[at : at + name_length], data[at + name_length : at + name_length + payload_length]
        at += name_length + payload_length
        if at > len(data):
            break
        try:
            entries[bytes(name).decode()] = (key, checksum, payload)
        except UnicodeDecodeError:
            break
    return entries


def write_pack(path: Path, entries: Iterable[tuple[str, bytes, bytes | memoryview]]) -> None:
    """Write the entries (name, key, payload) as the pack at path: whole, then renamed into place. The
    temporary file is named by process and count (O_EXCL: never another's)."""
    parts = [_MAGIC]
    for name, key, payload in entries:
        encoded = name.encode()
        parts += [_ENTRY.pack(len(encoded), key, hashlib.sha256(payload).digest(), len(payload)), encoded, payload]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{next(_WRITES)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with open(descriptor, "wb", closefd=True) as file:
            file.write(b"".join(parts))
        os.replace(temporary, path)
    except BaseException:  # an interrupted build too: never a pack-sized file left behind
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


class Store:
    """One kind of result in one pack file: entries named by the caller, each holding the key it was made for.

    What is read or written is kept in memory; `save` writes the pack with those entries only (the others
    are results of records, pages or addresses that have gone or changed)."""

    def __init__(self, path: Path, version: bytes) -> None:
        self.path = path
        self.version = version  # shared by every key: the code, and whatever else all entries depend on
        self.kept: dict[str, Entry] = {}  # what save() writes: the entries read or written
        self._on_disk: dict[str, tuple[bytes, bytes, memoryview]] | None = None  # the pack as read, once asked
        self._changed = False

    def key(self, *parts: bytes) -> bytes:
        digest = hashlib.sha256(self.version)
        for part in parts:
            digest.update(len(part).to_bytes(8, "big") + part)  # lengths first: no two lists of parts look alike
        return digest.digest()

    def read(self, name: str, key: bytes) -> bytes | None:
        """What was kept under name for key; None if nothing, another key's, or damaged."""
        found = self.kept.get(name)
        if found is not None:
            return found[1] if found[0] == key else None
        if self._on_disk is None:
            self._on_disk = read_pack(self.path)
        stored = self._on_disk.get(name)
        if stored is None or stored[0] != key or hashlib.sha256(stored[2]).digest() != stored[1]:
            return None
        payload = bytes(stored[2])
        self.kept[name] = (key, payload)
        return payload

    def write(self, name: str, key: bytes, payload: bytes) -> None:
        self.kept[name] = (key, payload)
        self._changed = True

    def made(self, parts: tuple[bytes, ...], make: Callable[[], bytes]) -> bytes:
        """make()'s bytes for what parts describe, kept under a name of their own hash."""
        key = self.key(*parts)
        name = key.hex()[:40]
        found = self.read(name, key)
        if found is None:
            found = make()
            self.write(name, key, found)
        return found

    def add(self, entries: dict[str, Entry]) -> None:
        """Keep entries another copy of this store read or wrote (a forked process's)."""
        for name, (key, payload) in list(entries.items()):
            if self.read(name, key) != payload:  # read, so that one the pack holds already is kept unchanged
                self.write(name, key, payload)

    def save(self) -> None:
        """Write the pack with the entries read or written since this store was made, and no others; nothing if
        that would change nothing. A checkout that cannot be written still builds, only without keeping results."""
        # Before packs, each entry was a file in a folder named as the pack is, less ".pack": thousands of files
        # that nothing reads any more, in a checkout that built before.
        shutil.rmtree(self.path.with_suffix(""), ignore_errors=True)
        if self._on_disk is None:
            self._on_disk = read_pack(self.path)
        if not self._changed and self._on_disk.keys() <= self.kept.keys():
            return
        try:
            write_pack(self.path, [(name, key, payload) for name, (key, payload) in self.kept.items()])
        except OSError:
            return
        self._changed = False
