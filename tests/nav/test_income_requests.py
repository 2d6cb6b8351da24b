"""NAV's requests for an inntektsmelding reach the case as a payroll task beside the engine's employer period."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from nav import income_requests
from nav.fake.samples import income_report_request
from nav.models import IncomeReportRequest, Integration

FNR = "01019010046"
ORGNR = "974652277"

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world, make_case):
    world.sales.business_number = ORGNR
    world.sales.save()
    Integration.objects.create(unit=world.sales, enabled=True)
    employee = world.sales_employee
    employee.national_id = FNR
    employee.save()
    return make_case(employee, ("sick", date.today() - timedelta(days=30), date.today() + timedelta(days=10), 100))


def test_a_request_lands_on_the_case_once_and_follows_navs_status(fake_nav, world, case, client, settings, in_english):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    start = date.today() - timedelta(days=30)
    item = fake_nav.state.publish_forespoersel(
        income_report_request(
            fnr=FNR,
            orgnr=ORGNR,
            sick=[(start + timedelta(days=2), date.today() + timedelta(days=10))],
            self_certified=[(start, start + timedelta(days=1))],
        )
    )
    integration = Integration.objects.get()
    assert income_requests.income_requests_fetch(integration=integration) == 1
    assert income_requests.income_requests_fetch(integration=integration) == 0
    request = IncomeReportRequest.objects.get()
    assert (request.case, request.status, request.income_date) == (case, "AKTIV", start)
    client.force_login(world.sales_manager.user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Task for payroll: send the inntektsmelding" in page
    # The engine's employer period beside NAV's dates: 16 days from the first day of absence.
    from django.utils.dateformat import format as date_format

    engine = page.split('data-testid="nav-income-engine-dates">')[1].split("</div>")[0]
    assert engine == f"{date_format(start, 'j M Y')} – {date_format(start + timedelta(days=15), 'j M Y')}"
    nav_dates = page.split('data-testid="nav-income-nav-dates">')[1].split("</div>")[0]
    end = date.today() + timedelta(days=10)
    assert nav_dates == f"{date_format(start + timedelta(days=2), 'j M Y')} – {date_format(end, 'j M Y')}"
    # NAV marks it answered: the next fetch follows, the task goes away.
    item["status"] = "BESVART"
    income_requests.income_requests_fetch(integration=integration)
    request.refresh_from_db()
    assert request.status == "BESVART"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Task for payroll" not in page
    sent = [e for e in fake_nav.state.exchanges if e["path"] == "/v1/forespoersler"]
    assert sent[-1]["request"] == {"orgnr": ORGNR, "fraLoepenr": item["loepenr"]}


def test_a_request_for_nobody_in_the_app_is_kept_without_a_case(fake_nav, world, case):
    fake_nav.state.publish_forespoersel(
        income_report_request(fnr="31129910065", orgnr=ORGNR, sick=[(date.today(), date.today() + timedelta(days=5))])
    )
    income_requests.income_requests_fetch(integration=Integration.objects.get())
    request = IncomeReportRequest.objects.get()
    assert request.employee is None and request.case is None
