"""Work done in a forked child while the build goes on (macros/base/forked.py): its result is always the one
this process would have made."""

from __future__ import annotations

import functools
import os
import sys
import threading
import time

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


def jobs_writing(folder, count: int, pause: float = 0.0, die_in_child_at: int | None = None, parent: int | None = None):
    """count jobs, each writing the pid of the process that did it to a file of its own number."""

    def job(number: int) -> None:
        if number == die_in_child_at and os.getpid() != parent:
            os._exit(1)  # killed part way (out of memory, say)
        time.sleep(pause)
        (folder / str(number)).write_text(str(os.getpid()), encoding="utf-8")

    return [functools.partial(job, number) for number in range(count)]


def test_shared_jobs_are_each_done_once_by_the_child_and_by_this_process_once_it_asks(can_fork, tmp_path):
    shared = forked.Shared(jobs_writing(tmp_path, 200, pause=0.005), lambda: os.getpid())
    deadline = time.monotonic() + 10
    while not any(tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.01)  # the child starts on its own
    child = shared.result()
    done_by = {path.name: int(path.read_text(encoding="utf-8")) for path in tmp_path.iterdir()}
    assert sorted(map(int, done_by)) == list(range(200))
    assert child != os.getpid() and set(done_by.values()) == {child, os.getpid()}  # neither waited while jobs were left


def test_shared_jobs_a_child_died_doing_are_done_here(can_fork, tmp_path):
    shared = forked.Shared(jobs_writing(tmp_path, 30, die_in_child_at=3, parent=os.getpid()), lambda: os.getpid())
    time.sleep(0.2)  # the child dies at job 3, having taken it
    assert shared.result() == os.getpid()  # then() here, as the child sent nothing
    assert sorted(int(path.name) for path in tmp_path.iterdir()) == list(range(30))
    assert (tmp_path / "3").read_text(encoding="utf-8") == str(os.getpid())


def test_shared_jobs_are_all_done_here_where_no_child_can_be_forked(monkeypatch, tmp_path):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    shared = forked.Shared(jobs_writing(tmp_path, 10), lambda: "then, here")
    assert list(tmp_path.iterdir()) == []  # nothing is done before it is asked for
    assert shared.result() == "then, here"
    assert {path.read_text(encoding="utf-8") for path in tmp_path.iterdir()} == {str(os.getpid())} and len(list(tmp_path.iterdir())) == 10


def taking_from_the_front(both: forked.FromBothEnds, count: int, folder) -> None:
    """This process's part: each item it can still take, in order, written as a job does."""
    for number in range(count):
        if both.take(number):
            time.sleep(0.005)
            (folder / str(number)).write_text(str(os.getpid()), encoding="utf-8")


def wait_for(path) -> None:
    deadline = time.monotonic() + 10
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_items_from_both_ends_are_each_done_once_the_child_taking_the_last_ones(can_fork, tmp_path):
    jobs = jobs_writing(tmp_path, 100, pause=0.005)
    both = forked.FromBothEnds(100, lambda number: jobs[number](), lambda: os.getpid())
    wait_for(tmp_path / "99")  # the child starts on its own, from the back
    taking_from_the_front(both, 100, tmp_path)
    child, left = both.result()
    assert left == []
    done_by = [int((tmp_path / str(number)).read_text(encoding="utf-8")) for number in range(100)]
    assert child != os.getpid() and done_by[0] == os.getpid() and done_by[-1] == child
    meeting = done_by.index(child)
    assert done_by == [os.getpid()] * meeting + [child] * (100 - meeting)  # each from its own end, until they met


def test_items_from_both_ends_that_a_child_took_before_it_died_are_all_left_for_this_process(can_fork, tmp_path):
    # What the child did before it died is done again here: anything it would have sent back is lost with it.
    jobs = jobs_writing(tmp_path, 50, pause=0.005, die_in_child_at=46, parent=os.getpid())
    both = forked.FromBothEnds(50, lambda number: jobs[number](), lambda: "then")
    wait_for(tmp_path / "47")  # the child has done 49, 48 and 47; it takes 46 and dies
    time.sleep(0.5)
    taking_from_the_front(both, 50, tmp_path)
    assert both.result() == (None, [46, 47, 48, 49])
    assert sorted(int(path.name) for path in tmp_path.iterdir()) == [number for number in range(50) if number != 46]


def test_items_from_both_ends_are_all_taken_here_where_no_child_can_be_forked(monkeypatch, tmp_path):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    both = forked.FromBothEnds(10, lambda number: pytest.fail("no child: nothing is done but what this process takes"), lambda: "then")
    assert all(both.take(number) for number in range(10))
    assert both.result() == (None, [])
