"""The quality self-assessment: rounds, ratings with measures, and the comparison with earlier rounds."""

from datetime import date

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from hr import services
from hr.models import QualityAnswer, QualityRound
from hr.quality import STATEMENT_KEYS, STATEMENTS

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_the_statements_have_stable_unique_keys_and_both_languages():
    assert len(STATEMENT_KEYS) == len(set(STATEMENT_KEYS)) == 13
    assert all(s.nb and s.en and len(s.key) <= 40 for s in STATEMENTS)


def test_hr_starts_a_round_and_rates_it(client, world, frozen):
    client.force_login(world.org_hr)
    response = client.post(reverse("hr:quality_new"), {"held_on": "2026-03-02", "participants": "HR og AMU"})
    rnd = QualityRound.objects.get()
    assert response.url == reverse("hr:quality_round", args=[rnd.pk])
    assert rnd.answers.count() == len(STATEMENTS)
    data = {
        "held_on": "2026-03-02",
        "participants": "HR og AMU",
        "note": "",
        "routines_known-score": "2",
        "routines_known-measures": "Gå gjennom rutinen på ledermøtet.",
        "routines_known-responsible": "HR-leder",
        "routines_known-due": "2026-05-01",
        "routines_exist-score": "4",
    }
    response = client.post(reverse("hr:quality_round", args=[rnd.pk]), data)
    assert response.status_code == 302
    known = rnd.answers.get(statement="routines_known")
    assert (known.score, known.responsible, known.due) == (2, "HR-leder", date(2026, 5, 1))
    assert rnd.answers.get(statement="plans_used").score is None
    assert AuditEvent.objects.filter(action="quality.round_saved", actor=world.org_hr).exists()


def test_a_rating_outside_one_to_five_is_refused(client, world, frozen):
    rnd = services.quality_round_create(organisation=world.root.organisation, held_on=TODAY, by=world.org_hr)
    client.force_login(world.org_hr)
    response = client.post(
        reverse("hr:quality_round", args=[rnd.pk]), {"held_on": "2026-03-02", "routines_known-score": "7"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["routines_known-score"]


def test_a_round_compares_with_the_one_before(client, world, frozen):
    org = world.root.organisation
    first = services.quality_round_create(organisation=org, held_on=date(2025, 9, 1), by=world.org_hr)
    second = services.quality_round_create(organisation=org, held_on=date(2026, 3, 1), by=world.org_hr)
    QualityAnswer.objects.filter(round=first, statement="routines_known").update(score=2)
    QualityAnswer.objects.filter(round=second, statement="routines_known").update(score=4)
    QualityAnswer.objects.filter(round=second, statement="routines_exist").update(score=5)
    client.force_login(world.org_hr)
    response = client.get(reverse("hr:quality_round", args=[second.pk]))
    row = next(r for r in response.context["rows"] if r["statement"].key == "routines_known")
    assert (row["before"], row["change"]) == (2, 2)
    listing = client.get(reverse("hr:quality"))
    assert [r.pk for r in listing.context["rounds"]] == [second.pk, first.pk]
    routines = listing.context["themes"][0]
    assert routines["averages"] == [4.5, 2.0]
    assert listing.context["averages"] == [4.5, 2.0]


def test_unit_hr_reads_but_does_not_change(client, world, frozen):
    rnd = services.quality_round_create(organisation=world.root.organisation, held_on=TODAY, by=world.org_hr)
    client.force_login(world.unit_hr)
    assert client.get(reverse("hr:quality_round", args=[rnd.pk])).status_code == 200
    assert client.post(reverse("hr:quality_round", args=[rnd.pk]), {"held_on": "2026-03-02"}).status_code == 404
    assert client.post(reverse("hr:quality_new"), {"held_on": "2026-03-02"}).status_code == 404
    client.force_login(world.sales_manager.user)
    assert client.get(reverse("hr:quality_round", args=[rnd.pk])).status_code == 404


def test_the_admin_shows_the_routine_and_rounds_read_only(client, world, frozen):
    services.quality_round_create(organisation=world.root.organisation, held_on=TODAY, by=world.org_hr)
    client.force_login(world.admin)
    assert client.get(reverse("admin:hr_qualityround_changelist")).status_code == 200
    assert client.get(reverse("admin:hr_routinestep_changelist")).status_code == 200
    assert client.get(reverse("admin:hr_routinestep_add")).status_code == 403
