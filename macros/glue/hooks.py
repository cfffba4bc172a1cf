"""MkDocs hooks: thin glue that registers the pipeline's output with MkDocs.

Validation runs first and stops the build on any problem (under `mkdocs serve`, the pages are
built from the valid records instead, each with a banner listing every problem); every page made
from data (macros/pages/page_types.py: sections, examples, packs, the handout, review dates) is a
generated page whose metadata and HTML are made in Python (never Markdown or front matter for
MkDocs to parse back); the browse page's index is written from the records; and the site's search
index (macros/pages/search.py) is written from the records and Material's index of the other
pages. The files trainers use (handout data, QR codes, the feed) and print additions come from
macros/pages/teaching.py.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # MkDocs loads hooks by file path, not as part of the package
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from macros.pages import addresses, browse, build_problems, csp, material_fixes, offline, common as render, page_types, search, teaching  # noqa: E402
from macros.load import markup, project  # noqa: E402
from macros.base import urls  # noqa: E402
from macros.pages.generated import GeneratedPage  # noqa: E402
from macros.base.problems import Problem, ProblemsFound  # noqa: E402

# Set in on_config and on_files, for one build: the checked project (None if the guide's own data is
# broken), every problem (only ever non-empty under `mkdocs serve`), the generated pages by source path,
# each example's address, and the pages that search's no-results note points to.
_project: project.Project | None = None
_problems: list[Problem] = []
_generated: dict[str, GeneratedPage] = {}
_example_urls: dict[str, str] = {}
_search_links: dict[str, str] = {}
SEARCH_LINKS = {"browse": urls.source(urls.BROWSE), "glossary": urls.source(urls.GLOSSARY)}
_serving = False  # set once per `mkdocs serve` (the hooks module outlives its rebuilds)
_today = dt.date.today()  # set per build: which review and check dates have passed
_offline = False
_theme_script: Callable[[str], bool] = lambda script: False  # whether an inline script is one the theme's templates write
log = logging.getLogger(f"mkdocs.hooks.{__name__}")


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


@event_priority(100)  # before the plugins: nothing is built from data that has problems
def on_config(config):
    global _project, _problems, _offline, _today, _theme_script
    _today = _build_day()
    plugin = config.plugins.get(offline.PLUGIN)
    _offline = bool(plugin and plugin.config.enabled)
    root = Path(config.config_file_path).parent
    _theme_script = csp.template_scripts(config.theme.dirs)
    _project, _problems = project.load_valid(root)
    if _problems and not _serving:
        raise Abort(f"{len(_problems)} problem(s) in practice_examples/, so nothing was built:\n{ProblemsFound(_problems).report()}")
    if _problems:
        # Printed, not logged: under --strict a logged warning would stop the preview that shows them.
        print(f"{len(_problems)} problem(s) in practice_examples/; the preview leaves out what they affect "
              f"and lists them on every page:\n{ProblemsFound(_problems).report()}", file=sys.stderr, flush=True)
    if _project is None:
        return config  # the guide's data is broken: each page will only say so (on_files)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = _project.guide.abbreviations
    if not _problems:  # a preview that leaves out broken records would look like a removal
        _check_published_addresses(root, Path(config.docs_dir))
    if _offline:
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), *offline.POLYFILLS]
    return config


def _build_day() -> dt.date:
    """The day the site is built for, which decides the dates that have passed: SOURCE_DATE_EPOCH when set (the
    reproducible-builds convention MkDocs also follows), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()


def _check_published_addresses(root: Path, docs_dir: Path) -> None:
    """Stop the build if an address in the committed list has gone without a forward."""
    list_path = root / addresses.LIST_PATH
    if not list_path.is_file():  # a scratch copy of the project, as the tests build
        log.info(f"no {addresses.LIST_PATH} in {root}, so no published address was compared")
        return
    gone = addresses.missing(_project, docs_dir, list_path)
    if gone:
        raise Abort(f"{len(gone)} published address(es) would disappear, so nothing was built:\n" + "\n".join(map(str, gone)))


def _layout(config) -> urls.Layout:
    """The build's layout, read from on_files on: the offline plugin turns directory URLs off in its own
    on_config, which runs after this module's."""
    return urls.Layout(directory_urls=config.use_directory_urls)


def on_files(files, config):
    _refuse_linked_pages(files, config)
    layout = _layout(config)
    _generated.clear()
    _example_urls.clear()
    if _project is None:
        # Every address keeps a page, so the one being viewed reloads into the problems and back out.
        for file in files.documentation_pages():
            _generated[file.src_uri] = build_problems.guide_problems_page()
        for src_uri in _nav_sources(config.nav):  # the section pages, made from the guide's data
            if files.get_file_from_path(src_uri) is None:
                _add_generated(files, config, src_uri, build_problems.guide_problems_page(), InclusionLevel.INCLUDED)
        for example_id in build_problems.record_ids(Path(config.config_file_path).parent):
            _add_generated(files, config, urls.source(urls.example(example_id)), build_problems.guide_problems_page())
        return files
    taken = {example.id for example in _project.examples} | {former for example in _project.examples for former in example.former_ids}
    for example_id, problems in build_problems.broken_records(_problems, taken).items():
        _add_generated(files, config, urls.source(urls.example(example_id)), build_problems.broken_record_page(example_id, problems))
    site = page_types.Site(_project, config.site_url, config.site_name, layout, _today, config.repo_url, config.edit_uri)
    for kind in page_types.PAGE_TYPES:
        for item, path in kind.pages(_project):
            # Pages reached from listings and search stay out of the nav: an entry per example would grow every page.
            file = _add_generated(files, config, urls.source(path), kind.render(site, item),
                                  InclusionLevel.INCLUDED if kind.in_nav else InclusionLevel.NOT_IN_NAV)
            if kind.source:  # Material's edit button follows file.edit_uri
                file.edit_uri = page_types.edit_path(kind.source(item))
    for example in _project.examples:
        _example_urls[example.id] = layout.page("", urls.example(example.id))
        for former in example.former_ids:
            # The forward's own script, written just above, is the only one in it.
            forward = _with_policy(render.redirect_page(example, former, layout), lambda script: True)
            files.append(File.generated(config, layout.file_of(urls.example(former)), content=forward))
    files.append(File.generated(config, urls.BROWSE_INDEX, content=browse.index_json(_project.examples, _project.guide)))
    page_paths = [urls.clean_path(file.src_uri) for file in files.documentation_pages()]
    published = teaching.files(_project, config.site_url, config.site_name, config.site_description, page_paths, _today, layout)
    for dest, content in published.items():
        files.append(File.generated(config, dest, content=content))
    for name, path in SEARCH_LINKS.items():
        linked = files.get_file_from_path(path)
        if linked is None:
            raise Abort(f"docs/{path} is missing: search's no-results note links to it")
        _search_links[name] = linked.url
    return files


def _add_generated(files, config, src_uri: str, page: GeneratedPage, inclusion=InclusionLevel.NOT_IN_NAV) -> File:
    file = File.generated(config, src_uri, content="", inclusion=inclusion)
    files.append(file)
    _generated[src_uri] = page
    return file


def _nav_sources(items):
    """Every page file that mkdocs.yml's nav names."""
    for item in items or ():
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from _nav_sources(value)
        elif isinstance(value, str) and value.endswith(".md"):
            yield value


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


def on_page_context(context, page, config, nav):
    if "edit" in page.meta.get("hide", ()):  # Material has no switch for one page's edit button
        page.edit_url = None
    if _project is not None:
        context["pe_page"] = teaching.page_context(page.file.src_uri, page.title, config.site_url, config.site_name, _layout(config), _offline)
    return context


@event_priority(-100)  # last: the finished page
def on_post_page(output, page, config):
    """Material's markup corrected where no template override reaches it, any problem banner, and the page's policy."""
    # handout.js rewrites the handout's print <style> as its title changes, so no hash can name it.
    return _with_policy(build_problems.with_banner(material_fixes.corrected(output), _problems), _theme_script,
                        inline_styles=page.file.src_uri == urls.source(urls.HANDOUT))


def on_post_template(output_content, template_name, config):
    """The 404 page is a theme template, not a page: the same corrections, banner and policy."""
    if not template_name.endswith(".html"):
        return output_content
    return _with_policy(build_problems.with_banner(material_fixes.corrected(output_content), _problems), _theme_script)


def _with_policy(page_html: str, trusted: Callable[[str], bool], inline_styles: bool = False) -> str:
    # `mkdocs serve` adds its reload script to each page as it serves it: the preview goes without a policy.
    return page_html if _serving else csp.with_policy(page_html, trusted, inline_styles)


@event_priority(-50)  # after Material's search plugin writes its index (0), before its offline plugin copies it (-100)
def on_post_build(config):
    if _project is None:
        return
    folder = Path(config.site_dir) / urls.SEARCH_FOLDER
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
    if _offline:
        offline.finish(Path(config.site_dir))
