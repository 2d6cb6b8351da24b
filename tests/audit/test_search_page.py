"""The audit log page: pages found from the last event shown, never counting the log."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEvent
from hr.views_audit import PAGE_SIZE

pytestmark = pytest.mark.django_db


def _events(world, count, *, at=None):
    at = at or timezone.now()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                at=at - timedelta(seconds=i // 2),
                action="case.view",
                actor_label="orghr",
                employee=world.sales_employee,
                employee_label=world.sales_employee.full_name,
                object_id=str(i),
            )
            for i in range(count)
        ]
    )


def _shown(response) -> list[str]:
    return [event.object_id for event in response.context["page"]["events"]]


def test_older_and_newer_links_walk_the_whole_log_once(client, world):
    _events(world, 2 * PAGE_SIZE + 7)  # two events share each second: the cursor must break the tie
    client.force_login(world.org_hr)
    seen, page, pages = [], client.get("/logg/"), []
    while True:
        pages.append(page)
        seen += _shown(page)
        older = page.context["page"]["older"]
        if older is None:
            break
        page = client.get("/logg/", {"before": older})
    assert [len(_shown(p)) for p in pages] == [PAGE_SIZE, PAGE_SIZE, 7]
    newest_first = list(
        AuditEvent.objects.filter(action="case.view").order_by("-at", "-pk").values_list("object_id", flat=True)
    )
    assert seen == newest_first and len(set(seen)) == 2 * PAGE_SIZE + 7
    assert pages[0].context["page"]["newer"] is None
    back = client.get("/logg/", {"after": pages[2].context["page"]["newer"]})
    assert _shown(back) == _shown(pages[1])
    assert back.context["page"]["newer"] is not None


def test_queries_do_not_grow_with_the_log_or_the_depth(client, world):
    client.force_login(world.org_hr)
    _events(world, 3 * PAGE_SIZE)
    client.get("/logg/")
    with CaptureQueriesContext(connection) as small:
        first = client.get("/logg/")
        client.get("/logg/", {"before": first.context["page"]["older"]})
    _events(world, 10 * PAGE_SIZE, at=timezone.now() - timedelta(days=1))
    with CaptureQueriesContext(connection) as large:
        first = client.get("/logg/")
        client.get("/logg/", {"before": first.context["page"]["older"]})
    assert len(large) == len(small)
    assert not any("COUNT(" in q["sql"] and "audit_auditevent" in q["sql"] for q in large.captured_queries)


@pytest.mark.parametrize("cursor", ["x", "1.", ".1", "99999999999999999999.1", "-5.3", "1.2.3"])
def test_a_mangled_cursor_shows_the_first_page(client, world, cursor):
    _events(world, 3)
    client.force_login(world.org_hr)
    for name in ("before", "after"):
        response = client.get("/logg/", {name: cursor})
        assert response.status_code == 200
        assert _shown(response) == ["1", "0", "2"]  # newest first; the later one of a tie first
