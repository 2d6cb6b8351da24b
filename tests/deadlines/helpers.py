"""Short ways to write engine input in tests."""

from datetime import date

from deadlines import Event, Period, PeriodKind, Timeline, compute_timeline


def d(text: str) -> date:
    return date.fromisoformat(text)


def period(kind: str, start: str, end: str, grade: int = 100) -> Period:
    return Period(PeriodKind(kind), d(start), d(end), grade)


def sick(start: str, end: str, grade: int = 100) -> Period:
    return period("sick", start, end, grade)


def work(start: str, end: str) -> Period:
    return period("work", start, end)


def holiday(start: str, end: str) -> Period:
    return period("holiday", start, end)


def timeline(
    *periods: Period, today: str | None = None, birth_date: str | None = None, dm2: tuple[str, ...] = ()
) -> Timeline:
    return compute_timeline(
        periods,
        today=d(today) if today else None,
        birth_date=d(birth_date) if birth_date else None,
        events=[Event.dm2(d(day)) for day in dm2],
    )
