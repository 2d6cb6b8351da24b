"""A PDF fetches nothing from outside: only the app's own static files."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.template import engines

from kernel import pdf


@pytest.fixture
def http_server():
    """A real HTTP server on localhost that counts the requests it gets."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x.png",
        "https://example.com/static/css/app.css",
        "file:///etc/passwd",
        "data:image/png;base64,iVBORw0KGgo=",
        "ftp://example.com/a",
        "https://static.invalid/etc/passwd",
        "https://static.invalid/static/../../etc/passwd",
        "https://static.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://static.invalid/static/css/nothing-here.css",
    ],
)
def test_every_url_but_a_static_file_is_refused(url):
    with pytest.raises(pdf.RefusedURL):
        pdf.url_fetcher().fetch(url)


def test_a_static_file_is_served_from_the_app():
    response = pdf.url_fetcher().fetch(pdf.STATIC_BASE + "static/css/app.css")
    assert response.content_type == "text/css"
    assert b".case-bar" in response.read()


def test_a_rendered_pdf_asks_no_server_and_reads_no_file(http_server, tmp_path, settings, monkeypatch):
    url, hits = http_server
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    html = f"""<html lang="en"><head><title>t</title>
      <link rel="stylesheet" href="{url}/style.css"><link rel="stylesheet" href="file://{secret}">
      <link rel="stylesheet" href="/static/css/app.css"></head>
      <body><img src="{url}/pixel.png" alt=""><img src="//127.0.0.1:{url.rsplit(":", 1)[1]}/p.png" alt="">
      <p style="background: url('{url}/bg.png')">Plan</p></body></html>"""
    fetched = []
    real_fetch = pdf.static_file_for
    monkeypatch.setattr(pdf, "static_file_for", lambda u: fetched.append(u) or real_fetch(u))
    template = engines["django"].from_string(html)
    monkeypatch.setattr(pdf, "render_to_string", lambda name, context: template.render(context))
    document = pdf.render_pdf("unused.html", {}, language="en")
    assert document.startswith(b"%PDF")
    assert hits == []  # the server was never asked
    assert pdf.STATIC_BASE + "static/css/app.css" in fetched  # the app's own stylesheet was read
    assert f"file://{secret}" in fetched  # and the file URL was refused, not read
