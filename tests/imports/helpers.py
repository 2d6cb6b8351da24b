"""Employee files for the import tests, written as a payroll system would."""

import io
from datetime import date

HEADER = [
    "org_number",
    "employee_number",
    "first_name",
    "last_name",
    "email",
    "unit",
    "manager_employee_number",
    "employment_start",
    "employment_end",
    "position_percentage",
    "preferred_language",
]


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER, *, delimiter: str = ";", bom: bool = True) -> bytes:
    lines = [delimiter.join(header), *(delimiter.join(str(v) for v in row) for row in rows)]
    text = "\r\n".join(lines) + "\r\n"
    return ("\ufeff" if bom else "").encode() + text.encode()


def xlsx_bytes(rows: list[list], header: list[str] = HEADER) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def large_file(count: int, *, org_number: str = "912345602", first_number: int = 50_000) -> bytes:
    """A file of `count` employees in 5 departments of 4 teams each, with a manager per team.

    Each team's manager comes after their staff in the file, as payroll exports sorted by name do.
    """
    rows = []
    teams = [(f"Avdeling {d}", f"Team {d}.{t}") for d in range(1, 6) for t in range(1, 5)]
    managers = {team: str(first_number + count - 1 - i) for i, team in enumerate(teams)}
    for i in range(count):
        number = str(first_number + i)
        team = teams[i % len(teams)]
        is_manager = number in managers.values()
        manager = "" if is_manager else managers[team]
        if is_manager:
            team = next(t for t, n in managers.items() if n == number)
        rows.append(
            [
                org_number,
                number,
                f"Fornavn{i}",
                f"Etternavn{i}",
                f"ansatt{i}@example.no",
                f"{team[0]}/{team[1]}",
                manager,
                date(2015 + i % 10, 1 + i % 12, 1 + i % 28).strftime("%d.%m.%Y"),
                "",
                ["100", "80", "50,5"][i % 3],
                ["nb", "en"][i % 2],
            ]
        )
    return csv_bytes(rows)
