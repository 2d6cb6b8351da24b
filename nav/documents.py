"""Documents from NAV (syfo-dokumentporten): dialogue-meeting letters and plans made in NAV's own tool.

The beat asks `GET /api/v1/documents` per business unit and document type, paged by the
`created` of the last item; each new document's details and PDF are fetched and kept on
the employee's case (stored in the database, audit-logged, on the case timeline). A
dialogue-meeting letter is a PDF, not data: it becomes a task for the manager to confirm
the DM2/DM3 date from the letter, which records NAV's meeting and so moves the
plan-to-NAV deadline (R23).
"""

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from cases.models import Case
from dialog_meetings import services as meeting_services
from dialog_meetings.models import DialogMeeting
from organisation import national_id as national_ids
from organisation.models import Employee

from . import http
from .conf import SCOPE_DOKUMENTPORTEN, nav_config
from .errors import NavError
from .leaders import EPOCH, _iso, _parse
from .models import Integration, NavDocument

PAGE_SIZE = 50
CURSORS = {NavDocument.Type.DIALOGMOTE: "dialogmote_after", NavDocument.Type.OPPFOLGINGSPLAN: "oppfolgingsplan_after"}
MAX_BYTES = 10 * 1024 * 1024


class DocumentError(NavError):
    pass


def documents_fetch(*, integration: Integration) -> int:
    """New documents of both types for the business unit; returns how many were stored."""
    count = 0
    for doc_type, cursor_field in CURSORS.items():
        count += _fetch_type(integration, doc_type, cursor_field)
    return count


def _fetch_type(integration: Integration, doc_type: str, cursor_field: str) -> int:
    unit = integration.unit
    base = nav_config().dokumentporten_url
    after = getattr(integration, cursor_field) or EPOCH
    count = 0
    while True:
        body = http.call(
            "GET",
            f"{base}/api/v1/documents",
            scope=SCOPE_DOKUMENTPORTEN,
            orgnr=unit.organisation.org_number,
            params={
                "orgNumber": unit.business_number,
                "documentType": doc_type,
                "createdAfter": _iso(after),
                "pageSize": PAGE_SIZE,
            },
        ).json()
        items = body["items"]
        for item in items:
            if document_receive(integration=integration, item=item) is not None:
                count += 1
            after = max(after, _parse(item["created"]))
            Integration.objects.filter(pk=integration.pk).update(**{cursor_field: after})
        if not body["meta"]["hasMore"] or not items:
            break
    setattr(integration, cursor_field, after)
    return count


def document_receive(*, integration: Integration, item: dict) -> NavDocument | None:
    """Fetch one document's details and PDF and keep it on the case; a document seen before changes nothing."""
    document_id = str(item["documentId"])
    known = NavDocument.objects.filter(document_id=document_id).first()
    if known is not None or item.get("status") == "ERROR":
        return None  # stored already, or NAV says it cannot be retrieved
    unit = integration.unit
    base = nav_config().dokumentporten_url
    details = http.call(
        "GET",
        f"{base}/api/v1/documents/{document_id}/details",
        scope=SCOPE_DOKUMENTPORTEN,
        orgnr=unit.organisation.org_number,
    ).json()
    response = http.call(
        "GET",
        f"{base}/api/v1/documents/{document_id}",
        scope=SCOPE_DOKUMENTPORTEN,
        orgnr=unit.organisation.org_number,
        accept="application/pdf, application/octet-stream",
    )
    content = response.content
    if len(content) > MAX_BYTES:
        raise ValueError("document too large")
    return _store(integration, details, content, response.headers.get("Content-Type", details["contentType"]))


@transaction.atomic
def _store(integration: Integration, details: dict, content: bytes, content_type: str) -> NavDocument | None:
    national_id = national_ids.normalise(str(details["employeeIdentificationNumber"]))
    hashed = national_ids.lookup_hash(national_id)
    matches = list(
        Employee.objects.filter(organisation_id=integration.unit.organisation_id, national_id_hash=hashed)[:2]
    )
    employee = matches[0] if len(matches) == 1 else None
    created = _parse(details["created"])
    case = _case_of(employee, created) if employee else None
    doc_type = details["type"] if details["type"] in NavDocument.Type.values else NavDocument.Type.DIALOGMOTE
    document, made = NavDocument.objects.get_or_create(
        document_id=details["documentId"],
        defaults={
            "integration": integration,
            "employee": employee,
            "case": case,
            "doc_type": doc_type,
            "content_type": content_type.split(";")[0][:100],
            "content": content,
            "size": len(content),
            "national_id_hash": hashed,
            "created_at_nav": created,
            "date_state": NavDocument.DateState.TO_CONFIRM
            if doc_type == NavDocument.Type.DIALOGMOTE and case
            else NavDocument.DateState.NONE,
        },
    )
    if made:
        audit_record(
            actor=None,
            action="nav.document.received",
            employee=employee,
            obj=document,
            detail={
                "type": doc_type,
                "bytes": len(content),
                "matched": employee is not None,
                "case": case.pk if case else None,
            },
        )
    return document if made else None


def _case_of(employee: Employee, created: datetime) -> Case | None:
    """The case the letter belongs to: the one running when NAV made it, else the newest."""
    day = timezone.localdate(created)
    cases = employee.cases.current()
    return (
        cases.filter(start__lte=day, end__gte=day - timedelta(days=16)).order_by("-start").first()
        or cases.order_by("-start").first()
    )


# The manager's task: the date from the letter ------------------------------------------


def meeting_date_confirm(
    *, document: NavDocument, by, kind: str, starts_at: datetime, ends_at: datetime
) -> NavDocument:
    """The manager read the letter and confirms NAV's DM2/DM3 time: NAV's meeting is recorded (or moved)."""
    with transaction.atomic():
        document = NavDocument.objects.select_for_update(of=("self",)).select_related("case").get(pk=document.pk)
        if document.date_state != NavDocument.DateState.TO_CONFIRM or document.case is None:
            raise DocumentError(_("This letter has no meeting date to confirm."), "nothing_to_confirm")
        case = document.case
        planned = case.dialog_meetings.active().filter(kind=kind).first()
        if planned is not None:
            meeting = meeting_services.meeting_reschedule(
                meeting=planned,
                by=by,
                starts_at=starts_at,
                ends_at=ends_at,
                place=planned.place,
                video_link=planned.video_link,
                reason=_("From NAV's letter"),
            )
        else:
            meeting = meeting_services.nav_meeting_record(
                case=case, by=by, kind=kind, starts_at=starts_at, ends_at=ends_at
            )
        document.meeting = meeting
        document.date_state = NavDocument.DateState.CONFIRMED
        document.confirmed_by = by
        document.confirmed_at = timezone.now()
        document.save(update_fields=["meeting", "date_state", "confirmed_by", "confirmed_at"])
        audit_record(
            actor=by,
            action="nav.document.date_confirmed",
            employee=case.employee,
            obj=document,
            detail={"kind": kind, "starts_at": starts_at.astimezone(UTC).isoformat()},
        )
    return document


@transaction.atomic
def meeting_date_none(*, document: NavDocument, by) -> NavDocument:
    """The letter sets no date (a cancellation, minutes): the task is closed without a meeting."""
    document = NavDocument.objects.select_for_update(of=("self",)).get(pk=document.pk)
    if document.date_state != NavDocument.DateState.TO_CONFIRM:
        raise DocumentError(_("This letter has no meeting date to confirm."), "nothing_to_confirm")
    document.date_state = NavDocument.DateState.NOT_A_MEETING
    document.confirmed_by = by
    document.confirmed_at = timezone.now()
    document.save(update_fields=["date_state", "confirmed_by", "confirmed_at"])
    audit_record(actor=by, action="nav.document.no_date", employee=document.employee, obj=document)
    return document


MEETING_KINDS = [
    (DialogMeeting.Kind.DM2, DialogMeeting.Kind.DM2.label),
    (DialogMeeting.Kind.DM3, DialogMeeting.Kind.DM3.label),
]
