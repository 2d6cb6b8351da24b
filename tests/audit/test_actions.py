"""What is logged has a name: every action recorded anywhere in the code is registered in audit/actions.py."""

import ast
import logging
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from audit.actions import AuditAction, is_registered, label
from audit.models import AuditEvent
from audit.services import UnregisteredAction, audit_record, audit_record_many
from cases.access import Action
from hr.models import RoutineStepChange

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "var", "node_modules", "staticfiles", "migrations", "locale", "static", "templates"}

# Actions built from a template (an f-string): the values each placeholder takes. A new template must be added
# here with its values, so that every action it can make is checked.
TEMPLATES = {
    "case.{}": list(Action),  # cases/access.py get_case_or_404
    "employee.{}": list(Action),  # cases/access.py get_employee_or_404
    "self_certification.{}": list(Action),  # self_certification/views.py _report_or_404
    "routine.step_{}": list(RoutineStepChange.Action),  # hr/services.py _log
    "employee.import_{}": ["create", "change"],  # imports/services.py: created and changed rows
}


def _files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if not SKIP & set(p.relative_to(ROOT).parts[:-1]))


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _action_keyword(call: ast.Call) -> ast.expr | None:
    return next((kw.value for kw in call.keywords if kw.arg == "action"), None)


def _wrappers(trees) -> dict[str, int]:
    """Functions that pass one of their parameters on as the action: name -> position of that parameter."""
    found = {}
    for tree in trees.values():
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef):
                continue
            params = [a.arg for a in fn.args.posonlyargs + fn.args.args]
            for call in ast.walk(fn):
                if isinstance(call, ast.Call) and _name(call) == "audit_record":
                    value = _action_keyword(call)
                    if isinstance(value, ast.Name) and value.id in params:
                        found[fn.name] = params.index(value.id)
    return found


def _values(node: ast.expr, where: str) -> list[str]:
    """The actions an expression can give."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _values(node.body, where) + _values(node.orelse, where)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "AuditAction":
        return [AuditAction[node.attr].value]
    if isinstance(node, ast.JoinedStr):
        template = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
        assert template in TEMPLATES, f"{where}: the action template {template!r} is not listed in TEMPLATES"
        return [template.format(value) for value in TEMPLATES[template]]
    raise AssertionError(f"{where}: cannot tell which action {ast.unparse(node)!r} is; pass a literal or AuditAction")


def recorded_actions() -> dict[str, list[str]]:
    """Every action the code records: action -> where (file:line)."""
    trees = {path: ast.parse(path.read_text(), str(path)) for path in _files()}
    wrappers = _wrappers(trees)
    found: dict[str, list[str]] = {}

    def add(node, where):
        for value in _values(node, where):
            found.setdefault(value, []).append(where)

    for path, tree in trees.items():
        if path == Path(__file__).resolve():
            continue  # this test's deliberate typos
        if path == ROOT / "audit" / "services.py":
            # The recording itself checks every action it is given; what it records by itself it names there.
            for call in ast.walk(tree):
                if (
                    isinstance(call, ast.Call)
                    and _name(call) == "check_action"
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    add(call.args[0], f"audit/services.py:{call.lineno}")
            continue
        functions = [fn for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef)]
        wrapper_bodies = {id(call) for fn in functions if fn.name in wrappers for call in ast.walk(fn)}
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            where, name = f"{path.relative_to(ROOT)}:{call.lineno}", _name(call)
            if name in ("audit_record", "AuditEvent"):
                value = _action_keyword(call)
                if value is not None and not (id(call) in wrapper_bodies and isinstance(value, ast.Name)):
                    add(value, where)
            elif name == "audit_record_many":
                # The entries are dicts written in the function that records them.
                function = next(fn for fn in functions if any(node is call for node in ast.walk(fn)))
                entries = [
                    d
                    for d in ast.walk(function)
                    if isinstance(d, ast.Dict)
                    and any(isinstance(k, ast.Constant) and k.value == "action" for k in d.keys)
                ]
                assert entries, f"{where}: write audit_record_many's entries as dicts in the function"
                for entry in entries:
                    for key, value in zip(entry.keys, entry.values, strict=True):
                        if isinstance(key, ast.Constant) and key.value == "action":
                            add(value, where)
            elif name in wrappers:
                position = wrappers[name]
                value = call.args[position] if len(call.args) > position else _action_keyword(call)
                if value is not None and not isinstance(value, ast.Name):
                    add(value, where)
    return found


def test_every_recorded_action_is_registered():
    found = recorded_actions()
    assert len(found) > 90  # the scan does find the calls (and the wrappers around them)
    missing = {action: where for action, where in found.items() if not is_registered(action)}
    assert not missing, f"register these in audit/actions.py: {missing}"


def test_the_scan_sees_the_wrappers_and_templates():
    found = recorded_actions()
    assert "followup_plans/services/review.py" in " ".join(found["plan.approve"])  # through _record
    assert "meeting.cancel" in found and "plan.pdf" in found and "nav.sick_note.waiting" in found
    assert {"case.view", "employee.view_national_id", "routine.step_ended", "employee.import_change"} <= set(found)
    assert "nav.integration.disabled" in found  # the other branch of a conditional


def test_every_action_has_a_text_in_both_languages():
    for action in AuditAction:
        assert len(action.value) <= 60 and action.value == action.value.lower()
        with translation.override("en"):
            english = str(action.label)
        with translation.override("nb"):
            norwegian = str(action.label)
        assert english and norwegian
        assert norwegian != english, f"{action.value}: no Norwegian text"


@pytest.mark.django_db
def test_an_unregistered_action_is_refused_while_developing(world):
    with pytest.raises(UnregisteredAction):
        audit_record(actor=world.org_hr, action="plan.aproved")
    with pytest.raises(UnregisteredAction):
        audit_record_many(actor=world.org_hr, entries=[{"action": "employee.importt_left"}])
    assert not AuditEvent.objects.filter(action__in=["plan.aproved", "employee.importt_left"]).exists()


@pytest.mark.django_db
@override_settings(AUDIT_STRICT_ACTIONS=False)
def test_in_production_an_unregistered_action_is_still_recorded_and_logged(world, caplog):
    with caplog.at_level(logging.ERROR, logger="audit.services"):
        event = audit_record(actor=world.org_hr, action="plan.aproved")
    assert AuditEvent.objects.get(pk=event.pk).action == "plan.aproved"
    assert "plan.aproved" in caplog.text
    assert label("plan.aproved") == "plan.aproved"


@pytest.mark.django_db
def test_the_audit_page_shows_the_action_text_not_the_code(client, world):
    audit_record(actor=world.org_hr, action="plan.approvals_withdrawn", employee=world.sales_employee)
    client.force_login(world.org_hr)
    page = client.get("/logg/").content.decode()
    assert "Godkjenninger av en oppfølgingsplan opphevet av en endring" in page
    assert ">plan.approvals_withdrawn<" not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/logg/").content.decode()
    assert "Approvals of a follow-up plan undone by a change" in english


@pytest.mark.django_db
def test_the_admin_lists_and_filters_by_the_action_text(client, world):
    audit_record(actor=None, action="auth.login_failed", detail={"username": "nobody"})
    client.force_login(world.admin)
    page = client.get("/admin/audit/auditevent/").content.decode()
    assert page.count("Innlogging mislyktes") >= 2  # the row and the filter
    filtered = client.get("/admin/audit/auditevent/", {"action__exact": "auth.login_failed"})
    assert filtered.status_code == 200 and "Innlogging mislyktes" in filtered.content.decode()


def test_every_registered_action_is_recorded_somewhere():
    """The list a data-protection officer reads is what the code logs: nothing listed that is never recorded."""
    unused = set(AuditAction.values) - set(recorded_actions())
    assert not unused, f"listed in audit/actions.py but never recorded: {sorted(unused)}"
