"""One published address (mkdocs.yml's site_url, or SITE_URL) on every build's paper: a build whose address is on
this machine, or unset, says so, and the offline copy refuses one unless told it is for this machine only.
(tests/test_offline.py reads the offline copy's printed address and QR code; tests/test_serve.py the preview's.)"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, SITE_URL, build_site, copy_site_project, mkdocs_settings

from macros.base import urls
from macros.pages import offline


def test_the_published_address_is_the_repositorys_github_pages_address_unless_site_url_overrides_it():
    if "SITE_URL" not in os.environ:
        assert SITE_URL == "https://effective-probation-practice.github.io/drugs-and-alcohol/"
    assert not urls.is_local(SITE_URL)


@pytest.mark.parametrize("address", [None, "", "http://127.0.0.1:8000/", "http://localhost:8000/guide/", "http://[::1]:8000/",
                                     "http://0.0.0.0:8000/", "http://127.1.2.3/", "http://app.localhost/"])
def test_an_unset_or_loopback_address_is_local(address):
    assert urls.is_local(address)


@pytest.mark.parametrize("address", ["https://effective-probation-practice.github.io/drugs-and-alcohol/", "https://192.0.2.10/",
                                     "https://localhost.example.org/"])
def test_an_address_off_this_machine_is_not_local(address):
    assert not urls.is_local(address)


def _offline(*args: str, site_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "offline.py"), *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_make_offline_refuses_a_loopback_address_with_a_plain_message(tmp_path):
    out = tmp_path / "copy.zip"
    result = _offline("--out", str(out), site_url="http://127.0.0.1:8000/")
    assert result.returncode == 1
    assert "The offline copy was not built: its site_url is http://127.0.0.1:8000/" in result.stderr
    assert "--allow-local-address" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_a_build_with_a_loopback_address_warns_and_still_builds(tmp_path, monkeypatch):
    project_dir = copy_site_project(tmp_path, [FIXTURES / "valid-example.yaml"])
    local = "http://localhost:8000/"
    monkeypatch.setenv("SITE_URL", local)
    result = build_site(project_dir, project_dir / "site")
    assert result.returncode == 0, result.stderr
    assert f"WARNING: site_url is {local}, not a published address" in result.stderr
    assert f'pe-address">{local}supervision/<' in (project_dir / "site" / "supervision" / "index.html").read_text(encoding="utf-8")



MAIN_ONLY = "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"


def test_ci_attaches_the_offline_copy_to_each_build_of_main():
    steps = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))["jobs"]["test"]["steps"]
    built = next(step for step in steps if "make offline" in step.get("run", ""))
    attached = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert steps.index(built) < steps.index(attached)
    assert built["if"] == attached["if"] == MAIN_ONLY
    assert "SITE_URL" not in built.get("env", {}), "the copy prints the published address, never a loopback one"
    assert attached["with"]["name"] == offline.ARTIFACT and attached["with"]["if-no-files-found"] == "error"
    assert f"dist/{attached['with']['path'].strip('/').split('/')[-1]}" in built["run"]  # the copy, unzipped where it is uploaded from


def test_the_about_page_links_to_the_download_instead_of_asking_for_make(fixture_site):
    about = BeautifulSoup((fixture_site / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    repo_url = mkdocs_settings()["repo_url"]
    offline_item = next(item for item in about.select("li") if item.get_text().startswith("Offline:"))
    assert [a["href"] for a in offline_item.select("a")] == [offline.download_page(repo_url)]
    assert offline.ARTIFACT in offline_item.get_text() and "make offline" not in offline_item.get_text()
