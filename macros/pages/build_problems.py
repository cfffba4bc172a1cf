"""Problems shown in the browser while `mkdocs serve` runs: a banner on every page, and a page of
its own where a broken record (or the whole guide) could not be built.

`mkdocs build` never gets here: it stops on the first sight of a problem (macros/glue/hooks.py).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from macros.load.examples import EXAMPLES_DIR, record_files
from macros.pages.generated import GeneratedPage, Heading, heading_html, title_for_templates
from macros.base.problems import Problem
from macros.base.text import escape

BANNER_ID = "pe-build-problems"
_RECORD = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
# Its own colours, whatever the colour scheme: dark red on pale pink is over 12:1. Only ever in serve.
_STYLE = (
    f"#{BANNER_ID}{{background:#fff1f1;color:#5c0011;border-bottom:4px solid #b00020;padding:.8rem 1rem;"
    "font:1rem/1.5 system-ui,sans-serif;overflow-wrap:anywhere}"
    f"#{BANNER_ID} h2{{font-size:1.15rem;margin:0 0 .3rem;color:inherit}}"
    f"#{BANNER_ID} p{{margin:.2rem 0}}"
    f"#{BANNER_ID} ul{{margin:.4rem 0 0;padding-left:1.2rem;max-height:50vh;overflow:auto}}"
    f"#{BANNER_ID} code{{font-family:ui-monospace,monospace;font-size:.9rem;color:inherit;background:none;white-space:pre-wrap}}"
)


def problem_items(problems: list[Problem]) -> str:
    """Each problem as path:line:col: message, every character visible and escaped."""
    return "".join(f"<li><code>{escape(str(problem))}</code></li>" for problem in problems)


def banner_html(problems: list[Problem]) -> str:
    """The banner listing every problem, for the top of every page."""
    count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    affect = "what it affects" if len(problems) == 1 else "what they affect"
    return (
        f'<section id="{BANNER_ID}" aria-labelledby="{BANNER_ID}-title"><style>{_STYLE}</style>'
        f'<h2 id="{BANNER_ID}-title">{count} in practice_examples/: this preview leaves out {affect}</h2>'
        "<p>Fix each one at the file, line and column shown, and save: this page reloads by itself. "
        "<code>make build</code> and the checks on a pull request refuse to publish until every one is fixed.</p>"
        f"<ul>{problem_items(problems)}</ul></section>"
    )


def with_banner(page: str, problems: list[Problem]) -> str:
    """A built page (or the theme's 404 page) with the banner first in its body."""
    body = _BODY.search(page)
    if not problems or body is None:
        return page
    return page[: body.end()] + banner_html(problems) + page[body.end():]


def broken_records(problems: list[Problem], taken: set[str]) -> dict[str, list[Problem]]:
    """Each record left out for its problems, by the id its file name gives it, with its problems;
    only where that address is free (taken: every id and former id that has a page)."""
    found: dict[str, list[Problem]] = {}
    for problem in problems:
        path = PurePosixPath(problem.path)
        if path.parent == PurePosixPath(EXAMPLES_DIR.as_posix()) and path.suffix == ".yaml" and _RECORD.match(path.stem) and path.stem not in taken:
            found.setdefault(path.stem, []).append(problem)
    return found


def record_ids(root: Path) -> list[str]:
    """The id each record file's name gives it, for pages at their addresses while nothing else can be built."""
    paths, _ = record_files(root)
    return [path.stem for path in paths if _RECORD.match(path.stem)]


def broken_record_page(example_id: str, problems: list[Problem]) -> GeneratedPage:
    """The page left at a broken record's address while it has problems."""
    heading = Heading(2, "problems", "What to fix")
    html = (
        f"<p>The example in <code>{escape(problems[0].path)}</code> is not shown, because its file has "
        f"{'a problem' if len(problems) == 1 else f'{len(problems)} problems'}. "
        "Fix them and save the file: this page reloads by itself and shows the example.</p>"
        f"{heading_html(heading)}<ul>{problem_items(problems)}</ul>"
    )
    meta = {"title": title_for_templates(f"Not built: {example_id}"), "search": {"exclude": True}}
    return GeneratedPage(meta, html, (heading,), frozenset({heading.id}))


def guide_problems_page() -> GeneratedPage:
    """What every page says while the guide's own data has problems (the banner lists them)."""
    html = (
        "<p>The guide's own data in <code>practice_examples/guide/</code> has problems, so this page "
        "could not be built. Fix each one listed above and save: this page reloads by itself and comes back.</p>"
    )
    return GeneratedPage({"title": "The guide's data has problems", "search": {"exclude": True}}, html)
