"""Issue 21: the API's list pages cost the same number of queries at two data sizes, on the first page and a deep one.

Deep pages read the lists in the order of an index (organisation.Employee
`employee_name_order`, cases.Case `case_start_order`), so PostgreSQL need not sort every row.
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from organisation.models import Employee

pytestmark = pytest.mark.django_db


def _grow(world, n: int) -> None:
    """n more employees in Sales, each with an open case, written in bulk."""
    unit = world.sales
    first = Employee.objects.count()
    employees = Employee.objects.bulk_create(
        [
            Employee(
                organisation=unit.organisation,
                unit=unit,
                manager=world.sales_manager,
                employee_number=f"Q{first + i}",
                first_name=f"Ansatt{i:04}",
                last_name=f"Etternavn{i % 37:02}",
                employment_start=date(2020, 1, 1),
            )
            for i in range(n)
        ]
    )
    Case.objects.bulk_create(
        [
            Case(employee=e, start=date(2026, 2, 1) + timedelta(days=i % 25), end=date(2026, 4, 1), sick_days=60)
            for i, e in enumerate(employees)
        ]
    )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("path", ["/api/v1/employees/", "/api/v1/cases/"])
def test_list_pages_cost_the_same_at_two_sizes_first_and_deep(api, world, path):
    client = api("org_hr")
    _grow(world, 30)
    client.get(path)  # the key's first use is recorded once
    small = [_queries(client, f"{path}?page_size=10"), _queries(client, f"{path}?page_size=10&page=3")]
    _grow(world, 300)
    large = [_queries(client, f"{path}?page_size=10"), _queries(client, f"{path}?page_size=10&page=30")]
    assert small == large
    assert max(large) < 15


def test_the_list_orderings_have_indexes_that_serve_them():
    employee_indexes = {tuple(i.fields): i.name for i in Employee._meta.indexes}
    case_indexes = {tuple(i.fields): i.name for i in Case._meta.indexes}
    assert employee_indexes[("last_name", "first_name", "id")] == "employee_name_order"
    assert case_indexes[("-start", "id")] == "case_start_order"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM organisation_employee ORDER BY last_name, first_name, id LIMIT 50 OFFSET 1000"
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET enable_seqscan = on")
        assert "employee_name_order" in plan and "Sort" not in plan, plan
