"""Uploads cannot exhaust the server: zip bombs, endless rows of columns and oversized bodies are refused early."""

import io
import tracemalloc
import zipfile

import pytest

from imports import parsing
from imports.models import ImportBatch
from imports.parsing import MAX_COLUMNS, parse_file

from .helpers import HEADER, csv_bytes, xlsx_bytes

ROW = ["912345602", "1001", "Kari", "Nordmann", "", "Drift", "", "01.03.2019", "", "100", "nb"]


def _bomb(unpacked_bytes: int) -> bytes:
    """A valid-looking .xlsx whose shared strings part inflates to `unpacked_bytes` (it compresses to almost nothing)."""
    good = zipfile.ZipFile(io.BytesIO(xlsx_bytes([ROW])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in good.infolist():
            bomb.writestr(info.filename, good.read(info.filename))
        with bomb.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            chunk = b"<si><t>" + b"A" * 1_000_000 + b"</t></si>"
            for _ in range(unpacked_bytes // len(chunk) + 1):
                part.write(chunk)
    return out.getvalue()


def test_a_zip_bomb_is_refused_from_the_archive_directory_without_unpacking():
    content = _bomb(parsing.MAX_UNPACKED_PART_BYTES + 1_000_000)
    assert len(content) < 1_000_000  # small on the wire
    tracemalloc.start()
    parsed = parse_file(content, "ansatte.xlsx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert not parsed.rows
    assert "unpacks to more than" in parsed.errors[0].message
    assert peak < 20_000_000  # nothing was inflated


def test_an_xlsx_under_the_unpacked_limit_is_read():
    parsed = parse_file(xlsx_bytes([ROW]), "ansatte.xlsx")
    assert not parsed.errors and parsed.rows[0].values["first_name"] == "Kari"


def test_a_csv_row_with_too_many_columns_is_refused_with_its_line():
    wide = ROW + ["x"] * (MAX_COLUMNS - len(ROW) + 1)
    parsed = parse_file(csv_bytes([ROW, wide]), "ansatte.csv")
    assert not parsed.rows
    assert parsed.errors[0].line == 3 and f"more than {MAX_COLUMNS} columns" in parsed.errors[0].message


def test_an_xlsx_row_with_too_many_columns_is_refused():
    wide = ROW + [None] * (MAX_COLUMNS - len(ROW)) + ["x"]
    parsed = parse_file(xlsx_bytes([ROW, wide]), "ansatte.xlsx")
    assert not parsed.rows and parsed.errors[0].line == 3


def test_as_many_columns_as_allowed_are_read():
    header = HEADER + [f"extra_{i}" for i in range(MAX_COLUMNS - len(HEADER))]
    parsed = parse_file(csv_bytes([ROW + [""] * (MAX_COLUMNS - len(ROW))], header), "ansatte.csv")
    assert not parsed.errors and len(parsed.rows) == 1


@pytest.mark.django_db
def test_an_oversized_body_is_refused_with_413_before_it_is_read(client, world, settings):
    client.force_login(world.org_hr)
    body = b"x" * (settings.MAX_REQUEST_BODY + 1)
    response = client.generic("POST", "/import/", body, content_type="multipart/form-data; boundary=zzz")
    assert response.status_code == 413
    assert "larger than 10 MB" in response.content.decode()
    assert not ImportBatch.objects.exists()
