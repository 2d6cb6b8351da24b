"""The organisation's routine settings, with the defaults where none are saved."""

from .models import RoutineSettings


def settings_for(organisation_id: int) -> RoutineSettings:
    """The saved settings of the organisation, or unsaved defaults (every routine in use)."""
    found = RoutineSettings.objects.filter(organisation_id=organisation_id).first()
    return found if found is not None else RoutineSettings(organisation_id=organisation_id)


def settings_by_organisation(organisation_ids) -> dict[int, RoutineSettings]:
    """Settings of many organisations in one query (defaults for those without a row)."""
    ids = set(organisation_ids)
    saved = {s.organisation_id: s for s in RoutineSettings.objects.filter(organisation_id__in=ids)}
    return {pk: saved.get(pk) or RoutineSettings(organisation_id=pk) for pk in ids}


# Changing the settings -------------------------------------------------------------

ROUTINES = ("letter", "flags", "bht")


def _resync_letters(organisation_id: int, by) -> None:
    from django.utils import timezone

    from cases.models import Case

    from . import letters

    for case in Case.objects.open().filter(employee__organisation_id=organisation_id).select_related("employee"):
        letters.sync_case(case, by=by, on=timezone.localdate())


def routine_toggle(*, organisation, by, routine: str, enabled: bool) -> RoutineSettings:
    """Take one of the three routines into use or out of it (HR for the whole organisation)."""
    from django.db import transaction

    from audit.services import audit_record

    if routine not in ROUTINES:
        raise ValueError(routine)
    with transaction.atomic():
        config, _ = RoutineSettings.objects.select_for_update().get_or_create(organisation=organisation)
        setattr(config, f"{routine}_enabled", enabled)
        config.changed_by = by
        config.save()
        if routine == "letter":
            _resync_letters(organisation.pk, by)
        audit_record(actor=by, action="routines.toggled", obj=config, detail={"routine": routine, "enabled": enabled})
    return config


EDITABLE = (
    "letter_weeks_from",
    "letter_weeks_until",
    "letter_sender",
    "letter_after_text",
    "letter_aap_text",
    "letter_contact_text",
    "letter_pension_text",
    "long_absence_weeks",
    "frequent_occasions_6m",
    "frequent_occasions_12m",
)


def settings_save(*, organisation, by, **fields) -> RoutineSettings:
    """Save the letter's template and the routines' numbers."""
    from django.db import transaction
    from django.utils.translation import gettext as _

    from audit.services import audit_record
    from kernel.errors import DomainError

    if fields.get("letter_weeks_until", 0) >= fields.get("letter_weeks_from", 1):
        raise DomainError(_("The letter task must open before the letter is due."), "weeks", field="letter_weeks_from")
    with transaction.atomic():
        config, _created = RoutineSettings.objects.select_for_update().get_or_create(organisation=organisation)
        before = {name: getattr(config, name) for name in EDITABLE}
        for name in EDITABLE:
            if name in fields:
                setattr(config, name, fields[name])
        config.changed_by = by
        config.save()
        changed = sorted(n for n in EDITABLE if before[n] != getattr(config, n))
        if "letter_weeks_until" in changed or "letter_weeks_from" in changed:
            _resync_letters(organisation.pk, by)
        audit_record(actor=by, action="routines.settings.changed", obj=config, detail={"changed": changed})
    return config


def routine_steps(organisation_id: int) -> list[dict]:
    """The three routines as steps of the organisation's routine, for HR's routine page (hr/views.py)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    config = settings_for(organisation_id)
    return [
        {
            "key": "letter",
            "enabled": config.letter_enabled,
            "title": _("Max-date letter"),
            "when": _("%(from)s–%(until)s weeks before the max date")
            % {"from": config.letter_weeks_from, "until": config.letter_weeks_until},
            "what": _(
                "HR sends the employee a letter on the max date, work assessment allowance (AAP) and the "
                "pension scheme, from the organisation's template, and marks it sent."
            ),
            "responsible": _("HR"),
            "url": reverse("routines:letters"),
        },
        {
            "key": "flags",
            "enabled": config.flags_enabled,
            "title": _("Difficult cases"),
            "when": _(
                "Long absence (%(weeks)s weeks) without progress; %(six)s absences in 6 months or %(twelve)s in "
                "12; dialogue meeting 1 not held"
            )
            % {
                "weeks": config.long_absence_weeks,
                "six": config.frequent_occasions_6m,
                "twelve": config.frequent_occasions_12m,
            },
            "what": _("The case is flagged with the rule; the manager sees the routine's suggested actions."),
            "responsible": _("Nearest manager"),
            "url": reverse("routines:flags"),
        },
        {
            "key": "bht",
            "enabled": config.bht_enabled,
            "title": _("Occupational health service (BHT)"),
            "when": _("From day 1, as needed"),
            "what": _(
                "The manager records BHT's involvement and can invite BHT to dialogue meeting 1 with the "
                "employee's consent."
            ),
            "responsible": _("Nearest manager"),
            "url": "",
        },
    ]
