"""The benchmark's libraries: copies of the real records that are valid and distinct, and bare
Material pages that carry the same text and tags; and how it takes turns between the sites it
builds and sums up their rounds. (Its figures are printed, never asserted.)"""

from __future__ import annotations

import random
import re

import pytest
import yaml
from mkdocs.utils.meta import get_data

from benchmark import bare_page, build_figures, example_paths, own_handout_code, record_yaml, timed_builds, varied_copies
from conftest import FIXTURES, ROOT
from macros.base.ids import handout_code
from macros.load import project, yamlsafe
from macros.pages.common import tag_names

REAL = project.load(ROOT)


def test_records_written_by_the_benchmark_read_back_unchanged(tmp_path):
    for source in example_paths(ROOT) + sorted((FIXTURES / "site").glob("*.yaml")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        written = tmp_path / source.name
        written.write_text(record_yaml(data), encoding="utf-8")
        located, problems = yamlsafe.load(written, source.name)
        assert not problems, problems
        assert located.data == data, source.name


def test_copies_are_valid_distinct_records_with_their_sources_tags(scratch):
    count = 2 * len(REAL.examples) + 5  # a second round of copies too
    for example_id, text in varied_copies(count, random.Random(1)):
        (scratch / "practice_examples" / f"{example_id}.yaml").write_text(text, encoding="utf-8")
    loaded, problems = project.check(scratch)
    assert not problems, problems[:3]
    assert len(loaded.examples) == count
    texts = {(e.title, e.context, e.what_was_done, e.why_it_works, e.tips) for e in loaded.examples}
    real_texts = {(e.title, e.context, e.what_was_done, e.why_it_works, e.tips) for e in REAL.examples}
    assert len(texts) == count and not texts & real_texts
    for copy in loaded.examples:
        # A copy's id is its month, then its source's id, cut to the 80 characters an id may have (and
        # numbered if its handout code was taken).
        [source] = [e for e in REAL.examples if e.id.startswith(re.sub(r"-\d+$", "", copy.id[len("2026-10-"):]))]
        assert (copy.section, copy.takeaways, copy.tags) == (source.section, source.takeaways, source.tags)


def test_a_copy_whose_handout_code_is_taken_gets_a_numbered_id_with_a_code_of_its_own():
    long_id = "2026-10-" + "word-" * 20
    for example_id in ("2026-10-naloxone-in-the-waiting-room", long_id[:80].rstrip("-")):
        taken = {handout_code(example_id)}
        chosen = own_handout_code(example_id, taken)
        assert chosen != example_id and re.fullmatch(r"[a-z0-9-]+-\d+", chosen) and len(chosen) <= 80
        assert chosen.rsplit("-", 1)[0] in example_id
        assert taken == {handout_code(example_id), handout_code(chosen)} and len(taken) == 2
    free = {"zzzz"} - {handout_code("2026-10-naloxone-in-the-waiting-room")}
    assert own_handout_code("2026-10-naloxone-in-the-waiting-room", free) == "2026-10-naloxone-in-the-waiting-room"


def test_a_bare_page_has_the_examples_text_and_its_tags_in_front_matter():
    for example in REAL.examples:
        markdown, meta = get_data(bare_page(example, REAL.guide))
        assert meta == {"tags": tag_names(example, REAL.guide)}
        for text in (example.title, example.summary, *(prose.source for prose in example.markdown)):
            assert text.strip() in markdown


def test_the_sites_take_turns_in_an_order_that_reverses_each_round_each_built_cold_then_warm(tmp_path):
    sites = [(name, tmp_path / name) for name in ("bare Material", "guide before", "this guide")]
    for _, project in sites:
        (project / ".cache").mkdir(parents=True)
    built = []

    def build(project):
        built.append((project.name, (project / ".cache").exists()))
        (project / ".cache").mkdir(exist_ok=True)  # as a build leaves it
        return {"build_s": float(len(built))}

    builds = timed_builds(sites, 3, build)
    cold_order = [name for name, cached in built if not cached]
    assert cold_order == ["bare Material", "guide before", "this guide", "this guide", "guide before", "bare Material",
                          "bare Material", "guide before", "this guide"]
    assert [cached for _, cached in built] == [False, True] * 9  # each cold build from an empty .cache/, then one warm
    assert [round_[0]["build_s"] for round_ in builds["this guide"]] == [5.0, 7.0, 17.0]


def test_each_ratio_to_bare_material_is_the_median_of_the_rounds_own_ratios():
    def run(seconds, cpu=1.0):
        return {"build_s": seconds, "build_cpu_s": cpu, "peak_memory_bytes": int(seconds)}

    bare = [(run(10), run(11)), (run(20), run(21)), (run(12), run(12))]
    guide = [(run(12), run(9)), (run(30), run(18)), (run(13.2), run(10))]
    figures = build_figures(guide, bare, 1000)
    # Round by round the guide took 1.2, 1.5 and 1.1 times bare: a slow round weighs on both sites alike.
    assert figures["build_ratios_to_bare"] == pytest.approx([1.2, 1.5, 1.1])
    assert figures["build_ratio_to_bare"] == pytest.approx(1.2)
    assert figures["warm_ratio_to_bare"] == pytest.approx(0.9)  # warm 0.9, 0.9, 0.83 of each round's cold bare build
    assert figures["build_s"] == 13.2 and figures["warm_build_s"] == 10 and figures["peak_memory_bytes"] == 30
    assert build_figures(bare, bare, 1000)["build_ratio_to_bare"] == 1.0


def test_the_floor_is_the_cold_builds_cpu_time_spread_over_every_core_against_bare_materials_wall_clock_time():
    def run(seconds, cpu):
        return {"build_s": seconds, "build_cpu_s": cpu, "peak_memory_bytes": 1}

    bare = [(run(8, 7.6), run(8, 7.6)), (run(10, 9.5), run(10, 9.5)), (run(8, 7.6), run(8, 7.6))]
    guide = [(run(14, 22), run(8, 11)), (run(15, 24), run(9, 12)), (run(12, 20), run(8, 11))]
    # Round by round 22 / 2 / 8, 24 / 2 / 10 and 20 / 2 / 8: 1.375, 1.2 and 1.25, whatever runs side by side.
    figures = build_figures(guide, bare, 1000, cores=2)
    assert figures["build_floor_ratio_to_bare"] == pytest.approx(1.25)
    assert build_figures(guide, bare, 1000, cores=4)["build_floor_ratio_to_bare"] == pytest.approx(0.625)
