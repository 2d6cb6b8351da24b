"""axe-core over every page of every role: no serious or critical accessibility problems."""

from pathlib import Path

import pytest

from .conftest import log_in
from .pages import ROLES, walk

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({rule: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5)}));
}"""


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is injected into the page as a script of its own, which the app's
    # Content-Security-Policy would refuse; only the test's browser lets it in.
    return {**browser_context_args, "bypass_csp": True}


def serious_problems(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


# Every role in Norwegian; the two most common ones in English as well (the same pages, other words).
CASES = [(role, "nb") for role in ROLES] + [("manager", "en"), ("employee", "en")]


@pytest.mark.parametrize("role, language", CASES)
def test_no_serious_accessibility_problems(live_server, page, demo, role, language):
    log_in(page, live_server.url, ROLES[role], language=language)
    problems, visited = {}, []
    for path in walk(page, live_server.url, role=role):
        visited.append(path)
        if found := serious_problems(page):
            problems[path] = found
    assert len(visited) > 3, visited
    assert not problems, problems


@pytest.mark.parametrize("width", [390, 1280])
def test_a_failed_form_is_accessible(live_server, page, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, "leder", password="wrong")
    assert serious_problems(page) == []
