"""The pipeline's layers: base, then load, then pages, then the MkDocs glue, each importing only those
before it, with no circle inside a layer, and MkDocs imported by the glue alone."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from conftest import ROOT

LAYERS = ["base", "load", "pages", "glue"]
PACKAGE = ROOT / "macros"


def modules(layer: str) -> list[str]:
    return sorted(f"macros.{layer}.{path.stem}" for path in (PACKAGE / layer).glob("*.py") if path.stem != "__init__")


def imported(module: str) -> set[str]:
    """Every macros module and top-level package that module names in an import, TYPE_CHECKING ones included."""
    tree = ast.parse((ROOT / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names if node.module.startswith("macros."))
    return found


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "macros" and len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_lives_in_a_layer():
    assert sorted(path.name for path in PACKAGE.glob("*.py")) == ["__init__.py"]
    assert sorted(path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__") == sorted(LAYERS)


@pytest.mark.parametrize("module", [m for layer in LAYERS for m in modules(layer)])
def test_a_module_imports_only_its_own_layer_and_those_below(module):
    own = LAYERS.index(layer_of(module))
    above = sorted(name for name in imported(module) if layer_of(name) and LAYERS.index(layer_of(name)) > own)
    assert above == [], f"{module} imports from a higher layer"


@pytest.mark.parametrize("module", [m for layer in LAYERS[:-1] for m in modules(layer)])
def test_only_the_glue_names_mkdocs(module):
    assert not any(name == "mkdocs" or name.startswith(("mkdocs.", "mkdocs_")) for name in imported(module))


@pytest.mark.parametrize("layer", LAYERS)
def test_no_import_circle_inside_a_layer(layer):
    graph = {module: {name for name in imported(module) if name in modules(layer)} for module in modules(layer)}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError("import circle: " + " -> ".join(path[path.index(module):] + [module]))
        if module in done:
            return
        for name in sorted(graph[module]):
            visit(name, path + [module])
        done.add(module)

    for module in graph:
        visit(module, [])


@pytest.mark.parametrize("layer", LAYERS[:-1])
def test_importing_a_layer_loads_nothing_above_it_and_not_mkdocs(layer):
    """Checked in a fresh interpreter, so imports made at run time (not only those written at the top) count."""
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in modules(layer))
        + "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    higher = LAYERS[LAYERS.index(layer) + 1 :]
    assert [name for name in loaded if layer_of(name) in higher] == []
    assert [name for name in loaded if name == "mkdocs" or name.startswith("mkdocs.")] == []
