"""Compliance: the share of milestones done on time, late, or still overdue, per milestone kind and unit."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from cases import services
from hr.selectors import compliance

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _done(case, key, when, by):
    with time_machine.travel(when, tick=False):
        services.milestone_complete(case=case, key=key, by=by)


@pytest.fixture
def outcomes(world, cases):
    """sales: first conversation (due 26 Jan) done 25 Jan, plan (due 18 Feb) not done: overdue.
    support: first conversation (due 15 Feb) done on the fixture's day, 2 March: late."""
    sales, support = cases["sales"], cases["support"]
    sales.milestones.filter(key="first_conversation").update(
        completed_at=datetime(2026, 1, 25, 12, tzinfo=UTC), done_on=date(2026, 1, 25)
    )
    support.milestones.filter(key="first_conversation").update(
        completed_at=datetime(2026, 3, 2, 12, tzinfo=UTC), done_on=date(2026, 3, 2)
    )
    return cases


def test_on_time_late_and_overdue(world, outcomes, frozen):
    result = compliance(world.org_hr, start=date(2026, 1, 1), end=TODAY, today=TODAY)
    first = result.by_key["first_conversation"]
    assert (first.on_time, first.late, first.overdue, first.pending) == (1, 1, 0, 0)  # north's is due after the period
    plan = result.by_key["followup_plan"]
    assert (plan.on_time, plan.late, plan.overdue) == (0, 0, 1)
    assert first.share("on_time") == 50 and plan.share("overdue") == 100
    assert result.keys == ["first_conversation", "followup_plan"]
    assert (result.total.counted, result.total.on_time) == (3, 1)


def test_per_unit_group(world, outcomes, frozen):
    result = compliance(world.org_hr, start=date(2026, 1, 1), end=TODAY, today=TODAY)
    by_unit = {
        g.unit.name: tallies for g, tallies in zip(result.parts.groups, result.by_group, strict=True) if not g.own_staff
    }
    assert by_unit["Sales"][""].counted == 2  # sales: on time + overdue
    assert by_unit["Support"]["first_conversation"].late == 1


def test_unit_hr_sees_its_units_only(world, outcomes, frozen):
    result = compliance(world.unit_hr, start=date(2026, 1, 1), end=TODAY, today=TODAY)
    assert result.total.counted == 2
    assert result.parts.focus == world.sales


def test_not_required_and_not_applying_are_not_counted(world, outcomes, frozen):
    services.milestone_not_required(
        case=outcomes["sales"], key="followup_plan", by=world.sales_manager.user, reason="Åpenbart unødvendig"
    )
    result = compliance(world.org_hr, start=date(2026, 1, 1), end=date(2026, 12, 31), today=TODAY)
    assert result.by_key["followup_plan"].not_required == 1
    assert result.by_key["followup_plan"].overdue == 0
    assert "nav_meeting_need_query" not in result.by_key


def test_the_page(client, world, outcomes, frozen):
    client.force_login(world.org_hr)
    client.cookies["sykefravaer_language"] = "en"
    response = client.get(reverse("hr:compliance"), {"start": "2026-01-01", "end": "2026-03-02"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="compliance-kind" data-key="first_conversation"' in content
    assert "50 %" in content
    refused = client.get(reverse("hr:compliance"), {"start": "2026-03-01", "end": "2026-01-01"})
    assert refused.context["form"].errors["end"]


def test_milestones_not_yet_due_are_pending(world, outcomes, frozen):
    result = compliance(world.org_hr, start=date(2026, 1, 1), end=date(2026, 3, 31), today=TODAY)
    assert result.by_key["first_conversation"].pending == 1  # north's, due 4 March
    assert result.by_key["followup_plan"].pending == 1  # support's, due 10 March


def test_a_conversation_held_on_time_but_recorded_late_counts_as_on_time(world, cases, frozen, client):
    """Held 24 Jan (due 26 Jan), recorded on 2 March: on time, and the case page shows both dates."""
    case, by = cases["sales"], world.sales_manager.user
    services.milestone_reopen(case=case, key="first_conversation", by=by)
    services.conversation_record(case=case, by=by, kind="first", held_on=date(2026, 1, 24))
    milestone = case.milestones.get(key="first_conversation")
    assert milestone.due == date(2026, 1, 26) and milestone.done_on == date(2026, 1, 24)
    assert milestone.recorded_later
    first = compliance(world.org_hr, start=date(2026, 1, 1), end=TODAY, today=TODAY).by_key["first_conversation"]
    assert (first.on_time, first.late) == (1, 1)  # support's was recorded and held today, after its due date
    client.force_login(by)
    client.cookies["sykefravaer_language"] = "nb"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    # Both dates (their month format is the site's date format).
    assert re.search(r'data-testid="milestone-done">Holdt 24\. \w+\.? 2026, registrert 2\. \w+\.? 2026 av ', page)


def test_a_corrected_done_date_is_audited_and_counted(world, cases, frozen):
    from audit.models import AuditEvent

    case, by = cases["sales"], world.sales_manager.user  # sales' and support's recorded done today: late
    first = compliance(world.org_hr, start=date(2026, 1, 1), end=TODAY, today=TODAY).by_key["first_conversation"]
    assert (first.on_time, first.late) == (0, 2)
    services.milestone_done_on_change(case=case, key="first_conversation", by=by, done_on=date(2026, 1, 26))
    event = AuditEvent.objects.get(action="milestone.done_on_change")
    assert event.actor == by and event.detail == {
        "key": "first_conversation",
        "before": "2026-03-02",
        "after": "2026-01-26",
    }
    first = compliance(world.org_hr, start=date(2026, 1, 1), end=TODAY, today=TODAY).by_key["first_conversation"]
    assert (first.on_time, first.late) == (1, 1)
    with pytest.raises(services.MilestoneError):
        services.milestone_done_on_change(case=case, key="first_conversation", by=by, done_on=date(2026, 3, 3))
