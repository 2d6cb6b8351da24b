from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    """The claims an employer's provider gives: e-mail, name and a custom employee number."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "employee_id": "profile"}

    def get_additional_claims(self, request):
        person = settings.OP_PEOPLE.get(request.user.username, {})
        claims = {
            "preferred_username": request.user.username,
            "email": person.get("email", ""),
            "email_verified": True,
            "name": person.get("name", request.user.username),
        }
        if person.get("employee_id"):
            claims["employee_id"] = person["employee_id"]
        return claims
