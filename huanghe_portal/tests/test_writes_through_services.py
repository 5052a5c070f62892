"""Issue 15 point 3: every state change goes through a service. This walks every application
module outside the services (`services.py` or a `services/` package), migrations and tests, and
fails on a write of a workflow model — a model with a TRANSITIONS map — found there:

- an assignment to `<anything>.status`;
- `.update(status=…)` on any queryset;
- `<WorkflowModel>.objects.create/get_or_create/update_or_create/bulk_create(…)`;
- `<record>.save(…)` where `<record>` is named after a workflow model (`matter.save()`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = [*settings.AREA_APPS, "huanghe_portal"]
CREATES = {"create", "get_or_create", "update_or_create", "bulk_create"}

# Modules that may write workflow records directly, each with its reason. Keep this short.
DEMO = (
    "a demo data loader: bulk-builds the fictional starting state of a demonstration database,"
    " as test factories do (STYLE §3.3); run only by the `demo` management command, never by"
    " a user's request, and thousands of records are made at once with bulk_create"
)
ALLOWED: dict[str, str] = {
    "disputes/demo.py": DEMO,
    "petitions/demo.py": DEMO,
    "decisions/demo.py": DEMO,
    "disclosure/demo.py": DEMO,
}


def workflow_models() -> set[str]:
    return {m.__name__ for m in apps.get_models() if hasattr(m, "TRANSITIONS")}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def application_modules() -> list[Path]:
    modules = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if {"migrations", "tests", "services"} & set(parts[:-1]):
                continue
            if path.name in ("services.py", "conftest.py"):
                continue
            modules.append(path)
    return modules


def writes_in(tree: ast.AST, models: set[str]) -> list[tuple[int, str]]:
    record_names = {_snake(m) for m in models}
    found = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr == "status":
                assert isinstance(node, ast.stmt)  # an assignment
                found.append((node.lineno, f"assigns {ast.unparse(target)}"))
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        method, receiver = node.func.attr, node.func.value
        root = receiver
        while isinstance(root, ast.Attribute | ast.Call):
            root = root.func if isinstance(root, ast.Call) else root.value
        # A queryset of a workflow model, or one held in a variable (kind unknown: flagged).
        workflow_rows = isinstance(root, ast.Name) and (root.id in models or root.id.islower())
        if method == "update" and workflow_rows and any(k.arg == "status" for k in node.keywords):
            found.append((node.lineno, f"{ast.unparse(node.func)}(status=…)"))
        if (
            method in CREATES
            and isinstance(receiver, ast.Attribute)
            and receiver.attr == "objects"
            and isinstance(receiver.value, ast.Name)
            and receiver.value.id in models
        ):
            found.append((node.lineno, f"{ast.unparse(node.func)}(…)"))
        if method == "save" and isinstance(receiver, ast.Name) and receiver.id in record_names:
            found.append((node.lineno, f"{receiver.id}.save()"))
    return found


def test_the_walk_sees_the_kinds_of_write_it_looks_for():
    """The checker itself: each kind of write is caught (so an empty result means something)."""
    source = (
        "matter.status = 'x'\n"
        "Matter.objects.filter(pk=1).update(status='x')\n"
        "Matter.objects.create(title='t')\n"
        "matter.save()\n"
        "form.save()\n"
    )
    assert [line for line, _ in writes_in(ast.parse(source), {"Matter"})] == [1, 2, 3, 4]


def test_no_workflow_write_outside_the_services():
    models = workflow_models()
    assert {"Dispute", "Matter", "Petition", "LedgerImport"} <= models
    offences = []
    for path in application_modules():
        name = str(path.relative_to(ROOT))
        if name in ALLOWED:
            continue
        for line, what in writes_in(ast.parse(path.read_text(), name), models):
            offences.append(f"{name}:{line} {what}")
    assert offences == []


def test_the_walk_covers_the_ledgers_and_skips_services_packages():
    names = {str(p.relative_to(ROOT)) for p in application_modules()}
    assert "decisions/ledgers.py" in names and "disputes/views.py" in names
    assert not any(n.endswith("services.py") or "/services/" in n for n in names)
