"""The iCalendar writer against RFC 5545: lines, folding, escaping, time zone, identity."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from dialog_meetings import ics

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 2, 2, 8, 0, tzinfo=UTC)


def event(**overrides) -> ics.Event:
    fields = {
        "uid": "dialogmote-1234@example.org",
        "sequence": 0,
        "starts_at": datetime(2026, 2, 10, 10, 0, tzinfo=OSLO),
        "ends_at": datetime(2026, 2, 10, 11, 0, tzinfo=OSLO),
        "summary": "Dialogmøte 1 – Åse Ødegård",
        "description": "Hvor: Møterom Fjord; 2. etasje, ved kantina\nTa gjerne med en tillitsperson.",
        "location": "Møterom Fjord, 2. etasje",
        "organiser": ics.Person("Kari Solberg", "kari@example.org"),
        "attendees": [
            ics.Person("Åse Ødegård", "ase@example.org"),
            ics.Person("Dr. Berg, fastlege", "berg@example.org", required=False),
        ],
    }
    fields.update(overrides)
    return ics.Event(**fields)


def props(text: str) -> dict[str, list[str]]:
    """The properties of the calendar and its event, leaving out the time zone's own."""
    found: dict[str, list[str]] = {}
    lines = ics.unfold(text)
    lines = lines[: lines.index("BEGIN:VTIMEZONE")] + lines[lines.index("END:VTIMEZONE") + 1 :]
    for line in lines:
        name = line.split(":", 1)[0].split(";", 1)[0]
        found.setdefault(name, []).append(line)
    return found


def test_every_line_ends_with_crlf_and_no_line_is_longer_than_75_octets():
    text = ics.calendar(event(description="Lang tekst med æøå " * 30), method="REQUEST", now=NOW)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75, line


def test_folding_never_splits_a_utf8_character_and_unfolds_to_the_original():
    line = "DESCRIPTION:" + "ø" * 100
    folded = ics.fold(line)
    for part in folded.split("\r\n"):
        part.encode("utf-8")  # each physical line is valid UTF-8 on its own
        assert len(part.encode("utf-8")) <= 75
    assert all(part.startswith(" ") for part in folded.split("\r\n")[1:])
    assert folded.replace("\r\n ", "") == line


def test_text_values_escape_backslash_semicolon_comma_and_newlines():
    assert ics.escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_request_has_the_required_properties():
    text = ics.calendar(event(), method="REQUEST", now=NOW)
    found = props(text)
    assert found["METHOD"] == ["METHOD:REQUEST"]
    assert found["VERSION"] == ["VERSION:2.0"]
    assert found["PRODID"]
    assert found["UID"] == ["UID:dialogmote-1234@example.org"]
    assert found["SEQUENCE"] == ["SEQUENCE:0"]
    assert found["DTSTAMP"] == ["DTSTAMP:20260202T080000Z"]
    assert found["DTSTART"] == ["DTSTART;TZID=Europe/Oslo:20260210T100000"]
    assert found["DTEND"] == ["DTEND;TZID=Europe/Oslo:20260210T110000"]
    assert found["SUMMARY"] == ["SUMMARY:Dialogmøte 1 – Åse Ødegård"]
    assert found["LOCATION"] == ["LOCATION:Møterom Fjord\\, 2. etasje"]
    assert found["ORGANIZER"] == ['ORGANIZER;CN="Kari Solberg":mailto:kari@example.org']
    assert found["STATUS"] == ["STATUS:CONFIRMED"]
    assert found["CLASS"] == ["CLASS:PRIVATE"]


def test_attendees_are_quoted_and_say_whether_they_are_required():
    found = props(ics.calendar(event(), method="REQUEST", now=NOW))
    assert found["ATTENDEE"] == [
        'ATTENDEE;CN="Åse Ødegård";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:'
        "mailto:ase@example.org",
        'ATTENDEE;CN="Dr. Berg, fastlege";CUTYPE=INDIVIDUAL;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:'
        "mailto:berg@example.org",
    ]


def test_a_quote_in_a_name_cannot_break_the_parameter():
    assert ics.param_value('Ola "Lillemann" Hansen') == '"Ola Lillemann Hansen"'


def test_the_calendar_carries_europe_oslo_with_summer_and_winter_time():
    lines = ics.unfold(ics.calendar(event(), method="REQUEST", now=NOW))
    zone = lines[lines.index("BEGIN:VTIMEZONE") : lines.index("END:VTIMEZONE") + 1]
    assert "TZID:Europe/Oslo" in zone
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" in zone and "TZOFFSETTO:+0200" in zone
    assert "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" in zone and "TZOFFSETTO:+0100" in zone
    assert lines.index("END:VTIMEZONE") < lines.index("BEGIN:VEVENT")


@pytest.mark.parametrize(
    "moment, expected",
    [
        (datetime(2026, 7, 1, 8, 0, tzinfo=UTC), "20260701T100000"),  # summer: UTC+2
        (datetime(2026, 1, 15, 8, 0, tzinfo=UTC), "20260115T090000"),  # winter: UTC+1
    ],
)
def test_times_are_written_as_oslo_local_time(moment, expected):
    assert ics.local_stamp(moment) == expected


def test_cancel_keeps_the_uid_and_says_cancelled():
    found = props(ics.calendar(event(sequence=2, cancelled=True), method="CANCEL", now=NOW))
    assert found["METHOD"] == ["METHOD:CANCEL"]
    assert found["UID"] == ["UID:dialogmote-1234@example.org"]
    assert found["SEQUENCE"] == ["SEQUENCE:2"]
    assert found["STATUS"] == ["STATUS:CANCELLED"]


def test_publish_has_no_reply_requests():
    text = ics.calendar(event(), method="PUBLISH", now=NOW)
    assert "METHOD:PUBLISH" in text and "RSVP" not in text


def test_unknown_method_is_refused():
    with pytest.raises(ValueError):
        ics.calendar(event(), method="REPLY", now=NOW)
