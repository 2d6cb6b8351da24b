"""Who receives a reminder about an employee on a day, for all employees at once.

- The responsible manager: the acting manager (stedfortreder) of a delegation
  from the employee's nearest manager that is active on the day, else the
  nearest manager. Only users who are active; never the employee themself.
- HR for the employee's unit: users whose HR access covers the employee, the
  whole organisation or a unit whose subtree holds the employee's unit (the
  same rule as cases/access.py).

`Directory.load` reads delegations and HR access in three queries, whatever the
number of employees, so the daily run can resolve 50,000 cases in memory.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from organisation.models import Delegation, Employee, HRAccess


@dataclass(frozen=True)
class _HRGrant:
    organisation_id: int
    whole_organisation: bool
    unit_paths: tuple[str, ...]
    user_id: int

    def covers(self, organisation_id: int, unit_path: str) -> bool:
        if organisation_id != self.organisation_id:
            return False
        return self.whole_organisation or any(unit_path.startswith(path) for path in self.unit_paths)


@dataclass
class Directory:
    """Delegations active on one day and every HR grant, ready to answer per employee."""

    on: date
    # manager (employee id) -> [(acting manager's employee id, their user id)], the latest delegation first
    acting: dict[int, list[tuple[int, int]]]
    grants: list[_HRGrant]
    _hr_cache: dict[tuple[int, str], frozenset[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, on: date) -> "Directory":
        acting: dict[int, list[tuple[int, int]]] = defaultdict(list)
        delegations = (
            Delegation.objects.active(on)
            .filter(acting_manager__user__isnull=False, acting_manager__user__is_active=True)
            .order_by("manager_id", "-starts_on", "-pk")
            .values_list("manager_id", "acting_manager_id", "acting_manager__user_id")
        )
        for manager_id, acting_id, user_id in delegations:
            acting[manager_id].append((acting_id, user_id))
        grants = [
            _HRGrant(
                access.organisation_id,
                access.whole_organisation,
                tuple(unit.path for unit in access.units.all()),
                access.user_id,
            )
            for access in HRAccess.objects.filter(user__is_active=True).prefetch_related("units")
        ]
        return cls(on=on, acting=dict(acting), grants=grants)

    def manager_user_id(
        self, *, employee_id: int, employee_user_id: int | None, manager_id: int | None, manager_user_id: int | None
    ) -> int | None:
        """The responsible manager's user id; pass manager_user_id only if that user is active."""
        if manager_id is None:
            return None
        for acting_id, acting_user_id in self.acting.get(manager_id, ()):
            if acting_id != employee_id and acting_user_id != employee_user_id:
                return acting_user_id
        if manager_user_id is None or manager_user_id == employee_user_id:
            return None
        return manager_user_id

    def hr_user_ids(self, *, organisation_id: int, unit_path: str) -> frozenset[int]:
        """HR users whose scope holds the unit (cached per unit: many employees share one)."""
        key = (organisation_id, unit_path)
        found = self._hr_cache.get(key)
        if found is None:
            found = frozenset(g.user_id for g in self.grants if g.covers(organisation_id, unit_path))
            self._hr_cache[key] = found
        return found


def responsible_manager(employee: Employee, *, on: date):
    """The user who gets the manager's reminders about the employee on a day, or None."""
    manager = employee.manager
    manager_user_id = manager.user_id if manager is not None and manager.user_id else None
    if manager_user_id is not None and not get_user_model().objects.filter(pk=manager_user_id, is_active=True).exists():
        manager_user_id = None
    user_id = Directory.load(on).manager_user_id(
        employee_id=employee.pk,
        employee_user_id=employee.user_id,
        manager_id=employee.manager_id,
        manager_user_id=manager_user_id,
    )
    return get_user_model().objects.filter(pk=user_id).first() if user_id else None


def hr_recipients(employee: Employee) -> list:
    """HR users whose scope holds the employee (never the employee themself)."""
    ids = Directory.load(timezone.localdate()).hr_user_ids(
        organisation_id=employee.organisation_id, unit_path=employee.unit.path
    )
    return list(get_user_model().objects.filter(pk__in=ids - {employee.user_id}).order_by("username"))
