"""Issue 15: templates ask the models' transition maps (step buttons, `can_transition`, a model
property next to TRANSITIONS); they never restate them by comparing a status with a literal."""

import re
from pathlib import Path

from django.conf import settings

LITERAL_STATUS = re.compile(
    r"""(?P<expr>[\w.]*\bstatus)\s*(?:==|!=)\s*['"]|(?P<filter>[\w.]*\bstatus)\|in_list"""
)

# Comparisons that are not a record's transition map, each with its reason.
ALLOWED = {
    # A filter form's <select>: which option the query string chose.
    "request.GET.status": "the list filter's selected option",
    # A background PDF job: the page shows the download or the error once the job ends.
    "job.status": "a PDF job's outcome, not a step anyone takes",
}


def template_files() -> list[Path]:
    dirs = settings.TEMPLATES[0]["DIRS"]
    assert isinstance(dirs, list)
    roots = [Path(d) for d in dirs]
    return sorted(p for root in roots for p in root.rglob("*.html"))


def test_no_template_compares_a_record_status_with_a_literal():
    offending = []
    for path in template_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in LITERAL_STATUS.finditer(line):
                expr = match.group("expr") or match.group("filter")
                if expr not in ALLOWED:
                    offending.append(f"{path}:{number}: {expr}")
    assert not offending, "status compared with a literal:\n" + "\n".join(offending)


def test_the_check_catches_a_restated_map(tmp_path):
    line = "{% if dispute.status == \"registered\" or item.status != 'draft' %}"
    found = [m.group("expr") for m in LITERAL_STATUS.finditer(line)]
    assert found == ["dispute.status", "item.status"]
    assert [m.group("filter") for m in LITERAL_STATUS.finditer('{% if app.status|in_list:"a" %}')]
