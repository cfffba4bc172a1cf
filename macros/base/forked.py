"""Work done in a process forked from this one, while this one goes on with other work.

A build is one process on one core; on a machine with more, work that nothing needs until later (the
files published beside the pages) is done in a forked child meanwhile, and its result sent back
pickled. Forking is used only on Linux, with more than one core, and only from a process running no
other thread (a `mkdocs serve` rebuild runs beside the server's threads, which a fork could leave
holding a lock). Otherwise, or if the child cannot start, dies or fails, the work is done here when
its result is asked for: the result is always the one this process would have made.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


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
        if cores() < 2 or not can_fork():
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
