"""The seven milestones (R17a–R23a)."""

from deadlines import MilestoneKey, Reason

from .helpers import d, holiday, period, sick, timeline, work

M = MilestoneKey


def row(case, key: MilestoneKey) -> tuple[str, bool, Reason | None]:
    m = case.milestone(key)
    return m.due.isoformat(), m.applies, m.reason


def test_due_dates_are_calendar_offsets_from_day_1() -> None:
    (case,) = timeline(sick("2026-01-05", "2027-03-31")).cases
    assert {m.key: m.due.isoformat() for m in case.milestones} == {
        M.FIRST_CONVERSATION: "2026-01-09",  # start + 4
        M.FOLLOWUP_PLAN: "2026-02-01",  # start + 27, a Sunday: no roll-over (R0.3)
        M.DIALOGUE_MEETING_1: "2026-02-22",  # start + 48
        M.ACTIVITY_REQUIREMENT: "2026-03-01",  # start + 55
        M.NAV_MEETING_NEED_QUERY: "2026-05-04",  # start + 119
        M.DIALOGUE_MEETING_2: "2026-07-05",  # start + 181
        M.PLAN_TO_NAV: "2026-06-28",  # start + 174
    }
    assert all(m.applies and m.reason is None for m in case.milestones)
    assert [m.key for m in case.milestones] == list(MilestoneKey)


def test_first_conversation_needs_a_fifth_day() -> None:
    # A6: applies only if the case runs on day 5.
    assert row(timeline(sick("2026-01-05", "2026-01-08")).cases[0], M.FIRST_CONVERSATION) == (
        "2026-01-09",
        False,
        Reason.CASE_ENDED_BEFORE_DUE,
    )
    assert row(timeline(sick("2026-01-05", "2026-01-09")).cases[0], M.FIRST_CONVERSATION) == ("2026-01-09", True, None)


def test_followup_plan_when_graded_on_day_28() -> None:
    graded = timeline(sick("2026-02-02", "2026-02-15"), sick("2026-02-16", "2026-04-30", 60)).cases[0]
    assert row(graded, M.FOLLOWUP_PLAN) == ("2026-03-01", True, Reason.GRADED_MAY_BE_UNNECESSARY)
    back_to_full = timeline(sick("2026-02-02", "2026-02-15", 60), sick("2026-02-16", "2026-04-30")).cases[0]
    assert row(back_to_full, M.FOLLOWUP_PLAN) == ("2026-03-01", True, None)
    at_work = timeline(
        sick("2026-02-02", "2026-02-25", 60), work("2026-02-26", "2026-03-05"), sick("2026-03-06", "2026-04-30", 60)
    ).cases[0]
    assert row(at_work, M.FOLLOWUP_PLAN) == ("2026-03-01", True, None)  # not graded on the day itself


def test_dialogue_meeting_1_follows_the_latest_sick_day() -> None:
    # R19, A3: judged by the latest sick day on or before start + 48 (2026-03-22).
    graded_then_full = timeline(sick("2026-02-02", "2026-03-10", 50), sick("2026-03-11", "2026-05-31")).cases[0]
    assert row(graded_then_full, M.DIALOGUE_MEETING_1) == ("2026-03-22", True, None)
    full_then_work = timeline(
        sick("2026-02-02", "2026-03-18"), work("2026-03-19", "2026-03-25"), sick("2026-03-26", "2026-05-31", 50)
    ).cases[0]
    assert row(full_then_work, M.DIALOGUE_MEETING_1) == ("2026-03-22", True, None)
    graded_then_work = timeline(
        sick("2026-02-02", "2026-03-18", 50), work("2026-03-19", "2026-03-25"), sick("2026-03-26", "2026-05-31")
    ).cases[0]
    assert row(graded_then_work, M.DIALOGUE_MEETING_1) == ("2026-03-22", False, Reason.NOT_FULLY_ABSENT)
    egenmelding = timeline(
        sick("2026-02-02", "2026-03-21", 50), period("egenmelding", "2026-03-22", "2026-03-22")
    ).cases[0]
    assert row(egenmelding, M.DIALOGUE_MEETING_1) == ("2026-03-22", True, None)


def test_activity_requirement_needs_100_percent_on_day_56() -> None:
    # R20: graded, at work or on holiday on start + 55 (2026-03-29): does not apply.
    on_holiday = timeline(
        sick("2026-02-02", "2026-03-27"), holiday("2026-03-28", "2026-04-05"), sick("2026-04-06", "2026-05-31")
    ).cases[0]
    assert row(on_holiday, M.ACTIVITY_REQUIREMENT) == ("2026-03-29", False, Reason.NOT_FULLY_SICK_ON_DUE)
    graded = timeline(sick("2026-02-02", "2026-03-28"), sick("2026-03-29", "2026-05-31", 99)).cases[0]
    assert row(graded, M.ACTIVITY_REQUIREMENT) == ("2026-03-29", False, Reason.NOT_FULLY_SICK_ON_DUE)
    full = timeline(sick("2026-02-02", "2026-03-28", 50), sick("2026-03-29", "2026-03-29")).cases[0]
    assert row(full, M.ACTIVITY_REQUIREMENT) == ("2026-03-29", True, None)


def test_a_case_ending_before_the_due_date_gives_case_ended_before_due() -> None:
    (case,) = timeline(sick("2026-02-02", "2026-02-28")).cases  # ends on start + 26
    assert [m.key for m in case.milestones if m.applies] == [M.FIRST_CONVERSATION]
    assert {m.reason for m in case.milestones if not m.applies} == {Reason.CASE_ENDED_BEFORE_DUE}


def test_nav_query_and_dialogue_meeting_2_need_the_case_to_run() -> None:
    (case,) = timeline(sick("2026-01-05", "2026-05-04")).cases  # runs on start + 119 only
    assert row(case, M.NAV_MEETING_NEED_QUERY) == ("2026-05-04", True, None)
    assert row(case, M.DIALOGUE_MEETING_2) == ("2026-07-05", False, Reason.CASE_ENDED_BEFORE_DUE)
    # R23: the plan to NAV applies exactly when DM2 does, even if the case runs on start + 174.
    (longer,) = timeline(sick("2026-01-05", "2026-06-30")).cases
    assert row(longer, M.PLAN_TO_NAV) == ("2026-06-28", False, Reason.CASE_ENDED_BEFORE_DUE)


def test_a_dm2_date_moves_the_plan_to_nav_and_makes_dm2_apply() -> None:
    (case,) = timeline(sick("2026-01-05", "2026-03-31"), dm2=("2026-06-17",)).cases
    assert row(case, M.DIALOGUE_MEETING_2) == ("2026-07-05", True, None)  # R22: the due date stays
    assert row(case, M.PLAN_TO_NAV) == ("2026-06-10", True, None)  # R23: DM2 − 7
    assert case.milestone(M.DIALOGUE_MEETING_2).dm2_date == d("2026-06-17")
    assert case.milestone(M.FOLLOWUP_PLAN).dm2_date is None
    assert case.dm2_date == d("2026-06-17")


def test_dm2_events_belong_to_the_last_case_starting_on_or_before_them() -> None:
    # R23a: two cases; events before the first case are ignored, the latest per case counts.
    first_case = sick("2026-01-05", "2026-01-23")
    second_case = sick("2026-03-02", "2026-03-31")
    t = timeline(first_case, second_case, dm2=("2026-01-01", "2026-01-20", "2026-02-20", "2026-03-02"))
    first, second = t.cases
    assert first.dm2_date == d("2026-02-20")  # after its end, before the next case
    assert second.dm2_date == d("2026-03-02")  # on the next case's start
    assert timeline(first_case, dm2=("2026-01-04",)).cases[0].dm2_date is None
