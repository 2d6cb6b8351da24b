"""Extension points: how apps built on cases add to a case without cases importing them.

Cases sit below the apps that use them (docs/architecture.md). Where the case
needs something an upper app owns, the upper app registers it in settings and
cases calls it through the protocol below, as `cases/timeline.py` already does
with `CASE_TIMELINE_SOURCES`.

`CASE_MILESTONE_PROVIDERS` lists objects that keep milestones of their own on
each case beside the engine's statutory ones (today: the organisation's own
routine steps, `hr.routine.PROVIDER`, with keys "org-<id>"). A provider owns
the keys it recognises and is asked for their names and texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    import deadlines

    from .models import Case, CaseMilestone


class MilestoneProvider(Protocol):
    def owns(self, key: str) -> bool:
        """Whether the milestone key is one of this provider's."""

    def sync_case(self, case: Case, engine_case: deadlines.Case, *, by, on: date) -> None:
        """Bring the provider's milestones of one case in line, after the engine's were saved."""

    def title(self, key: str, language: str) -> str:
        """The milestone's name, for a key the provider owns."""

    def texts(self, milestones: Iterable[CaseMilestone], language: str) -> dict[str, dict]:
        """For the case page, by key: title, legal_basis, explanation, reason_text of the provider's milestones."""

    def what_to_do(self, key: str, language: str) -> str | None:
        """The reminder's sentence on what to do, or None for the generic one."""


def reminds_manager(key: str) -> bool:
    """Whether the daily reminders go to the manager for a milestone key (a provider may say no:
    an HR task such as the max-date letter is reminded by its own app, to HR)."""
    provider = provider_for(key)
    check = getattr(provider, "reminds_manager", None) if provider is not None else None
    return True if check is None else bool(check(key))


def milestone_providers() -> list[MilestoneProvider]:
    return [import_string(path) for path in settings.CASE_MILESTONE_PROVIDERS]


def provider_for(key: str) -> MilestoneProvider | None:
    """The provider that owns a milestone key that is not the engine's."""
    return next((p for p in milestone_providers() if p.owns(key)), None)
