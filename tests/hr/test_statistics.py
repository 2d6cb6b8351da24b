"""The sick-leave statistics from the database, against figures computed by hand.

Firma AS, March 2026 (22 working days: 1 March is a Sunday, Easter is in April):

    Firma AS      ceo                           100 %, no absence
    ├── A         a1  100 %  sick 100 % Mon 2 – Fri 6 March                   5 lost
    │             a2   80 %  sick  50 % Mon 9 – Fri 20 March    10 × .5 × .8 = 4 lost
    │             a3  100 %  self-certified Mon 23 – Wed 25 March             3 lost (self-certified)
    │             a4, a5 100 %, no absence                       agreed 4.8 × 22 = 105.6
    └── B         b1  100 %  sick 100 % 5 January – 31 March (a long case)  22 lost
                  b2  100 %  holiday Mon 16 – Fri 20 March: 5 days less agreed
                  b3–b5 100 %; b6 100 % employed from Mon 16 March: 12 agreed days
                                                                 agreed 5 × 22 − 5 + 12 = 117

    March: agreed 105.6 + 117 + 22 = 244.6, lost 34, rate 13.90 %.
"""

import csv
import io
import re
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from hr.rates import Figures
from hr.statistics import MIN_GROUP, Cell, absence_statistics, protect, window

from ..factories import EmployeeFactory, HRAccessFactory, OrganisationFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 15)
MARCH = date(2026, 3, 1)


@pytest.fixture
def firma(make_case):
    with time_machine.travel(TODAY, tick=False):
        org = OrganisationFactory(org_number="974760673", name="Firma AS")
        root = UnitFactory(organisation=org, name="Firma AS")
        a = UnitFactory(organisation=org, name="A", parent=root)
        b = UnitFactory(organisation=org, name="B", parent=root)

        def person(unit, name, percentage=100, start=date(2020, 1, 1)):
            return EmployeeFactory(
                organisation=org,
                unit=unit,
                first_name=name,
                employee_number=name,
                position_percentage=percentage,
                employment_start=start,
            )

        ceo = person(root, "ceo")
        staff = {n: person(a, n, 80 if n == "a2" else 100) for n in ("a1", "a2", "a3", "a4", "a5")}
        staff |= {n: person(b, n) for n in ("b1", "b2", "b3", "b4", "b5")}
        staff["b6"] = person(b, "b6", start=date(2026, 3, 16))
        make_case(staff["a1"], ("sick", date(2026, 3, 2), date(2026, 3, 6), 100), today=TODAY)
        make_case(staff["a2"], ("sick", date(2026, 3, 9), date(2026, 3, 20), 50), today=TODAY)
        make_case(staff["a3"], ("egenmelding", date(2026, 3, 23), date(2026, 3, 25), 100), today=TODAY)
        make_case(staff["b1"], ("sick", date(2026, 1, 5), date(2026, 3, 31), 100), today=TODAY)
        from cases import services

        services.period_register(employee=staff["b2"], kind="holiday", start=date(2026, 3, 16), end=date(2026, 3, 20))
        hr = UserFactory(username="firmahr")
        HRAccessFactory(user=hr, organisation=org, whole_organisation=True)
        a_hr = UserFactory(username="ahr")
        HRAccessFactory(user=a_hr, organisation=org, units=[a])
    return {"org": org, "root": root, "a": a, "b": b, "ceo": ceo, "hr": hr, "a_hr": a_hr, **staff}


def _stats(user, **kwargs):
    return absence_statistics(user, last_month=MARCH, today=TODAY, **kwargs)


def test_the_window_is_twelve_months_ending_with_the_chosen_one():
    months = window(MARCH, TODAY)
    assert (months[0], months[-1]) == ((date(2025, 4, 1), date(2025, 4, 30)), (date(2026, 3, 1), date(2026, 3, 31)))
    assert window(date(2026, 4, 1), TODAY)[-1] == (date(2026, 4, 1), TODAY)  # the current month up to today


def test_march_for_the_whole_organisation(firma):
    stats = _stats(firma["hr"])
    march = stats.total_months[-1]
    assert not march.suppressed
    assert march.employees == 12
    assert march.figures.agreed == pytest.approx(244.6)
    assert march.figures.lost == pytest.approx(34)
    assert march.rate == pytest.approx(34 / 244.6 * 100)
    assert march.figures.lost_self == pytest.approx(3)
    assert march.figures.lost_long == pytest.approx(22)
    assert march.long_cases == 1  # b1 is past day 56 from 1 March
    february = stats.total_months[-2]
    # February: 20 working days; b6 not yet employed; a2 at 80 %; b1 sick all month.
    assert (february.employees, february.figures.agreed, february.figures.lost) == (
        11,
        pytest.approx(10 * 20 + 0.8 * 20),
        20,
    )
    assert stats.total_months[-2].long_cases == 0


def test_a_unit_on_its_own(firma):
    stats = _stats(firma["a_hr"])  # HR for A only
    assert stats.focus == firma["a"]
    march = stats.total_months[-1]
    assert (march.employees, march.figures.agreed, march.figures.lost) == (5, pytest.approx(105.6), pytest.approx(12))
    assert march.rate == pytest.approx(11.3636, abs=0.0001)
    assert (march.rate_of("self"), march.rate_of("doctor")) == (
        pytest.approx(3 / 105.6 * 100),
        pytest.approx(9 / 105.6 * 100),
    )
    assert march.rate_of("short") == pytest.approx(march.rate) and march.rate_of("long") == 0
    q1 = stats.total_quarters[-1]
    assert (stats.quarters[-1].quarter, q1.figures.agreed) == (1, pytest.approx(4.8 * (21 + 20 + 22)))


def test_unit_b_counts_the_holiday_and_the_new_employee(firma):
    stats = _stats(firma["hr"], focus=firma["b"])
    march = stats.total_months[-1]
    assert (march.employees, march.figures.agreed, march.figures.lost) == (6, 117, 22)
    assert stats.total_months[-2].employees == 5


def test_small_groups_and_the_smallest_beside_them_are_not_shown(firma):
    stats = _stats(firma["hr"])
    rows = {row.group.key: row for row in stats.rows}
    own = rows[f"own-{firma['root'].pk}"]
    assert own.year.employees == 1 and own.year.suppressed and own.year.rate is None
    # The total minus A and B would give the managing director away: A (the smallest) is hidden too.
    assert rows[f"unit-{firma['a'].pk}"].year.suppressed and rows[f"unit-{firma['a'].pk}"].year.protected
    assert not own.year.protected
    b = rows[f"unit-{firma['b'].pk}"]
    assert not b.year.suppressed and b.quarter.rate == pytest.approx(62 / 322 * 100)
    assert stats.suppressed_any


def test_a_group_of_four_is_not_shown_anywhere(firma, client):
    small = UnitFactory(organisation=firma["org"], name="Liten", parent=firma["root"])
    people = [EmployeeFactory(organisation=firma["org"], unit=small, employee_number=f"s{i}") for i in range(4)]
    hr = UserFactory(username="smallhr")
    HRAccessFactory(user=hr, organisation=firma["org"], units=[small])
    stats = _stats(hr)
    assert all(c.suppressed and c.rate is None for c in [*stats.total_months, *stats.total_quarters, stats.total_year])
    client.force_login(hr)
    client.cookies["sykefravaer_language"] = "en"
    with time_machine.travel(TODAY, tick=False):
        page = client.get(reverse("hr:statistics"), {"month": "2026-03"})
        assert 'data-testid="suppression-note"' in page.content.decode()
        export = client.get(reverse("hr:statistics_export", args=["csv"]), {"month": "2026-03"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    month_rows = [r for r in rows[1:] if r and r[0] == "Month"]
    assert len(month_rows) == 12
    assert all(r[5] == "4" and r[6:14] == [""] * 8 and r[14].startswith("Not shown") for r in month_rows)
    assert people


def test_protect_hides_the_smallest_group_until_the_hidden_ones_are_five():
    def cell(n, hidden=False):
        return Cell(Figures(), n, 0, hidden)

    total = cell(20)
    cells = [cell(2, True), cell(6), cell(5), cell(7)]
    protect(cells, total)
    assert [c.suppressed for c in cells] == [True, False, True, False]  # 2 + 5 hidden
    cells = [cell(5), cell(9)]
    protect(cells, total)
    assert not any(c.suppressed for c in cells)
    cells = [cell(3, True), cell(9)]
    protect(cells, cell(12, True))  # the total is hidden itself: nothing to work out
    assert [c.suppressed for c in cells] == [True, False]


def test_the_page_and_its_exports(client, firma):
    client.force_login(firma["hr"])
    client.cookies["sykefravaer_language"] = "en"
    with time_machine.travel(TODAY, tick=False):
        response = client.get(reverse("hr:statistics"), {"month": "2026-03"})
        content = response.content.decode()
        assert response.status_code == 200
        assert 'data-testid="trend-chart"' in content and "<title" in content
        assert content.count('data-testid="trend-bar"') == 12
        assert 'data-testid="month-table"' in content
        assert "13.9 %" in content  # March
        export = client.get(reverse("hr:statistics_export", args=["xlsx"]), {"month": "2026-03"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export.content)).active
    values = list(sheet.iter_rows(values_only=True))
    march = next(v for v in values if v and v[0] == "Month" and v[2] == "Mar 2026")
    assert march[5:9] == (12, 244.6, 34.0, 13.9)
    assert AuditEvent.objects.filter(action="export.statistics", actor=firma["hr"], detail__format="xlsx").exists()


def test_invalid_month_falls_back_to_this_month(client, firma):
    client.force_login(firma["hr"])
    with time_machine.travel(TODAY, tick=False):
        response = client.get(reverse("hr:statistics"), {"month": "2027-01"})
    assert response.status_code == 200
    assert response.context["month"] == date(2026, 4, 1)
    assert response.context["form"].errors["month"]


def test_the_number_of_queries_does_not_grow_with_the_organisation(client, firma, make_case):
    from django.core.cache import cache

    client.force_login(firma["hr"])
    with time_machine.travel(TODAY, tick=False):
        client.get(reverse("hr:statistics"))
        cache.clear()
        with CaptureQueriesContext(connection) as few:
            client.get(reverse("hr:statistics"))
        with CaptureQueriesContext(connection) as cached:
            client.get(reverse("hr:statistics"))
    for i in range(8):
        person = EmployeeFactory(organisation=firma["org"], unit=firma["b"], employee_number=f"x{i}")
        make_case(person, ("sick", date(2026, 2, 2 + i), date(2026, 2, 20), 100), today=TODAY)
    with time_machine.travel(TODAY, tick=False):
        cache.clear()
        with CaptureQueriesContext(connection) as many:
            client.get(reverse("hr:statistics"))
    assert len(many) == len(few)
    assert len(cached) < len(few)


def test_min_group_is_five():
    assert MIN_GROUP == 5


def test_the_quick_path_for_employees_without_holiday_agrees_with_the_formula():
    """Employees without holiday or leave skip rates.absence_figures; both give the same figures."""
    import random

    from hr.statistics import _add_absences, _Staff

    rng = random.Random(7)
    months = window(MARCH, TODAY)
    for _ in range(200):
        first = date(2025, 1, 1) if rng.random() < 0.7 else date(2025, rng.randint(4, 12), rng.randint(1, 28))
        last = None if rng.random() < 0.8 else date(2026, rng.randint(1, 3), rng.randint(1, 28))
        rows, day, percentage = [], date(2025, 3, 1 + rng.randint(0, 20)), rng.choice([100, 80, 37.5])
        for _ in range(rng.randint(1, 3)):
            end = day + timedelta(days=rng.randint(0, 90))
            kind = rng.choice(["sick", "sick", "egenmelding"])
            rows.append(
                (1, kind, day, end, rng.choice([100, 50, 20, 0]) if kind == "sick" else 100, 9, first, last, percentage)
            )
            day = end + timedelta(days=rng.randint(1, 40))
        cases = {1: [(rows[0][2], rows[-1][3])]}
        quick, exact = {9: _Staff()}, {9: _Staff()}
        _add_absences(quick, rows, cases, months)
        _add_absences(exact, rows, cases, months, exact=True)
        for i in range(len(months)):
            a, b = quick[9].absence.get(i, Figures()), exact[9].absence.get(i, Figures())
            for part in ("agreed", "lost_self", "lost_doctor", "lost_short", "lost_long"):
                assert getattr(a, part) == pytest.approx(getattr(b, part)), (rows, i, part)


def test_figures_are_cached_for_five_minutes(firma, make_case):
    first = _stats(firma["hr"])
    make_case(firma["a4"], ("sick", date(2026, 3, 30), date(2026, 3, 31), 100), today=TODAY)
    again = _stats(firma["hr"])
    assert again.total_months[-1].figures.lost == first.total_months[-1].figures.lost
    assert again.calculated_at == first.calculated_at
    with time_machine.travel(first.calculated_at + timedelta(minutes=6)):
        later = absence_statistics(firma["hr"], last_month=MARCH, today=TODAY)
    assert later.total_months[-1].figures.lost == pytest.approx(first.total_months[-1].figures.lost + 2)
    assert later.calculated_at > first.calculated_at


def test_the_current_month_is_drawn_as_partial(client, firma):
    """On 15 April, April is not over: its column is marked partial and said so; March's chart has none."""
    client.force_login(firma["hr"])
    client.cookies["sykefravaer_language"] = "en"
    with time_machine.travel(TODAY, tick=False):
        april = client.get(reverse("hr:statistics"), {"month": "2026-04"}).content.decode()
        march = client.get(reverse("hr:statistics"), {"month": "2026-03"}).content.decode()
    bars = re.findall(r'<g data-testid="trend-bar"[^>]*>', april)
    assert len(bars) == 12 and ['data-partial="true"' in b for b in bars] == [False] * 11 + [True]
    assert 'data-testid="partial-note"' in april and "is not over yet" in april
    assert "figures so far" in april
    assert 'data-partial="true"' not in march and 'data-testid="partial-note"' not in march
