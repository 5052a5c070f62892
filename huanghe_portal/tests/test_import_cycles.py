"""No import cycle between services and tasks (issue 15).

HackSoft's Celery rule: a task imports the services inside its body. Services may then queue
tasks (inside a function), and nothing else may close the loop. The import graph is walked with
`ast`: module-level imports everywhere, plus imports inside functions except in task bodies.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = [
    "huanghe_portal",
    "disputes",
    "petitions",
    "decisions",
    "disclosure",
    "legal_education",
    "reports",
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            found[_module_name(path)] = path
    return found


def _imports(name: str, path: Path, known: set[str], *, deferred: bool) -> set[str]:
    """Modules `name` imports: module level, and with `deferred` inside functions too (except in
    a tasks module, where importing inside the body is the rule)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text())
    walk_all = deferred and name.rpartition(".")[2] != "tasks"
    targets: set[str] = set()
    for node in ast.walk(tree) if walk_all else tree.body:
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    edges: set[str] = set()
    for target in targets:
        # importing a.b.c runs a/__init__ and a.b/__init__ first
        parts = target.split(".")
        edges.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    # a package is already being imported when one of its modules runs
    ancestors = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
    return {edge for edge in edges if edge in known and edge != name and edge not in ancestors}


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in graph:
        if node not in index:
            visit(node)
    return found


def _graph(*, deferred: bool = False) -> dict[str, set[str]]:
    modules = _modules()
    return {
        name: _imports(name, path, set(modules), deferred=deferred)
        for name, path in modules.items()
    }


def test_the_walk_sees_services_importing_their_package_modules():
    graph = _graph()
    assert "disputes.models" in graph["disputes.services.intake"]
    assert "huanghe_portal.notify_applicant" in graph["huanghe_portal.tasks"]
    assert "reports.tasks" in _graph(deferred=True)["reports.services"]


def test_no_import_cycle_runs_through_a_tasks_module():
    def is_tasks(module: str) -> bool:
        return module.rpartition(".")[2] == "tasks"

    cycles = [sorted(c) for c in _cycles(_graph(deferred=True)) if any(is_tasks(m) for m in c)]
    assert cycles == []


def test_no_import_cycle_between_an_apps_services_and_its_other_modules():
    def is_services(module: str) -> bool:
        return ".services" in f".{module}" or module.endswith("services")

    cycles = [sorted(c) for c in _cycles(_graph()) if any(is_services(m) for m in c)]
    assert cycles == []
