"""The pages built on two cores: MkDocs builds them in order, one after another, in this process; where a
process can be forked (macros/base/forked.py), a forked child builds some of them at the same time.

The child takes the pages Material's search leaves out of its index (every example, pack and the like, which
the site's own index holds), from the last one back, and MkDocs takes them from the first one on, until the
two meet: so Material's index, made in this process, misses nothing. A page the child has taken is given an
empty template here (ELSEWHERE), which MkDocs renders and writes nothing for. What the child logs is logged
again here, so `mkdocs build --strict` counts its warnings. If the child fails (killed, say), every page it
took is built again here, which logs their warnings here; a build that fails waits for it before it ends.
"""

from __future__ import annotations

import logging

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import InclusionLevel

from macros.base import forked

ELSEWHERE = "pe-built-elsewhere.html"  # docs/overrides: the template of a page the child builds
_MKDOCS_LOG = logging.getLogger("mkdocs")
_BUILD_LOG = logging.getLogger(mkdocs_build.__name__)


def searched(page) -> bool:
    """Whether Material's search indexes the page, as its plugin decides."""
    return not (page.meta.get("search") or {}).get("exclude")


def built_files(files) -> list:
    """The files of the pages `mkdocs build` builds, in its order."""
    return files.documentation_pages(inclusion=InclusionLevel.is_included)


class PageShare:
    """Started as the pages are about to be built (on_env); asked `before` each page's context, and `built` at the end."""

    def __init__(self, config, files, nav, env) -> None:
        self._build_args = (config, built_files(files), nav, env)
        # A page with a template of its own keeps it: this process builds it.
        self._pages = [file.page for file in self._build_args[1] if not searched(file.page) and "template" not in file.page.meta]
        self._position = {id(page): index for index, page in enumerate(self._pages)}
        self._in_child = False
        self._logged: list[tuple[str, int, str]] = []  # the child's log records: logger, level, message
        self._elsewhere: set[int] = set()  # positions of the pages the child builds
        self._skipped: set[str] = set()  # what MkDocs logs for each of them
        self._contents: dict[int, str] = {}  # their content
        self._share = forked.FromBothEnds(len(self._pages), self._build_in_child, lambda: self._logged)
        _BUILD_LOG.addFilter(self._quiet)

    def _build_in_child(self, index: int) -> None:
        if not self._in_child:
            self._in_child = True
            _MKDOCS_LOG.handlers[:] = [_Kept(self._logged)]  # sent back, and printed there
        mkdocs_build._build_page(self._pages[index], *self._build_args)

    def before(self, page) -> bool:
        """Whether the child builds this page, said as its context is made. Else this process has taken it, and takes
        the next of the child's kind too, before MkDocs chooses that one's template; once the child has it, that one
        and every one after it get the empty template, and no content for the plugins to read (kept, in case
        the child does not build them)."""
        index = self._position.get(id(page))
        if self._in_child or index is None:
            return False
        if index in self._elsewhere:
            return True
        if index + 1 < len(self._pages) and not self._elsewhere and not self._share.take(index + 1):
            self._elsewhere = set(range(index + 1, len(self._pages)))
            for later in self._pages[index + 1 :]:
                later.meta["template"] = ELSEWHERE
                self._contents[id(later)], later.content = later.content, ""
                self._skipped.add(f"Page skipped: '{later.file.src_uri}'. Generated empty output.")
        return False

    def built_elsewhere(self, page) -> bool:
        return self._position.get(id(page), -1) in self._elsewhere

    def _quiet(self, record: logging.LogRecord) -> bool:
        """MkDocs says it skipped each page it rendered empty: not so for the child's."""
        return record.getMessage() not in self._skipped

    def built(self) -> None:
        """Wait for the child, log what it logged, and build here the pages it took if it failed."""
        _BUILD_LOG.removeFilter(self._quiet)
        logged, left = self._share.result()
        for name, level, message in logged or ():
            logging.getLogger(name).log(level, message)
        for index in left:
            self._elsewhere.discard(index)
            page = self._pages[index]
            page.meta.pop("template")
            page.content = self._contents[id(page)]
            mkdocs_build._build_page(page, *self._build_args)

    def abandoned(self) -> None:
        """The build failed: wait for the child to stop writing pages before it ends."""
        _BUILD_LOG.removeFilter(self._quiet)
        self._share.result()


class _Kept(logging.Handler):
    def __init__(self, kept: list[tuple[str, int, str]]) -> None:
        super().__init__()
        self._kept = kept

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._kept.append((record.name, record.levelno, self.format(record)))  # with any traceback
        except Exception:  # noqa: BLE001 - as every handler does: a record that cannot be formatted is reported, not raised
            self.handleError(record)
