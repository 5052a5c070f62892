"""Every action code a service can write has a Chinese label in the one registry
(huanghe_portal/timeline.py), and every timeline page shows labels, never codes."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from huanghe_portal import handover, timeline

ROOT = Path(settings.BASE_DIR)
SKIP_PARTS = {"tests", "migrations", "management", "demo.py"}  # demo data replays services' codes


def _constants() -> dict[str, set[str]]:
    """NAME = "code" assignments of the app code, module-level or in a class body (a
    TextChoices member `NAME = "code", _("…")` too), by name, for action=NAME or X.Status.NAME."""
    found: dict[str, set[str]] = {}
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Module | ast.ClassDef):
                continue
            for statement in node.body:
                if not isinstance(statement, ast.Assign):
                    continue
                value = statement.value
                if isinstance(value, ast.Tuple) and value.elts:
                    value = value.elts[0]
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    for target in statement.targets:
                        if isinstance(target, ast.Name) and target.id.isupper():
                            found.setdefault(target.id, set()).add(value.value)
    return found


def _source_files():
    for app in ["huanghe_portal", *settings.AREA_APPS]:
        for path in sorted((ROOT / app).rglob("*.py")):
            if not SKIP_PARTS & set(path.relative_to(ROOT).parts):
                yield path


def _codes(node: ast.AST, constants: dict[str, set[str]]) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _codes(node.body, constants) | _codes(node.orelse, constants)
    if isinstance(node, ast.Name | ast.Attribute):
        name = node.id if isinstance(node, ast.Name) else node.attr
        return constants.get(name, set()) if name.isupper() else set()
    return set()


def _forwarded(trees: list[ast.Module], function: ast.FunctionDef, parameter: str) -> list[ast.AST]:
    """The arguments the app's calls of `function` pass as its `parameter` (a helper of a
    services package is called from its sibling modules)."""
    names = [a.arg for a in function.args.posonlyargs + function.args.args]
    position = names.index(parameter) if parameter in names else None
    passed: list[ast.AST] = []
    for node in (n for tree in trees for n in ast.walk(tree)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == function.name
        ):
            continue
        passed += [k.value for k in node.keywords if k.arg == parameter]
        if position is not None and len(node.args) > position:
            passed.append(node.args[position])
    return passed


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def written_actions() -> set[tuple[str, str]]:
    """(app, action) of every call of timeline.record in the app code (services, tasks, shared
    helpers) and of the app's helpers that forward their `action` to it. Names resolve
    through constants; a parameter of the enclosing function through what the app's calls of
    that function pass. What cannot be resolved is listed as such, so no code slips by."""
    constants = _constants()
    trees: dict[Path, ast.Module] = {
        path: ast.parse(path.read_text(encoding="utf-8")) for path in _source_files()
    }
    found = set()
    for path, tree in trees.items():
        app = path.relative_to(ROOT).parts[0]
        app_trees = [t for p, t in trees.items() if p.relative_to(ROOT).parts[0] == app]
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        writers = {"record"} | {  # helpers anywhere in the app that forward `action`
            f.name
            for t in app_trees
            for f in ast.walk(t)
            if isinstance(f, ast.FunctionDef)
            and any(
                isinstance(n, ast.Call)
                and _callee(n) == "record"
                and any(
                    k.arg == "action" and isinstance(k.value, ast.Name) and k.value.id == "action"
                    for k in n.keywords
                )
                for n in ast.walk(f)
            )
        }
        for function in functions:
            parameters = {
                a.arg
                for a in function.args.posonlyargs + function.args.args + function.args.kwonlyargs
            }
            for node in ast.walk(function):
                if not (isinstance(node, ast.Call) and _callee(node) in writers):
                    continue
                for keyword in node.keywords:
                    if keyword.arg != "action":
                        continue
                    value = keyword.value
                    where = f"{path.name}:{node.lineno}"
                    if (
                        isinstance(value, ast.Name)
                        and value.id == "action"
                        and function.name in writers
                    ):
                        continue  # forwarded: the callers' action= are walked
                    if isinstance(value, ast.Name) and value.id in parameters:
                        passed = _forwarded(app_trees, function, value.id)
                        codes = set().union(*(_codes(v, constants) for v in passed))
                    elif isinstance(value, ast.JoinedStr):
                        codes = {f"<f-string {where}>"}
                    else:
                        codes = _codes(value, constants)
                    found |= {(app, c) for c in codes or {f"<unresolved {where}>"}}
    return found


def test_the_walk_finds_the_codes_of_every_area():
    found = written_actions()
    assert ("disputes", "accepted") in found
    assert ("reports", "edited") in found
    assert ("huanghe_portal", "due_recomputed") in found  # through a constant
    assert ("disputes", "member_updated") in found  # a conditional expression


def test_every_written_action_has_a_chinese_label():
    computed = {("huanghe_portal", f"handed_over_{kind}") for kind in handover.registered_kinds()}
    missing = []
    for app, action in written_actions() | computed:
        if action.startswith("<f-string handover.py"):
            continue  # handed_over_<kind>: every registered kind is checked above
        if not timeline.has_label(app, action):
            missing.append(f"{app}: {action}")
    assert not missing, "timeline actions without a label: " + ", ".join(sorted(missing))


@pytest.mark.parametrize("app", settings.AREA_APPS)
def test_labels_are_chinese(app):
    for action in timeline.actions(app):
        label = timeline.label(app, action)
        assert label != action and any("\u4e00" <= ch <= "\u9fff" for ch in label), action


def test_an_unregistered_code_is_shown_as_a_generic_chinese_label():
    assert timeline.label("reports", "no_such_action") == "其他操作（no_such_action）"
