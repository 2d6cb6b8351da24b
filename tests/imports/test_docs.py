"""The example file in docs/ imports into the demo organisation as the README says."""

from datetime import date
from pathlib import Path

import pytest

from imports import services
from organisation.demo import DEMO_ORG_NUMBER
from organisation.models import Organisation
from sykefravaer.demo import load_demo

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "import-example.csv"


def test_the_documented_example_file_imports_into_the_demo_organisation():
    load_demo(today=date(2026, 3, 2))
    org = Organisation.objects.get(org_number=DEMO_ORG_NUMBER)
    plan = services.plan_content(EXAMPLE.read_bytes(), filename=EXAMPLE.name, organisation=org, full=False)
    assert plan.ok, plan.errors
    assert plan.counts["create"] == 5
    assert [n.label for n in plan.new_units] == ["Nordlys Eiendom AS / Kundeservice / Bedriftskunder"]
    services.plan_apply(plan, by=None, source={})
    again = services.plan_content(EXAMPLE.read_bytes(), filename=EXAMPLE.name, organisation=org, full=False)
    assert again.counts["unchanged"] == 5
