"""Response headers that keep health data out of caches."""

from django.utils.cache import patch_cache_control


class NoStoreForAuthenticatedMiddleware:
    """`Cache-Control: no-store, private` on every response to a signed-in user or an API key.

    Case pages, PDFs, exports and the API carry health data: no browser, proxy or shared cache
    may keep a copy. Checked after the view, so a user the API authenticated by key counts too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, no_store=True, private=True)
            # A response that must not be stored has no business being revalidated either.
            response.headers.pop("Expires", None)
        return response
