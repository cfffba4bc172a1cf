"""Every page carries a Content-Security-Policy that lets only the site's own scripts and styles run,
and the site works under it: in Chromium, every kind of page, with search opened and used, browse
filtered and a handout made, raises no policy violation and no console error (the offline copy
opened from a folder: tests/test_offline.py)."""

from __future__ import annotations

import ast
import base64
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT
from macros.load import project
from macros.pages import csp

LOADED = project.load(ROOT)
EXAMPLE = LOADED.examples[len(LOADED.examples) // 2]
SECTION = LOADED.guide.section(EXAMPLE.section)
HANDOUT_IDS = [LOADED.examples[0].id, EXAMPLE.id]
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|type)=)[^>]*>(.*?)</script>", re.DOTALL)

# Added to every page before its own scripts: the browser reports each blocked script, style or load here.
RECORD_VIOLATIONS = """
window.__peViolations = [];
document.addEventListener('securitypolicyviolation', function (event) {
  window.__peViolations.push(event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline') + ' ' + (event.sample || ''));
});
"""


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def directives(content: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in content.split(";"))}


# The policy as written into the built pages.


def test_every_built_page_has_one_policy_that_names_each_of_its_inline_scripts_and_allows_no_other(real_site_dir):
    pages = sorted(real_site_dir.rglob("*.html"))
    assert len(pages) > len(LOADED.examples)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        where = path.relative_to(real_site_dir).as_posix()
        [content] = META.findall(html)
        assert html.index(content) < min((m.start() for m in re.finditer(r"<script|<style|<link", html)), default=len(html)), where
        policy = directives(content)
        assert policy["default-src"] == ["'self'"] and policy["img-src"] == ["'self'", "data:"] and policy["object-src"] == ["'none'"], where
        assert policy["script-src"][0] == "'self'" and all(value.startswith("'sha256-") for value in policy["script-src"][1:]), where
        assert sorted(policy["script-src"][1:]) == sorted({sha256(body) for body in INLINE_SCRIPT.findall(html)}), where
        inline_styles = "'unsafe-inline'" in policy["style-src"]
        assert inline_styles == (where == "handout/index.html"), where  # handout.js rewrites its print style


def test_a_script_in_a_page_that_no_template_writes_gets_no_hash():
    trusted = csp.template_scripts(["docs/overrides", *_material_templates()])
    page = ('<!doctype html><html><head><meta charset="utf-8"><script>__md_scope=new URL("../..",location)</script></head>'
            "<body><script>window.pwned=1</script><style>body{display:none}</style></body></html>")
    written = csp.with_policy(page, trusted)
    policy = directives(META.search(written).group(1))
    assert not trusted("window.pwned=1") and sha256("window.pwned=1") not in policy["script-src"]
    assert policy["style-src"] == ["'self'"], "a style in the body is never named"
    assert written.startswith('<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')


def test_every_script_materials_templates_write_is_recognised_whatever_the_page_depth():
    trusted = csp.template_scripts(_material_templates())
    for base in (".", "..", "../..", "/"):
        script = (f'__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
                  '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
                  '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')
        assert trusted(script), base
    assert not trusted('__md_scope=new URL("x",location);alert(1)')
    assert not trusted('__md_scope=new URL("x",location),alert("1")')


def _material_templates() -> list[str]:
    import material  # the theme package: its templates are what the build reads

    return [str(Path(material.__file__).parent / "templates")]


# The site under its policy, in Chromium.


class Guarded:
    """A browser page that records every policy violation and console error, page by page."""

    def __init__(self, page, address: Callable[[str], str]):
        self.page = page
        self.address = address
        self.problems: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", lambda message: self.problems.append(f"console: {message.text}") if message.type == "error" else None)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def open(self, path: str):
        self.page.goto(self.address(path))
        self.page.wait_for_load_state("load")
        assert "script-src 'self' 'sha256-" in self.page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content"), path
        return self.page

    def done(self, what: str) -> None:
        """Collect this page's violations before leaving it."""
        self.problems += [f"{what}: {violation}" for violation in self.page.evaluate("window.__peViolations")]


def search_and_wait(page, words: str) -> None:
    page.click("input.md-search__input")
    page.keyboard.type(words)
    page.wait_for_selector(".md-search-result__item")


def use_every_kind_of_page(guarded: Guarded, with_404: bool) -> None:
    """Each kind of page opened, and what readers do on it done: search, filters, a handout."""
    plain = ["", f"{SECTION.id}/", f"examples/{EXAMPLE.id}/", "tags/", "glossary/", "contribute/", "about/", "accessibility/",
             "coverage/", f"packs/{SECTION.id}/"]
    for path in plain:
        guarded.open(path)
        guarded.done(path or "home")
    page = guarded.open("")
    search_and_wait(page, "alcohol")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state("load")
    guarded.done("a search and its first result")
    page = guarded.open(f"examples/{EXAMPLE.id}/")
    search_and_wait(page, "naloxone")
    guarded.done("a search from an example")
    page = guarded.open("browse/")
    page.wait_for_selector("#pe-filters:not([hidden])")
    page.click(f"label[for='pe-section-{SECTION.id}']")
    page.fill("#pe-words", "alcohol")
    # The words' chip appears once they have been looked up (search.js loaded): the box's tick alone updates the status.
    page.wait_for_function("() => document.querySelectorAll('.pe-chosen [data-remove]').length === 2")
    guarded.done("browse, filtered")
    page = guarded.open("handout/?ids=" + ",".join(HANDOUT_IDS))
    page.wait_for_function("() => document.getElementById('pe-handout-status').textContent.includes('2 examples')")
    page.fill("#pe-handout-title", "Week 3")
    guarded.done("a handout, retitled")
    if with_404:
        guarded.open("404.html")
        guarded.done("404")


@pytest.mark.browser
def test_no_page_breaks_its_policy_over_http(browser, real_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    guarded = Guarded(page, lambda path: real_site + path)
    use_every_kind_of_page(guarded, with_404=True)
    context.close()
    assert guarded.problems == []


@pytest.mark.browser
def test_the_policy_is_enforced_and_every_violation_is_seen(browser, real_site):
    """What the test above listens for does happen: an injected script, style and image from another host are each blocked and reported."""
    context = browser.new_context()
    page = context.new_page()
    guarded = Guarded(page, lambda path: real_site + path)
    guarded.open(f"examples/{EXAMPLE.id}/")
    page.evaluate("""() => {
      var script = document.createElement('script'); script.textContent = 'window.pwned = 1'; document.body.append(script);
      var style = document.createElement('style'); style.textContent = 'body { display: none }'; document.body.append(style);
      var image = document.createElement('img'); image.src = 'https://elsewhere.example/beacon.png'; document.body.append(image);
    }""")
    page.wait_for_function("() => window.__peViolations.length >= 3")
    guarded.done("injected")
    assert page.evaluate("window.pwned") is None and page.is_visible("h1")
    context.close()
    assert {problem.split(" blocked ")[0] for problem in guarded.problems if problem.startswith("injected: ")} == {
        "injected: script-src-elem", "injected: style-src-elem", "injected: img-src"}


def test_every_browser_wait_is_written_as_a_function_so_it_runs_under_the_policy():
    """Playwright evaluates a wait_for_function expression anew each time it polls, with eval(), which the policy
    rightly refuses ('unsafe-eval'); a function is evaluated once, by the browser's debugger, and then only called."""
    written_as_expression = []
    for path in sorted([*(ROOT / "tests").glob("*.py"), *(ROOT / "scripts").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "wait_for_function" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and not re.match(r"\s*(\([\w\s,]*\)|\w+)\s*=>|\s*(async\s+)?function\b", first.value):
                    written_as_expression.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert written_as_expression == [], "write these as '() => ...'"
