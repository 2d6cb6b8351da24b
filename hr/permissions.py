"""How the HR pages ask cases/access.py: HR only, and only within the user's HR scope.

Cases are read through `visible_cases(user, Action.VIEW_AUDIT)` and employees
through `visible_employees(user, Action.VIEW_AUDIT)`: that action belongs to HR
alone, so a manager who is also HR for another unit never sees their own team
here unless that team is in their HR scope.

The routine and the quality self-assessment belong to the whole organisation:
only HR with access to the whole organisation changes them; HR for some units
reads them.
"""

from django.db.models import QuerySet

from cases import access
from cases.access import Action, Role
from organisation.models import Employee, HRAccess, Organisation, Unit


def require_hr(user) -> None:
    """Managers, employees and administrators without HR access are refused (404, audited)."""
    if Role.HR not in access.roles(user):
        raise access.refuse(user, what="hr", action=Action.VIEW_AUDIT)


def scope_employees(user) -> QuerySet[Employee]:
    return access.visible_employees(user, Action.VIEW_AUDIT)


def scope_cases(user, *, on=None):
    return access.visible_cases(user, Action.VIEW_AUDIT, on=on)


def hr_organisation(user) -> Organisation:
    """The organisation the user is HR for (the first, if several)."""
    grant = HRAccess.objects.filter(user=user).select_related("organisation").order_by("pk").first()
    if grant is None:
        raise access.refuse(user, what="hr_organisation", action=Action.VIEW_AUDIT)
    return grant.organisation


def may_manage(user, organisation: Organisation) -> bool:
    """HR for the whole organisation may change its routine and its quality self-assessment."""
    return HRAccess.objects.filter(user=user, organisation=organisation, whole_organisation=True).exists()


def scope_units(user) -> QuerySet[Unit]:
    """Every unit in the user's HR scope: whole organisations, or the given units with their sub-units."""
    units = Unit.objects.none()
    for grant in HRAccess.objects.filter(user=user).prefetch_related("units"):
        if grant.whole_organisation:
            units |= Unit.objects.filter(organisation_id=grant.organisation_id)
        else:
            units |= Unit.objects.subtree_of(grant.units.all())
    return units


def top_units(units: list[Unit]) -> list[Unit]:
    """The units of a scope that are not below another unit of it."""
    paths = {u.path for u in units}

    def ancestors(path: str):
        parts = path.strip("/").split("/")
        return ("/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts)))

    return [u for u in units if not any(p in paths for p in ancestors(u.path))]
