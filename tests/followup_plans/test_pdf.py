"""The PDF for the doctor and NAV: its text (pdftotext) and its pages (pdftoppm) for a person to look at."""

import shutil
import subprocess
from pathlib import Path

import pytest

from followup_plans.demo import build_plan
from followup_plans.pdf import css_counter_content, plan_pdf

from .conftest import TODAY

pytestmark = pytest.mark.django_db

OUT = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: apt-get install poppler-utils")
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())


@pytest.fixture
def full_plan(case, manager, employee, clock):
    return build_plan(case, manager=manager, employee=employee, start=TODAY)


# The headings of the plan in each language: the nb PDF has the Norwegian ones and none of the English.
HEADINGS = {
    "en": [
        "Follow-up plan",
        "The employee's typical working day",
        "Work tasks",
        "Measures",
        "Follow-up",
        "NAV and the doctor",
        "Approvals",
    ],
    "nb": [
        "Oppfølgingsplan",
        "Den ansattes vanlige arbeidsdag",
        "Arbeidsoppgaver",
        "Tiltak",
        "Oppfølging",
        "NAV og legen",
        "Godkjenninger",
    ],
}


@pytest.mark.parametrize(
    "language, words, day",
    [
        (
            "en",
            [
                "Organisation number 912345602",
                "Page 1 of",
                "Version 1",
                "Can be done with adjustment",
                "Cannot be done",
                "Occupational health service",
            ],
            "26 Jan 2026",
        ),
        (
            "nb",
            [
                "Organisasjonsnummer 912345602",
                "Side 1 av",
                "Versjon 1",
                "Kan utføres med tilrettelegging",
                "Kan ikke utføres",
                "Bedriftshelsetjenesten",
            ],
            "26. jan. 2026",
        ),
    ],
)
def test_pdf_has_what_the_doctor_and_nav_need(full_plan, tmp_path, language, words, day, world):
    pdf = plan_pdf(full_plan, language=language)
    text = _text(pdf, tmp_path)
    if language == "nb":
        for heading in [
            "The employee's typical working day",
            "Work tasks",
            "NAV and the doctor",
            "Approvals",
            "Page 1 of",
            "Organisation number",
        ]:
            assert heading not in text, heading
    for word in (
        HEADINGS[language]
        + words
        + [
            "Testbedriften AS",
            world.sales_employee.full_name,
            world.sales_manager.full_name,
            "91234567",
            "Telefonvakt i kundesenteret",
            "Hev-senk-bord",
            day,
        ]
    ):
        assert word in text, word
    # Both approvals carry their time stamps.
    assert text.count(f"Approved {day}" if language == "en" else day) >= 2
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"plan-{language}.pdf").write_bytes(pdf)


def test_pdf_pages_render_as_images(full_plan, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: apt-get install poppler-utils")
    path = tmp_path / "plan.pdf"
    path.write_bytes(plan_pdf(full_plan, language="en"))
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert 2 <= len(pages) <= 4
    text = _text(path.read_bytes(), tmp_path)
    assert f"Page {len(pages)} of {len(pages)}" in text


def test_page_counter_is_css_content_in_any_word_order():
    assert css_counter_content("Page %(page)s of %(pages)s") == '"Page " counter(page) " of " counter(pages)'
    assert css_counter_content("%(page)s/%(pages)s") == 'counter(page) "/" counter(pages)'


def test_names_cannot_break_out_of_the_style_element(full_plan, world, tmp_path):
    organisation = world.sales_employee.organisation
    organisation.name = 'Evil "AS" </style><h1>x'
    organisation.save()
    text = _text(plan_pdf(full_plan, language="en"), tmp_path)
    assert 'Evil "AS" </style><h1>x' in text
