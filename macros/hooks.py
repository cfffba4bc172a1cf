"""MkDocs hooks: thin glue that registers the pipeline's output with MkDocs.

Validation runs first and stops the build on any problem; each example becomes a
generated page; the browse page's index is written from the records; and the search
index learns the glossary's abbreviations.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # MkDocs loads hooks by file path, not as part of the package
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402

from macros import browse, project, render, search  # noqa: E402
from macros.problems import ProblemsFound  # noqa: E402


def _project(config) -> project.Project:
    return project.load(Path(config.config_file_path).parent)


def on_config(config):
    if not config.use_directory_urls:
        # Generated pages and macros link with relative paths such as ../../examples/<id>/.
        raise Abort("this guide's links need use_directory_urls: true in mkdocs.yml")
    try:
        loaded = _project(config)
    except ProblemsFound as found:
        raise Abort(f"{len(found.problems)} problem(s) in practice_examples/, so nothing was built:\n{found.report()}")
    config.mdx_configs.setdefault("abbr", {})["glossary"] = loaded.guide.abbreviations
    return config


def on_files(files, config):
    loaded = _project(config)
    for example in loaded.examples:
        # Material's edit button follows file.edit_uri; the page's own text link needs the same
        # address now, before MkDocs makes the Page that would compute it.
        edit_uri = f"../{example.source_path}"  # edit_uri in mkdocs.yml points into docs/
        edit_url = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri + edit_uri) if config.repo_url and config.edit_uri else None
        page = render.example_page(example, loaded.guide, loaded.related[example.id], edit_url)
        # Reached from listings and search; a nav entry each would grow every page.
        file = File.generated(config, f"examples/{example.id}.md", content=page, inclusion=InclusionLevel.NOT_IN_NAV)
        file.edit_uri = edit_uri
        files.append(file)
        for former in example.former_ids:
            files.append(File.generated(config, f"examples/{former}/index.html", content=render.redirect_page(example)))
    files.append(File.generated(config, "browse/index.json", content=browse.index_json(loaded.examples, loaded.guide)))
    return files


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    abbreviations = _project(config).guide.abbreviations
    for doc in index["docs"]:
        extra = search.keywords(f"{doc['title']} {doc['text']}", abbreviations)
        if extra:
            doc["keywords"] = extra
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
