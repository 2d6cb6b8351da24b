"""The OpenAPI schema: every operation also documents its JSON errors."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

ERROR_STATUSES = {
    "400": "The request is not valid, or a rule refused it; see `code`, `detail` and `fields`.",
    "401": "No API key or session, or the key is unknown, revoked or expired.",
    "403": "Not allowed (e.g. a session request without its CSRF token).",
    "404": "No such object, or not one you may see.",
}


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        from .serializers import ErrorOut

        for status, description in ERROR_STATUSES.items():
            if status not in responses:
                response = self._get_response_for_code(ErrorOut, status, direction=direction)
                response["description"] = description
                responses[status] = response
        return responses
