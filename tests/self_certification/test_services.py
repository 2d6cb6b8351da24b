from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from audit.models import AuditEvent
from cases import services as case_services
from cases.models import AbsencePeriod, Case
from self_certification import services
from self_certification.emails import language_of
from self_certification.models import EgenmeldingPolicy, MayWithdrawNotice, SelfCertification, Withdrawal
from self_certification.services import SelfCertificationError
from tests.factories import EmployeeFactory, HRAccessFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 11)  # a Wednesday


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False), translation.override("en"):
        yield


def submit(employee, start, end, **extra):
    return services.self_certification_submit(
        employee=employee, by=employee.user, start=start, end=end, work_related="no", declaration=True, **extra
    )


def egenmelding(employee, start, end):
    return AbsencePeriod.objects.create(employee=employee, kind=AbsencePeriod.Kind.EGENMELDING, start=start, end=end)


# Submitting -----------------------------------------------------------------------


def test_employee_submits_for_themself_and_it_waits_for_the_manager(world):
    saved = submit(world.sales_employee, TODAY, TODAY + timedelta(days=1))
    assert saved.status == SelfCertification.Status.SUBMITTED and saved.days == 2
    assert saved.requested_end is None
    assert AbsencePeriod.objects.count() == 0  # nothing in the case before the manager confirms
    assert AuditEvent.objects.filter(action="self_certification.submit", employee=world.sales_employee).exists()


def test_nobody_submits_for_someone_else(world):
    with pytest.raises(SelfCertificationError) as error:
        services.self_certification_submit(
            employee=world.sales_employee,
            by=world.sales_manager.user,
            start=TODAY,
            end=TODAY,
            work_related="no",
            declaration=True,
        )
    assert error.value.code == "not_own"


def test_the_declaration_is_required(world):
    with pytest.raises(SelfCertificationError) as error:
        services.self_certification_submit(
            employee=world.sales_employee,
            by=world.sales_employee.user,
            start=TODAY,
            end=TODAY,
            work_related="no",
            declaration=False,
        )
    assert error.value.field == "declaration"


def test_a_longer_absence_is_refused_unless_the_employee_chooses_the_allowed_days(world):
    with pytest.raises(SelfCertificationError) as error:
        submit(world.sales_employee, TODAY - timedelta(days=1), TODAY + timedelta(days=3))
    assert error.value.code == "capped"
    assert "You may self-certify 3 days, to 12 March 2026. From 13 March 2026 you need a doctor's note" in str(
        error.value.message
    )
    assert not SelfCertification.objects.exists()
    saved = submit(world.sales_employee, TODAY - timedelta(days=1), TODAY + timedelta(days=3), only_allowed_days=True)
    assert (saved.start, saved.end, saved.requested_end) == (
        TODAY - timedelta(days=1),
        date(2026, 3, 12),
        TODAY + timedelta(days=3),
    )


@pytest.mark.parametrize(
    "start, end, code",
    [
        (TODAY + timedelta(days=1), TODAY + timedelta(days=1), "in_future"),
        (TODAY - timedelta(days=31), TODAY - timedelta(days=30), "too_far_back"),
        (TODAY, TODAY - timedelta(days=1), "invalid_period"),
    ],
)
def test_dates_that_cannot_be_right_are_refused(world, start, end, code):
    with pytest.raises(SelfCertificationError) as error:
        submit(world.sales_employee, start, end)
    assert error.value.code == code


def test_a_day_is_reported_once(world):
    submit(world.sales_employee, TODAY - timedelta(days=1), TODAY)
    with pytest.raises(SelfCertificationError) as error:
        submit(world.sales_employee, TODAY, TODAY)
    assert error.value.code == "overlap"


def test_a_day_with_a_sick_note_cannot_be_self_certified(world):
    case_services.period_register(
        employee=world.sales_employee,
        kind="sick",
        start=TODAY - timedelta(days=2),
        end=TODAY + timedelta(days=10),
        by=world.sales_manager.user,
    )
    with pytest.raises(SelfCertificationError) as error:
        submit(world.sales_employee, TODAY, TODAY)
    assert error.value.code == "overlap" and "Sick note" in str(error.value.message)


def test_pending_reports_count_against_the_16_day_window(world):
    """A second report in the window cannot get a fresh 3 days while the first waits (R14)."""
    submit(world.sales_employee, date(2026, 3, 2), date(2026, 3, 4))
    with pytest.raises(SelfCertificationError) as error:
        submit(world.sales_employee, TODAY, TODAY)
    assert error.value.code == "no_days_left_in_16_day_window"


def test_cancelled_reports_do_not_count(world):
    first = submit(world.sales_employee, date(2026, 3, 2), date(2026, 3, 4))
    services.self_certification_cancel(report=first, by=world.sales_employee.user)
    assert submit(world.sales_employee, TODAY, TODAY).days == 1


def test_the_organisations_policy_replaces_the_3_days(world):
    EgenmeldingPolicy.objects.create(
        organisation=world.sales_employee.organisation, max_days_per_occasion=8, max_days_per_12_months=24
    )
    saved = submit(world.sales_employee, TODAY - timedelta(days=2), TODAY + timedelta(days=5))
    assert saved.days == 8 and saved.requested_end is None


def test_a_withdrawal_refuses_with_its_period(world):
    Withdrawal.objects.create(
        employee=world.sales_employee,
        decided_on=TODAY - timedelta(days=5),
        reason="x",
        valid_from=TODAY - timedelta(days=5),
        valid_to=date(2026, 9, 30),
    )
    with pytest.raises(SelfCertificationError) as error:
        submit(world.sales_employee, TODAY, TODAY)
    assert error.value.code == "withdrawn"
    assert "6 March 2026 to 30 September 2026" in str(error.value.message)


# Correcting and cancelling ----------------------------------------------------------


def test_the_employee_corrects_a_report_and_it_waits_again(world):
    saved = submit(world.sales_employee, TODAY - timedelta(days=1), TODAY)
    services.self_certification_request_correction(
        report=saved, by=world.sales_manager.user, comment="Du var på jobb i går."
    )
    corrected = services.self_certification_correct(
        report=saved,
        by=world.sales_employee.user,
        start=TODAY,
        end=TODAY + timedelta(days=2),
        work_related="yes",
        declaration=True,
    )
    assert corrected.status == SelfCertification.Status.SUBMITTED
    assert (corrected.start, corrected.days, corrected.work_related) == (TODAY, 3, "yes")


def test_a_confirmed_report_cannot_be_cancelled_or_corrected(world):
    saved = submit(world.sales_employee, TODAY, TODAY)
    services.self_certification_confirm(report=saved, by=world.sales_manager.user)
    with pytest.raises(SelfCertificationError):
        services.self_certification_cancel(report=saved, by=world.sales_employee.user)
    with pytest.raises(SelfCertificationError):
        services.self_certification_correct(
            report=saved, by=world.sales_employee.user, start=TODAY, end=TODAY, work_related="no", declaration=True
        )


# Confirming ---------------------------------------------------------------------------


def test_confirmation_registers_the_days_in_the_case(world):
    saved = submit(world.sales_employee, TODAY - timedelta(days=2), TODAY)
    confirmed = services.self_certification_confirm(report=saved, by=world.sales_manager.user)
    period = confirmed.period
    assert confirmed.status == SelfCertification.Status.CONFIRMED and confirmed.decided_by == world.sales_manager.user
    assert (period.kind, period.start, period.end, period.source) == (
        "egenmelding",
        TODAY - timedelta(days=2),
        TODAY,
        AbsencePeriod.Source.SELF_CERTIFICATION,
    )
    case = Case.objects.get(employee=world.sales_employee)
    assert case.start == TODAY - timedelta(days=2)


def test_confirmed_days_count_in_the_case_start_and_the_employer_period(world):
    """Egenmelding before a sick note moves day 1 and the end of the employer period (R9, R10).

    The Sunday between, uncovered, is parked and counts because sickness follows.
    """
    case_services.period_register(
        employee=world.sales_employee,
        kind="sick",
        start=TODAY - timedelta(days=2),
        end=TODAY + timedelta(days=30),
        by=world.sales_manager.user,
    )
    case = Case.objects.get(employee=world.sales_employee)
    assert (case.start, case.employer_period_end) == (date(2026, 3, 9), date(2026, 3, 24))
    saved = submit(world.sales_employee, date(2026, 3, 6), date(2026, 3, 7))  # Fri–Sat, back Sunday
    services.self_certification_confirm(report=saved, by=world.sales_manager.user)
    case.refresh_from_db()
    assert (case.start, case.employer_period_end) == (date(2026, 3, 6), date(2026, 3, 21))


def test_a_clash_found_at_confirmation_changes_nothing(world):
    saved = submit(world.sales_employee, TODAY - timedelta(days=1), TODAY)
    # The manager registered a sick note for the same days after the employee reported.
    AbsencePeriod.objects.create(
        employee=world.sales_employee, kind="sick", start=TODAY - timedelta(days=1), end=TODAY + timedelta(days=9)
    )
    with pytest.raises(case_services.PeriodError) as error:
        services.self_certification_confirm(report=saved, by=world.sales_manager.user)
    assert error.value.code == "overlap"
    saved.refresh_from_db()
    assert saved.status == SelfCertification.Status.SUBMITTED and saved.period is None
    assert not AbsencePeriod.objects.filter(kind="egenmelding").exists()


def test_nobody_confirms_their_own_report(world):
    HRAccessFactory(user=world.sales_employee.user, organisation=world.root.organisation, whole_organisation=True)
    saved = submit(world.sales_employee, TODAY, TODAY)
    with pytest.raises(SelfCertificationError) as error:
        services.self_certification_confirm(report=saved, by=world.sales_employee.user)
    assert error.value.code == "own_report"


def test_a_correction_needs_a_comment(world):
    saved = submit(world.sales_employee, TODAY, TODAY)
    with pytest.raises(SelfCertificationError) as error:
        services.self_certification_request_correction(report=saved, by=world.sales_manager.user, comment="  ")
    assert error.value.field == "comment"


def test_the_rules_are_checked_again_at_confirmation(world):
    saved = submit(world.sales_employee, TODAY, TODAY)
    Withdrawal.objects.create(
        employee=world.sales_employee,
        decided_on=TODAY,
        reason="x",
        valid_from=TODAY,
        valid_to=TODAY + timedelta(days=100),
    )
    with pytest.raises(SelfCertificationError) as error:
        services.self_certification_confirm(report=saved, by=world.sales_manager.user)
    assert error.value.code == "rules_changed"


# Policy ------------------------------------------------------------------------------------


def test_only_whole_organisation_hr_sets_the_policy_and_every_change_is_audited(world):
    organisation = world.root.organisation
    with pytest.raises(SelfCertificationError):
        services.policy_set(
            organisation=organisation, by=world.unit_hr, max_days_per_occasion=8, max_days_per_12_months=24
        )
    services.policy_set(organisation=organisation, by=world.org_hr, max_days_per_occasion=8, max_days_per_12_months=24)
    services.policy_set(
        organisation=organisation, by=world.org_hr, max_days_per_occasion=5, max_days_per_12_months=None
    )
    services.policy_reset(organisation=organisation, by=world.org_hr)
    assert not EgenmeldingPolicy.objects.exists()
    events = list(AuditEvent.objects.filter(action__startswith="self_certification.policy").order_by("pk"))
    assert [e.detail["after"]["max_days_per_occasion"] for e in events] == [8, 5, 3]
    assert events[1].detail["before"] == {"max_days_per_occasion": 8, "max_days_per_12_months": 24, "statutory": False}


@pytest.mark.parametrize("per, year", [(0, None), (17, None), (8, 5)])
def test_a_policy_outside_the_law_is_refused(world, per, year):
    with pytest.raises(SelfCertificationError):
        services.policy_set(
            organisation=world.root.organisation,
            by=world.org_hr,
            max_days_per_occasion=per,
            max_days_per_12_months=year,
        )


# Withdrawal (R15) ----------------------------------------------------------------------

FOUR_OCCASIONS = [
    (date(2025, 5, 5), date(2025, 5, 5)),
    (date(2025, 8, 4), date(2025, 8, 5)),
    (date(2025, 11, 3), date(2025, 11, 3)),
    (date(2026, 2, 2), date(2026, 2, 4)),
]


def test_withdrawal_needs_4_occasions_and_is_hrs_decision(world):
    employee = world.sales_employee
    for start, end in FOUR_OCCASIONS[:3]:
        egenmelding(employee, start, end)
    with pytest.raises(SelfCertificationError) as error:
        services.withdrawal_record(
            employee=employee,
            by=world.org_hr,
            decided_on=TODAY,
            reason="Fire fravær",
            valid_from=TODAY,
            valid_to=date(2026, 12, 31),
        )
    assert error.value.code == "not_enough_occasions"
    egenmelding(employee, *FOUR_OCCASIONS[3])
    assert not Withdrawal.objects.exists()  # never automatic
    withdrawal = services.withdrawal_record(
        employee=employee,
        by=world.org_hr,
        decided_on=TODAY,
        reason="Fire fravær",
        valid_from=TODAY,
        valid_to=date(2026, 12, 31),
    )
    assert withdrawal.occasions_12m == 4
    assert AuditEvent.objects.filter(action="self_certification.withdrawal", employee=employee).exists()


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"reason": " "}, "reason_required"),
        ({"decided_on": TODAY + timedelta(days=1)}, "in_future"),
        ({"valid_from": TODAY - timedelta(days=1)}, "retroactive"),
        ({"valid_to": TODAY - timedelta(days=1)}, "invalid_period"),
    ],
)
def test_a_withdrawal_must_be_complete_and_forward_looking(world, fields, code):
    for start, end in FOUR_OCCASIONS:
        egenmelding(world.sales_employee, start, end)
    values = {
        "decided_on": TODAY,
        "reason": "Fire fravær",
        "valid_from": TODAY,
        "valid_to": date(2026, 12, 31),
        **fields,
    }
    with pytest.raises(SelfCertificationError) as error:
        services.withdrawal_record(employee=world.sales_employee, by=world.org_hr, **values)
    assert error.value.code == code


# Telling HR (R15) -------------------------------------------------------------------------


def test_hr_in_scope_is_emailed_once_when_the_fourth_occasion_comes(
    world, eager_celery, django_capture_on_commit_callbacks
):
    employee = world.sales_employee
    for start, end in FOUR_OCCASIONS[:3]:
        egenmelding(employee, start, end)
    support_hr = UserFactory(username="supporthr")
    HRAccessFactory(user=support_hr, organisation=world.root.organisation, units=[world.support])
    with django_capture_on_commit_callbacks(execute=True):
        submit(employee, TODAY, TODAY)  # the fourth occasion in 12 months
    assert MayWithdrawNotice.objects.get().occasions == 4
    assert sorted(m.to[0] for m in mail.outbox) == ["orghr@example.org", "unithr@example.org"]
    message = mail.outbox[0]
    assert "4 fravær" in message.subject  # HR without an employee record reads the site language, nb
    assert "/egenmelding/hr/ansatt/%s/" % employee.pk in message.body
    assert employee.first_name not in message.body + message.subject  # the mail names no one

    # Again: nothing new to tell, nothing sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        services.may_withdraw_check(employee=employee, on=TODAY)
        services.self_certification_confirm(report=SelfCertification.objects.get(), by=world.sales_manager.user)
    notice = MayWithdrawNotice.objects.get()
    assert services.may_withdraw_notice_send(notice_id=notice.pk) == 0
    assert services.may_withdraw_notices_send_unsent() == 0
    assert len(mail.outbox) == 2 and notice.recipients == 2 and notice.sent_at


def test_a_fifth_occasion_is_told_once_more(world, eager_celery, django_capture_on_commit_callbacks):
    for start, end in FOUR_OCCASIONS:
        egenmelding(world.sales_employee, start, end)
    with django_capture_on_commit_callbacks(execute=True):
        services.may_withdraw_check(employee=world.sales_employee, on=TODAY)
        services.may_withdraw_check(employee=world.sales_employee, on=TODAY)
        submit(world.sales_employee, TODAY, TODAY)
    assert list(MayWithdrawNotice.objects.order_by("occasions").values_list("occasions", flat=True)) == [4, 5]
    assert len(mail.outbox) == 4


def test_a_lost_queue_message_is_sent_by_the_sweep(world, monkeypatch, django_capture_on_commit_callbacks):
    from self_certification import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker away")

    monkeypatch.setattr(tasks.send_may_withdraw_notice, "delay", broker_down)
    for start, end in FOUR_OCCASIONS:
        egenmelding(world.sales_employee, start, end)
    with django_capture_on_commit_callbacks(execute=True):
        services.may_withdraw_check(employee=world.sales_employee, on=TODAY)
    assert mail.outbox == []
    assert services.may_withdraw_notices_send_unsent() == 2
    assert services.may_withdraw_notices_send_unsent() == 0
    assert len(mail.outbox) == 2


def test_mail_goes_in_the_readers_language(world):
    assert language_of(world.org_hr) == "nb"  # no employee: the site's language
    reader = EmployeeFactory(user=UserFactory(username="reader"), preferred_language="en")
    assert language_of(reader.user) == "en"
