"""Translated error pages in the site's layout."""

from django.shortcuts import render


class RequestBodyLimitMiddleware:
    """Answer 413 to a body larger than MAX_REQUEST_BODY before anything reads it (CSRF's process_view would)."""

    def __init__(self, get_response):
        from django.conf import settings

        self.limit = settings.MAX_REQUEST_BODY
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = self.limit + 1
        if length > self.limit:
            return render(request, "errors/413.html", {"limit_mb": self.limit // (1024 * 1024)}, status=413)
        return self.get_response(request)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # No context processors that touch the database: it may be what failed.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("errors/500.html").render({}))
