"""The issue forms, their config and the workflows: valid for GitHub, generated from the schema and the
guide, prefillable by link, and the proposal workflow safe with contributor text."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

from conftest import ROOT
from issue_bodies import BODIES, FORM_FILE, form_definition
from issue_form import ISSUE_LABEL, expected_text, help_text
from macros.pages import issue_links
from macros.load.guide import load_guide
from macros.load.schema import read_schema

GITHUB = ROOT / ".github"
TEMPLATES = GITHUB / "ISSUE_TEMPLATE"
FORMS = sorted(TEMPLATES.glob("*.yml"))
ISSUE_FORMS = [path for path in FORMS if path.name != "config.yml"]
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PROPOSE = GITHUB / "workflows" / "propose-example.yml"
SCHEMA = read_schema(ROOT / "practice_examples" / "schema.json")
GUIDE = load_guide(ROOT)
# Query names GitHub itself reads on /issues/new; a form field with one of these ids could not be prefilled.
GITHUB_QUERY_NAMES = {"title", "body", "labels", "template", "milestone", "assignees", "projects", "type"}


def check_jsonschema(schema: str, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, paths)], capture_output=True, text=True
    )


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def workflow_steps(path: Path):
    for job in load(path)["jobs"].values():
        yield from job.get("steps", [])


def test_the_committed_form_is_generated_from_the_current_schema_and_guide():
    assert FORM_FILE.read_text(encoding="utf-8") == expected_text(ROOT), "run `make issue-form` and commit the form"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "issue_form.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_vocabulary_change_makes_the_form_stale_until_it_is_regenerated(tmp_path):
    for folder in ("scripts", "macros", "practice_examples/guide"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "practice_examples" / "schema.json", tmp_path / "practice_examples" / "schema.json")
    shutil.copytree(TEMPLATES, tmp_path / ".github" / "ISSUE_TEMPLATE")
    tags = tmp_path / "practice_examples" / "guide" / "tags.yaml"
    tags.write_text(
        tags.read_text(encoding="utf-8").replace("label: Nitrous oxide\n", "label: Nitrous oxide (laughing gas)\n"), encoding="utf-8"
    )
    command = [sys.executable, str(tmp_path / "scripts" / "issue_form.py")]
    stale = subprocess.run(command + ["--check"], capture_output=True, text=True)
    assert stale.returncode == 1
    assert (
        stale.stderr
        == ".github/ISSUE_TEMPLATE/propose-an-example.yml is out of date with practice_examples/: run `make issue-form` and commit it.\n"
    )
    assert subprocess.run(command, capture_output=True, text=True).returncode == 0
    assert "- Nitrous oxide (laughing gas)\n" in (tmp_path / FORM_FILE.relative_to(ROOT)).read_text(encoding="utf-8")
    assert subprocess.run(command + ["--check"], capture_output=True, text=True).returncode == 0


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=[path.name for path in ISSUE_FORMS])
def test_github_accepts_the_issue_form(path):
    result = check_jsonschema("vendor.github-issue-forms", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_github_accepts_the_issue_template_config():
    result = check_jsonschema("vendor.github-issue-config", TEMPLATES / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=[path.name for path in WORKFLOWS])
def test_github_accepts_the_workflow(path):
    result = check_jsonschema("vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=[path.name for path in WORKFLOWS])
def test_every_job_of_every_workflow_has_a_time_limit(path):
    """Without one a job that hangs holds a runner for GitHub's default of six hours."""
    result = check_jsonschema("custom.github-workflows-require-timeout", path)
    assert result.returncode == 0, result.stdout + result.stderr
    for name, job in load(path)["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int) and 0 < job["timeout-minutes"] <= 60, (path.name, name)


def test_the_schema_check_refuses_a_form_github_would_refuse(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(FORM_FILE.read_text(encoding="utf-8").replace("type: textarea", "type: text-area", 1), encoding="utf-8")
    result = check_jsonschema("vendor.github-issue-forms", broken)
    assert result.returncode == 1 and "text-area" in result.stdout


def fields_of(definition: dict) -> dict[str, dict]:
    return {element["id"]: element for element in definition["body"] if element["type"] != "markdown"}


def test_every_field_a_contributor_writes_is_on_the_form_with_the_schemas_help():
    fields = fields_of(form_definition())
    element_for = {"id": "example_id", "title": "example_title", "provenance": "provenance", "evidence": "evidence_status"}
    written_by_the_converter = {"former_ids", "added", "last_reviewed", "review_by"}
    introduced_by_markdown = {"takeaways", "tags"}  # one field spread over several lists, introduced once
    notes = "\n".join(element["attributes"]["value"] for element in form_definition()["body"] if element["type"] == "markdown")
    for name, rule in SCHEMA["properties"].items():
        if name in written_by_the_converter:
            continue
        if name in introduced_by_markdown:
            assert help_text(rule["description"]) in notes, name
            continue
        element = fields[element_for.get(name, name)]
        assert element["attributes"]["description"].startswith(help_text(rule["description"])), name
        # GitHub cannot require a tick among checkboxes (the converter does), and an id is made from the title when none is given.
        if name in SCHEMA["required"] and name != "id" and element["type"] != "checkboxes":
            assert element["validations"]["required"] is True, name
    assert "in quotes" not in json.dumps(form_definition()), "advice on quoting YAML does not belong in a form"


def test_the_form_offers_exactly_the_guides_vocabulary():
    fields = fields_of(form_definition())
    assert fields["section"]["attributes"]["options"] == [section.title for section in GUIDE.sections]
    ticked_ids = [
        re.search(r"\(([^()]+)\)$", option["label"]).group(1)
        for section in GUIDE.sections
        for option in fields[f"takeaways-{section.id}"]["attributes"]["options"]
    ]
    assert ticked_ids == list(GUIDE.takeaways)
    assert [re.search(r"\(([^()]+)\)$", option["label"]).group(1) for option in fields["standards"]["attributes"]["options"]] == list(
        GUIDE.standards
    )
    for facet in GUIDE.facets:
        dropdown = fields[f"tags-{facet.id}"]["attributes"]
        assert dropdown["multiple"] is True
        assert dropdown["options"] == [value.label for value in facet.values]
    assert set(SCHEMA["properties"]["tags"]["properties"]) == {facet.id for facet in GUIDE.facets}
    assert fields["provenance"]["attributes"]["options"] == ["Illustrative", "Reported"]


def test_the_form_states_the_validators_rules_for_tips_questions_abbreviations_evidence_and_dates():
    definition = form_definition()
    fields = fields_of(definition)
    intro = definition["body"][0]["attributes"]["value"]
    for rule in ("at least one tip and two or three questions", "abbreviation in its title or summary must be one the guide's glossary defines",
                 "due for review a year from now", "the evidence status is honest"):
        assert rule in intro, rule
    for name, minimum, maximum in (("tips", 1, 8), ("reflective_questions", 2, 3)):
        assert (SCHEMA["properties"][name]["minItems"], SCHEMA["properties"][name]["maxItems"]) == (minimum, maximum)
        assert fields[name]["validations"]["required"] is True
    assert fields["evidence_status"]["attributes"]["options"] == [status.label for status in GUIDE.statuses.values()]
    assert fields["evidence_status"]["validations"]["required"] is True
    needed = fields["evidence_study"]["attributes"]["description"]
    for status in GUIDE.statuses.values():
        assert (status.label in needed) == status.study_required, status.id
    assert "labelled as the guide's suggestion" in fields["guide_suggestions"]["attributes"]["description"]


def test_the_form_asks_for_each_part_of_a_source_and_a_confirmation_that_no_one_is_identifiable():
    fields = fields_of(form_definition())
    sources_help = fields["sources"]["attributes"]["description"]
    for word in ("Title:", "Publisher:", "Date:", "Web address:", "Supports:"):
        assert f"**{word}**" in sources_help
    confirm = fields["confirm"]["attributes"]["options"]
    assert all(option["required"] is True for option in confirm)
    assert any(option["label"].startswith("No one can be identified") for option in confirm)


def test_every_issue_form_labels_its_issues_and_no_field_id_is_a_query_name_github_reads():
    for path in ISSUE_FORMS:
        definition = load(path)
        assert definition["labels"], path.name
        assert not set(fields_of(definition)) & GITHUB_QUERY_NAMES, path.name
    assert load(FORM_FILE)["labels"] == [ISSUE_LABEL]


def test_the_suggest_link_opens_the_change_form_with_the_example_filled_in():
    # The link each example page's "Suggest a change" uses.
    query = dict(parse_qsl(urlsplit(issue_links.suggest_change_url("https://github.com/OWNER/REPO", "naloxone-offered-at-induction")).query))
    form = TEMPLATES / query.pop("template")
    assert form.is_file()
    assert query.pop("title") == "Change to an example: naloxone-offered-at-induction"
    fields = fields_of(load(form))
    # GitHub prefills a form's text fields from query parameters named by the fields' ids.
    for name, value in query.items():
        assert fields[name]["type"] in ("input", "textarea"), name
    assert query == {"example": "naloxone-offered-at-induction"}
    assert fields["example"]["validations"]["required"] is True


# The proposal workflow.


def test_no_workflow_writes_an_expression_into_a_script():
    """${{ }} in run: is pasted into the script before it runs, so issue text there could run as commands."""
    for path in WORKFLOWS:
        for step in workflow_steps(path):
            assert "${{" not in step.get("run", ""), (path.name, step.get("name"))


def test_the_issue_body_reaches_the_converter_only_through_the_environment():
    convert = next(step for step in workflow_steps(PROPOSE) if step.get("id") == "convert")
    assert convert["env"] == {"ISSUE_BODY": "${{ github.event.issue.body }}"}
    assert convert["run"].strip() == ".venv/bin/python scripts/issue_to_example.py --body-env ISSUE_BODY"
    assert PROPOSE.read_text(encoding="utf-8").count("github.event.issue.body") == 1


def test_the_workflow_runs_only_when_a_maintainer_accepts_an_issue_made_with_the_form():
    workflow = load(PROPOSE)
    assert workflow[True] == {"issues": {"types": ["labeled"]}}  # YAML 1.1 reads the key on: as true
    condition = workflow["jobs"]["convert"]["if"]
    assert "github.event.label.name == 'accepted-example'" in condition
    assert f"contains(github.event.issue.labels.*.name, '{ISSUE_LABEL}')" in condition
    assert {name: job.get("needs") for name, job in workflow["jobs"].items()} == {"convert": None, "pull-request": "convert", "tell-the-issue": "convert"}


def test_the_workflow_has_only_the_permissions_it_uses():
    jobs = load(PROPOSE)["jobs"]
    assert load(PROPOSE)["permissions"] == {}
    assert jobs["convert"]["permissions"] == {"contents": "read"}
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["tell-the-issue"]["permissions"] == {"issues": "write"}


def test_the_write_token_never_meets_pip_or_the_issue_text():
    """The job that reads the issue can only read and is given no token; the jobs that can write
    run no pip and no Python, and get the token only in the step that uses it."""
    for name, job in load(PROPOSE)["jobs"].items():
        text = yaml.safe_dump(job)
        writes = any(level == "write" for level in job["permissions"].values())
        given = [step.get("name") for step in job["steps"] if "github.token" in yaml.safe_dump(step) or "secrets." in yaml.safe_dump(step)]
        if writes:
            assert not re.search(r"make install|pip|python|\.venv|issue_to_example|github\.event\.issue\.body", text), name
            assert given and all("GH_TOKEN" in step.get("env", {}) for step in job["steps"] if step.get("name") in given), name
        else:
            assert given == [], name


@pytest.mark.parametrize("path", WORKFLOWS, ids=[path.name for path in WORKFLOWS])
def test_no_checkout_leaves_the_token_in_the_git_config(path):
    """actions/checkout writes the job's token into .git/config unless told not to, where every later step can read it."""
    checkouts = [step for step in workflow_steps(path) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, path.name


# An action pinned by commit, then its release as a comment: `uses: owner/name@<40 hex> # v1.2.3`.
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$")


@pytest.mark.parametrize("path", WORKFLOWS, ids=[path.name for path in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it(path):
    """A tag can be moved to other code; a commit cannot. The comment says which release it is, for updates."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(- )?uses:", line)]
    assert lines and len(lines) == sum("uses" in step for step in workflow_steps(path))
    for line in lines:
        assert PINNED.match(line), f"{path.name}: {line.strip()}"


def test_each_action_is_pinned_to_the_same_commit_in_every_workflow():
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = PINNED.match(line)
            if match:
                pins.setdefault(match.group(1), set()).add(match.group(2, 3))
    assert pins and all(len(found) == 1 for found in pins.values()), pins


def github_expression(value: str, contexts: dict[str, str]) -> str:
    """Replace each ${{ name }} as GitHub does before a step runs; an unknown name fails the test."""
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda match: contexts[match.group(1)], value)


def run_step(step: dict, cwd: Path, contexts: dict[str, str], extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    """One run: step as the runner runs it: expressions replaced in its env and script, the script in bash -eo pipefail."""
    script = cwd.parent / "step.sh"
    script.write_text(github_expression(step["run"], contexts), encoding="utf-8")
    env = {**os.environ, **extra_env, **{name: github_expression(str(value), contexts) for name, value in step.get("env", {}).items()}}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=cwd, env=env, capture_output=True, text=True
    )


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A git clone of a copy of the project, with a bare origin and a gh that records its arguments."""
    work = tmp_path / "work"
    for folder in ("scripts", "macros", "practice_examples/guide"):
        shutil.copytree(ROOT / folder, work / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "practice_examples" / "schema.json", work / "practice_examples" / "schema.json")
    (work / ".venv").symlink_to(ROOT / ".venv")
    (work / ".gitignore").write_text("/.venv\n__pycache__/\n")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(tmp_path / "origin.git")], check=True)
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main"], cwd=work, check=True)
    subprocess.run(["git", "add", "."], cwd=work, check=True)
    subprocess.run(git + ["commit", "--quiet", "-m", "project"], cwd=work, check=True)
    subprocess.run(["git", "remote", "add", "origin", str(tmp_path / "origin.git")], cwd=work, check=True)
    subprocess.run(["git", "push", "--quiet", "origin", "main"], cwd=work, check=True)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "with open(os.environ['GH_LOG'], 'a') as log:\n"
        "    log.write(json.dumps(sys.argv[1:]) + '\\n')\n"
        "if sys.argv[1:3] == ['pr', 'view']:\n"
        "    sys.exit(0 if os.environ.get('GH_PR_EXISTS') else 1)\n"
    )
    (bin_dir / "gh").chmod(0o755)
    return work


def workflow_job(name: str) -> dict:
    return load(PROPOSE)["jobs"][name]


def step_named(job: dict, name: str) -> dict:
    return next(step for step in job["steps"] if name in (step.get("id"), step.get("name")))


def run_convert_job(work: Path, contexts: dict[str, str], env: dict[str, str], output: Path) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """The convert job's own steps, then its outputs as the next jobs see them (needs.convert.outputs.*)."""
    job = workflow_job("convert")
    output.write_text("")
    converted = run_step(step_named(job, "convert"), work, contexts, env)
    steps = {"steps.convert.outcome": "success" if converted.returncode == 0 else "failure"}
    steps |= {f"steps.convert.outputs.{name}": value for name, value in (line.split("=", 1) for line in output.read_text().splitlines())}
    if converted.returncode == 0:
        output.write_text("")
        handed = run_step(step_named(job, "record"), work, contexts | steps, env)
        assert handed.returncode == 0, handed.stderr
        steps |= {f"steps.record.outputs.{name}": value for name, value in (line.split("=", 1) for line in output.read_text().splitlines())}
    # An output a step did not set is empty, as on GitHub.
    outputs = {f"needs.convert.outputs.{name}": github_expression(value, defaultdict(str, steps)) for name, value in job["outputs"].items()}
    return converted, outputs


def fresh_clone(tmp_path: Path, name: str) -> Path:
    """Each job starts from its own checkout of the repository."""
    clone = tmp_path / name
    subprocess.run(["git", "clone", "--quiet", str(tmp_path / "origin.git"), str(clone)], check=True)
    return clone


def test_the_workflow_jobs_turn_a_hostile_issue_into_a_pushed_branch_and_a_pull_request(checkout, tmp_path):
    output, gh_log = tmp_path / "github-output", tmp_path / "gh-log"
    hostile = (BODIES / "hostile.md").read_text(encoding="utf-8")
    assert "$(touch pwned)" in hostile
    contexts = {
        "github.event.issue.body": hostile,
        "github.event.issue.number": "42",
        "github.token": "test-token",
        "github.event.repository.default_branch": "main",
    }
    env = {"GITHUB_OUTPUT": str(output), "GH_LOG": str(gh_log), "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}"}

    converted, outputs = run_convert_job(checkout, contexts, env, output)
    assert converted.returncode == 0, converted.stdout + converted.stderr
    assert outputs["needs.convert.outputs.outcome"] == "success"
    opened = run_step(step_named(workflow_job("pull-request"), "Open a pull request"), fresh_clone(tmp_path, "push"), contexts | outputs, env)
    assert opened.returncode == 0, opened.stdout + opened.stderr

    assert not list(tmp_path.rglob("pwned")), "text from the issue ran as a command"
    example_id, example_path = outputs["needs.convert.outputs.id"], outputs["needs.convert.outputs.path"]
    branch = f"proposed-example/issue-42-{example_id}"
    pushed = subprocess.run(
        ["git", "show", f"{branch}:{example_path}"], cwd=tmp_path / "origin.git", capture_output=True, text=True, check=True
    ).stdout
    assert pushed == (checkout / example_path).read_text(encoding="utf-8"), "the pushed file is the converted one, byte for byte"
    assert "$(touch pwned) `touch pwned` ${HOME}" in yaml.safe_load(pushed)["context"]
    assert "test-token" not in (tmp_path / "push" / ".git" / "config").read_text(), "the token stays out of the git config"
    view, call = [json.loads(line) for line in gh_log.read_text().splitlines()]
    assert view[:3] == ["pr", "view", branch]
    assert call[:6] == ["pr", "create", "--base", "main", "--head", branch]
    assert call[6:8] == ["--title", f"Add practice example {example_id}"]
    assert call[8] == "--body" and "Closes #42." in call[9]
    # The label event carries the issue as it was when labelled; the author may have edited it since it was read.
    assert "compare the file with the issue as you read it" in call[9]


@pytest.mark.parametrize(
    "outputs",
    [
        {"id": "../../Makefile", "path": "practice_examples/../../Makefile.yaml"},
        {"id": "an-example", "path": "Makefile"},
        {"id": "an-example", "path": "practice_examples/another.yaml"},
    ],
)
def test_the_pushing_job_writes_only_the_file_the_converter_names(checkout, tmp_path, outputs):
    contexts = {"github.event.issue.number": "42", "github.token": "test-token", "github.event.repository.default_branch": "main"}
    contexts |= {f"needs.convert.outputs.{name}": value for name, value in outputs.items()}
    contexts["needs.convert.outputs.record"] = "aWQ6IHgK"
    env = {"GH_LOG": str(tmp_path / "gh-log"), "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}"}
    clone = fresh_clone(tmp_path, "push")
    opened = run_step(step_named(workflow_job("pull-request"), "Open a pull request"), clone, contexts, env)
    assert opened.returncode != 0
    assert not (tmp_path / "gh-log").exists()
    assert subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True).stdout == ""


def test_accepting_an_edited_issue_again_updates_the_open_pull_request(checkout, tmp_path):
    output, gh_log = tmp_path / "github-output", tmp_path / "gh-log"
    contexts = {"github.event.issue.number": "42", "github.token": "test-token", "github.event.repository.default_branch": "main"}
    env = {"GITHUB_OUTPUT": str(output), "GH_LOG": str(gh_log), "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}"}
    first = (BODIES / "illustrative.md").read_text(encoding="utf-8")
    edited = first.replace("heavy drinking after previous releases.", "heavy drinking after each previous release.")
    again = fresh_clone(tmp_path, "again")  # each run of the workflow starts from a fresh clone
    (again / ".venv").symlink_to(ROOT / ".venv")
    for number, (text, work) in enumerate(((first, checkout), (edited, again))):
        converted, outputs = run_convert_job(work, contexts | {"github.event.issue.body": text}, env, output)
        assert converted.returncode == 0, converted.stdout + converted.stderr
        push = fresh_clone(tmp_path, f"push-{number}")
        opened = run_step(step_named(workflow_job("pull-request"), "Open a pull request"), push, contexts | outputs,
                          env | ({"GH_PR_EXISTS": "1"} if number else {}))
        assert opened.returncode == 0, opened.stdout + opened.stderr
    assert "Updated the open pull request from" in opened.stdout
    assert [json.loads(line)[:2] for line in gh_log.read_text().splitlines()] == [["pr", "view"], ["pr", "create"], ["pr", "view"]]
    branch = f"proposed-example/issue-42-{outputs['needs.convert.outputs.id']}"
    pushed = subprocess.run(
        ["git", "show", f"{branch}:{outputs['needs.convert.outputs.path']}"], cwd=tmp_path / "origin.git", capture_output=True, text=True, check=True
    )
    assert "after each previous release" in pushed.stdout


def test_a_failed_conversion_leaves_a_comment_pointing_to_the_run_log(checkout, tmp_path):
    gh_log = tmp_path / "gh-log"
    contexts = {
        "github.event.issue.body": (BODIES / "missing-required.md").read_text(encoding="utf-8"),
        "github.event.issue.number": "42",
        "github.token": "test-token",
        "github.server_url": "https://github.com",
        "github.repository": "owner/repo",
        "github.run_id": "7",
    }
    env = {"GITHUB_OUTPUT": str(tmp_path / "github-output"), "GH_LOG": str(gh_log), "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}"}
    converted, outputs = run_convert_job(checkout, contexts, env, tmp_path / "github-output")
    assert converted.returncode == 1 and "- Title: this is empty" in converted.stderr
    assert outputs["needs.convert.outputs.outcome"] == "failure"
    job = workflow_job("tell-the-issue")
    assert job["if"] == "failure() && needs.convert.outputs.outcome == 'failure'"
    assert run_step(step_named(job, "Tell the issue that the conversion failed"), tmp_path, contexts, env).returncode == 0
    [call] = [json.loads(line) for line in gh_log.read_text().splitlines()]
    assert call[:3] == ["issue", "comment", "42"]
    assert "https://github.com/owner/repo/actions/runs/7" in call[4]


def test_the_pull_request_checklist_asks_for_every_rule():
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = [line for line in template.splitlines() if line.startswith("- [ ] ")]
    for rule in ("No one is identifiable", "Provenance is honest", "`supports:`", "Own words", "The validator passes"):
        assert sum(rule in box for box in boxes) == 1, rule
