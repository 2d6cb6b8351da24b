"""The occupational health service (bedriftshelsetjenesten, BHT) in the follow-up.

The organisation registers its BHT; a manager records that BHT was involved in a case
(advice, a meeting, a workplace assessment), and invites BHT to dialogue meeting 1 as a
participant: BHT's part in the meeting is with the employee's consent, which the invite
records (who, when). The follow-up plan's measures already name BHT as responsible
(`PlanMeasure.Responsible.OCCUPATIONAL_HEALTH`); the case page shows BHT's name there.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from cases.models import Case
from cases.timeline import TimelineEvent
from dialog_meetings import emails as meeting_emails
from dialog_meetings.models import DialogMeeting, Participant
from kernel.errors import DomainError
from organisation.models import Organisation

from .models import BhtInvolvement, OccupationalHealthService


class BhtError(DomainError):
    pass


def service_of(organisation_id: int) -> OccupationalHealthService | None:
    return OccupationalHealthService.objects.filter(organisation_id=organisation_id).first()


@transaction.atomic
def bht_register(
    *, organisation: Organisation, by, name: str, email: str, contact_person: str = "", phone: str = ""
) -> OccupationalHealthService:
    """Register (or change) the organisation's occupational health service."""
    if not name.strip() or not email.strip():
        raise BhtError(
            _("Give the name and e-mail address of the occupational health service."),
            "missing",
            field="name" if not name.strip() else "email",
        )
    service, created = OccupationalHealthService.objects.update_or_create(
        organisation=organisation,
        defaults={
            "name": name.strip(),
            "email": email.strip(),
            "contact_person": contact_person.strip(),
            "phone": phone.strip(),
        },
    )
    audit_record(
        actor=by,
        action="routines.bht.registered" if created else "routines.bht.changed",
        obj=service,
        detail={"name": service.name},
    )
    return service


@transaction.atomic
def involvement_record(*, case: Case, by, kind: str, on: date, note: str = "") -> BhtInvolvement:
    if kind not in BhtInvolvement.Kind.values:
        raise BhtError(_("Choose how the occupational health service was involved."), "kind", field="kind")
    if on > timezone.localdate():
        raise BhtError(_("The date cannot be in the future."), "future", field="on")
    if on < case.start:
        raise BhtError(_("The date is before the absence began."), "before_case", field="on")
    involvement = BhtInvolvement.objects.create(case=case, kind=kind, on=on, note=note.strip()[:300], recorded_by=by)
    audit_record(
        actor=by,
        action="routines.bht.involved",
        employee=case.employee,
        obj=involvement,
        detail={"kind": kind, "on": str(on)},
    )
    return involvement


def planned_dm1(case: Case) -> DialogMeeting | None:
    return case.dialog_meetings.filter(kind=DialogMeeting.Kind.DM1, status=DialogMeeting.Status.PLANNED).first()


def invited(meeting: DialogMeeting) -> Participant | None:
    return meeting.participants.filter(role=Participant.Role.OHS).first()


@transaction.atomic
def bht_invite_to_dm1(*, case: Case, by, consent: bool, site_url: str = "") -> Participant:
    """Add the organisation's BHT to the planned dialogue meeting 1, with the employee's consent, and invite it."""
    service = service_of(case.employee.organisation_id)
    if service is None:
        raise BhtError(_("The organisation has not registered an occupational health service."), "no_bht")
    meeting = planned_dm1(case)
    if meeting is None:
        raise BhtError(
            _("Invite to dialogue meeting 1 first; then the occupational health service can be added."), "no_meeting"
        )
    if not consent:
        raise BhtError(
            _("Record that the employee agrees to the occupational health service taking part."),
            "consent",
            field="consent",
        )
    DialogMeeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if invited(meeting) is not None:
        raise BhtError(_("The occupational health service is already invited to this meeting."), "already")
    name = f"{service.name} ({service.contact_person})" if service.contact_person else service.name
    participant = Participant.objects.create(
        meeting=meeting,
        role=Participant.Role.OHS,
        name=name[:200],
        email=service.email,
        language="nb",
        consent_at=timezone.now(),
        consent_recorded_by=by,
    )
    audit_record(
        actor=by,
        action="routines.bht.invited",
        employee=case.employee,
        obj=meeting,
        detail={"participant": participant.pk, "consent": True},
    )
    transaction.on_commit(
        lambda: meeting_emails.send_invitations(
            meeting.pk, change=meeting_emails.NEW, site_url=site_url, participant_ids=[participant.pk]
        )
    )
    return participant


def case_timeline_events(case: Case, *, user) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            date=i.on,
            label=_("Occupational health service: %(how)s") % {"how": i.get_kind_display().lower()},
            kind="bht_involved",
        )
        for i in case.bht_involvements.all()
    ]
