from django.conf import settings
from django.utils import translation

from .selectors import employee_of


class PreferredLanguageMiddleware:
    """Use the employee's preferred language until they choose one in the switch."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and request.user.is_authenticated:
            employee = employee_of(request.user)
            if employee is not None:
                translation.activate(employee.preferred_language)
                request.LANGUAGE_CODE = employee.preferred_language
        return self.get_response(request)
