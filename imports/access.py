"""Who may import: HR for the whole organisation, or an administrator.

The import creates and changes employees across the organisation, so HR
with access to some units only may not use it. The roles come from
cases.access, the one access policy.
"""

from django.db.models import QuerySet

from cases.access import Role, roles
from organisation.models import HRAccess, Organisation


def import_organisations(user) -> QuerySet[Organisation]:
    """The organisations the user may import employees into."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    user_roles = roles(user)
    if Role.ADMIN in user_roles:
        return Organisation.objects.order_by("name")
    if Role.HR not in user_roles:
        return Organisation.objects.none()
    whole = HRAccess.objects.filter(user=user, whole_organisation=True).values("organisation")
    return Organisation.objects.filter(pk__in=whole).order_by("name")


def can_import(user, organisation: Organisation | None = None) -> bool:
    """May the user import into this organisation (or into any, without one)?"""
    organisations = import_organisations(user)
    if organisation is None:
        return organisations.exists()
    return organisations.filter(pk=organisation.pk).exists()
