"""Who a person signing in through an identity provider is: found by a claim, never created."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from organisation.models import Employee


def match_claim(provider_settings: dict) -> str:
    return provider_settings.get("match_claim") or settings.OIDC_MATCH_CLAIM


def claims_of(extra_data: dict) -> dict:
    """The claims the provider gave: the ID token's, completed by userinfo."""
    return {**(extra_data.get("id_token") or {}), **(extra_data.get("userinfo") or {})}


def find_user(claims: dict, claim: str):
    """The active user the claim names, or None. `email` matches an employee's or a user's e-mail;
    any other claim holds an employee number."""
    value = str(claims.get(claim) or "").strip()
    if not value:
        return None
    if claim == "email":
        employees = Employee.objects.filter(email__iexact=value, user__is_active=True)
        users = get_user_model().objects.filter(Q(email__iexact=value) | Q(employee__in=employees), is_active=True)
    else:
        users = get_user_model().objects.filter(employee__employee_number=value, is_active=True)
    users = list(users.distinct()[:2])
    return users[0] if len(users) == 1 else None  # two people with one address: nobody
