"""PDF documents (follow-up plans, meeting minutes) rendered by WeasyPrint.

A PDF fetches nothing from outside: WeasyPrint is given a URL fetcher that serves the app's own
static files (`{% static %}` URLs, resolved against STATIC_BASE) and refuses every other URL —
the network, the file system, data: URLs — so text in a plan can never make the server fetch anything.
"""

import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation

# Relative and root-relative URLs in a PDF template resolve against this origin, which names no real host.
STATIC_BASE = "https://static.invalid/"


class RefusedURL(ValueError):
    """A PDF asked for something other than one of the app's static files."""


def static_file_for(url: str):
    """The path of the app's static file a URL names, or RefusedURL."""
    parts = urlsplit(url)
    base = urlsplit(STATIC_BASE)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(prefix):
        raise RefusedURL(f"A PDF may load only the app's static files, not {url[:200]!r}.")
    relative = unquote(parts.path[len(prefix) :])
    if not relative or ".." in PurePosixPath(relative).parts or "\\" in relative or "\x00" in relative:
        raise RefusedURL(f"Not a static file: {url[:200]!r}.")
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        found = None
    if not found:  # a collected file under its hashed name (ManifestStaticFilesStorage)
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / relative).resolve()
        found = str(candidate) if candidate.is_relative_to(root) and candidate.is_file() else None
    if not found:
        raise RefusedURL(f"No such static file: {url[:200]!r}.")
    return found


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves the app's static files and refuses every other URL (the refusal is a warning, not a failure)."""

        def fetch(self, url, headers=None):
            path = static_file_for(url)
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            with open(path, "rb") as file:
                body = file.read()
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return StaticOnlyFetcher


def url_fetcher():
    """A fresh WeasyPrint URL fetcher that serves only the app's static files."""
    return _fetcher_class()()


def render_pdf(template_name: str, context: dict, *, language: str) -> bytes:
    """Render a template to PDF in the reader's language, tagged for screen readers (PDF/UA-1).

    The template must give <html lang> and a <title>: PDF/UA needs both.
    """
    from weasyprint import HTML  # imported here: it takes a second to load

    with translation.override(language):
        html = render_to_string(template_name, context)
    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=url_fetcher()).write_pdf(pdf_variant="pdf/ua-1")
