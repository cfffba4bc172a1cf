"""The benchmark's libraries: copies of the real records that are valid and distinct, and bare
Material pages that carry the same text and tags. (Its figures are printed, never asserted.)"""

from __future__ import annotations

import random

import yaml
from mkdocs.utils.meta import get_data

from benchmark import bare_page, example_paths, record_yaml, varied_copies
from conftest import FIXTURES, ROOT
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
        # A copy's id is its month, then its source's id, cut to the 80 characters an id may have.
        [source] = [e for e in REAL.examples if e.id.startswith(copy.id[len("2026-10-"):])]
        assert (copy.section, copy.takeaways, copy.tags) == (source.section, source.takeaways, source.tags)


def test_a_bare_page_has_the_examples_text_and_its_tags_in_front_matter():
    for example in REAL.examples:
        markdown, meta = get_data(bare_page(example, REAL.guide))
        assert meta == {"tags": tag_names(example, REAL.guide)}
        prose = (example.context, example.what_was_done, example.why_it_works, *example.tips)
        for text in (example.title, example.summary, *(part.source for part in prose)):
            assert text.strip() in markdown
