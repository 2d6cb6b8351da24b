"""Every page a role can reach: followed from its start page, link by link, as a person would.

One page per URL shape (`/saker/4/` and `/saker/7/` are one shape), so that the walk
stays short and still meets each kind of page. Downloads (PDF, CSV, XLSX, JSON), the
API, the admin's own site and anything that logs out or switches language are left out.
"""

import re
from collections.abc import Iterator
from urllib.parse import urlparse

from playwright.sync_api import Page

# The demo's log-ins (organisation/demo.py) with the role each stands for.
ROLES = {"manager": "leder", "employee": "ansatt", "new-employee": "sara", "hr": "hr", "admin": "admin"}
# Where a walk starts besides the page the log-in lands on (the admin lands in Django's admin site).
STARTS = {"admin": ["/logg/"]}

SKIP = re.compile(r"/(konto/logout|sprak|api|admin)(/|$)|\.(pdf|csv|xlsx|json)$|/(pdf|csv|xlsx|eksport|export)/?$")


def shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def walk(page: Page, base_url: str, *, role: str = "", limit: int = 80) -> Iterator[str]:
    """Visit each page shape reachable from the current page; yield its path once it has loaded."""
    host = urlparse(base_url).netloc
    queue, seen = [page.url, *(base_url + path for path in STARTS.get(role, []))], set()
    while queue and len(seen) < limit:
        url = urlparse(queue.pop(0))
        if shape(url.path) in seen:
            continue
        seen.add(shape(url.path))
        try:
            response = page.goto(url._replace(fragment="", query="").geturl())
        except Exception:  # a download, not a page
            continue
        if response is None or "html" not in response.headers.get("content-type", ""):
            continue
        assert response.status < 400, f"{url.path} answered {response.status}"
        yield url.path
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            link = urlparse(href)
            if link.netloc == host and not SKIP.search(link.path) and shape(link.path) not in seen:
                queue.append(href)
