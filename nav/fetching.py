"""The beat's other fetches from NAV, per business unit with the integration on.

Each fetch is idempotent (by NAV's ids) and moves its own cursor only past what was stored;
a failure is kept on the integration in words and the next run tries again.
"""

import logging

from django.utils import timezone

from .errors import NavError
from .errors import error as nav_error
from .models import Integration

logger = logging.getLogger(__name__)


def _fetchers():
    from . import documents, income_requests, leaders

    return [
        ("requirements", leaders.requirements_fetch),
        ("documents", documents.documents_fetch),
        ("income_requests", income_requests.income_requests_fetch),
    ]


def fetch_for(integration: Integration) -> dict[str, int | str]:
    results: dict[str, int | str] = {}
    for name, fetch in _fetchers():
        try:
            results[name] = fetch(integration=integration)
        except NavError as failure:
            results[name] = failure.code
            _failed(integration, failure)
        except (KeyError, TypeError, ValueError):
            logger.warning("NAV's answer for %s could not be read (unit %s).", name, integration.unit_id)
            results[name] = "invalid_response"
            _failed(integration, nav_error("invalid_response"))
    return results


def _failed(integration: Integration, failure: NavError) -> None:
    now = timezone.now()
    Integration.objects.filter(pk=integration.pk).update(last_error_code=failure.code, last_error_at=now)


def fetch_all() -> list[dict]:
    return [
        fetch_for(integration)
        for integration in Integration.objects.filter(enabled=True)
        .exclude(unit__business_number="")
        .select_related("unit__organisation")
    ]
