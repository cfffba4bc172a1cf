"""Work done in a process forked from this one, while this one goes on with other work.

A build is one process on one core; on a machine with more, work that nothing needs until later (the
files published beside the pages) is done in a forked child meanwhile, and its result sent back
pickled; jobs this process can share once it is free are taken by both (`Shared`). Forking is used
only on Linux, with more than one core, and only from a process running no other thread (a `mkdocs
serve` rebuild runs beside the server's threads, which a fork could leave holding a lock). Otherwise,
or if the child cannot start, dies or fails, the work is done here when its result is asked for: the
result is always the one this process would have made.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def worth_forking() -> bool:
    """Whether work can go to a forked child and run beside this process: a fork is safe here, and a core is spare."""
    return cores() >= 2 and can_fork()


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class Pending(Generic[T]):
    """work(), started in a forked child if one can be used; `result()` waits for it, or does it here."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._receiver = None
        self._child = None
        if not worth_forking():
            return
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        try:
            # Forked, so work and what it reads are the child's copies: nothing is pickled on the way there.
            child = context.Process(target=_send, args=(work, sender), daemon=True)
            child.start()
        except OSError:
            receiver.close()
            return
        finally:
            sender.close()  # the child's copy is the one left open, so a child that dies is seen as the pipe's end
        self._receiver, self._child = receiver, child

    @property
    def forked(self) -> bool:
        """Whether the work went to a child (until its result is taken)."""
        return self._child is not None

    def result(self) -> T:
        if self._receiver is not None:
            try:
                done, value = self._receiver.recv()
            except (EOFError, OSError):  # the child died before sending anything
                done, value = False, None
            finally:
                self._receiver.close()
                self._child.join()
                self._receiver = self._child = None
            if done:
                return value
        return self._work()  # here: a failure is raised, and reported, in this process


def _send(work: Callable[[], object], sender) -> None:
    try:
        answer = (True, work())
    except BaseException:  # noqa: BLE001 - the parent does the work again, and reports the failure itself
        answer = (False, None)
    sender.send(answer)
    sender.close()


class Shared(Generic[T]):
    """jobs done side by side: in a forked child from the start, and in this process too once `result()` is
    asked for, each taking the next job not yet taken, so that neither waits while jobs are left. `result()`
    returns then()'s value in the child, once its share is done (what its share made that this process needs);
    without a child, every job is done here, then then(). A job taken by a child that died is done here."""

    def __init__(self, jobs: Sequence[Callable[[], object]], then: Callable[[], T]) -> None:
        self._jobs = jobs
        self._then = then
        self._child: Pending[T] | None = None
        if not worth_forking():
            return
        context = multiprocessing.get_context("fork")
        self._next = context.Value("q", 0)  # the next job to take, under its lock
        self._done = context.RawArray("b", len(jobs))
        self._child = Pending(self._share_then)

    def _share(self) -> None:
        while True:
            with self._next.get_lock():
                index = self._next.value
                if index == len(self._jobs):
                    return
                self._next.value = index + 1
            self._jobs[index]()
            self._done[index] = True

    def _share_then(self) -> T:
        self._share()
        return self._then()

    def result(self) -> T:
        if self._child is None:
            for job in self._jobs:
                job()
            return self._then()
        self._share()  # this process's share of what is left
        value = self._child.result()
        for index, job in enumerate(self._jobs):
            if not self._done[index]:  # taken by a child that died before it was done
                job()
                self._done[index] = True
        return value


class FromBothEnds(Generic[T]):
    """Items 0 to count - 1, each done once: by this process from the front, in order, each taken as it reaches it
    (`take`), and by a forked child from the back (do(index)), until the two meet. This process holds item 0 from
    the start. `result()` waits for the child and returns then()'s value in it and the items this process must
    still do: none if the child finished; if it failed, every item it took, since what it sent is lost with it.
    Without a child, this process takes every item, and `result()` returns None and none."""

    LOCK_WAIT = 60  # seconds: the child holds the lock a moment at a time, but if it were killed holding it, for good

    def __init__(self, count: int, do: Callable[[int], object], then: Callable[[], T]) -> None:
        self._count = count
        self._do = do
        self._then = then
        self._parent = os.getpid()
        self._child: Pending[tuple[bool, T | None]] | None = None
        if count < 2 or not worth_forking():
            return
        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        self._ends = context.RawArray("q", [1, count])  # the next item for this process to take; the child's first
        self._child = Pending(self._from_the_back)

    def _from_the_back(self) -> tuple[bool, T | None]:
        if os.getpid() == self._parent:
            return False, None  # asked here: the child failed
        while True:
            with self._lock:
                if self._ends[1] <= self._ends[0]:
                    break
                self._ends[1] -= 1
                index = self._ends[1]
            self._do(index)
        return True, self._then()

    def take(self, index: int) -> bool:
        """Whether this process does item index: True, and it is taken, unless the child has it already."""
        if self._child is None:
            return True
        if not self._lock.acquire(timeout=self.LOCK_WAIT):
            raise RuntimeError("the forked process sharing this work stopped while holding the lock they share")
        try:
            if index >= self._ends[1]:
                return False
            self._ends[0] = max(self._ends[0], index + 1)
            return True
        finally:
            self._lock.release()

    def result(self) -> tuple[T | None, list[int]]:
        if self._child is None:
            return None, []
        finished, value = self._child.result()
        self._child = None
        return (value, []) if finished else (None, list(range(self._ends[1], self._count)))
