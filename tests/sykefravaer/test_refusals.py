"""One way to refuse: a page or object the user may not reach answers 404 and leaves an audit event.

`cases.access.refuse` is that way; Django's bare 403 (`PermissionDenied`) is not used by the
app's own views (the API keeps DRF's 401/403 for a missing or wrong token, before any object).
"""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "cases",
    "followup_plans",
    "dialog_meetings",
    "self_certification",
    "reminders",
    "hr",
    "imports",
    "organisation",
    "audit",
    "sykefravaer",
]


def _raises_permission_denied(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Raise) and node.exc is not None:
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            if name == "PermissionDenied":
                lines.append(node.lineno)
    return lines


def test_no_view_refuses_with_a_bare_403():
    found = {
        str(p.relative_to(ROOT)): lines
        for app in APPS
        for p in (ROOT / app).rglob("*.py")
        if (lines := _raises_permission_denied(p))
    }
    assert found == {}, "refuse with cases.access.refuse (404 and an audit event), not PermissionDenied"


def test_the_check_finds_a_bare_403(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("from django.core import exceptions\n\ndef v(r):\n    raise exceptions.PermissionDenied()\n")
    assert _raises_permission_denied(module) == [4]


@pytest.mark.parametrize(
    "who, page",
    [
        ("sales_manager", "hr_start"),  # HR's pages
        ("sales_manager", "hr:statistics"),
        ("sales_employee", "audit:search"),
        ("unit_hr", "hr:routine_step_new"),  # HR for one unit does not change the organisation's routine
        ("sales_employee", "measure_templates:list"),
        ("unit_hr", "imports:upload"),
        ("org_hr", "manager_start"),  # a start page of a role one does not have
    ],
)
def test_each_refusal_is_a_404_with_an_audit_event(client, world, who, page):
    who = getattr(world, who)
    user = getattr(who, "user", who)
    client.force_login(user)
    assert client.get(reverse(page)).status_code == 404
    event = AuditEvent.objects.get(actor=user, action="access.denied")
    assert event.detail["object"]
