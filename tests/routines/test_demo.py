"""The routines in the demo: HR's letter task, Ola Hansen's frequent-absence flag, the registered BHT."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reminders.models import Delivery
from routines.models import Flag, OccupationalHealthService
from sykefravaer.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org():
    return load_demo(today=timezone.localdate())


def _client(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_hr_has_a_letter_task_with_a_notification(demo_org):
    page = _client("hr").get(reverse("routines:letters"))
    rows = page.context["rows"]
    assert rows and not rows[0]["case"].sent
    assert Delivery.objects.filter(kind=Delivery.Kind.HR_TASK, recipient__username="hr", sent_at__isnull=False).exists()
    letter = _client("hr").get(reverse("routines:letter", args=[rows[0]["case"].pk])).content.decode()
    assert "estimat – NAVs dato gjelder" in letter


def test_ola_is_flagged_for_frequent_absences_on_his_and_his_managers_pages(demo_org):
    flag = Flag.objects.get(employee__first_name="Ola", rule=Flag.Rule.FREQUENT, cleared_on=None)
    own = _client("ansatt").get(reverse("employee_start")).content.decode()
    assert "de siste 6 månedene" in own and 'data-rule="frequent"' in own
    manager = _client("leder").get(reverse("organisation:employee_detail", args=[flag.employee_id])).content.decode()
    assert "de siste 6 månedene" in manager and "Involver bedriftshelsetjenesten (BHT)." in manager


def test_the_organisation_has_its_bht(demo_org):
    assert OccupationalHealthService.objects.get(organisation=demo_org).name == "Agder Bedriftshelsetjeneste"
