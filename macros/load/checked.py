"""Records already checked, kept in memory and on disk (.cache/validation.pack), so that an unchanged
record is not checked again by the next build, `make serve` rebuild or `make validate`.

An entry is used only for the same record text at the same path, checked on the same day (a date
that has passed changes the result), against the same guide data and schemas (Guide.fingerprint),
by the same pipeline source (every .py file under macros/) and the same versions of Python and of
the libraries that read, check and convert a record. Anything else in the file, a file that fails
its checksum, or one that names anything but the record types, is ignored and the record is
checked afresh: the cache can make a check faster, never change its result.

Records not kept are checked in this process or, when there are at least PARALLEL_FROM of them, in
worker processes forked from it, one per core (`check_many`): each worker runs the same check on
a share of them and sends each result back pickled; the results are put back in the records' order and
kept on disk by this process, so problems, messages and their order are exactly those of a check in one
process. Forking is used only where macros/base/forked.py says it can be: otherwise, or if a worker
cannot be started or dies, the records are checked here, one after another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import multiprocessing
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from macros.base import forked, store
from macros.base.problems import Problem
from macros.load import examples

CACHE_PACK = store.CACHE_DIR / "validation.pack"
# What an entry may contain: the record types and their dates, nothing a file could name to run code.
_ALLOWED = {
    ("macros.load.examples", name) for name in ("Example", "Part", "Prose", "Source", "Evidence", "Due")
} | {("macros.base.problems", "Problem"), ("datetime", "date")}

Result = tuple["examples.Example | None", list[Problem]]
PARALLEL_FROM = 50  # records to check from which they are checked in worker processes
# Shares of the records per worker: one that finishes early takes another, and small shares leave little at the end
# for one worker alone while the other core waits.
CHUNKS_PER_WORKER = 16


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a record type")
        return super().find_class(module, name)


class Checked:
    """The results of checking records, by path: looked up in memory, then on disk, else checked and kept.

    One is made per load of the library; `reused` counts the records whose result was kept.
    """

    _memory: dict[bytes, Result] = {}  # for `mkdocs serve`, whose process outlives its rebuilds

    def __init__(self, root: Path, guide_fingerprint: bytes, today: dt.date) -> None:
        version = store.code_fingerprint() + b"\0" + guide_fingerprint + b"\0" + today.isoformat().encode()
        self.store = store.Store(root / CACHE_PACK, hashlib.sha256(version).digest())
        self.reused = 0
        self.keys: set[bytes] = set()

    def get(self, display: str, text: str, check: Callable[[], Result]) -> Result:
        """The result of checking the record at display, whose text is text; check()'s if none is kept."""
        return self.results([(display, text)], lambda index: check())[0]

    def results(self, records: list[tuple[str, str]], check: Callable[[int], Result]) -> list[Result]:
        """The result of checking each record (display, text): the one kept, or else check(index)'s,
        which is then kept. One entry per record file: a changed record's result replaces its old one."""
        found: list[Result | None] = []
        missing: list[tuple[int, bytes, str]] = []  # (index, key, entry name) of each record to check
        for index, (display, text) in enumerate(records):
            key = self.store.key(display.encode(), text.encode())
            name = hashlib.sha256(display.encode()).hexdigest()[:32]
            self.keys.add(key)
            payload = self.store.read(name, key)
            result = self._memory.get(key)
            if result is None:
                result = self._load(payload)
                if result is not None:
                    self._memory[key] = result
            elif payload is None:  # kept in memory only (the pack was removed meanwhile): on disk again
                self.store.write(name, key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            if result is None:
                missing.append((index, key, name))
            else:
                self.reused += 1
            found.append(result)
        entries = {index: (key, name) for index, key, name in missing}

        def keep(index: int, payload: bytes) -> None:
            key, name = entries[index]
            self.store.write(name, key, payload)

        for (index, key, name), result in zip(missing, check_many(list(entries), check, keep)):
            self._memory[key] = result
            found[index] = result
        return found

    @staticmethod
    def _load(payload: bytes | None) -> Result | None:
        if payload is None:
            return None
        try:
            result = _Unpickler(io.BytesIO(payload)).load()
        except Exception:  # noqa: BLE001 - whatever is wrong with an entry, the record is checked instead
            return None
        if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], list)
                and (result[0] is None or isinstance(result[0], examples.Example))
                and all(isinstance(problem, Problem) for problem in result[1])):
            return None
        return result

    def save(self) -> None:
        """Keep on disk the results of this load, which reads the whole library (and any records named beside it),
        and forget those of records no longer in it, or changed."""
        for key in set(self._memory) - self.keys:
            del self._memory[key]
        self.store.save()


_check: Callable[[int], Result] | None = None  # what the forked workers run: inherited, never sent to them


def check_many(indices: list[int], check: Callable[[int], Result],
               keep: Callable[[int, bytes], None] = lambda index, payload: None) -> list[Result]:
    """check(index) for each index, in order: in forked worker processes when there are PARALLEL_FROM or more
    and they can be used, else here. keep(index, pickled result) is called here for each, in order."""
    workers = min(forked.cores(), len(indices))  # one per core
    payloads: list[bytes | None] = [None] * len(indices)
    if len(indices) >= PARALLEL_FROM and workers > 1 and forked.can_fork():
        global _check
        size = -(-len(indices) // (workers * CHUNKS_PER_WORKER))
        chunks = [indices[start : start + size] for start in range(0, len(indices), size)]
        _check = check
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                for number, chunk in enumerate(pool.map(_check_chunk, chunks)):
                    payloads[number * size : number * size + len(chunk)] = chunk
        except (OSError, BrokenProcessPool):
            pass  # a worker could not start or died: what it left is checked here
        finally:
            _check = None
    checked = []
    for index, payload in zip(indices, payloads):
        if payload is None:
            result = check(index)
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        else:
            result = pickle.loads(payload)
        keep(index, payload)
        checked.append(result)
    return checked


def _check_chunk(indices: list[int]) -> list[bytes]:
    """In a worker: the pickled result of checking each record."""
    return [pickle.dumps(_check(index), protocol=pickle.HIGHEST_PROTOCOL) for index in indices]
