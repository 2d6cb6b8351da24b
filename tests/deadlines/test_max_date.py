"""The estimated max date (R27–R29a)."""

from datetime import date, timedelta

from deadlines import CaseWarning
from deadlines.max_date import QuotaCounter

from .helpers import d, holiday, sick, timeline, work


def max_dates(*periods) -> list[str]:
    return [c.max_date.isoformat() for c in timeline(*periods).cases]


def o(text: str) -> int:
    return d(text).toordinal()


def date_of(ordinal: int) -> date:
    return date.fromordinal(ordinal)


def test_the_specs_check_of_2018() -> None:
    # R28: 16 employer days and 248 NAV days from Mon 2018-01-01 give 2018-12-28.
    assert max_dates(sick("2018-01-01", "2018-01-31")) == ["2018-12-28"]


def test_a_100_percent_case_from_monday_2026_01_05() -> None:
    (case,) = timeline(sick("2026-01-05", "2026-03-31")).cases
    estimate = case.max_date_estimate
    assert estimate.date == d("2027-01-01")  # a public holiday on a Friday counts (R0.6)
    assert estimate.quota_start == d("2026-01-21")
    assert estimate.used_at_case_end == 50  # weekdays 01-21..03-31
    assert estimate.case_end == d("2026-03-31")
    assert estimate.exhausted is False


def test_graded_days_count_as_whole_days() -> None:
    assert max_dates(sick("2026-01-05", "2026-01-18"), sick("2026-01-19", "2026-06-30", 20)) == ["2027-01-01"]


def test_weekdays_at_work_inside_a_case_push_the_date_later() -> None:
    # EX3: 6 gap weekdays.
    assert max_dates(
        sick("2026-01-05", "2026-01-23"), work("2026-01-24", "2026-02-02"), sick("2026-02-03", "2026-03-31")
    ) == ["2027-01-11"]


def test_the_estimate_uses_only_what_is_known_up_to_the_case_end() -> None:
    # R28: the work after the first case is not seen by its estimate. The second case
    # starts a new quota (342 opphold days); employer period to Sat 01-16, NAV days from
    # Mon 01-18: 49 weeks (245 days) to Fri 12-24, then Mon 12-27, Tue 12-28, Wed 12-29.
    assert max_dates(
        sick("2026-01-05", "2026-01-23"), work("2026-01-24", "2026-12-31"), sick("2027-01-01", "2027-01-02")
    ) == ["2027-01-01", "2027-12-29"]


def test_holiday_at_the_case_end_counts_for_the_employer_period_of_the_estimate() -> None:
    # 10 sick + 5 holiday days are parked and followed by the assumed sickness (R10, R28).
    assert max_dates(
        sick("2026-01-05", "2026-01-14"), holiday("2026-01-15", "2026-01-19"), work("2026-01-20", "2026-02-28")
    ) == ["2027-01-01"]


def test_when_the_quota_ran_out_before_the_case_end_that_day_is_the_max_date() -> None:
    (case,) = timeline(sick("2026-01-05", "2027-03-31")).cases
    assert case.max_date == d("2027-01-01")
    assert case.max_date_estimate.exhausted
    assert case.max_date_estimate.used_at_case_end == 248


def test_continued_sickness_after_the_quota_never_gives_a_new_one() -> None:
    # R29: 182 opphold days are not enough without a non-sick day.
    assert max_dates(sick("2026-01-05", "2028-12-31")) == ["2027-01-01"]


def test_a_work_day_before_the_182nd_opphold_day_does_not_renew_the_quota() -> None:
    # R29, A10: ran out Fri 2027-01-01; the work day on 01-05 comes long before the 182nd
    # opphold day (Fri 07-02), so the sickness after it never starts a new quota, and the
    # estimate does not depend on where the sick note ends (R28).
    for end in ("2027-03-31", "2027-07-02", "2027-12-31", "2028-12-31"):
        (case,) = timeline(
            sick("2026-01-05", "2027-01-04"), work("2027-01-05", "2027-01-05"), sick("2027-01-06", end)
        ).cases
        assert case.max_date == d("2027-01-01"), end
        assert case.max_date_estimate.exhausted


def test_a_work_day_on_the_182nd_opphold_day_renews_the_quota() -> None:
    # R29, A10: sick days after the quota count toward the 182; the 182nd is Fri 2027-07-02.
    # Work that day opens the new right; the next NAV day, Mon 07-05, starts a new quota.
    (case,) = timeline(
        sick("2026-01-05", "2027-07-01"), work("2027-07-02", "2027-07-02"), sick("2027-07-03", "2028-12-31")
    ).cases
    assert case.max_date_estimate.quota_start == d("2027-07-05")
    assert case.max_date == d("2028-06-14")
    # One day earlier, on the 181st, the same work day is not enough.
    (case,) = timeline(
        sick("2026-01-05", "2027-06-30"), work("2027-07-01", "2027-07-01"), sick("2027-07-02", "2028-12-31")
    ).cases
    assert case.max_date == d("2027-01-01")


def test_an_employer_period_day_on_the_182nd_opphold_day_renews_the_quota() -> None:
    # EX6 with 166 work days: the new employer period 06-17..07-02 ends on the 182nd opphold
    # day after the quota ran out (Fri 2027-01-01), so Mon 07-05 starts a new quota.
    _, second = timeline(
        sick("2026-01-05", "2027-01-01"), work("2027-01-02", "2027-06-16"), sick("2027-06-17", "2027-12-31")
    ).cases
    assert second.employer_period_end == d("2027-07-02")
    assert second.max_date_estimate.quota_start == d("2027-07-05")
    assert second.max_date == d("2028-06-14")


def test_employer_period_days_ending_on_the_181st_opphold_day_do_not_renew_the_quota() -> None:
    # 165 work days and 16 employer-period days end on the 181st day; the sick days after
    # them count toward the 182 but never open the new right (A10).
    _, second = timeline(
        sick("2026-01-05", "2027-01-01"), work("2027-01-02", "2027-06-15"), sick("2027-06-16", "2027-12-31")
    ).cases
    assert second.employer_period_end == d("2027-07-01")
    assert second.max_date == d("2027-01-01")
    assert second.max_date_estimate.exhausted


def test_holiday_counted_in_the_employer_period_on_the_182nd_opphold_day_renews_the_quota() -> None:
    # docs/deadline-rules.md, "differs" 3: the quota ran out Fri 2027-01-01; a new employer period
    # starts Sat 06-26 (6 sick days to 07-01, before the 182nd opphold day, Fri 07-02), and the
    # holiday 07-02..07-11 after it is parked and completes it (R10). Those holiday days are
    # employer-period days, and an employer-period day renews whatever its day class (A10).
    _, second = timeline(
        sick("2026-01-05", "2027-01-01"),
        work("2027-01-02", "2027-06-25"),
        sick("2027-06-26", "2027-07-01"),
        holiday("2027-07-02", "2027-07-11"),
        sick("2027-07-12", "2027-12-31"),
    ).cases
    assert second.employer_period_end == d("2027-07-11")
    assert second.max_date_estimate.quota_start == d("2027-07-12")
    assert second.max_date == d("2028-06-21")
    # The same with the parked holiday ending on the 181st day: no renewing day on or after
    # the 182nd, so the old, used-up date stays.
    _, second = timeline(
        sick("2026-01-05", "2027-01-01"),
        work("2027-01-02", "2027-06-15"),
        sick("2027-06-16", "2027-06-21"),
        holiday("2027-06-22", "2027-07-01"),
        sick("2027-07-02", "2027-12-31"),
    ).cases
    assert second.employer_period_end == d("2027-07-01")
    assert second.max_date == d("2027-01-01")
    assert second.max_date_estimate.exhausted


def test_holiday_after_the_182nd_opphold_day_does_not_renew_the_quota() -> None:
    # A10: holiday and leave never open the new right, however long.
    (case,) = timeline(
        sick("2026-01-05", "2027-07-31"), holiday("2027-08-01", "2027-08-14"), sick("2027-08-15", "2027-12-31")
    ).cases
    assert case.max_date == d("2027-01-01")


def test_the_estimate_projects_a_new_quota_the_known_days_have_made_ready() -> None:
    # R28, R29: the quota ran out Fri 2027-01-01; 200 days at work, then a 2-week sick note.
    # The known days have made a new quota ready, so the estimate projects it: employer
    # period 07-21..08-05, NAV days from Fri 08-06.
    first, second = timeline(
        sick("2026-01-05", "2027-01-01"), work("2027-01-02", "2027-07-20"), sick("2027-07-21", "2027-08-03")
    ).cases
    assert first.max_date == d("2027-01-01")
    assert second.employer_period_end is None
    assert second.max_date_estimate.quota_start == d("2027-08-06")
    assert second.max_date_estimate.exhausted is False
    assert second.max_date_estimate.used_at_case_end == 0
    assert second.max_date > second.end


def test_partly_used_quota_keeps_counting_after_181_opphold_days_and_renews_after_182() -> None:
    # R29: 5 NAV days used; the counter and the estimate both see the 182-day boundary.
    for gap, quota_start in ((181, "2026-01-05"), (182, "2026-07-13")):
        counter = QuotaCounter()
        counter.add_sick(o("2026-01-05"), o("2026-01-09"))  # Mon–Fri: 5 NAV days
        counter.add_opphold(gap)  # Sat 01-10 onward
        estimate = counter.estimate(o("2026-01-09") + gap, 0, 0)
        assert date_of(estimate.quota_start) == d(quota_start), gap
        counter.add_sick(o("2026-01-10") + gap, o("2026-01-10") + gap + 7)
        assert date_of(counter.quota_start) == d(quota_start), gap


def test_the_estimates_182_day_boundary_with_attached_holiday_and_a_partly_used_quota() -> None:
    # R28, R29: 22 NAV days used to 03-01. The second case is 5 sick days, 3 holiday days and,
    # assumed, the rest of its employer period: the opphold days before the first NAV day are
    # the gap, all 16 employer-period days and the holiday. From 08-12 that is 181: the used
    # days keep counting; from 08-13 it is 182: a new quota.
    def second(start: str):
        s = d(start)
        return timeline(
            sick("2026-01-05", "2026-03-01"),
            sick(start, str(s + timedelta(days=4))),
            holiday(str(s + timedelta(days=5)), str(s + timedelta(days=7))),
        ).cases[1]

    kept = second("2026-08-12")
    assert (kept.max_date_estimate.quota_start, kept.max_date) == (d("2026-01-21"), d("2027-07-01"))
    renewed = second("2026-08-13")
    assert (renewed.max_date_estimate.quota_start, renewed.max_date) == (d("2026-08-31"), d("2027-08-11"))
    assert renewed.max_date_estimate.used_at_case_end == 0 and renewed.max_date_estimate.exhausted is False


def test_the_estimates_182_day_boundary_after_the_quota_ran_out_with_holiday_at_the_case_end() -> None:
    # A10, R28: the quota ran out Fri 2027-01-01. A new case whose last known day is one
    # holiday day, parked into the employer period by the assumed sickness: on the 182nd day
    # (Fri 07-02) it renews, so the estimate projects a new quota; on the 181st it does not.
    _, on_182nd = timeline(
        sick("2026-01-05", "2027-01-01"),
        work("2027-01-02", "2027-06-24"),
        sick("2027-06-25", "2027-07-01"),
        holiday("2027-07-02", "2027-07-02"),
    ).cases
    assert on_182nd.max_date_estimate.quota_start == d("2027-07-12")  # after the 16 employer days
    assert on_182nd.max_date == d("2028-06-21")
    _, on_181st = timeline(
        sick("2026-01-05", "2027-01-01"),
        work("2027-01-02", "2027-06-23"),
        sick("2027-06-24", "2027-06-30"),
        holiday("2027-07-01", "2027-07-01"),
    ).cases
    assert on_181st.max_date == d("2027-01-01") and on_181st.max_date_estimate.exhausted


def test_only_the_holiday_days_inside_the_employer_period_can_renew_in_the_estimate() -> None:
    # A10, R10: 10 employer days 06-16..06-25, then 10 holiday days to the case end; only the
    # first 6 (to Thu 07-01, the 181st day) complete the employer period, so nothing renews,
    # although the last holiday day, 07-05, is past the 182nd.
    _, second = timeline(
        sick("2026-01-05", "2027-01-01"),
        work("2027-01-02", "2027-06-15"),
        sick("2027-06-16", "2027-06-25"),
        holiday("2027-06-26", "2027-07-05"),
    ).cases
    assert second.max_date == d("2027-01-01") and second.max_date_estimate.exhausted


def test_parked_holiday_completing_the_employer_period_on_the_182nd_day_renews_and_on_the_181st_not() -> None:
    # A10: 14 sick and 2 parked holiday days; the last employer-period day is the renewing day.
    _, on_182nd = timeline(
        sick("2026-01-05", "2027-01-01"),
        work("2027-01-02", "2027-06-16"),
        sick("2027-06-17", "2027-06-30"),
        holiday("2027-07-01", "2027-07-02"),
        sick("2027-07-03", "2027-12-31"),
    ).cases
    assert on_182nd.employer_period_end == d("2027-07-02")
    assert on_182nd.max_date_estimate.quota_start == d("2027-07-05")
    _, on_181st = timeline(
        sick("2026-01-05", "2027-01-01"),
        work("2027-01-02", "2027-06-15"),
        sick("2027-06-16", "2027-06-29"),
        holiday("2027-06-30", "2027-07-01"),
        sick("2027-07-02", "2027-12-31"),
    ).cases
    assert on_181st.employer_period_end == d("2027-07-01")
    assert on_181st.max_date == d("2027-01-01")


def test_a_renewal_is_seen_in_a_block_that_is_not_the_last() -> None:
    # A10: the work day on the 182nd day renews; another work day and sick block come later.
    (case,) = timeline(
        sick("2026-01-05", "2027-07-01"),
        work("2027-07-02", "2027-07-02"),
        sick("2027-07-03", "2027-07-30"),
        work("2027-08-02", "2027-08-02"),
        sick("2027-08-03", "2028-12-31"),
    ).cases
    assert case.max_date_estimate.quota_start == d("2027-07-05")
    assert case.max_date == d("2028-06-15")  # one weekday later than without the second work day


def test_a_block_with_one_day_after_the_employer_period_uses_one_nav_day() -> None:
    # R27: 17 sick days; the 17th, Wed 01-21, is the first NAV day, and R28 gives EX1's date.
    (case,) = timeline(sick("2026-01-05", "2026-01-21")).cases
    estimate = case.max_date_estimate
    assert (estimate.quota_start, estimate.used_at_case_end, estimate.date) == (d("2026-01-21"), 1, d("2027-01-01"))
    (short,) = timeline(sick("2026-01-05", "2026-01-14")).cases  # no NAV day yet
    assert (short.max_date_estimate.used_at_case_end, short.max_date) == (0, d("2027-01-01"))


def test_a_sick_weekend_counts_at_the_182_day_boundary_of_a_partly_used_quota() -> None:
    # R29: 5 NAV days, a sick Sat–Sun, then work: the weekend is opphold, 2 + 179 = 181 keeps the
    # quota, 2 + 180 = 182 starts a new one.
    for opphold, quota_start in ((179, "2026-01-05"), (180, "2026-07-13")):
        counter = QuotaCounter()
        counter.add_sick(o("2026-01-05"), o("2026-01-09"))
        counter.add_sick(o("2026-01-10"), o("2026-01-11"))  # Sat, Sun
        assert counter.pending_weekend == 2
        counter.add_opphold(opphold)
        counter.add_sick(o("2026-01-12") + opphold, o("2026-01-12") + opphold + 7)
        assert date_of(counter.quota_start) == d(quota_start), opphold


def test_the_counter_holds_a_used_up_quota_and_its_estimate_stays_used_up() -> None:
    counter = QuotaCounter()
    counter.add_sick(o("2026-01-21"), o("2027-07-31"))
    assert (counter.used, date_of(counter.exhausted_on)) == (248, d("2027-01-01"))
    # Without holiday at the case end nothing renews, however long after.
    estimate = counter.estimate(o("2027-07-31"), 0, 0)
    assert estimate.exhausted and date_of(estimate.max_date) == d("2027-01-01")


def test_a_second_case_keeps_the_days_used() -> None:
    # EX4: 3 NAV days used in January; 20 opphold days are far below 182.
    assert max_dates(
        sick("2026-01-05", "2026-01-23"), work("2026-01-24", "2026-02-12"), sick("2026-02-13", "2026-03-31")
    ) == ["2027-01-01", "2027-02-05"]


def test_a_sick_weekend_alone_between_work_weeks_is_two_opphold_days() -> None:
    # R29: the sick Sat–Sun 02-07/08 uses no NAV day and, with work after it, is opphold like
    # the weeks around it (a few days, far below 182): the quota from 01-21 keeps counting.
    (case,) = timeline(
        sick("2026-01-05", "2026-01-30"),
        work("2026-02-02", "2026-02-06"),
        sick("2026-02-07", "2026-02-08"),
        work("2026-02-09", "2026-02-13"),
        sick("2026-02-16", "2026-03-31"),
    ).cases
    assert case.max_date_estimate.quota_start == d("2026-01-21")
    assert case.max_date_estimate.used_at_case_end == 40  # 8 in January, 32 from 02-16
    assert case.max_date == d("2027-01-15")


def test_a_sick_weekend_before_a_nav_day_is_not_opphold() -> None:
    counter = QuotaCounter()
    counter.add_sick(o("2026-01-05"), o("2026-01-09"))  # 5 NAV days
    counter.add_opphold(180)
    counter.add_sick(o("2026-07-11"), o("2026-07-13"))  # Sat, Sun, Mon
    assert (counter.used, counter.quota_start) == (6, o("2026-01-05"))  # 180 < 182: same quota


def test_a_sick_weekend_before_a_non_sick_day_is_opphold() -> None:
    counter = QuotaCounter()
    counter.add_sick(o("2026-01-05"), o("2026-01-09"))
    counter.add_opphold(180)
    counter.add_sick(o("2026-07-11"), o("2026-07-12"))  # Sat, Sun, then a work day
    counter.add_opphold(1)
    counter.add_sick(o("2026-07-14"), o("2026-07-14"))
    assert (counter.used, counter.quota_start) == (1, o("2026-07-14"))  # 183 opphold days: a new quota


def test_the_estimate_does_not_change_the_counter() -> None:
    counter = QuotaCounter()
    counter.add_sick(o("2026-01-05"), o("2026-01-10"))
    before = (counter.used, counter.opphold, counter.pending_weekend, counter.quota_start)
    first = counter.estimate(o("2026-01-10"), 0, 0)
    assert counter.estimate(o("2026-01-10"), 0, 0) == first
    assert (counter.used, counter.opphold, counter.pending_weekend, counter.quota_start) == before


def test_age_rules_warning() -> None:
    # R29a: 67th birthday on or before the estimated max date (2027-01-01).
    p = sick("2026-01-05", "2026-03-31")
    assert timeline(p, birth_date="1960-01-01").cases[0].warnings == (CaseWarning.AGE_RULES_NOT_APPLIED,)
    assert timeline(p, birth_date="1960-01-02").cases[0].warnings == ()
    assert timeline(p).cases[0].warnings == ()


def test_both_warnings_come_in_the_formats_order() -> None:
    (case,) = timeline(
        sick("2026-04-01", "2026-04-20"),
        holiday("2026-04-21", "2026-04-30"),
        work("2026-05-01", "2026-05-10"),
        sick("2026-05-11", "2026-06-30"),
        birth_date="1960-05-05",
    ).cases
    assert case.max_date == d("2027-05-05")
    assert case.warnings == (CaseWarning.NEW_EMPLOYER_PERIOD_WITHIN_CASE, CaseWarning.AGE_RULES_NOT_APPLIED)
