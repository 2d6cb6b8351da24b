"""HR's list of common adjustments (measure templates)."""

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import audit_record
from cases import access

from ..models import (
    MeasureTemplate,
)
from .base import (
    PlanError,
)

# Measure templates ----------------------------------------------------------


@transaction.atomic
def template_save(*, template: MeasureTemplate, by) -> MeasureTemplate:
    """HR adds or changes a measure template."""
    if template.organisation_id is None or template.organisation_id not in access.whole_organisations(by):
        raise PlanError(_("Only HR for the whole organisation keeps its measure templates."), "hr_only")
    is_new = template.pk is None
    template.full_clean()
    template.save()
    audit_record(actor=by, action="plan.template_add" if is_new else "plan.template_change", obj=template)
    return template
