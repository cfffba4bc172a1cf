"""The site's search index, in small files: the search box at the top of every page and the browse
page's word box read the same index with the same rules (docs/assets/javascripts/search.js), so
they always find the same examples, in the same order.

The rules, which search.js applies to what the reader types:
- text is lower-cased, stripped of accents and split into words of letters and digits, and words
  of one character are left out;
- a document matches when every typed word starts one of its words (a typed word ending in s also
  matches the word without it);
- typed words that spell an entry of a synonym group (a glossary abbreviation and its term, and a
  practitioners' shorthand and what it stands for, count as one; one-word shorthand also spells:
  missed appts) match any entry of the group as a whole word or phrase (its words in a row in one
  field, the last also with an s), and a phrase matches only so, never as scattered words;
- a typed word of five letters or more that matches nothing is read as the nearest word of the
  index (see search.js), and the reader is told so and can search the words as typed.

Ranking: each word's (and phrase's) score in a document is computed here (scores()), BM25F-like
with each field saturated on its own; search.js multiplies it by the rarity of the query unit
(BM25's idf) and adds up the units.

A search fetches only what it needs, never the whole library: a manifest (synonyms and the list of
word files), the word files for the first letters of what was typed (each word's documents and its
score in each), only for a misspelling the vocabulary file of its first two letters, and the document files holding the
titles, addresses and teasers of the results shown (DOCUMENTS_PER_FILE to a file). Every file is
a script calling peSearch.file(...), so the index also loads from file:// in the offline copy.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from macros.base.text import LETTER_OR_DIGIT, fold, words

if TYPE_CHECKING:
    from macros.load.examples import Example
    from macros.load.guide import Guide

TAG = re.compile(r"<[^>]*>")
DOCUMENTS_PER_FILE = 5  # small: the best results come from anywhere in the library, each from its own file
WORD_FILE_LIMIT = 24_000  # characters: a word file bigger than this is split by the next letter
KEY_LENGTH = (2, 4)  # word files are keyed by a word's first 2 letters, or up to 4 once split
TEASER_LENGTH = 220
# Ranking (BM25F-like, each field saturated on its own, so repeating a word in one field cannot
# outweigh finding it in a better one): a document's fields, best first, their weights and how much
# each is normalised by its length (0: not at all, 1: fully), and how fast repeats stop counting.
FIELDS = ("title", "summary", "labels", "text")  # labels: section, tags and the take-aways it illustrates
WEIGHTS = (5.0, 2.5, 2.0, 1.0)
LENGTH_NORMS = (0.5, 0.5, 0.5, 0.75)
K1 = 1.2
SCALE = 10  # a word's score in a document is stored as a whole number of tenths


def plain_text(markup: str) -> str:
    """The text of sanitised HTML (the converter's or Material's), tags dropped and entities read."""
    return html.unescape(TAG.sub(" ", markup))


def synonym_groups(synonyms: Iterable[Iterable[str]], abbreviations: dict[str, str],
                   shorthand: Iterable[tuple[str, str]] = ()) -> list[list[list[str]]]:
    """Every group of entries as search matches them (each entry its words of two or more characters),
    with each glossary abbreviation and its term, and each practitioners' shorthand and what it means,
    as a group; groups sharing an entry are merged."""
    groups: list[set[tuple[str, ...]]] = []
    for entries in [*synonyms, *abbreviations.items(), *shorthand]:
        merged = {tuple(word for word in words(entry) if len(word) > 1) for entry in entries} - {()}
        for group in [group for group in groups if group & merged]:
            merged |= group
            groups.remove(group)
        groups.append(merged)
    return sorted(sorted(list(entry) for entry in group) for group in groups if len(group) > 1)


def respellings(shorthand: Iterable[tuple[str, str]]) -> dict[str, str]:
    """One-word shorthand and the one word it stands for (appts: appointments), so a phrase typed with the
    shorthand (missed appts) is read as the phrase written out (missed appointments)."""
    found = {}
    for short, means in shorthand:
        short_words, means_words = field_words(short), field_words(means)
        if len(short_words) == 1 and len(means_words) == 1:
            found[short_words[0]] = means_words[0]
    return found


@dataclass(frozen=True)
class Document:
    """One search result: an example, a page or a part of a page (with parent, the page's own document)."""

    location: str  # relative to the site's root, as MkDocs writes page addresses
    title: str  # plain text
    teaser: str  # plain text shown under the title
    section: str | None  # the guide section an example belongs to, shown with it
    parent: int | None
    fields: tuple[str, str, str, str]  # plain text of each of FIELDS


# words() without the one-character ones, found by the regular expression rather than a filter in Python.
_SEARCHED_WORD = re.compile(LETTER_OR_DIGIT + "{2,}")


def field_words(text: str) -> list[str]:
    """The words of a field as search sees them: two or more characters."""
    return _SEARCHED_WORD.findall(fold(text))


def counts(field: list[str], phrases: dict[str, list[tuple[str, ...]]]) -> dict[str, int]:
    """How often each word, and each phrase (words in a row, the last one also with an s), is in a field.
    A phrase's key is its words joined by spaces."""
    found: dict[str, int] = Counter(field)
    # Only where a phrase's first word stands: few words start one, and Counter and list.index run in C.
    for first in phrases.keys() & found.keys():
        at = -1
        for _ in range(found[first]):
            at = field.index(first, at + 1)
            for phrase in phrases[first]:
                end = at + len(phrase)
                if end <= len(field) and field[at : end - 1] == list(phrase[:-1]) and field[end - 1] in (phrase[-1], phrase[-1] + "s"):
                    key = " ".join(phrase)
                    found[key] = found.get(key, 0) + 1
    return found


def scores(documents: list[Document], phrases: Iterable[tuple[str, ...]]) -> list[dict[str, int]]:
    """Each document's score for each of its words and phrases: per field, repeats saturate (K1) and
    long fields count for less (LENGTH_NORMS), then fields add up by WEIGHTS; in SCALE units, at least 1."""
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in phrases:
        if len(phrase) > 1:
            by_first[phrase[0]].append(phrase)
    fields = [[field_words(text) for text in document.fields] for document in documents]
    average = [max(1.0, sum(len(each[f]) for each in fields) / max(1, len(fields))) for f in range(len(FIELDS))]
    found: list[dict[str, int]] = []
    for each in fields:
        score: dict[str, float] = defaultdict(float)
        for f, field in enumerate(each):
            norm = K1 * (1 - LENGTH_NORMS[f] + LENGTH_NORMS[f] * len(field) / average[f])
            for term, tf in counts(field, by_first).items():
                score[term] += WEIGHTS[f] * tf * (K1 + 1) / (tf + norm)
        found.append({term: max(1, round(value * SCALE)) for term, value in score.items()})
    return found


def teaser(text: str) -> str:
    """The start of text, cut at a word, for the line under a result's title."""
    text = " ".join(text.split())
    if len(text) <= TEASER_LENGTH:
        return text
    return text[:TEASER_LENGTH].rsplit(" ", 1)[0] + " …"


def example_document(example: Example, guide: Guide, location: str) -> Document:
    """An example's document: its title; its summary; its section, tags and the take-aways it illustrates; then its
    text: every part, whoever's it is, then tips and questions."""
    section = guide.section(example.section)
    labels = " ".join([section.title, *(guide.tag(facet, value).label for facet, value in example.tag_ids()),
                       *(guide.takeaways[takeaway].text for takeaway in example.takeaways)])
    text = " ".join(plain_text(prose.html) for prose in example.markdown)
    return Document(location, example.title, example.summary, section.title, None, (example.title, example.summary, labels, text))


def page_documents(material_docs: list[dict], first_number: int) -> list[Document]:
    """The hand-written pages' documents from Material's search index: each page, and each of its
    parts that starts at a heading, numbered from first_number."""
    documents: list[Document] = []
    pages: dict[str, int] = {}
    for doc in material_docs:
        page, _, anchor = doc["location"].partition("#")
        title, text = plain_text(doc["title"]), plain_text(doc["text"])
        parent = pages.get(page) if anchor else None
        if parent is not None and not text.strip() and title == documents[parent - first_number].title:
            continue  # a heading inside a part left out of search: Material gives it the page's title and no text
        if not anchor:
            pages[page] = first_number + len(documents)
        documents.append(Document(doc["location"], " ".join(title.split()), teaser(text), None, parent, (title, "", "", text)))
    return documents


def write_index(folder: Path, documents: list[Document], example_count: int, groups: list[list[list[str]]], links: dict[str, str],
                respellings: dict[str, str] | None = None) -> str:
    """Write the index's files into folder (the site's search/ folder); return its version."""
    postings: dict[str, list[int]] = defaultdict(list)
    last: dict[str, int] = {}
    for number, found in enumerate(scores(documents, {tuple(entry) for group in groups for entry in group})):
        for term, score in sorted(found.items()):
            # Each document as the gap from the previous one, then its score: small numbers.
            postings[term] += [number - last.get(term, 0), score]
            last[term] = number
    files = {f"words/{key.encode('utf-8').hex()}": shard for key, shard in _word_files(postings).items()}
    # For typing mistakes: the single words of the index by their first two letters, each with how many documents hold it.
    vocabulary: dict[str, dict[str, int]] = defaultdict(dict)
    for term, numbers in postings.items():
        if " " not in term and len(term) >= 4:
            vocabulary[term[:2]][term] = len(numbers) // 2
    files.update({f"vocabulary/{key.encode('utf-8').hex()}": known for key, known in vocabulary.items()})
    for start in range(0, len(documents), DOCUMENTS_PER_FILE):
        files[f"docs/{start // DOCUMENTS_PER_FILE}"] = [
            [d.location, d.title, d.teaser, d.section] for d in documents[start : start + DOCUMENTS_PER_FILE]
        ]
    keys = sorted(bytes.fromhex(name.split("/")[1]).decode("utf-8") for name in files if name.startswith("words/"))
    files["manifest"] = {
        "keys": keys,
        "documents": len(documents),
        "examples": example_count,  # documents 0 to examples - 1 are the examples, in the browse page's order
        "perFile": DOCUMENTS_PER_FILE,
        "parents": [d.parent for d in documents[example_count:]],  # for the pages' parts, the page's document
        "synonyms": groups,
        "respellings": respellings or {},  # shorthand words read as another word: appts -> appointments
        "vocabulary": sorted(vocabulary),
        "links": links,
    }
    # JSON, which is also a JavaScript expression: ASCII only, and no "<", so no text can end the script early.
    texts = {name: json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c") for name, data in files.items()}
    digest = hashlib.sha1()
    for name in sorted(texts):
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    version = digest.hexdigest()[:12]
    for sub in ("words", "docs", "vocabulary"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.js").write_text(f'peSearch.file({{"file":"{name}","version":"{version}","data":{text}}});\n', encoding="utf-8")
    return version


def read_index_file(path: Path) -> dict:
    """A file written by write_index, read back (for tests and the benchmark)."""
    text = path.read_text(encoding="utf-8")
    prefix, suffix = "peSearch.file(", ");\n"
    if not (text.startswith(prefix) and text.endswith(suffix)):
        raise ValueError(f"{path} is not a search index file")
    return json.loads(text[len(prefix) : -len(suffix)])


def _word_files(postings: dict[str, list[int]]) -> dict[str, dict[str, list[int]]]:
    """Words grouped by their first letters: 2, or more where a group is too big to fetch at once."""
    pending: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word, numbers in postings.items():
        pending[word[: KEY_LENGTH[0]]][word] = numbers
    files: dict[str, dict[str, list[int]]] = {}
    while pending:
        key, shard = pending.popitem()
        size = sum(len(word) + 3 * len(numbers) for word, numbers in shard.items())
        if size <= WORD_FILE_LIMIT or len(key) >= KEY_LENGTH[1]:
            files[key] = shard
            continue
        for word, numbers in shard.items():
            if len(word) == len(key):
                files.setdefault(key, {})[word] = numbers  # the word the key spells stays in its own file
            else:
                pending.setdefault(word[: len(key) + 1], {})[word] = numbers
    return files
