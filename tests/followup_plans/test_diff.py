"""Changes between versions, field by field, with tasks and measures matched across versions."""

import pytest
from django.utils import translation

from followup_plans import services
from followup_plans.diff import inline_diff, version_diff
from followup_plans.models import PlanMeasure, PlanTask

pytestmark = pytest.mark.django_db


def test_changes_from_one_version_to_the_next(completed, manager, clock):
    draft = services.version_new(plan=completed.plan, by=manager)
    services.version_update(
        version=draft, by=manager, data={"follow_up": "Kort samtale hver fredag; leder ringer.", "send_to_nav": True}
    )
    phone = draft.tasks.get(title="Telefonvakt")
    services.task_save(version=draft, by=manager, task=phone, assessment=PlanTask.Assessment.CAN)
    services.task_delete(task=draft.tasks.get(title="Tunge løft på lageret"), by=manager)
    services.task_save(version=draft, by=manager, title="Opplæring av nyansatte", assessment=PlanTask.Assessment.CAN)
    services.measure_save(version=draft, by=manager, measure=draft.measures.get(), status=PlanMeasure.Status.DONE)

    draft.refresh_from_db()
    with translation.override("en"):
        diff = version_diff(completed, draft)
    fields = {c.label: (c.before, c.after) for c in diff.fields}
    assert fields["Send the plan to NAV"] == ("No", "Yes")
    assert "hver mandag" in fields["How the follow-up will be done"][0]
    assert set(fields) == {"Send the plan to NAV", "How the follow-up will be done"}
    tasks = {(t.kind, t.title) for t in diff.tasks}
    assert tasks == {
        ("changed", "Telefonvakt"),
        ("removed", "Tunge løft på lageret"),
        ("added", "Opplæring av nyansatte"),
    }
    changed = next(t for t in diff.tasks if t.kind == "changed")
    assert [(c.label, c.before, c.after) for c in changed.changes] == [
        ("Assessment", "Can be done with adjustment", "Can be done"),
        ("How it can be done", "with more time", ""),
    ]
    assert [(m.kind, [c.after for c in m.changes]) for m in diff.measures] == [("changed", ["Done"])]


def test_copy_without_changes_is_empty(completed, manager, clock):
    draft = services.version_new(plan=completed.plan, by=manager)
    assert version_diff(completed, draft).is_empty


def test_inline_diff_marks_words():
    segments = inline_diff("Samtale hver mandag.", "Samtale hver fredag.")
    assert [(s.op, s.text) for s in segments] == [("equal", "Samtale hver "), ("del", "mandag."), ("ins", "fredag.")]
