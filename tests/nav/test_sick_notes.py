"""Sick notes in: fetched from the fake NAV over HTTP, recorded through the cases service."""

from datetime import date, timedelta

import pytest
import requests

from audit.models import AuditEvent
from cases.models import AbsencePeriod, CaseActivity
from cases.timeline import case_timeline_events
from nav import sick_notes, tasks
from nav.fake.samples import activity, sick_note
from nav.models import Integration, ReceivedSickNote
from reminders.models import Delivery

FNR = "01019010046"
ORGNR = "974652277"  # the sales unit's virksomhetsnummer

pytestmark = pytest.mark.django_db


@pytest.fixture
def integration(world):
    world.sales.business_number = ORGNR
    world.sales.save()
    employee = world.sales_employee
    employee.national_id = FNR
    employee.save()
    return Integration.objects.create(unit=world.sales, enabled=True)


def publish(fake, note: dict) -> dict:
    response = requests.post(f"{fake.url}/_fake/sykmeldinger", json=note, timeout=5)
    response.raise_for_status()
    return response.json()


def fault(fake, path, error, times=None):
    requests.post(f"{fake.url}/_fake/faults", json={"path": path, "error": error, "times": times}, timeout=5)


def days(n: int) -> date:
    return date.today() + timedelta(days=n)


def periods_of(employee):
    return [(p.kind, p.start, p.end, p.grade, p.source) for p in employee.absence_periods.order_by("start")]


def test_a_published_note_is_recorded_with_kinds_and_grades(fake_nav, world, integration):
    publish(
        fake_nav,
        sick_note(
            fnr=FNR,
            orgnr=ORGNR,
            egenmeldingsdager=[(days(-12), days(-11))],
            periods=[
                (days(-10), days(-4), activity("ikke_mulig")),
                (days(-3), days(3), activity("gradert", 60)),
                (days(4), days(10), activity("avventende")),
            ],
        ),
    )
    result = sick_notes.sick_notes_fetch(integration=integration)
    assert (result.fetched, result.recorded, result.waiting, result.error) == (1, 1, 0, None)
    assert periods_of(world.sales_employee) == [
        ("egenmelding", days(-12), days(-11), 100, "nav"),
        ("sick", days(-10), days(-4), 100, "nav"),
        ("sick", days(-3), days(3), 60, "nav"),
        ("pending", days(4), days(10), 100, "nav"),
    ]
    case = world.sales_employee.cases.current().get()
    # Registered one by one, as a manager would: the self-certified days alone were no case yet.
    assert case.activities.filter(kind=CaseActivity.Kind.PERIOD_ADDED).count() == 3
    events = [e for e in case_timeline_events(case, user=world.org_hr) if e.kind == "nav_sick_note_received"]
    assert len(events) == 1
    integration.refresh_from_db()
    assert integration.last_success_at is not None and integration.last_error_code == ""
    assert integration.last_loepenr == result.notes[0].loepenr


def test_the_manager_is_notified(fake_nav, world, integration, django_capture_on_commit_callbacks):
    publish(fake_nav, sick_note(fnr=FNR, orgnr=ORGNR, periods=[(days(-3), days(5), activity())]))
    with django_capture_on_commit_callbacks(execute=True):
        sick_notes.sick_notes_fetch(integration=integration)
    notice = Delivery.objects.get(kind=Delivery.Kind.NAV_SICK_NOTE)
    assert notice.recipient == world.sales_manager.user
    assert notice.sent_at is not None and notice.case.employee == world.sales_employee


def test_fetching_twice_changes_nothing(fake_nav, world, integration, django_capture_on_commit_callbacks):
    note = sick_note(fnr=FNR, orgnr=ORGNR, periods=[(days(-3), days(5), activity())])
    publish(fake_nav, note)
    with django_capture_on_commit_callbacks(execute=True):
        sick_notes.sick_notes_fetch(integration=integration)
    before = (periods_of(world.sales_employee), CaseActivity.objects.count(), Delivery.objects.count())
    # NAV gives the same note again (e.g. the running number was reset).
    Integration.objects.filter(pk=integration.pk).update(last_loepenr=0)
    integration.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        again = sick_notes.sick_notes_fetch(integration=integration)
    assert again.fetched == 1 and Delivery.objects.count() == 1
    assert (periods_of(world.sales_employee), CaseActivity.objects.count(), Delivery.objects.count()) == before
    assert ReceivedSickNote.objects.count() == 1


def test_a_corrected_note_replaces_its_periods(fake_nav, world, integration):
    note = sick_note(fnr=FNR, orgnr=ORGNR, periods=[(days(-3), days(10), activity())])
    publish(fake_nav, note)
    sick_notes.sick_notes_fetch(integration=integration)
    corrected = {
        **note,
        "sykmeldingPerioder": [
            {"fom": days(-3).isoformat(), "tom": days(6).isoformat(), "aktivitet": activity("gradert", 40)}
        ],
    }
    publish(fake_nav, corrected)
    sick_notes.sick_notes_fetch(integration=integration)
    assert periods_of(world.sales_employee) == [("sick", days(-3), days(6), 40, "nav")]
    assert AuditEvent.objects.filter(action="nav.sick_note.corrected").count() == 1


def test_a_note_for_nobody_waits_for_hr_with_the_reason(fake_nav, world, integration, in_english):
    publish(fake_nav, sick_note(fnr="15058510170", orgnr=ORGNR, periods=[(days(-3), days(5), activity())]))
    result = sick_notes.sick_notes_fetch(integration=integration)
    assert result.waiting == 1
    note = ReceivedSickNote.objects.get()
    assert note.status == ReceivedSickNote.Status.UNMATCHED
    assert "No employee" in note.problem
    assert note.national_id_masked == "150585 *****"
    assert AbsencePeriod.objects.count() == 0
    # HR adds the number to the right employee and tries again.
    employee = world.sales_employee_2
    employee.national_id = "15058510170"
    employee.save()
    sick_notes.sick_note_retry(note=note, by=world.org_hr)
    note.refresh_from_db()
    assert note.status == ReceivedSickNote.Status.RECORDED and note.employee == employee


def test_a_note_matching_two_employees_waits(fake_nav, world, integration):
    other = world.sales_employee_2
    other.national_id = FNR
    other.save()
    publish(fake_nav, sick_note(fnr=FNR, orgnr=ORGNR, periods=[(days(-3), days(5), activity())]))
    sick_notes.sick_notes_fetch(integration=integration)
    assert ReceivedSickNote.objects.get().status == ReceivedSickNote.Status.AMBIGUOUS
    assert AbsencePeriod.objects.count() == 0


def test_a_note_that_clashes_with_a_period_typed_by_hand_waits_and_loses_nothing(
    fake_nav, world, integration, make_case
):
    make_case(world.sales_employee, ("sick", days(-3), days(2), 100), today=date.today())
    publish(fake_nav, sick_note(fnr=FNR, orgnr=ORGNR, periods=[(days(-3), days(5), activity())]))
    sick_notes.sick_notes_fetch(integration=integration)
    note = ReceivedSickNote.objects.get()
    assert note.status == ReceivedSickNote.Status.INVALID and note.problem
    assert periods_of(world.sales_employee) == [("sick", days(-3), days(2), 100, "registered")]


def test_a_note_typed_by_hand_already_is_confirmed_not_doubled(fake_nav, world, integration, make_case):
    make_case(world.sales_employee, ("sick", days(-3), days(5), 100), today=date.today())
    publish(fake_nav, sick_note(fnr=FNR, orgnr=ORGNR, periods=[(days(-3), days(5), activity())]))
    sick_notes.sick_notes_fetch(integration=integration)
    assert ReceivedSickNote.objects.get().status == ReceivedSickNote.Status.RECORDED
    assert AbsencePeriod.objects.count() == 1


@pytest.mark.parametrize(
    "error, code", [("500", "server_error"), ("timeout", "timeout"), ("unauthorized", "unauthorized")]
)
def test_errors_are_kept_on_the_integration_in_words(fake_nav, world, integration, error, code):
    publish(fake_nav, sick_note(fnr=FNR, orgnr=ORGNR, periods=[(days(-3), days(5), activity())]))
    fault(fake_nav, "/v1/sykmeldinger", error, times=1)
    result = sick_notes.sick_notes_fetch(integration=integration)
    assert result.error.code == code
    integration.refresh_from_db()
    assert integration.last_error_code == code and integration.last_error
    assert integration.last_success_at is None
    # Next beat: NAV answers again, and the note arrives.
    assert sick_notes.sick_notes_fetch(integration=integration).recorded == 1
    integration.refresh_from_db()
    assert integration.last_error_code == ""


def test_the_beat_task_fetches_only_enabled_units_with_a_number(fake_nav, world, integration):
    Integration.objects.create(unit=world.support, enabled=True)  # no business unit number
    publish(fake_nav, sick_note(fnr=FNR, orgnr=ORGNR, periods=[(days(-3), days(5), activity())]))
    tasks.fetch_sick_notes()
    assert ReceivedSickNote.objects.count() == 1
    Integration.objects.filter(pk=integration.pk).update(enabled=False, last_loepenr=0)
    publish(fake_nav, sick_note(fnr=FNR, orgnr=ORGNR, periods=[(days(8), days(9), activity())]))
    tasks.fetch_sick_notes()
    assert ReceivedSickNote.objects.count() == 1


def test_every_call_is_audited_without_the_payload(fake_nav, world, integration):
    publish(fake_nav, sick_note(fnr=FNR, orgnr=ORGNR, periods=[(days(-3), days(5), activity())]))
    sick_notes.sick_notes_fetch(integration=integration)
    call = AuditEvent.objects.get(action="nav.call")
    assert call.detail["path"] == "/v1/sykmeldinger" and call.detail["status"] == 200
    assert AuditEvent.objects.filter(action="nav.sick_note.recorded", employee=world.sales_employee).exists()
    everything = str(list(AuditEvent.objects.values_list("detail", flat=True)))
    assert FNR not in everything and "Kari Nordmann" not in everything


def test_the_stored_note_holds_no_message_from_the_doctor(fake_nav, world, integration):
    note = sick_note(fnr=FNR, orgnr=ORGNR, periods=[(days(-3), days(5), activity())])
    note["oppfoelging"]["meldingTilArbeidsgiver"] = "Hemmelig beskjed"
    publish(fake_nav, note)
    sick_notes.sick_notes_fetch(integration=integration)
    stored = ReceivedSickNote.objects.get()
    assert "Hemmelig" not in str(stored.periods) and FNR not in stored.national_id_encrypted
