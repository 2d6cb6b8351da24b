"""iCalendar (RFC 5545) files for meeting invitations, written by hand.

One VEVENT per meeting. Its UID never changes; SEQUENCE grows with every
change, so a calendar replaces the old entry (RFC 5546: METHOD:REQUEST for an
invitation or a change, METHOD:CANCEL for a cancellation, METHOD:PUBLISH for
a copy to keep). Times are local to Europe/Oslo with the zone written out,
so any calendar places the meeting right, summer or winter.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

TZID = "Europe/Oslo"
OSLO = ZoneInfo(TZID)
CRLF = "\r\n"
MAX_OCTETS = 75
PRODID = "-//Sykefravaer//Dialogue meetings//EN"

# Central European time since 1996: summer time from the last Sunday in March
# 01:00 UTC to the last Sunday in October 01:00 UTC.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    required: bool = True


@dataclass(frozen=True)
class Event:
    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    organiser: Person | None = None
    attendees: list[Person] = field(default_factory=list)
    cancelled: bool = False


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def param_value(value: str) -> str:
    """A parameter value (3.2): quoted, as names hold commas and colons; DQUOTE cannot appear."""
    cleaned = "".join(ch for ch in value if ch not in '"\r\n' and (ch == "\t" or ord(ch) >= 0x20))
    return f'"{cleaned}"'


def fold(line: str) -> str:
    """Fold a content line at 75 octets (3.1), never inside a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_OCTETS:
        return line
    parts: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
            limit = MAX_OCTETS - 1  # continuation lines start with one space
        current += ch
        size += width
    parts.append(current)
    return (CRLF + " ").join(parts)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(moment: datetime) -> str:
    return moment.astimezone(OSLO).strftime("%Y%m%dT%H%M%S")


def _person(prop: str, person: Person, extra: str = "") -> str:
    return f"{prop};CN={param_value(person.name)}{extra}:mailto:{person.email}"


def calendar(event: Event, *, method: str, now: datetime) -> str:
    """The whole iCalendar object, CRLF line endings, folded, ready to attach."""
    if method not in {"REQUEST", "CANCEL", "PUBLISH"}:
        raise ValueError(f"Unsupported METHOD {method!r}")
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        *VTIMEZONE,
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"DTSTART;TZID={TZID}:{local_stamp(event.starts_at)}",
        f"DTEND;TZID={TZID}:{local_stamp(event.ends_at)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.organiser is not None:
        lines.append(_person("ORGANIZER", event.organiser))
    for attendee in event.attendees:
        role = "REQ-PARTICIPANT" if attendee.required else "OPT-PARTICIPANT"
        partstat = "" if method == "PUBLISH" else ";PARTSTAT=NEEDS-ACTION;RSVP=TRUE"
        lines.append(_person("ATTENDEE", attendee, f";CUTYPE=INDIVIDUAL;ROLE={role}{partstat}"))
    # Shared calendars show the time as busy, not that someone is on sick leave.
    lines.append("CLASS:PRIVATE")
    lines.append("TRANSP:OPAQUE")
    lines.append("STATUS:CANCELLED" if event.cancelled or method == "CANCEL" else "STATUS:CONFIRMED")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return CRLF.join(fold(line) for line in lines) + CRLF


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar text, unfolded (for reading it back, e.g. in tests)."""
    return text.replace(CRLF + " ", "").replace(CRLF + "\t", "").split(CRLF)[:-1]
