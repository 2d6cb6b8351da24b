"""The test-vector format (docs/vectors-format.md): parse `input`, render `expect`, compare.

Parse errors are `DeadlineError`s whose `field` names the place, e.g. `periods[2].from`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from deadlines.codes import DeadlineError, ErrorCode, PeriodKind
from deadlines.dates import check_supported
from deadlines.egenmelding import egenmelding_decision
from deadlines.model import DateRange, EgenmeldingDecision, EgenmeldingPolicy, Event, Period, Timeline
from deadlines.timeline import compute_timeline

FORMAT = "sykefravaer-vectors/1"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Field names of the model inside a parsed object, as the format spells them.
_FORMAT_NAMES = {"start": "from", "end": "to"}


class VectorKind(StrEnum):
    """The two kinds of vector files."""

    DEADLINES = "deadlines"
    EGENMELDING = "egenmelding"


@dataclass(frozen=True, slots=True)
class DeadlineInput:
    """A parsed deadline vector `input` (docs/vectors-format.md section 1)."""

    periods: tuple[Period, ...]
    employment_start: date | None = None  # ignored by the deadline rules
    birth_date: date | None = None
    events: tuple[Event, ...] = ()
    today: date | None = None

    def compute(self) -> Timeline:
        """Run the engine on this input."""
        return compute_timeline(self.periods, today=self.today, birth_date=self.birth_date, events=self.events)


@dataclass(frozen=True, slots=True)
class EgenmeldingInput:
    """A parsed egenmelding vector `input` (docs/vectors-format.md section 3)."""

    employment_start: date
    proposed: DateRange
    history: tuple[DateRange, ...] = ()
    policy: EgenmeldingPolicy | None = None
    withdrawn: bool = False

    def compute(self) -> EgenmeldingDecision:
        """Run the egenmelding rules on this input."""
        return egenmelding_decision(
            employment_start=self.employment_start,
            proposed=self.proposed,
            history=self.history,
            policy=self.policy,
            withdrawn=self.withdrawn,
        )


def _fail(code: ErrorCode, field: str, message: str) -> DeadlineError:
    return DeadlineError(code, message, field)


def _object(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(ErrorCode.INVALID_INPUT, field, f"expected an object, got {_json_type(value)}")
    return value


def _list(value: Any, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(ErrorCode.INVALID_INPUT, field, f"expected a list, got {_json_type(value)}")
    return value


def _optional_list(obj: Mapping[str, Any], key: str) -> list[Any]:
    """Return the list under `key`; absent or null means empty."""
    value = obj.get(key)
    return [] if value is None else _list(value, key)


def _date(value: Any, field: str, code: ErrorCode) -> date:
    """Parse an ISO `YYYY-MM-DD` string."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise _fail(code, field, f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise _fail(code, field, f"{value!r} is not a valid date") from None
    check_supported(day, field, code)
    return day


def _optional_date(obj: Mapping[str, Any], key: str, code: ErrorCode = ErrorCode.INVALID_INPUT) -> date | None:
    value = obj.get(key)
    return None if value is None else _date(value, key, code)


def _range(obj: Any, field: str) -> tuple[date, date]:
    obj = _object(obj, field)
    for key in ("from", "to"):
        if key not in obj:
            raise _fail(ErrorCode.INVALID_PERIOD, f"{field}.{key}", "missing")
    start = _date(obj["from"], f"{field}.from", ErrorCode.INVALID_PERIOD)
    end = _date(obj["to"], f"{field}.to", ErrorCode.INVALID_PERIOD)
    if end < start:  # R-IN1, named as the format names the dates
        raise _fail(ErrorCode.INVALID_PERIOD, field, f"'to' {end.isoformat()} is before 'from' {start.isoformat()}")
    return start, end


def _build(field: str, make: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a validating constructor, naming `field` in its errors."""
    try:
        return make(*args, **kwargs)
    except DeadlineError as error:
        inner = _FORMAT_NAMES.get(error.field or "", error.field)
        raise _fail(error.code, f"{field}.{inner}" if inner else field, error.message) from None


def parse_deadline_input(data: Any) -> DeadlineInput:
    """Parse a deadline vector `input` object."""
    data = _object(data, "input")
    if "periods" not in data:
        raise _fail(ErrorCode.INVALID_INPUT, "periods", "missing (use [] for none)")
    periods = []
    for i, raw in enumerate(_list(data["periods"], "periods")):
        field = f"periods[{i}]"
        raw = _object(raw, field)
        if "kind" not in raw:
            raise _fail(ErrorCode.INVALID_INPUT, f"{field}.kind", "missing")
        try:  # R-IN1: the kind is checked before the dates
            kind = PeriodKind(raw["kind"])
        except (ValueError, TypeError):
            raise _fail(ErrorCode.UNKNOWN_KIND, f"{field}.kind", f"unknown kind {raw['kind']!r}") from None
        start, end = _range(raw, field)
        grade = raw.get("grade")
        periods.append(_build(field, Period, kind, start, end, 100 if grade is None else grade))  # R-IN2
    events = []
    for i, raw in enumerate(_optional_list(data, "events")):
        field = f"events[{i}]"
        raw = _object(raw, field)
        if "type" not in raw:
            raise _fail(ErrorCode.INVALID_INPUT, f"{field}.type", "missing")
        day = _date(raw.get("date"), f"{field}.date", ErrorCode.INVALID_INPUT)
        events.append(_build(field, Event, raw["type"], day))
    return DeadlineInput(
        periods=tuple(periods),
        employment_start=_optional_date(data, "employment_start"),
        birth_date=_optional_date(data, "birth_date"),
        events=tuple(events),
        today=_optional_date(data, "today"),
    )


def parse_egenmelding_input(data: Any) -> EgenmeldingInput:
    """Parse an egenmelding vector `input` object."""
    data = _object(data, "input")
    if "employment_start" not in data:
        raise _fail(ErrorCode.INVALID_INPUT, "employment_start", "missing")
    employment_start = _date(data["employment_start"], "employment_start", ErrorCode.INVALID_INPUT)
    if "proposed" not in data:
        raise _fail(ErrorCode.INVALID_INPUT, "proposed", "missing")
    proposed = _build("proposed", DateRange, *_range(data["proposed"], "proposed"))
    history = tuple(
        _build(f"history[{i}]", DateRange, *_range(raw, f"history[{i}]"))
        for i, raw in enumerate(_optional_list(data, "history"))
    )
    policy = None
    if data.get("policy") is not None:
        raw = data["policy"]
        if not isinstance(raw, Mapping):
            raise _fail(ErrorCode.INVALID_POLICY, "policy", f"expected an object, got {_json_type(raw)}")
        limits = ("max_days_per_occasion", "max_days_per_12_months")
        policy = _build("policy", EgenmeldingPolicy, **{key: raw[key] for key in limits if key in raw})
    withdrawn = data.get("withdrawn", False)
    if not isinstance(withdrawn, bool):
        raise _fail(ErrorCode.INVALID_INPUT, "withdrawn", f"expected true or false, got {_json_type(withdrawn)}")
    return EgenmeldingInput(employment_start, proposed, history, policy, withdrawn)


def render_timeline(timeline: Timeline) -> dict[str, Any]:
    """Render a timeline in the deadline `expect` shape (docs/vectors-format.md section 2)."""
    cases = []
    for case in timeline.cases:
        rendered: dict[str, Any] = {
            "start": case.start.isoformat(),
            "end": case.end.isoformat(),
            "sick_days": case.sick_days,
            "employer_period_end": _iso(case.employer_period_end),
            "max_date": case.max_date.isoformat(),
            "milestones": {
                m.key.value: {
                    "due": m.due.isoformat(),
                    "applies": m.applies,
                    "reason": None if m.reason is None else m.reason.value,
                }
                for m in case.milestones
            },
            "warnings": [w.value for w in case.warnings],
        }
        if case.open is not None:
            rendered["open"] = case.open
        cases.append(rendered)
    return {"cases": cases}


def render_egenmelding(decision: EgenmeldingDecision) -> dict[str, Any]:
    """Render a decision in the egenmelding `expect` shape (docs/vectors-format.md section 3)."""
    return {
        "allowed": decision.allowed,
        "days_allowed": decision.days_allowed,
        "last_day_allowed": _iso(decision.last_day_allowed),
        "reason": decision.reason.value,
        "occasions_12m": decision.occasions_12m,
        "may_withdraw": decision.may_withdraw,
    }


def infer_kind(data: Any) -> VectorKind:
    """Guess the kind of a bare `input`: a `proposed` absence means egenmelding."""
    return VectorKind.EGENMELDING if isinstance(data, Mapping) and "proposed" in data else VectorKind.DEADLINES


def compute_expect(kind: VectorKind, data: Any) -> dict[str, Any]:
    """Return the `expect` object for an `input`, or `{"error": CODE, "detail": TEXT}` when the rules
    reject it; the detail names the field and the reason (vector files compare only the code)."""
    try:
        if kind is VectorKind.EGENMELDING:
            return render_egenmelding(parse_egenmelding_input(data).compute())
        return render_timeline(parse_deadline_input(data).compute())
    except DeadlineError as error:
        return {"error": error.code.value, "detail": error.detail}


def mismatches(expect: Any, actual: Any, path: str = "expect") -> list[str]:
    """Compare as docs/vectors-format.md section 4: objects key by key (extra keys allowed),
    lists by length and order, values by equality. Return one line per difference."""
    if isinstance(expect, Mapping):
        if not isinstance(actual, Mapping):
            return [f"{path}: expected an object, got {actual!r}"]
        found = []
        for key, value in expect.items():
            if key not in actual:
                found.append(f"{path}.{key}: missing")
            else:
                found.extend(mismatches(value, actual[key], f"{path}.{key}"))
        return found
    if isinstance(expect, list):
        if not isinstance(actual, list):
            return [f"{path}: expected a list, got {actual!r}"]
        if len(expect) != len(actual):
            return [f"{path}: expected {len(expect)} items, got {len(actual)}"]
        pairs = enumerate(zip(expect, actual, strict=True))
        return [line for i, (e, a) in pairs for line in mismatches(e, a, f"{path}[{i}]")]
    if expect != actual or type(expect) is not type(actual):
        return [f"{path}: expected {expect!r}, got {actual!r}"]
    return []


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _json_type(value: Any) -> str:
    """Name a parsed JSON value's type as JSON does."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, Mapping) else type(value).__name__
