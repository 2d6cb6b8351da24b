"""Dated events from other apps (plans sent, meetings held) for the case page's timeline."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class TimelineEvent:
    date: date
    label: str  # translated, for the reader
    kind: str  # e.g. "plan_sent_to_doctor", "meeting_held": a CSS hook and a test hook
    url: str = ""


def case_timeline_events(case, *, user) -> list[TimelineEvent]:
    """Every source app's events for the case, in date order."""
    events: list[TimelineEvent] = []
    for path in settings.CASE_TIMELINE_SOURCES:
        events.extend(import_string(path)(case, user=user))
    return sorted(events, key=lambda e: e.date)
