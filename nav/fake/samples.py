"""Sick notes as NAV's sykepenger API gives them (SykmeldingArbeidsgiver), for the fake, tests and demo."""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo


def activity(kind: str = "ikke_mulig", grade: int | None = None) -> dict:
    """One period's `aktivitet`: ikke_mulig, gradert, avventende, behandlingsdager or reisetilskudd."""
    result = {
        "avventendeSykmelding": None,
        "gradertSykmelding": None,
        "aktivitetIkkeMulig": None,
        "antallBehandlingsdagerUke": None,
        "harReisetilskudd": False,
    }
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


def sick_note(
    *,
    fnr: str,
    orgnr: str,
    periods: list[tuple[date, date, dict]],
    sykmelding_id: str | None = None,
    received: datetime | None = None,
    egenmeldingsdager: list[tuple[date, date]] = (),
    name: str = "Kari Nordmann",
) -> dict:
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


def letter_pdf(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF letter (Helvetica, Latin-1), as NAV's documents are PDFs."""

    def text(value: str) -> str:
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    rows = [f"BT /F1 16 Tf 56 780 Td ({text(title)}) Tj ET"]
    rows += [f"BT /F1 11 Tf 56 {740 - 18 * n} Td ({text(line)}) Tj ET" for n, line in enumerate(lines)]
    stream = "\n".join(rows).encode("latin-1", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def dialogue_meeting_letter(
    *,
    fnr: str,
    orgnr: str,
    name: str,
    meeting_at: datetime,
    kind: str = "DM2",
    document_id: str | None = None,
    created: datetime | None = None,
) -> dict:
    """An invitation to a dialogue meeting as NAV stores it in syfo-dokumentporten (Document, with its PDF)."""
    number = "2" if kind == "DM2" else "3"
    when = meeting_at.strftime("%d.%m.%Y kl. %H:%M")
    title = f"Innkalling til dialogmøte {number}"
    return {
        "documentId": document_id or str(uuid.uuid4()),
        "type": "DIALOGMOTE",
        "contentType": "application/pdf",
        "fnr": fnr,
        "fullName": name,
        "orgNumber": orgnr,
        "title": title,
        "summary": f"NAV kaller inn til dialogmøte {number} {when}.",
        "created": (created or datetime.now(ZoneInfo("UTC"))).isoformat(),
        "pdf": letter_pdf(
            title,
            [
                f"Til arbeidsgiver for {name}",
                "",
                f"NAV kaller inn til dialogmøte {number}.",
                f"Tid: {when}",
                "Sted: Videomøte (lenke kommer)",
                "",
                "Med vennlig hilsen NAV",
            ],
        ),
    }


def linemanager_requirement(
    *,
    fnr: str,
    orgnr: str,
    first_name: str,
    last_name: str,
    main_orgnr: str,
    requirement_id: str | None = None,
    created: datetime | None = None,
) -> dict:
    """NAV's requirement for a nearest leader (LinemanagerRequirementRead)."""
    created = (created or datetime.now(ZoneInfo("UTC"))).isoformat()
    return {
        "id": requirement_id or str(uuid.uuid4()),
        "employeeIdentificationNumber": fnr,
        "orgNumber": orgnr,
        "orgName": "Demo AS",
        "mainOrgnumber": main_orgnr,
        "managerIdentificationNumber": None,
        "name": {"firstName": first_name, "lastName": last_name},
        "created": created,
        "updated": created,
        # revokedBy is left out when nobody revoked: NAV's enum does not list null.
        "status": "REQUIRES_ATTENTION",
    }


def income_report_request(
    *,
    fnr: str,
    orgnr: str,
    sick: list[tuple[date, date]],
    self_certified: list[tuple[date, date]] = (),
    reference: str | None = None,
    created: datetime | None = None,
) -> dict:
    """NAV's request for an inntektsmelding (ForespoerselResponse)."""

    def periods(items):
        return [{"fom": s.isoformat(), "tom": e.isoformat()} for s, e in items]

    created = created or datetime.now(ZoneInfo("Europe/Oslo")).replace(microsecond=0, tzinfo=None)
    return {
        "loepenr": 0,
        "navReferanseId": reference or str(uuid.uuid4()),
        "orgnr": orgnr,
        "fnr": fnr,
        "status": "AKTIV",
        "sykmeldingsperioder": periods(sick),
        "egenmeldingsperioder": periods(self_certified),
        "inntektsdato": min([s for s, _ in [*self_certified, *sick]]).isoformat(),
        "arbeidsgiverperiodePaakrevd": True,
        "inntektPaakrevd": True,
        "opprettetTid": created.isoformat(),
    }
