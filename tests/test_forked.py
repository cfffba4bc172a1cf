"""Work done in a forked child while the build goes on (macros/base/forked.py): its result is always the one
this process would have made."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from macros.base import forked

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="work is forked only on Linux")


@pytest.fixture
def can_fork(monkeypatch):
    monkeypatch.setattr(forked, "cores", lambda: 2)  # a child even on a machine with one core
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # whatever threads the test runner keeps


def test_work_done_in_a_child_comes_back_as_its_result(can_fork):
    made = [str(number) * 100 for number in range(20_000)]  # about 2 MB: more than a pipe holds at once
    pending = forked.Pending(lambda: (os.getpid(), made))
    assert pending.forked
    child, result = pending.result()
    assert child != os.getpid() and result == made


def test_work_a_child_died_doing_is_done_here(can_fork):
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            os._exit(1)  # killed part way (out of memory, say)
        return "made here"

    pending = forked.Pending(work)
    assert pending.forked
    assert pending.result() == "made here"


def test_a_failure_in_the_child_is_raised_here_by_doing_the_work_again(can_fork):
    runs = []

    def work():
        runs.append(os.getpid())
        raise ValueError("a broken record")

    pending = forked.Pending(work)
    with pytest.raises(ValueError, match="a broken record"):
        pending.result()
    assert runs == [os.getpid()]  # this process's own run: the child's was in its copy of the list


def test_work_is_done_here_while_another_thread_runs(monkeypatch):
    # A `mkdocs serve` rebuild runs beside the server's threads: a fork could copy a lock one of them holds.
    monkeypatch.setattr(forked, "cores", lambda: 2)
    stop = threading.Event()
    beside = threading.Thread(target=stop.wait)
    beside.start()
    try:
        pending = forked.Pending(os.getpid)
        assert not pending.forked
        assert pending.result() == os.getpid()
    finally:
        stop.set()
        beside.join()


def test_work_is_done_here_on_one_core(monkeypatch):
    monkeypatch.setattr(forked, "cores", lambda: 1)
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    pending = forked.Pending(os.getpid)
    assert not pending.forked
    assert pending.result() == os.getpid()
