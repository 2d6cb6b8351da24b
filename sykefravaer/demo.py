"""The whole demo, relative to today: the organisation, then each app's data on top of it.

At the top of the layers (docs/architecture.md), so that no app drives another's
demo: each app's `demo.py` builds its own part from what the layers below made.
Only for demo and development (`manage.py load_demo`, which production settings refuse).
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from cases.demo import load_demo_cases
from followup_plans.demo import build_plan
from hr.demo import load_demo_hr
from organisation.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_loaded, load_demo_organisation
from organisation.models import Organisation
from routines.demo import load_demo_routines
from self_certification.demo import load_demo_self_certifications

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "demo_loaded", "load_demo"]


@transaction.atomic
def load_demo(*, today: date, seed: int = 2026) -> Organisation:
    organisation = load_demo_organisation(today=today, seed=seed)
    cases = load_demo_cases(organisation=organisation, today=today)
    leader = get_user_model().objects.get(username="leder")
    build_plan(cases["plan_draft_overdue"], manager=leader, start=today - timedelta(days=3), complete=False)
    build_plan(cases["plan_completed"], manager=leader, start=today - timedelta(days=20))
    load_demo_self_certifications(organisation, today)
    load_demo_hr(organisation, today)
    load_demo_routines(organisation, today)
    return organisation
