"""The validation cache (.cache/validation.pack): an unchanged record is not checked again, and nothing it
depends on can change without the record being checked afresh. Each run is `scripts/validate.py` in a
fresh process in a copy of the project, so the copy's own code, schema and guide data are what run."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, valid_text
from macros.base import forked, store
from macros.load import checked, project
from macros.load.checked import CACHE_PACK

RECORD = "practice_examples/valid-example.yaml"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The pipeline, the validator, the guide's data and schema, and the fixture record."""
    shutil.copytree(ROOT / "macros", tmp_path / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "scripts").mkdir()
    for name in ("validate.py", "_root.py"):
        shutil.copy(ROOT / "scripts" / name, tmp_path / "scripts" / name)
    shutil.copytree(ROOT / "practice_examples" / "guide", tmp_path / "practice_examples" / "guide")
    shutil.copy(ROOT / "practice_examples" / "schema.json", tmp_path / "practice_examples" / "schema.json")
    (tmp_path / RECORD).write_text(valid_text(), encoding="utf-8")
    return tmp_path


def validate(copy: Path) -> subprocess.CompletedProcess:
    """The validator's run, its problems and the line saying how many records were unchanged together in stdout."""
    return subprocess.run([sys.executable, "scripts/validate.py"], cwd=copy, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unchanged_record_is_taken_from_the_cache_and_an_edited_one_checked_again(copy):
    first = validate(copy)
    assert first.returncode == 0 and "unchanged" not in first.stdout, first.stdout
    assert len(store.read_pack(copy / CACHE_PACK)) == 1
    second = validate(copy)
    assert second.returncode == 0 and "(1 unchanged since they were last checked)" in second.stdout, second.stdout
    edit(copy / RECORD, "section: assessment", "section: nowhere")
    edited = validate(copy)
    assert edited.returncode == 1 and "unchanged" not in edited.stdout
    assert f"{RECORD}:4:10: unknown section 'nowhere'" in edited.stdout


def test_the_cache_folder_of_a_file_per_result_left_by_an_older_version_is_deleted(copy):
    """Before packs, .cache/validation/ held one file per record: nothing reads them now."""
    old = copy / CACHE_PACK.with_suffix("") / "3f"
    old.mkdir(parents=True)
    (old / "3f9a0c").write_bytes(b"an older version's result")
    assert validate(copy).returncode == 0
    assert not old.parent.exists()
    assert len(store.read_pack(copy / CACHE_PACK)) == 1


@pytest.mark.parametrize(("changed", "old", "new", "reported"), [
    # the record schema: titles now at most 10 characters
    ("practice_examples/schema.json", '"maxLength": 100', '"maxLength": 10', f"{RECORD}:3:8: title"),
    # a guide data file: the tag value the record uses is renamed
    ("practice_examples/guide/tags.yaml", "id: pre-sentence", "id: before-sentence", f"{RECORD}:26:7:"),
    # the pipeline's own code: the TODO check's message is reworded
    ("macros/load/examples.py", "still has a TODO placeholder", "STILL HAS A TODO", "STILL HAS A TODO"),
])
def test_a_change_to_what_a_record_is_checked_against_checks_it_again(copy, changed, old, new, reported):
    edit(copy / RECORD, "- A practical tip for the fixture.", "- A practical tip for the fixture. TODO")
    assert "still has a TODO placeholder" in validate(copy).stdout
    assert "(1 unchanged" in validate(copy).stdout  # kept
    edit(copy / changed, old, new)
    after = validate(copy)
    assert "unchanged" not in after.stdout
    assert reported in after.stdout, after.stdout


def test_a_damaged_or_swapped_cache_entry_is_ignored_and_the_record_checked(copy):
    (copy / "practice_examples" / "other.yaml").write_text(valid_text().replace("id: valid-example", "id: other"), encoding="utf-8")
    edit(copy / RECORD, "section: assessment", "section: nowhere")
    assert validate(copy).returncode == 1
    pack = copy / CACHE_PACK
    kept = store.read_pack(pack)
    assert len(kept) == 2
    # Each entry given the other's key and result: a valid record's result in the invalid one's place, and back.
    (first, (first_key, _, first_payload)), (second, (second_key, _, second_payload)) = kept.items()
    store.write_pack(pack, [(first, second_key, second_payload), (second, first_key, first_payload)])
    swapped = validate(copy)
    assert swapped.returncode == 1 and "unchanged" not in swapped.stdout
    assert f"{RECORD}:4:10: unknown section 'nowhere'" in swapped.stdout
    whole = bytearray(pack.read_bytes())
    starts = [whole.index(payload) for _, _, payload in store.read_pack(pack).values()]
    flipped = bytearray(whole)
    for at in starts:
        flipped[at + 40] ^= 1  # a byte of each stored result changed
    # Damaged: each result changed, the pack cut short within its first result, a file that is not a pack.
    for damaged_pack in (bytes(flipped), bytes(whole[: starts[0] + 40]), b"\x80\x05not a cache entry"):
        pack.write_bytes(damaged_pack)
        damaged = validate(copy)
        assert damaged.returncode == 1 and "unchanged" not in damaged.stdout and "Traceback" not in damaged.stdout
        assert f"{RECORD}:4:10: unknown section 'nowhere'" in damaged.stdout


def test_a_cached_record_still_warns_of_a_passed_review_date(copy):
    # Reviewed long ago: its review date has passed, which is a warning at every run, kept or not.
    old = valid_text().replace('added: "2026-01-05"', 'added: "2023-01-05"').replace(
        'last_reviewed: "2026-02-10"', 'last_reviewed: "2023-02-10"').replace('review_by: "2027-02-10"', 'review_by: "2024-02-10"')
    (copy / RECORD).write_text(old, encoding="utf-8")
    for run in (validate(copy), validate(copy)):
        assert run.returncode == 0, run.stdout
        assert f"{RECORD}:36: review_by 2024-02-10 has passed" in run.stdout
    assert "(1 unchanged" in run.stdout


def test_a_result_that_depends_on_the_day_is_checked_again_on_another_day(scratch):
    # Reviewed on TODAY: a date in the future the day before, and fine on the day.
    reviewed = valid_text().replace('last_reviewed: "2026-02-10"', f'last_reviewed: "{TODAY}"').replace(
        'review_by: "2027-02-10"', f'review_by: "{TODAY.replace(year=TODAY.year + 1)}"')
    (scratch / "practice_examples" / "valid-example.yaml").write_text(reviewed, encoding="utf-8")
    day_before = TODAY - dt.timedelta(days=1)
    for reused in (0, 1):  # checked, then taken from the cache
        loaded, problems = project.check(scratch, today=TODAY)
        assert problems == [] and loaded.reused == reused
    for reused in (0, 1):
        loaded, problems = project.check(scratch, today=day_before, keep_valid=True)
        assert [problem.message for problem in problems] == [f"last_reviewed {TODAY} is in the future: use the date the work was done"]
        assert loaded.reused == reused


def test_the_cache_folder_is_not_committed():
    ignored = subprocess.run(["git", "check-ignore", "-q", str(CACHE_PACK)], cwd=ROOT, check=False)
    assert ignored.returncode == 0


def test_a_stored_result_is_used_only_for_its_own_key_and_only_while_undamaged(tmp_path):
    made: list[bytes] = []

    def make(payload: bytes):
        return lambda: made.append(payload) or payload

    def made_by(version: bytes, payload: bytes) -> bytes:
        kept = store.Store(tmp_path / "qr.pack", version)
        found = kept.made((b"https://example.org/a/",), make(payload))
        kept.save()
        return found

    assert made_by(b"code", b"<svg>a</svg>") == b"<svg>a</svg>"
    assert made_by(b"code", b"again") == b"<svg>a</svg>"
    assert made_by(b"new code", b"<svg>new</svg>") == b"<svg>new</svg>"
    data = (tmp_path / "qr.pack").read_bytes()
    (tmp_path / "qr.pack").write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # the stored SVG damaged
    assert made_by(b"new code", b"<svg>remade</svg>") == b"<svg>remade</svg>"
    assert made == [b"<svg>a</svg>", b"<svg>new</svg>", b"<svg>remade</svg>"]


def test_a_pack_keeps_only_what_was_used_and_is_not_rewritten_unchanged(tmp_path):
    pack = tmp_path / "validation.pack"
    first = store.Store(pack, b"code")
    for name in ("a", "b", "c"):
        first.write(name, first.key(name.encode()), name.encode() * 3)
    first.save()
    assert {name: payload for name, (_, _, payload) in store.read_pack(pack).items()} == {"a": b"aaa", "b": b"bbb", "c": b"ccc"}
    written = pack.stat().st_mtime_ns - 10**9
    os.utime(pack, ns=(written, written))
    unchanged = store.Store(pack, b"code")  # a warm build that used everything: nothing to write
    for name in ("a", "b", "c"):
        assert unchanged.read(name, unchanged.key(name.encode())) == name.encode() * 3
    unchanged.save()
    assert pack.stat().st_mtime_ns == written
    whole = store.Store(pack, b"code")  # a build without "b" (a record removed): "b" goes
    whole.read("a", whole.key(b"a"))
    whole.write("c", whole.key(b"c"), b"new c")
    whole.save()
    assert {name: payload for name, (_, _, payload) in store.read_pack(pack).items()} == {"a": b"aaa", "c": b"new c"}


DAY = dt.date.today()  # the real records' dates are valid today


def library_with_mistakes(scratch: Path) -> Path:
    """The real records, copies of the fixture record, and records with mistakes: an unknown section,
    a TODO, YAML that does not parse, another file's id."""
    folder = scratch / "practice_examples"
    for path in sorted((ROOT / "practice_examples").glob("*.yaml")):
        shutil.copy(path, folder / path.name)
    text = valid_text()
    for number in range(12):
        (folder / f"copy-{number}.yaml").write_text(text.replace("id: valid-example", f"id: copy-{number}"), encoding="utf-8")
    (folder / "wrong-section.yaml").write_text(text.replace("id: valid-example", "id: wrong-section").replace("section: assessment", "section: nowhere"), encoding="utf-8")
    (folder / "with-todo.yaml").write_text(text.replace("id: valid-example", "id: with-todo").replace("- A practical tip for the fixture.", "- A practical tip. TODO"), encoding="utf-8")
    (folder / "broken-yaml.yaml").write_text(text.replace("id: valid-example", "id: broken-yaml\n  - : ["), encoding="utf-8")
    (folder / "same-id.yaml").write_text(text.replace("id: valid-example", "id: copy-3"), encoding="utf-8")
    return scratch


def fresh_check(root: Path) -> tuple[str, list]:
    """A cold check (nothing kept on disk or in memory): every valid example as written out, and every problem."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    checked.Checked._memory.clear()
    loaded, problems = project.check(root, today=DAY, keep_valid=True)
    return repr((loaded.examples, loaded.related)), problems


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="records are checked in forked workers only on Linux")
def test_records_checked_in_worker_processes_give_the_same_examples_problems_and_order_as_one_process(scratch, monkeypatch):
    root = library_with_mistakes(scratch)
    monkeypatch.setattr(checked, "PARALLEL_FROM", float("inf"))
    serial = fresh_check(root)
    pools = []

    class Counted(checked.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(checked, "ProcessPoolExecutor", Counted)
    monkeypatch.setattr(checked, "PARALLEL_FROM", 2)
    monkeypatch.setattr(forked, "cores", lambda: 2)  # two workers even on a machine with one core
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # whatever threads the test runner keeps
    parallel = fresh_check(root)
    assert pools == [(2,)]
    assert parallel == serial
    problems = [str(problem) for problem in parallel[1]]
    assert "practice_examples/wrong-section.yaml:4:10: unknown section 'nowhere'." in " ".join(problems)
    assert any(problem.startswith("practice_examples/broken-yaml.yaml:") for problem in problems)
    assert "practice_examples/with-todo.yaml:16:5: tips (item 1) still has a TODO placeholder: replace it with your own text" in problems
    assert any(problem.startswith("practice_examples/same-id.yaml:2:5: id 'copy-3' does not match the file name") for problem in problems)
    # Kept as a check in one process keeps them: the next check takes every record from the cache.
    loaded, again = project.check(root, today=DAY, keep_valid=True)
    assert again == parallel[1] and loaded.reused == len(list((root / "practice_examples").glob("*.yaml")))


def test_records_are_checked_in_this_process_while_another_thread_runs(scratch, monkeypatch):
    # A `mkdocs serve` rebuild runs beside the server's threads: a fork could copy a lock one of them holds.
    root = library_with_mistakes(scratch)
    monkeypatch.setattr(checked, "PARALLEL_FROM", 2)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    monkeypatch.setattr(checked, "ProcessPoolExecutor", None)  # any attempt to start workers would fail loudly
    stop = threading.Event()
    beside = threading.Thread(target=stop.wait)
    beside.start()
    try:
        examples, problems = fresh_check(root)
    finally:
        stop.set()
        beside.join()
    assert any("unknown section 'nowhere'" in problem.message for problem in problems)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="records are checked in forked workers only on Linux")
def test_records_a_dead_worker_left_are_checked_in_this_process(monkeypatch):
    parent = os.getpid()

    def check(index: int):
        if os.getpid() != parent and index >= 4:
            os._exit(1)  # a worker killed part way (out of memory, say)
        return None, [index]

    monkeypatch.setattr(forked, "can_fork", lambda: True)
    monkeypatch.setattr(forked, "cores", lambda: 2)
    results = checked.check_many(list(range(60)), check)
    assert results == [(None, [index]) for index in range(60)]


def test_a_save_cut_short_leaves_no_temporary_pack_behind(tmp_path, monkeypatch):
    kept = store.Store(tmp_path / "qr.pack", b"code")
    kept.write("a", kept.key(b"a"), b"<svg>a</svg>")

    def interrupted(source, destination):
        raise KeyboardInterrupt  # Ctrl-C as the pack is put in place

    monkeypatch.setattr(store.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        kept.save()
    assert list(tmp_path.iterdir()) == []
