"""Egenmelding decisions (R12–R16)."""

from datetime import timedelta

import pytest

from deadlines import (
    IA_POLICY,
    DateRange,
    DeadlineError,
    EgenmeldingPolicy,
    EgenmeldingReason,
    ErrorCode,
    egenmelding_decision,
    egenmelding_usage,
)

from .helpers import d

R = EgenmeldingReason


def days(start: str, end: str | None = None) -> DateRange:
    return DateRange(d(start), d(end or start))


def decide(proposed: DateRange, *history: DateRange, employment_start: str = "2020-01-01", **kwargs):
    return egenmelding_decision(employment_start=d(employment_start), proposed=proposed, history=history, **kwargs)


def test_the_right_starts_2_calendar_months_after_employment() -> None:
    assert decide(days("2026-02-28"), employment_start="2026-01-01").reason is R.EMPLOYMENT_UNDER_2_MONTHS
    assert decide(days("2026-03-01"), employment_start="2026-01-01").reason is R.OK
    # R12: 31 December + 2 months has no 31 February; the last day of February is used.
    early = decide(days("2026-02-27"), employment_start="2025-12-31")
    assert (early.reason, early.right_from) == (R.EMPLOYMENT_UNDER_2_MONTHS, d("2026-02-28"))
    assert decide(days("2026-02-28"), employment_start="2025-12-31").reason is R.OK


def test_up_to_3_calendar_days_per_occasion() -> None:
    capped = decide(days("2026-03-05", "2026-03-08"))  # Thu–Sun; the weekend counts (R13)
    assert (capped.allowed, capped.days_allowed, capped.last_day_allowed, capped.reason) == (
        True,
        3,
        d("2026-03-07"),
        R.CAPPED,
    )
    ok = decide(days("2026-03-05"))
    assert (ok.days_allowed, ok.last_day_allowed, ok.reason, ok.cap) == (1, d("2026-03-05"), R.OK, 3)


def test_earlier_egenmelding_within_16_days_counts_in_as_a_chain() -> None:
    # R14: 03-02, then 03-10 (7 days back at work), then 03-20 (9 days): 2 days used.
    chained = decide(days("2026-03-20", "2026-03-22"), days("2026-03-02"), days("2026-03-10"))
    assert (chained.days_allowed, chained.aggregated_days, chained.reason) == (1, 2, R.CAPPED)
    # 35 days between the first two break the chain.
    broken = decide(days("2026-03-20", "2026-03-22"), days("2026-02-01", "2026-02-02"), days("2026-03-10"))
    assert (broken.days_allowed, broken.aggregated_days) == (2, 1)


def test_nothing_left_in_the_16_day_window() -> None:
    result = decide(days("2026-03-16"), days("2026-03-02", "2026-03-04"))
    assert (result.allowed, result.days_allowed, result.last_day_allowed, result.reason) == (
        False,
        0,
        None,
        R.NO_DAYS_LEFT_IN_16_DAY_WINDOW,
    )


def test_adjacent_or_overlapping_history_is_one_occasion() -> None:
    result = decide(
        days("2026-10-12"),
        days("2026-03-02", "2026-03-03"),
        days("2026-03-04"),
        days("2026-03-03", "2026-03-04"),
        days("2026-05-04"),
    )
    assert result.occasions_12m == 2


def test_history_on_or_after_the_proposed_start_is_ignored() -> None:
    result = decide(days("2026-03-11", "2026-03-13"), days("2026-03-20"), days("2026-03-10", "2026-03-12"))
    # Only 03-10 is before the proposal: 1 day counted in, 2 left.
    assert (result.aggregated_days, result.days_allowed, result.occasions_12m) == (1, 2, 1)


def test_four_occasions_let_the_employer_withdraw_but_do_not_withdraw() -> None:
    history = [days("2026-02-02"), days("2026-04-13"), days("2026-06-15"), days("2026-09-07")]
    result = decide(days("2026-10-12"), *history)
    assert (result.allowed, result.may_withdraw, result.occasions_12m) == (True, True, 4)  # R15
    withdrawn = decide(days("2026-10-12"), *history, withdrawn=True)
    assert (withdrawn.allowed, withdrawn.reason, withdrawn.may_withdraw) == (False, R.WITHDRAWN, True)


def test_the_12_month_window_starts_the_day_after_from_minus_12_months() -> None:
    # A8.
    assert decide(days("2027-02-01"), days("2026-02-01")).occasions_12m == 0
    assert decide(days("2027-02-01"), days("2026-02-02")).occasions_12m == 1


def test_the_policy_replaces_the_3_day_cap() -> None:
    result = decide(days("2026-03-02", "2026-03-20"), policy=EgenmeldingPolicy(16))
    assert (result.days_allowed, result.reason, result.cap) == (16, R.CAPPED, 16)
    assert decide(days("2026-03-02", "2026-03-09"), policy=IA_POLICY).reason is R.OK


def test_the_policys_12_month_quota_counts_days_inside_the_window() -> None:
    # R16: days after 2025-11-03 count: 11-04 and 11-05 of the first entry, and 20 more.
    result = decide(
        days("2026-11-03", "2026-11-10"),
        days("2025-11-01", "2025-11-05"),
        days("2026-01-05", "2026-01-12"),
        days("2026-03-02", "2026-03-09"),
        days("2026-05-04", "2026-05-07"),
        policy=IA_POLICY,
    )
    assert (result.quota_left, result.days_allowed, result.reason) == (2, 2, R.CAPPED)
    used_up = decide(
        days("2026-11-03"),
        days("2026-01-05", "2026-01-12"),
        days("2026-03-02", "2026-03-09"),
        days("2026-05-04", "2026-05-11"),
        policy=IA_POLICY,
    )
    assert (used_up.allowed, used_up.reason, used_up.quota_left) == (False, R.POLICY_12_MONTH_QUOTA_USED, 0)


def test_the_checks_run_in_the_specs_order() -> None:
    # Employment, withdrawn, 12-month quota, per-occasion cap.
    quota_used = [days("2026-01-05", "2026-01-12"), days("2026-03-02", "2026-03-09"), days("2026-05-04", "2026-05-11")]
    assert (
        decide(days("2026-05-12"), *quota_used, employment_start="2026-04-01", withdrawn=True, policy=IA_POLICY).reason
        is R.EMPLOYMENT_UNDER_2_MONTHS
    )
    assert decide(days("2026-05-12"), *quota_used, withdrawn=True, policy=IA_POLICY).reason is R.WITHDRAWN
    assert decide(days("2026-05-12"), *quota_used, policy=IA_POLICY).reason is R.POLICY_12_MONTH_QUOTA_USED


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"employment_start": "2020-01-01"}, ErrorCode.INVALID_INPUT, "employment_start"),
        ({"proposed": ("2026-03-01", "2026-03-02")}, ErrorCode.INVALID_INPUT, "proposed"),
        ({"history": [("2026-03-01", "2026-03-02")]}, ErrorCode.INVALID_INPUT, "history[0]"),
        ({"policy": {"max_days_per_occasion": 8}}, ErrorCode.INVALID_POLICY, "policy"),
        ({"withdrawn": "no"}, ErrorCode.INVALID_INPUT, "withdrawn"),
    ],
)
def test_wrong_types_are_rejected(kwargs, code, field) -> None:
    arguments = {"employment_start": d("2020-01-01"), "proposed": days("2026-03-02"), **kwargs}
    with pytest.raises(DeadlineError) as error:
        egenmelding_decision(**arguments)
    assert (error.value.code, error.value.field) == (code, field)
    assert error.value.detail.startswith(f"{field}: expected ")  # says why, not only where


def test_a_proposal_shorter_than_the_cap_is_allowed_in_full() -> None:
    # R13: 2 days of a 3-day cap; the proposal, not the cap, decides the days.
    decision = decide(days("2026-03-02", "2026-03-03"))
    assert (decision.days_allowed, decision.last_day_allowed, decision.reason) == (2, d("2026-03-03"), R.OK)
    one = decide(days("2026-03-02"), policy=EgenmeldingPolicy(16))
    assert (one.days_allowed, one.reason) == (1, R.OK)
    # With a 12-month quota too: neither the cap (8) nor the quota (24) gives more than asked.
    with_quota = decide(days("2026-03-02", "2026-03-03"), policy=IA_POLICY)
    assert (with_quota.days_allowed, with_quota.reason, with_quota.quota_left) == (2, R.OK, 24)


def test_only_days_inside_the_window_use_the_policys_12_month_quota() -> None:
    # R16, A8: for an absence from 2026-06-01 the window starts 2025-06-02. An occasion that
    # ends before it uses none of the quota; one across its edge only its days inside.
    policy = EgenmeldingPolicy(8, 24)
    before = decide(days("2026-06-01"), days("2025-05-20", "2025-05-22"), policy=policy)
    assert before.quota_left == 24
    across = decide(days("2026-06-01"), days("2025-05-31", "2025-06-03"), policy=policy)
    assert across.quota_left == 22  # 06-02 and 06-03
    assert egenmelding_usage([days("2025-05-31", "2025-06-03")], on=d("2026-05-31")).days_12m == 2


# egenmelding_usage: what the decision for the next day would count (R15, R16, A8).


def test_usage_counts_adjacent_entries_as_one_occasion_and_a_day_between_as_two() -> None:
    adjacent = egenmelding_usage([days("2026-03-02"), days("2026-03-03", "2026-03-04")], on=d("2026-03-31"))
    assert (adjacent.occasions_12m, adjacent.days_12m) == (1, 3)
    apart = egenmelding_usage([days("2026-03-02"), days("2026-03-04")], on=d("2026-03-31"))
    assert (apart.occasions_12m, apart.days_12m) == (2, 2)
    overlapping = egenmelding_usage(
        [days("2026-03-02", "2026-03-04"), days("2026-03-03", "2026-03-05")], on=d("2026-03-31")
    )
    assert (overlapping.occasions_12m, overlapping.days_12m) == (1, 4)


def test_usage_window_starts_the_day_after_the_next_day_minus_12_months() -> None:
    # On 2027-02-01 the next day is 02-02; the window starts the day after 2026-02-02.
    history = [days("2026-02-02"), days("2026-04-13"), days("2026-06-15"), days("2026-09-07")]
    inside = egenmelding_usage(history, on=d("2027-02-01"))
    assert (inside.occasions_12m, inside.may_withdraw, inside.window_start) == (3, False, d("2026-02-03"))
    before = egenmelding_usage(history, on=d("2027-01-31"))
    assert (before.occasions_12m, before.may_withdraw, before.window_start) == (4, True, d("2026-02-02"))
    # An occasion that starts before the window counts its days inside it (R16), not itself (R15).
    long = egenmelding_usage([days("2026-02-01", "2026-02-04")], on=d("2027-02-01"))
    assert (long.occasions_12m, long.days_12m) == (0, 2)


def test_usage_ignores_days_after_the_day_asked_about() -> None:
    usage = egenmelding_usage([days("2026-03-02", "2026-03-04"), days("2026-03-10")], on=d("2026-03-03"))
    assert (usage.occasions_12m, usage.days_12m) == (1, 2)


def test_usage_is_what_the_decision_for_the_next_day_counts() -> None:
    history = [
        days("2025-03-03", "2025-03-04"),
        days("2025-03-05"),
        days("2025-11-10", "2025-11-12"),
        days("2026-01-05"),
        days("2026-02-23", "2026-02-24"),
    ]
    policy = EgenmeldingPolicy(max_days_per_occasion=8, max_days_per_12_months=24)
    for on in ("2026-03-04", "2026-03-05", "2026-03-06", "2026-02-24"):
        usage = egenmelding_usage(history, on=d(on))
        following = d(on) + timedelta(days=1)
        decision = decide(DateRange(following, following), *history, policy=policy)
        assert usage.occasions_12m == decision.occasions_12m, on
        assert usage.may_withdraw == decision.may_withdraw, on
        assert usage.days_12m == 24 - decision.quota_left, on


def test_usage_rejects_what_is_not_a_date_range() -> None:
    with pytest.raises(DeadlineError) as error:
        egenmelding_usage([("2026-03-01", "2026-03-02")], on=d("2026-03-31"))
    assert (error.value.code, error.value.field) == (ErrorCode.INVALID_INPUT, "history[0]")
    assert error.value.message.startswith("expected a DateRange")
    with pytest.raises(DeadlineError) as error:
        egenmelding_usage([], on="2026-03-31")
    assert error.value.field == "on"
