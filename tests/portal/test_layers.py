"""The apps depend one way: core ← units ← tasks ← reports ← notices ← exports ← portal. The ground floor (core) imports no
app; nothing imports the roof (portal: settings, urls, celery, the demo seeding). The lowest app names
no model above it, so a new model (obligations, notifications, export jobs) teaches its own queryset
what a unit member sees instead of teaching units."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# an app, and the apps above it that it must not import
FORBIDDEN = {
    "core": {"units", "tasks", "reports", "notices", "exports", "portal"},
    "units": {"tasks", "reports", "notices", "exports", "portal"},
    "tasks": {"reports", "notices", "exports", "portal"},
    "reports": {"notices", "exports", "portal"},
    "notices": {"exports", "portal"},
    "exports": {"portal"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    # lazy imports by name (importlib.import_module("reports.models"), apps.get_model("reports", ...))
    found.update(re.findall(r"""(?:import_module|get_model)\(\s*["']([\w.]+)""", path.read_text()))
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_app_imports_nothing_above_it(app):
    # given every module of the app, its migrations included
    offending = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for module in imported_modules(path):
            if module.split(".")[0] in FORBIDDEN[app]:
                offending.append(f"{path.relative_to(ROOT)} imports {module}")
    # then none imports an app above it
    assert offending == []


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_apps_templates_load_no_tags_from_above(app):
    offending = []
    folder = ROOT / "templates" / app
    for path in sorted(folder.rglob("*.html")) if folder.exists() else []:
        for library in re.findall(r"{%\s*load\s+([^%]+)%}", path.read_text(encoding="utf-8")):
            for name in library.split():
                if any(name.startswith(upper.rstrip("s")) for upper in FORBIDDEN[app]):
                    offending.append(f"{path.relative_to(ROOT)} loads {name}")
    assert offending == []


def test_units_names_no_other_apps_model_label():
    # the visibility rule asks each queryset; it does not dispatch on other apps' labels
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "units").rglob("*.py"))
    assert not re.search(r"""["'](tasks|reports)\.[A-Z]\w+["']""", source)
