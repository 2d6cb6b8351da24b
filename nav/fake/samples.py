"""Sick notes as NAV's sykepenger API gives them (SykmeldingArbeidsgiver), for the fake, tests and demo."""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo


def activity(kind: str = "ikke_mulig", grade: int | None = None) -> dict:
    """One period's `aktivitet`: ikke_mulig, gradert, avventende, behandlingsdager or reisetilskudd."""
    result = {"avventendeSykmelding": None, "gradertSykmelding": None, "aktivitetIkkeMulig": None,
              "antallBehandlingsdagerUke": None, "harReisetilskudd": False}
    if kind == "ikke_mulig":
        result["aktivitetIkkeMulig"] = {"manglendeTilretteleggingPaaArbeidsplassen": False, "beskrivelse": None}
    elif kind == "gradert":
        result["gradertSykmelding"] = {"sykmeldingsgrad": grade or 50, "harReisetilskudd": False}
    elif kind == "avventende":
        result["avventendeSykmelding"] = "Kan jobbe med tilrettelegging av arbeidstid."
    elif kind == "behandlingsdager":
        result["antallBehandlingsdagerUke"] = 1
    elif kind == "reisetilskudd":
        result["harReisetilskudd"] = True
    else:
        raise ValueError(kind)
    return result


def sick_note(*, fnr: str, orgnr: str, periods: list[tuple[date, date, dict]], sykmelding_id: str | None = None,
              received: datetime | None = None, egenmeldingsdager: list[tuple[date, date]] = (),
              name: str = "Kari Nordmann") -> dict:
    # NAV's LocalDateTime is Norwegian local time.
    received = received or datetime.now(ZoneInfo("Europe/Oslo")).replace(microsecond=0, tzinfo=None)
    first = min(p[0] for p in periods)
    return {
        "loepenr": 0,
        "sykmeldingId": sykmelding_id or str(uuid.uuid4()),
        "mottattAvNav": received.isoformat(),
        "sendtTilArbeidsgiver": received.isoformat(),
        "sykmeldt": {"fnr": fnr, "navn": name},
        "egenmeldingsdager": [{"fom": s.isoformat(), "tom": e.isoformat()} for s, e in egenmeldingsdager],
        "sykefravaerFom": first.isoformat(),
        "sykmeldingPerioder": [{"fom": s.isoformat(), "tom": e.isoformat(), "aktivitet": a} for s, e, a in periods],
        "oppfoelging": {"prognose": None, "meldingTilArbeidsgiver": None, "tiltakArbeidsplassen": None},
        "kontaktMedPasient": received.isoformat(),
        "behandler": {"navn": "Lege Legesen", "tlf": "22000000"},
        "arbeidsgiver": {"navn": "Demo AS", "orgnr": orgnr},
    }
