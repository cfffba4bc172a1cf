"""Every address the guide has published, kept in a committed list, so none disappears unnoticed.

Trainers put the guide's addresses in slides and handouts: pages, examples, take-away anchors
and glossary anchors. The list (published-addresses.txt) is written by `make addresses`; the
build stops, naming each address, if one of them no longer exists and nothing forwards it (an
example's or a take-away's former id).
"""

from __future__ import annotations

from pathlib import Path

from macros.base import urls
from macros.pages import page_types
from macros.base.problems import Problem
from macros.load.project import Project

LIST_PATH = Path("published-addresses.txt")
HEADER = """\
# Every address this guide has published, one a line, from the site's root. The build stops if
# one of them disappears without a forward. Rename an example or a take-away by adding its old id
# to former_ids; remove one on purpose, or record new ones, with `make addresses`.
"""


def page_paths(project: Project, docs_dir: Path) -> list[str]:
    """The clean path of every page: the hand-written ones in docs/ and each generated family."""
    written = [
        urls.clean_path(path.relative_to(docs_dir).as_posix())
        for path in sorted(docs_dir.rglob("*.md"))
        if "overrides" not in path.relative_to(docs_dir).parts
    ]
    return written + page_types.paths(project) + [urls.FEED]


def current(project: Project, docs_dir: Path) -> set[str]:
    """Every address the site now has: pages, take-away anchors on section pages, glossary anchors."""
    found = {f"/{path}" for path in page_paths(project, docs_dir)}
    found |= {f"/{urls.takeaway(t.section, t.id)}" for t in project.guide.takeaways.values()}
    found |= {f"/{urls.glossary_term(term.id)}" for term in project.guide.terms}
    return found


def forwarded(project: Project) -> set[str]:
    """Old addresses that lead to a renamed example or take-away."""
    found = {f"/{urls.example(former)}" for e in project.examples for former in e.former_ids}
    found |= {f"/{urls.takeaway(t.section, former)}" for t in project.guide.takeaways.values() for former in t.former_ids}
    return found


def published(project: Project, docs_dir: Path) -> set[str]:
    """What `make addresses` records: every current address and every forward, so that a forward
    removed later (an old id dropped from former_ids) stops the build like a removed page."""
    return current(project, docs_dir) | forwarded(project)


def read(path: Path) -> list[tuple[int, str]]:
    """The listed addresses, with their line numbers."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(number, line.strip()) for number, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")]


def text(addresses: set[str]) -> str:
    return HEADER + "".join(f"{address}\n" for address in sorted(addresses))


def gone(project: Project, docs_dir: Path, list_path: Path) -> list[tuple[int, str]]:
    """Each listed address (with its line) that the site no longer has and nothing forwards."""
    reachable = current(project, docs_dir) | forwarded(project)
    return [(number, address) for number, address in read(list_path) if address not in reachable]


def missing(project: Project, docs_dir: Path, list_path: Path) -> list[Problem]:
    """A problem for each listed address that the site no longer has and nothing forwards."""
    return [
        Problem(list_path.name, number, 1,
                f"the published address {address} no longer exists: if it was renamed, add its old id to former_ids in the renamed "
                "example's file or take-away (practice_examples/guide/sections.yaml); if it was removed on purpose, run `make addresses`")
        for number, address in gone(project, docs_dir, list_path)
    ]


def unlisted(project: Project, docs_dir: Path, list_path: Path) -> list[str]:
    """Addresses the site has that the list does not record yet."""
    listed = {address for _, address in read(list_path)}
    return sorted(current(project, docs_dir) - listed)
