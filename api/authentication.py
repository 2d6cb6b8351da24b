from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .services import token_for_key


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <key>`: the request acts as the key's user, with that user's access."""

    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_('Send the key as "Authorization: Bearer <key>".'))
        token = token_for_key(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("The API key is not valid: it is unknown, revoked or expired."))
        request.api_token = token
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key created by an administrator: `Authorization: Bearer sf_…`.",
        }
