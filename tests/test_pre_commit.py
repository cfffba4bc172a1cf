""".pre-commit-config.yaml: a valid config whose hooks run the validator on changed records and stop a bad one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, valid_text

CONFIG = ROOT / ".pre-commit-config.yaml"
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def hooks() -> dict[str, dict]:
    [repo] = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["repos"]
    assert repo["repo"] == "local"
    return {hook["id"]: hook for hook in repo["hooks"]}


def test_pre_commit_accepts_the_config():
    result = subprocess.run(PRE_COMMIT + ["validate-config", str(CONFIG)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("path", "record_hook", "guide_hook"),
    [
        ("practice_examples/naloxone-offered-at-induction.yaml", True, False),
        ("practice_examples/an-example.yml", True, False),
        ("practice_examples/guide/tags.yaml", False, True),
        ("practice_examples/schema.json", False, True),
        ("docs/index.md", False, False),
    ],
)
def test_each_hook_runs_on_the_files_it_is_for(path, record_hook, guide_hook):
    found = hooks()

    def runs(hook: dict) -> bool:
        return bool(re.search(hook["files"], path)) and not re.search(hook.get("exclude", "^$"), path)

    assert runs(found["validate-practice-examples"]) is record_hook
    assert runs(found["validate-guide-data"]) is guide_hook
    assert found["validate-practice-examples"]["pass_filenames"] is True
    assert found["validate-guide-data"]["pass_filenames"] is False


@pytest.fixture
def repository(tmp_path) -> Path:
    """A git work tree holding a copy of the project's pipeline, guide data and hook config."""
    work = tmp_path / "work"
    for folder in ("scripts", "macros", "practice_examples/guide"):
        shutil.copytree(ROOT / folder, work / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "practice_examples" / "schema.json", work / "practice_examples" / "schema.json")
    shutil.copy(CONFIG, work / CONFIG.name)
    (work / ".venv").symlink_to(ROOT / ".venv")
    subprocess.run(["git", "init", "--quiet"], cwd=work, check=True)
    return work


def run_hooks(work: Path, *paths: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(work.parent / "pre-commit-home")}
    return subprocess.run(PRE_COMMIT + ["run", "--files", *paths], cwd=work, env=env, capture_output=True, text=True)


def test_the_hook_stops_a_bad_record_with_the_validators_message(repository):
    record = repository / "practice_examples" / "valid-example.yaml"
    record.write_text(valid_text().replace("section: assessment", "section: assesment"), encoding="utf-8")
    result = run_hooks(repository, "practice_examples/valid-example.yaml")
    assert result.returncode == 1
    assert "practice_examples/valid-example.yaml:4:10: unknown section 'assesment'. Did you mean 'assessment'?" in result.stdout
    assert re.search(r"Check changed practice examples\.+Failed", result.stdout)


def test_the_hook_lets_a_good_record_through(repository):
    (repository / "practice_examples" / "valid-example.yaml").write_text(valid_text(), encoding="utf-8")
    result = run_hooks(repository, "practice_examples/valid-example.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Check changed practice examples\.+Passed", result.stdout)
