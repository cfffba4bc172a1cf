"""Every practice example on file, one test each (ids are file paths), and the guide's content rules."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from urllib.parse import urlparse

import pytest

from conftest import ROOT
from macros.load import project
from macros.load.examples import load_example, record_files, record_schema
from macros.load.guide import load_guide
from macros.load.rules import years_after

GUIDE = load_guide(ROOT)
SCHEMA = record_schema(ROOT, GUIDE)
PATHS = record_files(ROOT)[0]
IDS = [path.relative_to(ROOT).as_posix() for path in PATHS]
LOADED, PROBLEMS = project.check(ROOT)
MIN_PER_SECTION = 22
MIN_EXAMPLES = 96
MIN_REPORTED_SHARE = 0.45


def load(path):
    example, problems = load_example(path, path.relative_to(ROOT).as_posix(), GUIDE, SCHEMA, dt.date.today())
    return example, problems


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_record_is_valid(path):
    example, problems = load(path)
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_record_starts_with_the_schema_hint_for_editors(path):
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema.json\n")


REPORTED = [path for path in PATHS if "kind: reported" in path.read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", REPORTED, ids=[path.relative_to(ROOT).as_posix() for path in REPORTED])
def test_reported_record_cites_a_source_with_a_web_address(path):
    example, _ = load(path)
    assert example.is_reported
    assert example.sources
    for source in example.sources:
        assert urlparse(source.url).scheme == "https" and urlparse(source.url).netloc


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_record_has_an_evidence_status_that_fits_its_provenance(path):
    example, _ = load(path)
    status = GUIDE.statuses[example.evidence.status]
    assert status.kind == example.provenance


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_a_status_that_needs_a_study_links_to_one_of_its_sources_and_says_what_it_found(path):
    example, _ = load(path)
    if GUIDE.statuses[example.evidence.status].study_required:
        assert example.study is not None and urlparse(example.study.url).scheme == "https"
        assert example.evidence.found
    else:
        assert example.study is None


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_record_has_review_dates_at_most_two_years_apart(path):
    example, _ = load(path)
    assert example.added <= example.last_reviewed < example.review_by.by <= years_after(example.last_reviewed, 2)


@pytest.mark.parametrize("path", REPORTED, ids=[path.relative_to(ROOT).as_posix() for path in REPORTED])
def test_a_reported_record_says_what_its_source_reports(path):
    example, _ = load(path)
    assert any(part.source for part in example.what_was_done)


def test_the_whole_library_is_valid():
    assert PROBLEMS == []


def test_the_library_has_enough_examples_and_enough_of_them_reported():
    assert len(LOADED.examples) >= MIN_EXAMPLES
    reported = sum(example.is_reported for example in LOADED.examples)
    assert reported / len(LOADED.examples) >= MIN_REPORTED_SHARE, f"{reported} of {len(LOADED.examples)} reported"


@pytest.mark.parametrize("section", [s.id for s in GUIDE.sections])
def test_each_section_has_takeaways_and_at_least_twenty_two_examples(section):
    assert GUIDE.section(section).takeaways
    assert len(LOADED.in_section(section)) >= MIN_PER_SECTION


@pytest.mark.parametrize("takeaway", list(GUIDE.takeaways))
def test_each_takeaway_is_illustrated_by_an_example(takeaway):
    assert LOADED.by_takeaway.get(takeaway), f"no example lists the take-away {takeaway}"


def test_advice_to_court_keeps_its_sub_points():
    assert GUIDE.takeaways["all-sources"].points == ("custody-treatment-history", "youth-interventions")


def test_case_supervision_has_the_six_components():
    assert GUIDE.section("supervision").takeaways == (
        "hope-engagement-choice", "problem-solving", "trauma-informed", "diversity-informed", "connection", "reducing-risks",
    )


@pytest.mark.parametrize("term", ["DRR", "ATR", "MHTR", "CSTR", "PSR", "PDU", "OST"])
def test_the_glossary_defines_the_fields_abbreviations(term):
    assert term in GUIDE.abbreviations


@pytest.mark.parametrize("term", ["naloxone", "harm reduction", "lived experience", "trauma-informed practice"])
def test_the_glossary_defines_the_fields_terms(term):
    assert term in {t.term for t in GUIDE.terms}


def test_every_field_in_the_schema_is_described_for_contributors():
    def fields(schema, path=""):
        for name, spec in schema.get("properties", {}).items():
            yield f"{path}{name}", spec
            yield from fields(spec, f"{path}{name}.")
            if "items" in spec and "$ref" in spec["items"]:
                yield from fields(SCHEMA["$defs"][spec["items"]["$ref"].rsplit("/", 1)[-1]], f"{path}{name}[].")

    undescribed = [name for name, spec in fields(SCHEMA) if not spec.get("description")]
    assert undescribed == []


def test_the_committed_schema_lists_the_current_vocabulary():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "sync_schema.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("facet, value", [(f.id, v.id) for f in GUIDE.facets for v in f.values])
def test_every_tag_value_is_used_by_an_example(facet, value):
    assert any((facet, value) in example.tag_ids() for example in LOADED.examples), f"no example is tagged {facet}: {value}"


@pytest.mark.parametrize("path", REPORTED, ids=[path.relative_to(ROOT).as_posix() for path in REPORTED])
def test_every_source_of_a_reported_record_says_what_it_supports(path):
    example, _ = load(path)
    assert all(source.supports for source in example.sources)


def test_the_schema_says_which_statuses_need_a_study_and_which_goes_with_illustrative_examples():
    evidence = SCHEMA["properties"]["evidence"]["properties"]
    without = [status.id for status in GUIDE.statuses.values() if not status.study_required]
    assert f"every status except {' and '.join(without)}" in evidence["study"]["description"]
    illustrative = [status.id for status in GUIDE.statuses.values() if status.kind == "illustrative"]
    assert evidence["status"]["description"].startswith(f"The example's evidence status, by its id. {illustrative[0]} for every illustrative example")
