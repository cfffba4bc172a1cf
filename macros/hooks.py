"""MkDocs hooks: thin glue that registers the pipeline's output with MkDocs.

Validation runs first and stops the build on any problem; each example becomes a
generated page whose metadata and HTML are made in Python (never Markdown or front
matter for MkDocs to parse back); the browse page's index is written from the records;
and the site's search index (macros/search.py) is written from the records and Material's
index of the hand-written pages.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # MkDocs loads hooks by file path, not as part of the package
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from macros import browse, example_page, markup, project, render, search  # noqa: E402
from macros.pages import GeneratedPage  # noqa: E402
from macros.problems import ProblemsFound  # noqa: E402

# Set in on_config and on_files, for one build: the checked project, the generated pages by source
# path, each example's address, and the pages that search's no-results note points to.
_project: project.Project | None = None
_generated: dict[str, GeneratedPage] = {}
_example_urls: dict[str, str] = {}
_search_links: dict[str, str] = {}
SEARCH_LINKS = {"browse": "browse.md", "glossary": "glossary.md"}


@event_priority(100)  # before the plugins: nothing is built from data that has problems
def on_config(config):
    global _project
    if not config.use_directory_urls:
        # Generated pages and macros link with relative paths such as ../../examples/<id>/.
        raise Abort("this guide's links need use_directory_urls: true in mkdocs.yml")
    try:
        _project = project.load(Path(config.config_file_path).parent)
    except ProblemsFound as found:
        raise Abort(f"{len(found.problems)} problem(s) in practice_examples/, so nothing was built:\n{found.report()}")
    config.mdx_configs.setdefault("abbr", {})["glossary"] = _project.guide.abbreviations
    return config


def on_files(files, config):
    _refuse_linked_pages(files, config)
    _generated.clear()
    _example_urls.clear()
    for example in _project.examples:
        # Material's edit button follows file.edit_uri; the page's own link needs the same address now.
        edit_uri = f"../{example.source_path}"  # edit_uri in mkdocs.yml points into docs/
        edit_url = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri + edit_uri) if config.repo_url and config.edit_uri else None
        # Reached from listings and search; a nav entry each would grow every page.
        file = File.generated(config, f"examples/{example.id}.md", content="", inclusion=InclusionLevel.NOT_IN_NAV)
        file.edit_uri = edit_uri
        files.append(file)
        _example_urls[example.id] = file.url
        _generated[file.src_uri] = example_page.render(example, _project.guide, _project.related[example.id], edit_url)
        for former in example.former_ids:
            files.append(File.generated(config, f"examples/{former}/index.html", content=render.redirect_page(example)))
    files.append(File.generated(config, "browse/index.json", content=browse.index_json(_project.examples, _project.guide)))
    for name, path in SEARCH_LINKS.items():
        linked = files.get_file_from_path(path)
        if linked is None:
            raise Abort(f"docs/{path} is missing: search's no-results note links to it")
        _search_links[name] = linked.url
    return files


def _refuse_linked_pages(files, config) -> None:
    """A symbolic link under docs/ could publish any file on the build machine: refuse it."""
    docs = Path(config.docs_dir)
    linked = sorted(
        file.src_uri for file in files
        if file.abs_src_path and any(part.is_symlink() for part in [Path(file.abs_src_path), *Path(file.abs_src_path).parents] if docs in part.parents or part == docs)
    )
    if linked:
        raise Abort("symbolic links under docs/ are never published, so nothing was built: " + ", ".join(linked) + ". Put the files themselves there.")


@event_priority(100)  # before the tags and macros plugins read the page's metadata
def on_page_markdown(markdown, page, config, files):
    generated = _generated.get(page.file.src_uri)
    if generated is None:
        return markdown
    page.meta = dict(generated.meta)
    return ""


@event_priority(-100)  # last: the content that reaches the templates and the search index
def on_page_content(html, page, config, files):
    generated = _generated.get(page.file.src_uri)
    if generated is None:
        return html
    page.toc = get_toc(generated.toc_tokens())
    page.present_anchor_ids = set(generated.anchors)
    return markup.sanitise_page(generated.html)


def on_pre_build(config):
    # Material's offline plugin adds a script from unpkg.com so that its search worker can start from
    # file://. This guide's search runs in the page (search.js), and the site makes no third-party requests.
    polyfills = config.extra.get("polyfills")
    if polyfills:
        config.extra["polyfills"] = [script for script in polyfills if not urlsplit(str(script)).netloc]


@event_priority(-50)  # after Material's search plugin writes its index (0), before its offline plugin copies it (-100)
def on_post_build(config):
    folder = Path(config.site_dir) / "search"
    material = folder / "search_index.json"
    # Material indexes the hand-written pages; examples are left out of its index (example_page) and added here.
    pages = json.loads(material.read_text(encoding="utf-8")) if material.is_file() else {"docs": []}
    guide = _project.guide
    documents = [search.example_document(example, guide, _example_urls[example.id]) for example in _project.examples]
    documents += search.page_documents(pages["docs"], len(documents))
    search.write_index(folder, documents, len(_project.examples), search.synonym_groups(guide.synonyms, guide.abbreviations), dict(_search_links))
    if "config" in pages:
        # Material's script fetches this file on every page: its settings are all it needs now.
        material.write_text(json.dumps({"config": pages["config"], "docs": []}, separators=(",", ":")), encoding="utf-8")
