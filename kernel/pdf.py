"""PDF documents (follow-up plans, meeting minutes) rendered by WeasyPrint."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template_name: str, context: dict, *, language: str, base_url: str | None = None) -> bytes:
    """Render a template to PDF in the reader's language, tagged for screen readers (PDF/UA-1).

    The template must give <html lang> and a <title>: PDF/UA needs both.
    """
    from weasyprint import HTML  # imported here: it takes a second to load

    with translation.override(language):
        html = render_to_string(template_name, context)
    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
