"""Plans out: a completed version to NAV and/or the GP through the fake lps-oppfolgingsplan-mottak."""

import pytest
import requests

from audit.models import AuditEvent
from followup_plans.models import PlanSharing
from nav import plans, tasks
from nav.errors import NavRefused, NavUnavailable
from nav.models import PlanSubmission
from nav.plans import SubmissionError
from tests.followup_plans.conftest import case, clock, completed, draft, employee, manager  # noqa: F401

FNR = "01019010046"

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_fnr(world):
    world.sales_employee.national_id = FNR
    world.sales_employee.save()


def fault(fake, path, error, times=None):
    requests.post(f"{fake.url}/_fake/faults", json={"path": path, "error": error, "times": times}, timeout=5)


def submit(completed, manager, **kwargs):
    options = {"to_nav": True, "to_gp": True, "nav_reason": PlanSharing.NavReason.BEFORE_DIALOGUE_MEETING, **kwargs}
    return plans.plan_submit(version=completed, by=manager, **options)


def test_a_plan_is_sent_with_the_identity_number_and_nav_status_shown(
    fake_nav, with_fnr, completed, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(completed, manager)
    submission.refresh_from_db()
    assert submission.status == PlanSubmission.Status.SENT and submission.attempts == 1
    assert (submission.sent_to_nav, submission.sent_to_gp) == (True, True)
    received = fake_nav.state.plans[submission.nav_uuid]["body"]
    assert received["employeeIdentificationNumber"] == FNR
    assert received["sendPlanToNav"] is True and received["sendPlanToGeneralPractitioner"] is True
    assert {s.recipient for s in completed.sharings.all()} == {"nav", "doctor"}
    plans.plan_status_refresh(submission=submission)
    assert submission.status_checked_at is not None
    # Audited, without the payload or the identity number.
    assert AuditEvent.objects.filter(action="nav.plan.sent").count() == 1
    assert FNR not in str(list(AuditEvent.objects.values_list("detail", flat=True)))


def test_only_to_the_gp(fake_nav, with_fnr, completed, manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(completed, manager, to_nav=False, nav_reason="")
    body = fake_nav.state.plans[PlanSubmission.objects.get(pk=submission.pk).nav_uuid]["body"]
    assert body["sendPlanToNav"] is False and body["needsHelpFromNav"] is False


def test_the_same_version_is_never_sent_twice(fake_nav, with_fnr, completed, manager):
    submit(completed, manager)
    with pytest.raises(SubmissionError) as refused:
        submit(completed, manager)
    assert refused.value.code == "already_sent"
    assert PlanSubmission.objects.count() == 1


def test_a_sent_plan_is_not_sent_again_by_a_second_worker(fake_nav, with_fnr, completed, manager):
    submission = submit(completed, manager)
    plans.plan_send(submission_id=submission.pk)
    assert plans.plan_send(submission_id=submission.pk) is None
    assert len(fake_nav.state.plans) == 1


def test_without_identity_number_it_is_refused_in_words(fake_nav, completed, manager, in_english):
    with pytest.raises(SubmissionError) as refused:
        submit(completed, manager)
    assert refused.value.code == "no_national_id" and "identity number" in str(refused.value.message)


def test_a_draft_cannot_be_sent(fake_nav, with_fnr, draft, manager):
    with pytest.raises(SubmissionError):
        plans.plan_submit(version=draft, by=manager, to_nav=True, to_gp=False, nav_reason="nav_asked")


def test_transient_failures_are_retried_with_backoff(fake_nav, with_fnr, completed, manager, clock):
    fault(fake_nav, "/api/v1/followupplan", "500", times=2)
    submission = submit(completed, manager)
    plans.plan_send(submission_id=submission.pk)
    submission.refresh_from_db()
    assert submission.status == PlanSubmission.Status.RETRYING and submission.last_error
    first_wait = submission.next_attempt_at
    assert plans.plans_due() == []  # not before its time
    clock.shift(plans.backoff(1))
    tasks.send_due_plans()
    submission.refresh_from_db()
    assert submission.status == PlanSubmission.Status.RETRYING
    assert submission.next_attempt_at - first_wait > plans.backoff(1)  # waits longer each time
    clock.shift(plans.backoff(2))
    tasks.send_due_plans()
    submission.refresh_from_db()
    assert submission.status == PlanSubmission.Status.SENT and submission.attempts == 3
    assert [a.outcome for a in submission.attempt_log.all()] == ["INTERNAL_SERVER_ERROR", "INTERNAL_SERVER_ERROR", "ok"]
    assert AuditEvent.objects.filter(action="nav.plan.attempt_failed").count() == 2


def test_a_timeout_is_retried(fake_nav, with_fnr, completed, manager):
    fault(fake_nav, "/api/v1/followupplan", "timeout", times=1)
    submission = plans.plan_send(submission_id=submit(completed, manager).pk)
    assert submission.status == PlanSubmission.Status.RETRYING and submission.last_error_code == "timeout"


@pytest.mark.parametrize(
    "error, words",
    [
        ("NO_ACTIVE_SENT_SYKMELDING", "no active sick note"),
        ("NO_ACTIVE_ARBEIDSFORHOLD", "no active employment"),
        ("GENERAL_PRACTITIONER_NOT_FOUND", "general practitioner"),
        ("EMPLOYEE_NOT_FOUND", "national identity number"),
        ("VALIDATION_ERROR", "rejected the plan"),
        ("AUTHENTICATION_ERROR", "Maskinporten token"),
    ],
)
def test_each_refusal_is_shown_in_words_and_not_retried(
    fake_nav, with_fnr, completed, manager, error, words, in_english
):
    fault(fake_nav, "/api/v1/followupplan", error, times=1)
    submission = plans.plan_send(submission_id=submit(completed, manager).pk)
    assert submission.status == PlanSubmission.Status.FAILED
    assert submission.last_error_code == error
    assert words in submission.last_error
    assert not completed.sharings.exists()


def test_verify_integration(fake_nav):
    assert "up and running" in plans.verify_integration(orgnr="912345602")
    fault(fake_nav, "/api/v1/followupplan/verify-integration", "timeout", times=1)
    with pytest.raises(NavUnavailable) as failed:
        plans.verify_integration(orgnr="912345602")
    assert failed.value.code == "timeout"


def test_verify_integration_with_a_wrong_key_says_so(fake_nav, tmp_path, settings):
    from nav.fake import generate_private_key

    other = tmp_path / "other.pem"
    other.write_bytes(generate_private_key())
    settings.MASKINPORTEN_KEY_FILE = str(other)
    with pytest.raises(NavRefused) as refused:
        plans.verify_integration(orgnr="912345602")
    assert refused.value.code == "invalid_client"
