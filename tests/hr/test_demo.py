"""HR's demo data on top of the demo organisation: the statistics show real figures."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from cases.models import CaseMilestone
from hr.demo import load_demo_hr
from hr.models import QualityRound, RoutineStep
from hr.statistics import absence_statistics
from organisation.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_hr(settings):
    settings.DEMO_DATA_ALLOWED = True
    call_command("load_demo", stdout=StringIO())
    organisation = Organisation.objects.get()
    if not RoutineStep.objects.exists():  # until the demo loader calls it itself
        load_demo_hr(organisation, timezone.localdate())
    return organisation


def test_routine_steps_reach_the_open_cases(demo_hr):
    assert RoutineStep.objects.filter(organisation=demo_hr, active=True).count() == 4
    assert CaseMilestone.objects.filter(key__startswith="org-", statutory=False).exists()
    assert QualityRound.objects.filter(organisation=demo_hr).count() == 2


def test_statistics_show_figures_for_the_demo(demo_hr):
    hr = get_user_model().objects.get(username="hr")
    today = timezone.localdate()
    stats = absence_statistics(hr, last_month=today, today=today)
    assert not stats.total_year.suppressed
    assert stats.total_year.employees >= 40
    assert stats.total_year.rate > 0
    assert any(not row.year.suppressed for row in stats.rows)
