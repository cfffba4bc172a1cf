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
import functools
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
from mkdocs.utils.yaml import yaml_load  # noqa: E402

from macros.pages import addresses, browse, build_problems, csp, material_fixes, offline, common as render, page_types, qr, search, teaching  # noqa: E402
from macros.load import markup, project  # noqa: E402
from macros.base import clearing, forked, store, urls  # noqa: E402
from macros.base.store import Store  # noqa: E402
from macros.glue import after_markdown, page_share  # noqa: E402
from macros.pages.generated import GeneratedPage  # noqa: E402
from macros.base.problems import Problem, ProblemsFound  # noqa: E402

SEARCH_LINKS = {"browse": urls.source(urls.BROWSE), "glossary": urls.source(urls.GLOSSARY)}


class Build:
    """What the hooks know about the build under way: set by on_config and on_files, read by the later events.

    One lives as long as the hooks module, so under `mkdocs serve` it outlives its rebuilds: `serving`
    and `dirty` are set once, everything else at each build, and the stores keep QR codes and cleaned pages
    between builds (in .cache/, keyed by the pipeline's code and what each is made from).
    """

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False  # `mkdocs build --dirty`: the site folder is not emptied
        self.project: project.Project | None = None  # None if the guide's own data is broken
        self.problems: list[Problem] = []  # only ever non-empty under `mkdocs serve`
        self.generated: dict[str, GeneratedPage] = {}  # by source path
        self.example_urls: dict[str, str] = {}  # each example's address
        self.search_links: dict[str, str] = {}  # the pages that search's no-results note points to
        self.today = dt.date.today()  # which review and check dates have passed
        self.offline = False
        self.theme_script: Callable[[str], bool] = lambda script: False  # whether an inline script is one the theme's templates write
        self.qr_codes: Store | None = None
        self.clean_pages: Store | None = None
        self.writing_page_files: forked.Shared[dict[str, store.Entry]] | None = None  # make_page_files' writer: the QR codes it kept
        self.emptying_site: forked.Pending[None] | None = None  # the last build's files being deleted (macros/base/clearing.py)
        self.nav = None  # the site's nav, as the pages are built with it
        self.last_indexed_page = None  # the last page Material's search indexes: once it is built, the site's index can be written
        self.writing_search_index: forked.Pending[None] | None = None  # the site's index, written by a forked process
        self.sharing_pages: page_share.PageShare | None = None  # the pages built by a forked child too

    def start(self, root: Path) -> None:
        """Set up the stores for a build of the project at root (the code may have changed since the last one)."""
        version = store.code_fingerprint()
        self.qr_codes = Store(root / store.CACHE_DIR / "qr.pack", version)
        self.clean_pages = Store(root / store.CACHE_DIR / "pages.pack", version)

    def qr_svg(self, address: str) -> bytes:
        return self.qr_codes.made((address.encode(),), lambda: qr.svg(address))

    def make_page_files(self, files: dict[str, Callable[[], str | bytes]], site_dir: Path) -> None:
        """Start writing into site_dir the files that only the pages' scripts and print fetch (teaching.page_files),
        in a forked process while this one builds the pages, where it can; `page_files_written` writes those still
        left side by side with it, and waits for it. MkDocs copies its own files before it builds the pages, so
        these go beside them, never over them."""

        def write(dest: str, make: Callable[[], str | bytes]) -> None:
            content = make()
            path = site_dir / dest
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))  # as MkDocs writes a file

        # The child's store read or made its share of the QR codes, for this process to save.
        self.writing_page_files = forked.Shared([functools.partial(write, *item) for item in files.items()], lambda: self.qr_codes.kept)

    def empty_site(self, site_dir: Path) -> None:
        """Start deleting the last build's files, as MkDocs would just after on_pre_build, in a forked process. Not under
        `mkdocs serve`, which builds beside its server's threads, nor for `mkdocs build --dirty`, which keeps them."""
        if not (self.serving or self.dirty):
            self.emptying_site = clearing.start(site_dir)

    def site_emptied(self) -> None:
        """Wait for the last build's files to be gone: before anything reads the site folder, and before the build ends."""
        if self.emptying_site is not None:
            self.emptying_site.result()
            self.emptying_site = None

    def page_files_written(self) -> None:
        self.qr_codes.add(self.writing_page_files.result())
        self.writing_page_files = None

    def sanitised(self, page_html: str) -> str:
        """A generated page's content through the page allowlist (markup.sanitise_page), kept for the next build."""
        return self.clean_pages.made((page_html.encode(),), lambda: markup.sanitise_page(page_html).encode()).decode()

    def share_pages(self, config, files, env) -> None:
        """Start building some of the pages in a forked child, as PageShare says, and note the page after which the
        site's search index can be written beside them; not under `mkdocs serve` or `--dirty`."""
        if self.serving or self.dirty:
            return
        self.sharing_pages = page_share.PageShare(config, files, self.nav, env)
        indexed = [file.page for file in page_share.built_files(files) if page_share.searched(file.page)]
        self.last_indexed_page = indexed[-1] if indexed and self.project is not None else None

    def index_after(self, page, config) -> None:
        """Once Material's search has indexed the last page it indexes (the hand-written pages and the sections come
        before the examples), write the site's index in a forked process, while the other pages are built."""
        if page is not self.last_indexed_page:
            return
        plugin = config.plugins.get("material/search")
        if plugin is not None and forked.worth_forking():
            self.writing_search_index = forked.Pending(
                lambda: write_search_index(config, json.loads(plugin.search_index.generate_search_index(None))["docs"]))

    def search_index_written(self, config) -> None:
        """The site's index written: by the forked process, or now, from Material's index of the other pages."""
        if self.writing_search_index is not None:
            self.writing_search_index.result()
            self.writing_search_index = None
            return
        material = Path(config.site_dir) / urls.SEARCH_FOLDER / "search_index.json"
        write_search_index(config, json.loads(material.read_text(encoding="utf-8"))["docs"] if material.is_file() else [])

    def pages_built(self, failed: bool = False) -> None:
        if self.sharing_pages is not None:
            sharing, self.sharing_pages = self.sharing_pages, None
            if failed:
                sharing.abandoned()
            else:
                sharing.built()

    def finish(self) -> None:
        """Keep on disk the results this build used, and only those: pages and addresses that have gone or changed are dropped."""
        for kept in (self.qr_codes, self.clean_pages):
            if kept is not None:
                kept.save()


_build = Build()
log = logging.getLogger(f"mkdocs.hooks.{__name__}")


def on_startup(command, dirty):
    _build.serving = command == "serve"
    _build.dirty = dirty


@event_priority(100)  # before the plugins: nothing is built from data that has problems
def on_config(config):
    _build.today = _build_day()
    plugin = config.plugins.get(offline.PLUGIN)
    _build.offline = bool(plugin and plugin.config.enabled)
    _use_published_address(config)
    root = Path(config.config_file_path).parent
    _build.theme_script = csp.template_scripts(config.theme.dirs)
    _build.start(root)
    _build.project, _build.problems = project.load_valid(root)
    if _build.problems and not _build.serving:
        raise Abort(f"{len(_build.problems)} problem(s) in practice_examples/, so nothing was built:\n{ProblemsFound(_build.problems).report()}")
    if _build.problems:
        # Printed, not logged: under --strict a logged warning would stop the preview that shows them.
        print(f"{len(_build.problems)} problem(s) in practice_examples/; the preview leaves out what they affect "
              f"and lists them on every page:\n{ProblemsFound(_build.problems).report()}", file=sys.stderr, flush=True)
    if _build.project is None:
        return config  # the guide's data is broken: each page will only say so (on_files)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = _build.project.guide.abbreviations
    if not _build.problems:  # a preview that leaves out broken records would look like a removal
        _check_published_addresses(root, Path(config.docs_dir))
    if _build.offline:
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), *offline.POLYFILLS]
    return config


def _use_published_address(config) -> None:
    """Every build prints the published address (mkdocs.yml's site_url, or SITE_URL): QR codes, "Online:"
    addresses, citations, the feed, canonical links. `mkdocs serve` puts its own loopback address in site_url
    before any hook runs (it serves at the published address's path), so under serve it is read again."""
    if _build.serving:
        with open(config.config_file_path, "rb") as file:
            address = str(yaml_load(file).get("site_url") or "").strip()
        config.site_url = address + ("" if address.endswith("/") or not address else "/")
    if not urls.is_local(config.site_url):
        return
    shown = config.site_url or "unset"
    if _build.offline and not os.environ.get(offline.ALLOW_LOCAL_ADDRESS):
        raise Abort(
            f"The offline copy was not built: its site_url is {shown}, so every QR code, printed address and citation in it "
            "would lead nowhere once the copy leaves this machine. Leave SITE_URL unset to print the published address "
            "(site_url in mkdocs.yml) or set it to where the guide is published; for a copy only for this machine, run "
            "`make offline ARGS=--allow-local-address`."
        )
    # Printed, not logged: under --strict a logged warning would stop the build.
    print(f"WARNING: site_url is {shown}, not a published address: this build's QR codes, printed addresses, citations, "
          "feed and canonical links lead nowhere off this machine. Leave SITE_URL unset to use the published address "
          "in mkdocs.yml.", file=sys.stderr, flush=True)


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
    gone = addresses.missing(_build.project, docs_dir, list_path)
    if gone:
        raise Abort(f"{len(gone)} published address(es) would disappear, so nothing was built:\n" + "\n".join(map(str, gone)))


def _layout(config) -> urls.Layout:
    """The build's layout, read from on_files on: the offline plugin turns directory URLs off in its own
    on_config, which runs after this module's."""
    return urls.Layout(directory_urls=config.use_directory_urls)


def on_files(files, config):
    _refuse_linked_pages(files, config)
    layout = _layout(config)
    _build.generated.clear()
    _build.example_urls.clear()
    if _build.project is None:
        # Every address keeps a page, so the one being viewed reloads into the problems and back out.
        for file in files.documentation_pages():
            _build.generated[file.src_uri] = build_problems.guide_problems_page()
        for src_uri in _nav_sources(config.nav):  # the section pages, made from the guide's data
            if files.get_file_from_path(src_uri) is None:
                _add_generated(files, config, src_uri, build_problems.guide_problems_page(), InclusionLevel.INCLUDED)
        for example_id in build_problems.record_ids(Path(config.config_file_path).parent):
            _add_generated(files, config, urls.source(urls.example(example_id)), build_problems.guide_problems_page())
        return files
    taken = {example.id for example in _build.project.examples} | {former for example in _build.project.examples for former in example.former_ids}
    for example_id, problems in build_problems.broken_records(_build.problems, taken).items():
        _add_generated(files, config, urls.source(urls.example(example_id)), build_problems.broken_record_page(example_id, problems))
    site = page_types.Site(_build.project, config.site_url, config.site_name, layout, _build.today, config.repo_url, config.edit_uri)
    for kind in page_types.PAGE_TYPES:
        for item, path in kind.pages(_build.project):
            # Pages reached from listings and search stay out of the nav: an entry per example would grow every page.
            file = _add_generated(files, config, urls.source(path), kind.render(site, item),
                                  InclusionLevel.INCLUDED if kind.in_nav else InclusionLevel.NOT_IN_NAV)
            if kind.source:  # Material's edit button follows file.edit_uri
                file.edit_uri = page_types.edit_path(kind.source(item))
    for example in _build.project.examples:
        _build.example_urls[example.id] = layout.page("", urls.example(example.id))
        for former in example.former_ids:
            # The forward's own script, written just above, is the only one in it.
            forward = _with_policy(render.redirect_page(example, former, layout), lambda script: True)
            files.append(File.generated(config, layout.file_of(urls.example(former)), content=forward))
    files.append(File.generated(config, urls.BROWSE_INDEX, content=browse.index_json(_build.project.examples, _build.project.guide)))
    page_paths = [urls.clean_path(file.src_uri) for file in files.documentation_pages()]
    # Written beside MkDocs' own files, not through them (make_page_files): a file under docs/ at one of their
    # addresses would be overwritten by one or the other, whichever is written last.
    page_files = teaching.page_files(_build.project, config.site_url, page_paths, _build.today, layout, _build.qr_svg)
    clashes = sorted(file.src_uri for file in files if file.dest_uri in page_files)
    if clashes:
        raise Abort("these files under docs/ are at addresses the guide writes itself (handout data, QR codes), so nothing was built: "
                    + ", ".join(f"docs/{name}" for name in clashes) + ". Rename or remove them.")
    for dest, content in teaching.linked_files(_build.project, config.site_url, config.site_name, config.site_description).items():
        files.append(File.generated(config, dest, content=content))
    _build.make_page_files(page_files, Path(config.site_dir))
    for name, path in SEARCH_LINKS.items():
        linked = files.get_file_from_path(path)
        if linked is None:
            raise Abort(f"docs/{path} is missing: search's no-results note links to it")
        _build.search_links[name] = linked.url
    return files


def _add_generated(files, config, src_uri: str, page: GeneratedPage, inclusion=InclusionLevel.NOT_IN_NAV) -> File:
    file = File.generated(config, src_uri, content="", inclusion=inclusion)
    files.append(file)
    _build.generated[src_uri] = page
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
    generated = _build.generated.get(page.file.src_uri)
    if generated is None:
        return markdown
    page.meta = dict(generated.meta)
    # Nothing for Python-Markdown to do: its content is set in on_page_content, after the plugins' turn.
    page.render = functools.partial(_render_nothing, page)
    return ""


def _render_nothing(page, config, files) -> None:
    """What MkDocs' Page.render leaves for an empty page, without making a Markdown converter for it."""
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


@event_priority(-100)  # last: the content that reaches the templates and the search index
def on_page_content(html, page, config, files):
    generated = _build.generated.get(page.file.src_uri)
    if generated is None:
        return after_markdown.filled(html)
    page.toc = get_toc(generated.toc_tokens())
    page.present_anchor_ids = set(generated.anchors)
    return _build.sanitised(generated.html)


@event_priority(-100)  # last: the nav the pages are built with
def on_nav(nav, config, files):
    _build.nav = nav
    return nav


@event_priority(-100)  # last: the environment the pages are built with
def on_env(env, config, files):
    """Material draws the site's nav on every page. On a page outside the nav (every example, pack and the
    handout) it marks no entry as the current page, so it comes out the same on each such page at one depth
    (base_url): drawn once, it saves a build of 1,000 examples about a tenth of its time."""
    template = env.get_template("partials/nav.html")
    draw = getattr(template, "pe_draw", template.root_render_func)  # under `mkdocs serve`, the template may be the last build's
    template.pe_draw = draw
    drawn: dict[str, str] = {}

    def draw_once(context):
        page = context.get("page")
        if page is None or page in context["nav"].pages:
            yield from draw(context)
            return
        if context["base_url"] not in drawn:
            drawn[context["base_url"]] = "".join(draw(context))
        yield drawn[context["base_url"]]

    template.root_render_func = draw_once
    _build.share_pages(config, files, env)
    return env


def on_pre_build(config):
    # Material's offline plugin adds a script from unpkg.com so that its search worker can start from
    # file://. This guide's search runs in the page (search.js), and the site makes no third-party requests.
    polyfills = config.extra.get("polyfills")
    if polyfills:
        config.extra["polyfills"] = [script for script in polyfills if not urlsplit(str(script)).netloc]
    _build.empty_site(Path(config.site_dir))


def on_build_error(error):
    _build.pages_built(failed=True)
    _build.site_emptied()


def on_page_context(context, page, config, nav):
    if _build.sharing_pages is not None and _build.sharing_pages.before(page):
        return context  # the forked process builds this page: its template here is empty
    if "edit" in page.meta.get("hide", ()):  # Material has no switch for one page's edit button
        page.edit_url = None
    if _build.project is not None:
        context["pe_page"] = teaching.page_context(page.file.src_uri, page.title, config.site_url, config.site_name, _layout(config), _build.offline)
    return context


@event_priority(-100)  # last: the finished page
def on_post_page(output, page, config):
    """Material's markup corrected where no template override reaches it, any problem banner, and the page's policy."""
    if _build.sharing_pages is not None and _build.sharing_pages.built_elsewhere(page):
        return output  # empty: the forked child writes this page
    _build.index_after(page, config)
    # handout.js rewrites the handout's print <style> as its title changes, so no hash can name it.
    return _with_policy(build_problems.with_banner(material_fixes.corrected(output), _build.problems), _build.theme_script,
                        inline_styles=page.file.src_uri == urls.source(urls.HANDOUT))


def on_post_template(output_content, template_name, config):
    """The 404 page is a theme template, not a page: the same corrections, banner and policy."""
    if not template_name.endswith(".html"):
        return output_content
    return _with_policy(build_problems.with_banner(material_fixes.corrected(output_content), _build.problems), _build.theme_script)


def _with_policy(page_html: str, trusted: Callable[[str], bool], inline_styles: bool = False) -> str:
    # `mkdocs serve` adds its reload script to each page as it serves it: the preview goes without a policy.
    return page_html if _build.serving else csp.with_policy(page_html, trusted, inline_styles)


def write_search_index(config, material_docs: list[dict]) -> None:
    """The site's index: the examples, and the hand-written pages as Material's search indexed them (it leaves
    the examples out: example_page)."""
    guide = _build.project.guide
    documents = [search.example_document(example, guide, _build.example_urls[example.id]) for example in _build.project.examples]
    documents += search.page_documents(material_docs, len(documents))
    groups = search.synonym_groups(guide.synonyms, guide.abbreviations, guide.shorthand)
    search.write_index(Path(config.site_dir) / urls.SEARCH_FOLDER, documents, len(_build.project.examples), groups,
                       dict(_build.search_links), search.respellings(guide.shorthand))


@event_priority(-50)  # after Material's search plugin writes its index (0), before its offline plugin copies it (-100)
def on_post_build(config):
    _build.site_emptied()
    if _build.project is None:
        _build.pages_built()
        return
    _build.search_index_written(config)
    material = Path(config.site_dir) / urls.SEARCH_FOLDER / "search_index.json"
    if material.is_file():
        # Material's script fetches this file on every page: its settings are all it needs now.
        settings = json.loads(material.read_text(encoding="utf-8"))["config"]
        material.write_text(json.dumps({"config": settings, "docs": []}, separators=(",", ":")), encoding="utf-8")
    # Only now: the forked processes writing the pages' files and some pages went on while this process wrote the index.
    _build.page_files_written()
    _build.pages_built()
    if _build.offline:
        offline.finish(Path(config.site_dir))
    _build.finish()
