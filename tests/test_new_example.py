"""`make new`: asks for what is missing at a terminal, says exactly what to type elsewhere, and
answers every mistake in plain words (never argparse's own messages)."""

from __future__ import annotations

import datetime as dt
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from macros.load import project, yamlsafe

SECTIONS = (
    "The section is one of these (its id, title or short title, in any case):\n"
    "    leadership      Leadership and partnership\n"
    "    assessment      Assessment and advice to court\n"
    "    supervision     Case supervision\n"
    "    reducing-harm   Reducing harm\n"
)
ONE_LINE_SECTIONS = (
    "The sections are: leadership (Leadership and partnership), assessment (Assessment and advice to court), "
    "supervision (Case supervision), reducing-harm (Reducing harm).\n"
)
ARGPARSE_WORDS = ("usage:", "expected one argument", "invalid choice", "is not a valid id", "unrecognized arguments", "error:")
# Variables an outer `make test` puts in the environment; each run here starts clean of them.
MAKE_ENVIRONMENT = ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES", "ID", "SECTION", "TITLE")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The Makefile, scripts and guide data, with no records, and .venv marked as installed."""
    for name in ("Makefile", "requirements.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("scripts", "macros", "practice_examples/guide"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "practice_examples" / "schema.json", tmp_path / "practice_examples" / "schema.json")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / ".site-installed").touch()  # newer than requirements.txt: make installs nothing
    return tmp_path


def clean_environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in MAKE_ENVIRONMENT}


def script(copy: Path, *args: str) -> subprocess.CompletedProcess:
    """The script run directly, with no terminal."""
    return subprocess.run([sys.executable, str(copy / "scripts" / "new_example.py"), *args], cwd=copy, env=clean_environment(),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)


def make_new(copy: Path, **variables: str) -> subprocess.CompletedProcess:
    """`make new NAME=value ...`, as typed, with no terminal."""
    words = ["make", "--no-print-directory", "new", f"PY={sys.executable}"] + [f"{name}={value}" for name, value in variables.items()]
    return subprocess.run(words, cwd=copy, env=clean_environment(), stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)


def records(copy: Path) -> list[str]:
    return sorted(path.name for path in (copy / "practice_examples").glob("*.yaml"))


def refused(result: subprocess.CompletedProcess) -> str:
    """What a refused run printed: exit status 2, nothing on stdout, and none of argparse's own words."""
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert not [words for words in ARGPARSE_WORDS if words in result.stderr], result.stderr
    return "".join(line for line in result.stderr.splitlines(keepends=True) if not line.startswith("make: *** "))  # make's own last word


def test_make_new_with_nothing_says_exactly_what_to_type(copy):
    message = refused(make_new(copy))
    assert message.startswith(
        "A new example needs an id and a section. Type, for example:\n\n"
        "    make new ID=naloxone-at-induction SECTION=reducing-harm\n\n"
        "or give a title, and the id is made from it:\n\n"
        "    make new SECTION=reducing-harm TITLE='Naloxone offered at induction'\n\n"
        "The id is the example's permanent name and web address: lowercase words joined by single hyphens.\n" + SECTIONS
    )
    assert records(copy) == []


def test_make_new_with_empty_values_is_the_same_as_none(copy):
    assert refused(make_new(copy, ID="", SECTION="", TITLE="")) == refused(make_new(copy))


def test_make_new_without_a_section_repeats_the_id_given(copy):
    message = refused(make_new(copy, ID="peer-mentor-at-the-gate"))
    assert message.startswith("A new example needs a section. Type, for example:\n\n"
                              "    make new ID=peer-mentor-at-the-gate SECTION=reducing-harm\n\n"
                              "The id is the example's permanent name")
    assert SECTIONS in message


def test_make_new_without_an_id_keeps_the_section_given(copy):
    message = refused(make_new(copy, SECTION="Case supervision"))
    assert message.startswith("A new example needs an id. Type, for example:\n\n"
                              "    make new ID=naloxone-at-induction SECTION=supervision\n\n"
                              "or give a title, and the id is made from it:\n\n"
                              "    make new SECTION=supervision TITLE='Naloxone offered at induction'\n\n")


def test_the_script_run_directly_gives_its_own_command(copy):
    message = refused(script(copy))
    assert "\n    python3 scripts/new_example.py naloxone-at-induction --section reducing-harm\n" in message or (
        f"\n    {Path(sys.executable).relative_to(ROOT).as_posix()} scripts/new_example.py naloxone-at-induction --section reducing-harm\n" in message
    )
    assert "make new" not in message


def test_a_section_option_with_no_value(copy):
    assert refused(script(copy, "peer-mentor", "--section")) == (
        "--section needs a value after it, for example --section supervision; or leave it out to be asked.\n"
    )


def test_a_bad_id_is_explained_with_one_that_works(copy):
    assert refused(make_new(copy, ID="Peer_Mentor at the gate", SECTION="supervision")) == (
        "The id 'Peer_Mentor at the gate' cannot be used: an id is lowercase letters and digits in words joined by single hyphens, "
        "such as naloxone-at-induction. Try peer-mentor-at-the-gate.\n"
    )


def test_a_double_hyphen_id_is_explained(copy):
    assert refused(script(copy, "peer--mentor", "--section", "supervision")) == (
        "The id 'peer--mentor' cannot be used: an id is lowercase letters and digits in words joined by single hyphens, "
        "such as naloxone-at-induction. Try peer-mentor.\n"
    )


def test_a_long_id_is_explained(copy):
    long_id = "-".join(["word"] * 20)  # 99 characters
    message = refused(script(copy, long_id, "--section", "supervision"))
    assert message.startswith(f"The id '{long_id}' is 99 characters long: use at most 80, for example word-word-")


@pytest.mark.parametrize(("typed", "meant"), [
    ("supervison", "supervision (Case supervision)"),
    ("harm", "reducing-harm (Reducing harm)"),
    ("Leadershp and partnership", "leadership (Leadership and partnership)"),
])
def test_an_unknown_section_gets_a_did_you_mean(copy, typed, meant):
    assert refused(make_new(copy, ID="peer-mentor", SECTION=typed)) == (
        f"There is no section called '{typed}'. Did you mean {meant}? " + ONE_LINE_SECTIONS
    )


def test_a_section_like_none_gets_the_list_without_a_guess(copy):
    assert refused(make_new(copy, ID="peer-mentor", SECTION="probation")) == "There is no section called 'probation'. " + ONE_LINE_SECTIONS


def test_an_existing_file_is_never_overwritten(copy):
    (copy / "practice_examples" / "peer-mentor.yaml").write_text("kept\n", encoding="utf-8")
    assert refused(make_new(copy, ID="peer-mentor", SECTION="supervision")) == (
        "practice_examples/peer-mentor.yaml already exists: choose another id, or open that file to carry on with the example it holds.\n"
    )
    assert (copy / "practice_examples" / "peer-mentor.yaml").read_text(encoding="utf-8") == "kept\n"


def test_an_existing_file_for_a_title_says_the_id_was_made_from_it(copy):
    (copy / "practice_examples" / "peer-mentors-at-the-gate.yaml").write_text("kept\n", encoding="utf-8")
    assert refused(make_new(copy, TITLE="Peer mentors at the gate", SECTION="supervision")) == (
        "practice_examples/peer-mentors-at-the-gate.yaml already exists: choose another id, or open that file to carry on with the "
        "example it holds. (The id was made from the title: give ID=... to choose one.)\n"
    )


def test_extra_words_are_explained(copy):
    assert refused(script(copy, "peer-mentor", "supervision")) == (
        "'supervision' is more than this command takes: give one id, a section and, if you like, a title, "
        "for example: make new ID=naloxone-at-induction SECTION=reducing-harm\n"
    )


def test_a_title_too_short_is_explained(copy):
    assert refused(make_new(copy, TITLE="Peer", SECTION="supervision")) == (
        "The title 'Peer' is 4 characters long: a title is a short headline of 10 to 100 characters, "
        "such as 'Naloxone offered at induction'.\n"
    )


@pytest.mark.parametrize(("typed", "section"), [
    ("supervision", "supervision"),
    ("SUPERVISION", "supervision"),
    ("Case supervision", "supervision"),
    ("case SUPERVISION", "supervision"),
    ("Reducing Harm", "reducing-harm"),
    ("reducing_harm", "reducing-harm"),
    ("Assessment and advice to court", "assessment"),
])
def test_a_section_is_accepted_by_id_title_or_short_title_in_any_case(copy, typed, section):
    result = make_new(copy, ID="peer-mentor", SECTION=typed)
    assert result.returncode == 0, result.stderr
    record = yaml.safe_load((copy / "practice_examples" / "peer-mentor.yaml").read_text(encoding="utf-8"))
    assert record["section"] == section
    assert result.stdout == f"Wrote practice_examples/peer-mentor.yaml (id peer-mentor, section {section}). Replace each TODO, then run: make validate\n"


@pytest.mark.parametrize("title", [
    "It's a \"quoted\" $HOME `date` title: #1",
    "Peer support drop-in #1 at the office",
    "* Starts like a list, & an anchor, ! a tag",
    "Café, naïve – and “curly” quotes",
])
def test_a_title_through_make_reaches_the_file_as_typed_and_names_the_id(copy, title):
    result = make_new(copy, TITLE=title, SECTION="supervision")
    assert result.returncode == 0, result.stderr
    [name] = records(copy)
    text = (copy / "practice_examples" / name).read_text(encoding="utf-8")
    located, problems = yamlsafe.parse(text, name)
    assert problems == [] and located.data["title"] == title  # the validator's own YAML reader, no comment dropped
    assert name == Path(name).stem + ".yaml" and result.stdout.startswith(f"Wrote practice_examples/{name} (id {Path(name).stem},")


def test_the_title_made_id_is_plain_ascii_words(copy):
    assert make_new(copy, TITLE="Café, naïve – and “curly” quotes", SECTION="supervision").returncode == 0
    assert records(copy) == ["cafe-naive-and-curly-quotes.yaml"]


def test_the_written_file_only_needs_its_todos_replaced(copy):
    assert make_new(copy, ID="peer-mentor", SECTION="supervision", TITLE="Peer mentors meet people at the gate").returncode == 0
    problems = project.check(copy, [copy / "practice_examples" / "peer-mentor.yaml"], today=dt.date.today())[1]  # it writes today's date
    # What the file leaves for its author: TODO placeholders, and the lists and tags to choose.
    assert sorted({p.message.split(" ")[0] for p in problems}) == [
        "context", "provenance.note", "standards", "summary", "tags", "takeaways", "what_was_done", "why_it_works"]
    assert all("TODO" in p.message or p.message.endswith(("add at least 1", "give it a value")) for p in problems), problems


def at_terminal(copy: Path, answers: list[str], *args: str) -> tuple[int, str]:
    """The script run at a terminal (a pseudo-terminal), typing each answer and Enter."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the script, its input and output the terminal
        os.chdir(copy)
        os.execve(sys.executable, [sys.executable, str(copy / "scripts" / "new_example.py"), *args], clean_environment())
    os.write(fd, "".join(f"{answer}\n" for answer in answers).encode())
    screen = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the terminal closes when the script ends
            break
        if not chunk:
            break
        screen += chunk
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), screen.decode().replace("\r\n", "\n")


def test_at_a_terminal_it_asks_for_the_title_id_and_section(copy):
    # Title; Enter takes the id made from it; a wrong section is explained and asked again; then a number.
    code, screen = at_terminal(copy, ["Peer mentors at the prison gate", "", "superv", "3"])
    assert code == 0, screen
    assert "Its title, a short headline (for example: Naloxone offered at induction); Enter to skip: " in screen
    assert "Its id (lowercase words joined by hyphens; its web address) [peer-mentors-at-the-prison-gate]: " in screen
    assert "  3. Case supervision (supervision)" in screen
    assert "There is no section called 'superv'. Did you mean supervision (Case supervision)?" in screen
    assert "Wrote practice_examples/peer-mentors-at-the-prison-gate.yaml (id peer-mentors-at-the-prison-gate, section supervision)." in screen
    record = yaml.safe_load((copy / "practice_examples" / "peer-mentors-at-the-prison-gate.yaml").read_text(encoding="utf-8"))
    assert (record["title"], record["section"]) == ("Peer mentors at the prison gate", "supervision")


def test_at_a_terminal_a_bad_id_is_explained_and_asked_again(copy):
    code, screen = at_terminal(copy, ["", "Peer_Mentor", "peer-mentor"], "--section", "reducing harm")
    assert code == 0, screen
    assert "The id 'Peer_Mentor' cannot be used" in screen and "Try peer-mentor." in screen
    assert records(copy) == ["peer-mentor.yaml"]


def test_at_a_terminal_only_what_is_missing_is_asked(copy):
    code, screen = at_terminal(copy, ["2"], "peer-mentor")
    assert code == 0, screen
    assert "Its id" not in screen and "Its title" not in screen
    assert yaml.safe_load((copy / "practice_examples" / "peer-mentor.yaml").read_text(encoding="utf-8"))["section"] == "assessment"
