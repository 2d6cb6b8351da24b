"""Every API error as JSON: {"code": ..., "detail": ...}, in the request's language.

Validation errors add "fields" (field name -> messages); a refused domain
rule (e.g. an overlapping period) adds "field" when it concerns one field.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kernel.errors import DomainError

_CODES = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.ParseError: "parse_error",
    exceptions.Throttled: "throttled",
}


def _messages(detail) -> list[str] | dict:
    if isinstance(detail, dict):
        return {key: _messages(value) for key, value in detail.items()}
    if isinstance(detail, list):
        flat = []
        for item in detail:
            value = _messages(item)
            flat.extend(value if isinstance(value, list) else [value])
        return flat
    return [str(detail)]


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        body = {"code": exc.code, "detail": str(exc.message)}
        if exc.field:
            body["field"] = exc.field
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's handler reports it
    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        fields = {key: _messages(value) for key, value in fields.items()}
        first = next(iter(fields.items()))
        first_message = first[1][0] if isinstance(first[1], list) and first[1] else str(first[1])
        response.data = {
            "code": "invalid",
            "detail": _("The request is not valid: %(field)s: %(message)s")
            % {"field": first[0], "message": first_message},
            "fields": fields,
        }
        return response
    code = _CODES.get(type(exc)) or next((c for t, c in _CODES.items() if isinstance(exc, t)), None)
    response.data = {"code": code or getattr(exc, "default_code", "error"), "detail": str(exc.detail)}
    return response
