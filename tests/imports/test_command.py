from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from imports.models import ImportBatch
from organisation.models import Employee, Organisation

from .helpers import csv_bytes

pytestmark = pytest.mark.django_db

NEW_ROW = ["912345602", "9001", "Nina", "Ny", "", "Root/Sales", "", "01.02.2026", "", "", ""]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(date(2026, 3, 2), tick=False):
        yield


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_employees", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def path(tmp_path):
    def write(rows, name="ansatte.csv"):
        file = tmp_path / name
        file.write_bytes(csv_bytes(rows))
        return str(file)

    return write


def test_dry_run_prints_the_plan_and_writes_nothing(world, path):
    out, _ = run(path([NEW_ROW]), "--dry-run", "--full")
    assert "1 new, 0 changed, 0 unchanged, 6 marked as having left" in out
    assert "+ line 2: 9001 Nina Ny" in out
    assert f"- {world.support_employee.employee_number} Supportemployee Test: employment end 2026-03-02" in out
    assert "Dry run" in out
    assert not Employee.objects.filter(employee_number="9001").exists()
    assert not ImportBatch.objects.exists()


def test_import_applies_and_logs_then_changes_nothing_the_second_time(world, path):
    file = path([NEW_ROW])
    out, _ = run(file, "--organisation", "912345602")
    assert "Imported" in out
    assert Employee.objects.filter(employee_number="9001").exists()
    assert ImportBatch.objects.get().status == ImportBatch.Status.APPLIED
    assert AuditEvent.objects.filter(action="import.applied", actor=None).exists()
    out, _ = run(file)
    assert "0 new, 0 changed, 1 unchanged" in out


def test_errors_exit_with_status_2_and_name_line_and_column(world, path):
    bad = NEW_ROW.copy()
    bad[7] = "not a date"
    with pytest.raises(CommandError) as error:
        run(path([bad]))
    assert error.value.returncode == 2
    assert not Employee.objects.filter(employee_number="9001").exists()


def test_error_lines_are_printed(world, path, capsys):
    bad = NEW_ROW.copy()
    bad[5] = "Nowhere"
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_employees", path([bad]), "--dry-run", stdout=StringIO(), stderr=err)
    assert "error: line 2, column unit: Unknown unit Nowhere" in err.getvalue()


def test_organisation_is_needed_when_there_are_several(world, path):
    Organisation.objects.create(name="Annen AS", org_number="974760673")
    with pytest.raises(CommandError, match="--organisation"):
        run(path([NEW_ROW]))
    with pytest.raises(CommandError, match="No organisation"):
        run(path([NEW_ROW]), "--organisation", "123456789")


def test_unreadable_path(world):
    with pytest.raises(CommandError, match="Cannot read"):
        run("/nonexistent/ansatte.csv")
