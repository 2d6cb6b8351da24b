"""Phones: every page of every role fits 390 px, and tables become cards rather than scroll sideways."""

import pytest

from .conftest import log_in
from .pages import ROLES, walk

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}

TOO_WIDE = """(width) => {
  const wide = [];
  if (document.documentElement.scrollWidth > width) wide.push("page " + document.documentElement.scrollWidth + " px");
  document.querySelectorAll("table").forEach((table) => {
    const box = table.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1))
      wide.push("table " + (table.dataset.testid || table.className) + " to " + Math.round(box.right) + " px");
  });
  return wide;
}"""


@pytest.mark.parametrize("role", ROLES)
def test_no_page_is_wider_than_a_phone(live_server, page, demo, role):
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, ROLES[role])
    problems, visited = {}, []
    for path in walk(page, live_server.url, role=role):
        visited.append(path)
        if wide := page.evaluate(TOO_WIDE, PHONE["width"]):
            problems[path] = wide
    assert len(visited) > 3, visited
    assert not problems, problems


def test_the_next_deadline_and_its_state_come_first_on_a_phone(live_server, page, demo, shot):
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "leder")
    page.goto(f"{live_server.url}/leder/")
    row = page.get_by_test_id("overview-row").first
    cells = row.locator("td")
    tops = {
        label: cells.nth(i).bounding_box()["y"]
        for i, label in enumerate(["name", "unit", "today", "day", "deadline", "status"])
    }
    assert tops["name"] < tops["deadline"] < tops["status"] < tops["unit"] < tops["day"]
    label = page.evaluate("(cell) => getComputedStyle(cell, '::before').content", cells.nth(4).element_handle())
    assert label == '"Neste frist"'
    shot("manager-start-phone")
