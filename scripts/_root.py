"""Puts the project root on sys.path, so each script runs as `python scripts/<name>.py`; and the published address."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def mkdocs_settings() -> dict:
    """mkdocs.yml as MkDocs reads it, environment variables (!ENV, such as SITE_URL) applied."""
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open("rb") as file:
        return yaml_load(file)


def published_address() -> str:
    """The address every build prints and the site is published at: site_url, or SITE_URL when set."""
    return str(mkdocs_settings().get("site_url") or "/").rstrip("/") + "/"
