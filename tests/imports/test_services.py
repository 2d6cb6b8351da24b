from datetime import date
from decimal import Decimal

import pytest
import time_machine

from audit.models import AuditEvent
from imports import services
from imports.models import ImportBatch
from imports.planning import Action
from organisation.models import Employee, Organisation, Unit
from organisation.services import unit_save

from .helpers import HEADER, csv_bytes, large_file

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def row(employee=None, **values) -> list[str]:
    """A file row for an employee as stored (so unchanged), with some values replaced."""
    data = dict.fromkeys(HEADER, "")
    if employee is not None:
        unit_path = "/".join(
            u.name
            for u in Unit.objects.filter(pk__in=[int(p) for p in employee.unit.path.strip("/").split("/")]).order_by(
                "path"
            )
        )
        data.update(
            org_number=employee.organisation.org_number,
            employee_number=employee.employee_number,
            first_name=employee.first_name,
            last_name=employee.last_name,
            email=employee.email,
            unit=unit_path,
            manager_employee_number=employee.manager.employee_number if employee.manager else "",
            employment_start=employee.employment_start.strftime("%d.%m.%Y"),
            employment_end=employee.employment_end.isoformat() if employee.employment_end else "",
            position_percentage=str(employee.position_percentage),
            preferred_language=employee.preferred_language,
        )
    data.update(values)
    return [data[c] for c in HEADER]


def everyone(world) -> list[list[str]]:
    return [row(e) for e in Employee.objects.filter(organisation=world.root.organisation).order_by("pk")]


def plan(world, rows, *, full=False, header=HEADER):
    return services.plan_content(
        csv_bytes(rows, header), filename="ansatte.csv", organisation=world.root.organisation, full=full
    )


def apply(world, rows, *, full=False, by=None):
    result = plan(world, rows, full=full)
    assert result.ok, result.errors
    services.plan_apply(result, by=by or world.org_hr, source={"test": True})
    return result


def test_the_organisation_as_stored_is_all_unchanged(world):
    result = plan(world, everyone(world), full=True)
    assert result.ok
    assert result.counts["unchanged"] == 6
    assert result.counts["create"] == result.counts["change"] == result.counts["deactivate"] == 0


def test_plan_shows_created_and_changed_fields(world):
    rows = [
        row(world.sales_employee, last_name="Hansen", unit="Root/Support", position_percentage="60"),
        row(
            employee_number="9001",
            first_name="Nina",
            last_name="Ny",
            unit="Root/Sales/Sales North",
            manager_employee_number=world.sales_manager.employee_number,
            employment_start="2026-01-15",
        ),
    ]
    result = plan(world, rows)
    changed, created = result.rows
    assert changed.action == Action.CHANGE
    assert {(c.field, c.before, c.after) for c in changed.changes} == {
        ("last_name", "Test", "Hansen"),
        ("unit", "Root / Sales", "Root / Support"),
        ("position_percentage", "100", "60"),
    }
    assert created.action == Action.CREATE
    assert ("manager", "–", f"Salesmanager Test ({world.sales_manager.employee_number})") in {
        (c.field, c.before, c.after) for c in created.changes
    }
    assert result.counts["deactivate"] == 0  # not a full file: nobody leaves


def test_apply_writes_the_plan_and_reimport_changes_nothing(world):
    rows = [
        *everyone(world),
        row(
            employee_number="9001",
            first_name="Nina",
            last_name="Ny",
            unit="Root/Support/Kantine",
            manager_employee_number="9002",
            employment_start="15.01.2026",
            email="nina@example.no",
            position_percentage="50,5",
            preferred_language="en",
        ),
        row(employee_number="9002", first_name="Leo", last_name="Leder", unit="Kantine", employment_start="2025-01-01"),
    ]
    apply(world, rows, full=True)
    nina = Employee.objects.get(employee_number="9001")
    assert nina.unit.name == "Kantine" and nina.unit.parent == world.support
    assert nina.unit.path == f"{world.support.path}{nina.unit.pk}/"
    assert nina.manager.employee_number == "9002"  # the manager came later in the file
    assert (nina.position_percentage, nina.preferred_language, nina.email) == (Decimal("50.5"), "en", "nina@example.no")
    events = AuditEvent.objects.exclude(action="import.applied").count()
    again = plan(world, rows, full=True)
    assert again.counts["unchanged"] == 8 and again.counts["create"] == again.counts["change"] == 0
    assert again.counts["new_units"] == again.counts["deactivate"] == 0
    services.plan_apply(again, by=world.org_hr, source={})
    assert AuditEvent.objects.exclude(action="import.applied").count() == events


def test_a_full_import_marks_the_missing_as_having_left_and_deletes_nobody(world):
    rows = [r for r in everyone(world) if r[1] != world.support_employee.employee_number]
    result = apply(world, rows, full=True)
    assert [d.employee for d in result.deactivations] == [world.support_employee]
    world.support_employee.refresh_from_db()
    assert world.support_employee.employment_end == TODAY
    assert Employee.objects.count() == 6
    event = AuditEvent.objects.get(action="employee.import_left")
    assert event.employee == world.support_employee and event.actor == world.org_hr
    # Already gone: the same file again marks nobody.
    assert plan(world, rows, full=True).counts["deactivate"] == 0


def test_a_partial_import_marks_nobody_as_having_left(world):
    result = apply(world, [row(world.sales_employee)], full=False)
    assert result.deactivations == []
    assert not Employee.objects.exclude(employment_end=None).exists()


def test_an_employee_who_left_and_is_back_in_the_file_is_active_again(world):
    Employee.objects.filter(pk=world.sales_employee.pk).update(employment_end=date(2025, 12, 31))
    world.sales_employee.refresh_from_db()
    result = apply(world, [row(world.sales_employee, employment_end="")])
    assert [(c.field, c.after) for c in result.rows[0].changes] == [("employment_end", "–")]
    world.sales_employee.refresh_from_db()
    assert world.sales_employee.employment_end is None


def test_leaving_date_in_the_file_is_kept(world):
    apply(world, [row(world.sales_employee, employment_end="31.03.2026")])
    world.sales_employee.refresh_from_db()
    assert world.sales_employee.employment_end == date(2026, 3, 31)


def test_manager_change_and_removal(world):
    result = apply(
        world,
        [
            row(world.sales_employee, manager_employee_number=world.support_manager.employee_number),
            row(world.north_employee, manager_employee_number=""),
        ],
    )
    assert [c.field for r in result.rows for c in r.changes] == ["manager", "manager"]
    world.sales_employee.refresh_from_db()
    world.north_employee.refresh_from_db()
    assert world.sales_employee.manager == world.support_manager
    assert world.north_employee.manager is None


def test_without_optional_columns_the_stored_values_stay(world):
    Employee.objects.filter(pk=world.sales_employee.pk).update(position_percentage=60, preferred_language="en")
    header = ["employee_number", "first_name", "last_name", "unit", "employment_start"]
    employee = world.sales_employee
    result = plan(
        world,
        [[employee.employee_number, employee.first_name, employee.last_name, "Sales", "2020-01-01"]],
        header=header,
    )
    assert result.rows[0].action == Action.UNCHANGED


def errors_of(result) -> list[tuple[int, str]]:
    return [(e.line, e.column) for e in result.errors]


def test_every_kind_of_row_error_names_line_and_column(world):
    rows = [
        row(employee_number="9001", first_name="A", last_name="A", unit="Nowhere", employment_start="2020-01-01"),
        row(
            employee_number="9002",
            first_name="B",
            last_name="B",
            unit="Sales",
            employment_start="2020-01-01",
            org_number="912345603",
        ),
        row(
            employee_number="9003",
            first_name="C",
            last_name="C",
            unit="Sales",
            employment_start="2020-01-01",
            org_number="974760673",
        ),
        row(employee_number="9001", first_name="D", last_name="D", unit="Sales", employment_start="2020-01-01"),
        row(
            employee_number="9005",
            first_name="E",
            last_name="E",
            unit="Sales",
            employment_start="2020-01-01",
            manager_employee_number="424242",
        ),
        row(employee_number="9006", first_name="F", last_name="F", unit="Sales", employment_start="31.02.2020"),
        row(employee_number="9007", first_name="", last_name="G", unit="Sales", employment_start="2020-01-01"),
        row(
            employee_number="9008",
            first_name="H",
            last_name="H",
            unit="Sales",
            employment_start="2020-01-01",
            employment_end="2019-12-31",
        ),
        row(
            employee_number="9009",
            first_name="I",
            last_name="I",
            unit="Sales",
            employment_start="2020-01-01",
            manager_employee_number="9009",
        ),
        row(
            employee_number="9010",
            first_name="J",
            last_name="J",
            unit="Sales",
            employment_start="2020-01-01",
            email="not-an-address",
            position_percentage="120",
            preferred_language="sv",
        ),
    ]
    result = plan(world, rows)
    assert not result.ok
    assert errors_of(result) == [
        (2, "unit"),
        (3, "org_number"),
        (4, "org_number"),
        (5, "employee_number"),
        (6, "manager_employee_number"),
        (7, "employment_start"),
        (8, "first_name"),
        (9, "employment_end"),
        (10, "manager_employee_number"),
        (11, "email"),
        (11, "position_percentage"),
        (11, "preferred_language"),
    ]
    messages = {(e.line, e.column): e.message for e in result.errors}
    assert "Unknown unit Nowhere" in messages[(2, "unit")]
    assert "not a valid organisation number" in messages[(3, "org_number")]
    assert "not this import's organisation" in messages[(4, "org_number")]
    assert "also on line 2" in messages[(5, "employee_number")]
    assert "Manager 424242 not found" in messages[(6, "manager_employee_number")]
    assert "31.02.2020 is not a date" in messages[(7, "employment_start")]
    assert {r.action for r in result.rows} == {Action.ERROR}
    with pytest.raises(services.ImportRefused):
        services.plan_apply(result, by=world.org_hr, source={})
    assert Employee.objects.count() == 6


def test_ambiguous_unit_names_need_a_path(world):
    unit_save(unit=Unit(organisation=world.root.organisation, name="Sales North", parent=world.support))
    result = plan(
        world,
        [row(employee_number="1", first_name="A", last_name="B", unit="Sales North", employment_start="2020-01-01")],
    )
    assert errors_of(result) == [(2, "unit")]
    assert "give the path" in result.errors[0].message


def test_parent_unit_column_creates_the_unit_below_it(world):
    result = services.plan_content(
        csv_bytes(
            [
                [
                    *row(
                        employee_number="1", first_name="A", last_name="B", unit="Lager", employment_start="2020-01-01"
                    ),
                    "Support",
                ]
            ],
            [*HEADER, "parent_unit"],
        ),
        filename="x.csv",
        organisation=world.root.organisation,
        full=False,
    )
    assert [n.label for n in result.new_units] == ["Root / Support / Lager"]
    services.plan_apply(result, by=world.org_hr, source={})
    assert Unit.objects.get(name="Lager").parent == world.support


def test_unknown_parent_unit_is_an_error(world):
    header = [*HEADER, "parent_unit"]
    result = services.plan_content(
        csv_bytes(
            [
                [
                    *row(
                        employee_number="1", first_name="A", last_name="B", unit="Lager", employment_start="2020-01-01"
                    ),
                    "Ukjent",
                ]
            ],
            header,
        ),
        filename="x.csv",
        organisation=world.root.organisation,
        full=False,
    )
    assert errors_of(result) == [(2, "parent_unit")]


def test_paths_may_leave_out_the_top_unit_and_plain_names_find_units_other_rows_create(world):
    result = plan(
        world,
        [
            row(employee_number="1", first_name="A", last_name="B", unit="Nytt team", employment_start="2020-01-01"),
            row(
                employee_number="2",
                first_name="C",
                last_name="D",
                unit="Sales/Nytt team",
                employment_start="2020-01-01",
            ),
        ],
    )
    assert result.ok, result.errors
    assert [n.label for n in result.new_units] == ["Root / Sales / Nytt team"]


def test_an_empty_organisation_gets_its_units_from_the_paths(db):
    org = Organisation.objects.create(name="Ny AS", org_number="974760673")
    content = csv_bytes(
        [
            ["974760673", "1", "A", "B", "", "Ny AS/Drift", "", "2020-01-01", "", "", ""],
            ["974760673", "2", "C", "D", "", "Ny AS/Salg", "1", "2020-01-01", "", "", ""],
        ]
    )
    result = services.plan_content(content, filename="x.csv", organisation=org, full=True)
    services.plan_apply(result, by=None, source={})
    assert [u.name for u in Unit.objects.filter(organisation=org)] == ["Ny AS", "Drift", "Salg"]
    assert services.plan_content(content, filename="x.csv", organisation=org, full=True).counts["unchanged"] == 2


def test_batch_apply_checks_again_and_applies_once(world):
    content = csv_bytes(
        [
            *everyone(world),
            row(employee_number="9001", first_name="A", last_name="B", unit="Sales", employment_start="2020-01-01"),
        ]
    )
    batch = services.batch_create(
        organisation=world.root.organisation, filename="a.csv", content=content, full=True, by=world.org_hr
    )
    preview = services.batch_plan(batch)
    with pytest.raises(services.ImportRefused) as refused:
        services.batch_apply(batch=batch, by=world.org_hr, fingerprint="not-what-was-shown")
    assert refused.value.code == "stale_preview"
    services.batch_apply(batch=batch, by=world.org_hr, fingerprint=preview.fingerprint)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED and bytes(batch.content) == b""
    assert batch.summary["create"] == 1 and batch.summary["unchanged"] == 6
    event = AuditEvent.objects.get(action="import.applied")
    assert event.actor == world.org_hr and event.detail["create"] == 1 and event.detail["file"] == "a.csv"
    with pytest.raises(services.ImportRefused) as refused:
        services.batch_apply(batch=batch, by=world.org_hr)
    assert refused.value.code == "not_pending"


def test_the_preview_is_refused_if_employees_changed_meanwhile(world):
    content = csv_bytes([row(world.sales_employee, last_name="Ny")])
    batch = services.batch_create(
        organisation=world.root.organisation, filename="a.csv", content=content, full=False, by=world.org_hr
    )
    shown = services.batch_plan(batch).fingerprint
    Employee.objects.filter(pk=world.sales_employee.pk).update(first_name="Endret")
    with pytest.raises(services.ImportRefused):
        services.batch_apply(batch=batch, by=world.org_hr, fingerprint=shown)


def test_unconfirmed_uploads_are_forgotten_after_a_day(world):
    old = services.batch_create(
        organisation=world.root.organisation, filename="a.csv", content=b"x", full=False, by=world.org_hr
    )
    with time_machine.travel(date(2026, 3, 4), tick=False):
        services.batch_create(
            organisation=world.root.organisation, filename="b.csv", content=b"y", full=False, by=world.org_hr
        )
    old.refresh_from_db()
    assert old.status == ImportBatch.Status.DISCARDED and bytes(old.content) == b""


def test_two_thousand_lines_plan_with_bounded_queries(world, django_assert_max_num_queries):
    content = large_file(2000)
    with django_assert_max_num_queries(3):
        result = services.plan_content(content, filename="big.csv", organisation=world.root.organisation, full=False)
    assert result.ok, result.errors[:3]
    assert result.counts["create"] == 2000 and result.counts["new_units"] == 25
    services.plan_apply(result, by=world.org_hr, source={})
    assert Employee.objects.filter(employee_number__gte="50000").count() == 2000
    assert Employee.objects.exclude(manager=None).filter(employee_number__gte="50000").count() == 2000 - 20
    again = services.plan_content(content, filename="big.csv", organisation=world.root.organisation, full=False)
    assert again.counts["unchanged"] == 2000


def test_values_too_long_for_the_database_are_errors(world):
    result = plan(
        world,
        [
            row(
                employee_number="1",
                first_name="A",
                last_name="B",
                unit="Sales",
                employment_start="2020-01-01",
                email="a" * 250 + "@example.no",
            ),
            row(
                employee_number="2",
                first_name="A",
                last_name="B",
                employment_start="2020-01-01",
                unit="/".join(f"Nivå {i}" for i in range(13)),
            ),
            row(employee_number="3" * 31, first_name="A", last_name="B", unit="Sales", employment_start="2020-01-01"),
        ],
    )
    assert errors_of(result) == [(2, "email"), (3, "unit"), (4, "employee_number")]
    assert "deeper than 12 levels" in result.errors[1].message


NATIONAL_HEADER = [*HEADER, "national_id", "business_unit_number"]


def id_row(employee=None, *, national_id="", business_unit_number="", **values):
    return [*row(employee, **values), national_id, business_unit_number]


def test_import_reads_national_id_and_business_unit_number(world):
    rows = [id_row(world.sales_employee, national_id="010190 10046", business_unit_number="974652277")]
    result = services.plan_content(
        csv_bytes(rows, NATIONAL_HEADER), filename="a.csv", organisation=world.root.organisation, full=False
    )
    assert result.ok, result.errors
    changes = {c.field: (c.before, c.after) for c in result.rows[0].changes}
    # The preview and the audit log show the number masked, never in full.
    assert changes["national_id"] == ("–", "010190 *****")
    assert changes["business_unit_number"] == ("–", "974652277")
    services.plan_apply(result, by=world.org_hr, source={})
    employee = Employee.objects.get(pk=world.sales_employee.pk)
    assert employee.national_id == "01019010046"
    assert employee.unit.business_number == "974652277"
    assert "01019010046" not in str(list(AuditEvent.objects.values_list("detail", flat=True)))
    again = services.plan_content(
        csv_bytes(rows, NATIONAL_HEADER), filename="a.csv", organisation=world.root.organisation, full=False
    )
    assert again.rows[0].action == Action.UNCHANGED


def test_import_refuses_a_bad_national_id_with_a_message(world):
    rows = [id_row(world.sales_employee, national_id="01019010047")]
    result = services.plan_content(
        csv_bytes(rows, NATIONAL_HEADER), filename="a.csv", organisation=world.root.organisation, full=False
    )
    assert not result.ok
    assert result.errors[0].column == "national_id"
    assert "control digits" in result.errors[0].message
    assert "01019010047" not in result.errors[0].message


def test_import_refuses_a_bad_or_conflicting_business_unit_number(world):
    rows = [
        id_row(world.sales_employee, business_unit_number="974652278"),
        id_row(world.sales_manager, business_unit_number="974652277"),
        id_row(world.sales_employee_2, business_unit_number="889640782"),
    ]
    result = services.plan_content(
        csv_bytes(rows, NATIONAL_HEADER), filename="a.csv", organisation=world.root.organisation, full=False
    )
    assert {(e.line, e.column) for e in result.errors} == {(2, "business_unit_number"), (4, "business_unit_number")}


def test_import_without_the_new_columns_leaves_the_numbers_alone(world):
    employee = world.sales_employee
    employee.national_id = "01019010046"
    employee.save()
    apply(world, [row(employee, last_name="Hansen")])
    assert Employee.objects.get(pk=employee.pk).national_id == "01019010046"


def test_import_reads_mobile_numbers_and_a_manager_change_reaches_the_signal(world):
    from organisation.signals import managers_changed

    told = []

    def listener(sender, employee_ids, source, **kwargs):
        told.append((sorted(employee_ids), source))

    managers_changed.connect(listener, dispatch_uid="test-import-listener")
    try:
        header = [*HEADER, "mobil"]
        rows = [
            [
                *row(world.sales_employee, manager_employee_number=world.support_manager.employee_number),
                "+47 900 11 222",
            ],
            [*row(world.sales_manager), "12"],
        ]
        result = services.plan_content(
            csv_bytes(rows, header), filename="a.csv", organisation=world.root.organisation, full=False
        )
        assert [(e.line, e.column) for e in result.errors] == [(3, "mobile")]
        result = services.plan_content(
            csv_bytes(rows[:1], header), filename="a.csv", organisation=world.root.organisation, full=False
        )
        assert result.ok, result.errors
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            services.plan_apply(result, by=world.org_hr, source={})
    finally:
        managers_changed.disconnect(dispatch_uid="test-import-listener")
    employee = Employee.objects.get(pk=world.sales_employee.pk)
    assert employee.mobile == "+4790011222" and employee.manager == world.support_manager
    assert told == [([employee.pk], "import")]
