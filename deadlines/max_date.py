"""The sykepenger quota and the estimated max date (maksdato), R27–R29a.

Days are fed in date order as spans; weekdays are counted arithmetically.
Left out of the estimate (R29a): the 3-year look-back, the age rules, the 260-day
rule, § 8-20 employees, other employers and NAV's own corrections.
"""

from __future__ import annotations

from typing import NamedTuple

from deadlines.dates import first_weekday, last_weekday, nth_weekday, weekdays_between

# R27: NAV days in one quota.
QUOTA = 248
# R29: opphold days (26 weeks) before a NAV day that start a new quota.
NEW_QUOTA_GAP = 182


class Estimate(NamedTuple):
    """A max date estimate on day ordinals."""

    max_date: int
    exhausted: bool
    quota_start: int
    used_at_case_end: int


class QuotaCounter:
    """Tracks the running quota over the days fed in (R27, R29, A10)."""

    __slots__ = ("used", "exhausted_on", "quota_start", "opphold", "renewable", "pending_weekend")

    def __init__(self) -> None:
        self.used = 0  # NAV days used in the running quota
        self.exhausted_on: int | None = None  # the day the running quota ran out
        self.quota_start = 0  # first NAV day of the running quota (0: none yet)
        self.opphold = 0  # opphold days since the last NAV day
        # R29, A10: after the quota ran out, a renewing day came on or after the 182nd day.
        self.renewable = False
        self.pending_weekend = 0  # sick weekend days at the end, opphold only if a non-sick day follows

    def add_opphold(self, days: int, last_renewing: int | None = None) -> None:
        """Feed `days` non-sick or employer-period days (R29: opphold).

        `last_renewing` is the last of them that is a work day, an uncovered weekday or an
        employer-period day (A10), or None when none is.
        """
        if days:
            # R29: a sick weekend is opphold when a non-sick day follows it.
            self.opphold += self.pending_weekend + days
            self.pending_weekend = 0
            exhausted_on = self.exhausted_on
            if exhausted_on is not None and last_renewing is not None and last_renewing - exhausted_on >= NEW_QUOTA_GAP:
                # R29, A10: every day after the quota ran out counts toward the 182; the new
                # right opens on a renewing day on or after the 182nd.
                self.renewable = True

    def add_sick(self, start: int, end: int) -> None:
        """Feed sick days `start..end` after the employer period is complete."""
        # A sick weekend followed by a sick day is neither a NAV day nor opphold (R29).
        self.pending_weekend = 0
        day = start
        while day <= end:
            nav_day = first_weekday(day)
            if nav_day > end:  # only weekend days are left
                self.pending_weekend = end - day + 1
                return
            if self.exhausted_on is not None:
                if not self.renewable:
                    return  # R29: NAV rejects these days; they count only toward the 182
                # R29, A10: the first NAV day after a renewing day starts a new quota.
                self.used, self.exhausted_on, self.quota_start, self.renewable = 0, None, nav_day, False
            elif self.opphold >= NEW_QUOTA_GAP or not self.quota_start:
                self.used, self.quota_start = 0, nav_day  # R29: a new quota
            self.opphold = 0
            left = QUOTA - self.used
            if weekdays_between(nav_day, end) >= left:
                # R29: the rest of the block is rejected; it counts only toward the 182.
                self.exhausted_on = nth_weekday(nav_day, left)
                self.used = QUOTA
                return
            self.used += weekdays_between(nav_day, end)
            self.pending_weekend = end - last_weekday(end)
            return

    def estimate(self, case_end: int, holiday_after: int, ep_days_left: int, ep_holiday: int = 0) -> Estimate:
        """Estimate the max date at the end of a case (R28), without changing the counter.

        The counter holds every known day up to the case's last sick day. Then come
        `holiday_after` attached holiday days, the first `ep_holiday` of which count for the
        employer period, and assumed 100 % sickness from the day after `case_end`, whose
        first `ep_days_left` days complete the employer period.
        """
        nav_day = first_weekday(case_end + 1 + ep_days_left)
        exhausted_on = self.exhausted_on
        if exhausted_on is not None:
            # A10: a known holiday day that counts for the employer period renews; the
            # assumed sickness never does.
            renewable = self.renewable or (
                ep_holiday > 0 and case_end - holiday_after + ep_holiday - exhausted_on >= NEW_QUOTA_GAP
            )
            if not renewable:
                # R28: the quota ran out on or before the case end and no new one has started.
                return Estimate(exhausted_on, True, self.quota_start, QUOTA)
            # R28, R29: the known days have made a new quota ready; the assumed sickness starts it.
            return Estimate(nth_weekday(nav_day, QUOTA), False, nav_day, 0)
        opphold = self.opphold + ep_days_left
        if holiday_after:
            opphold += self.pending_weekend + holiday_after
        if opphold >= NEW_QUOTA_GAP or not self.quota_start:
            return Estimate(nth_weekday(nav_day, QUOTA), False, nav_day, 0)
        return Estimate(nth_weekday(nav_day, QUOTA - self.used), False, self.quota_start, self.used)
