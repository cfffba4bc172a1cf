"""A section's page, /<section>/, made from practice_examples/guide/sections.yaml: its introduction,
its key take-aways with the examples that illustrate each, and its examples."""

from __future__ import annotations

from markdown.extensions.toc import slugify

from macros.base import urls
from macros.base.text import escape
from macros.load.guide import Section
from macros.load.project import Project
from macros.pages import takeaway_links
from macros.pages.common import attribution, browse_url, section_examples, section_intro, takeaway_list
from macros.pages.generated import GeneratedPage, Heading, heading_html, title_for_templates

TAKEAWAYS_HEADING = "key-take-aways"  # the heading the take-aways sit under, on the page and in its table of contents


def render(section: Section, project: Project, layout: urls.Layout) -> GeneratedPage:
    guide = project.guide
    links = layout.links_from(urls.section(section.id))
    title = Heading(1, slugify(section.title, "-"), section.title)  # the id Python-Markdown gave it when the page was Markdown
    takeaways = Heading(2, TAKEAWAYS_HEADING, "Key take-aways")
    examples = Heading(2, "examples", "Examples")
    html = "\n".join([
        heading_html(title),
        section_intro(section),
        f'<p><a class="md-button" href="{escape(browse_url(links, **{urls.BROWSE_SECTION: section.id}))}">Browse and filter this section\'s examples</a>\n'
        f'<a class="md-button" href="{escape(links.page(urls.pack(section.id)))}">Print the section pack</a></p>',
        heading_html(takeaways),
        attribution(guide),
        takeaway_list(section, guide, project.by_takeaway, links),
        heading_html(examples),
        section_examples(section, project.in_section(section.id), guide, links),
    ]) + "\n"
    # The take-aways join the table of contents under their heading (they are list items on the page, not headings).
    toc = (title, takeaways, *(Heading(3, anchor, label) for anchor, label in takeaway_links.toc_entries(section, guide)), examples)
    mine = [t for t in guide.takeaways.values() if t.section == section.id]
    anchors = frozenset({title.id, takeaways.id, examples.id} | {t.id for t in mine} | {old for t in mine for old in t.former_ids})
    return GeneratedPage({"title": title_for_templates(section.title)}, html, toc, anchors)
