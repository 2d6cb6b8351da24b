"""No English in the Norwegian interface: every page and export each demo role reaches, in nb,
holds no English text of the catalogue (a msgid whose bokmål translation differs from it)."""

import html
import re
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import trans_real

from organisation.demo import DEMO_LOGINS

pytestmark = pytest.mark.django_db

SKIP = re.compile(r"^/(konto/logout|sprak|api|admin|static)(/|$)")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{[^}]*\}")
TEXT_TYPES = ("text/html", "text/csv", "application/json", "text/plain", "text/calendar")


def english_texts() -> dict[str, str]:
    """Fragments of English msgids (two words or more, without placeholders) -> the msgid."""
    catalog = trans_real.translation("nb")._catalog
    found = {}
    for key, translated in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        msgid = msgid.split("\x04")[-1]
        if not msgid or msgid == translated:
            continue
        for fragment in PLACEHOLDER.split(msgid):
            fragment = fragment.strip(" .,:;()«»\"'–-")
            if len(fragment) >= 10 and " " in fragment and re.search(r"[a-z]{3}", fragment):
                found.setdefault(fragment, msgid)
    return found


class _OtherLanguages(HTMLParser):
    """The page without the parts marked as written in another language (lang="en", e.g. a letter
    previewed in the employee's own language), which are English on purpose."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.kept, self.depth = [], 0

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in self.VOID
        elif dict(attrs).get("lang", "nb") != "nb" and tag != "html" and tag not in self.VOID:
            self.depth = 1
        else:
            self.kept.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        else:
            self.kept.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.depth:
            self.kept.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


def visible_text(body: str, content_type: str) -> str:
    if "html" not in content_type:
        return body
    parser = _OtherLanguages()
    parser.feed(body)
    body = "".join(parser.kept)
    # What people typed (a textarea: e.g. the English version of a routine step) is theirs, not ours.
    body = re.sub(r"<(script|style|textarea)\b.*?</\1>", " ", body, flags=re.S | re.I)
    attributes = " ".join(re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', body))
    return html.unescape(re.sub(r"<[^>]+>", " ", body) + " " + attributes)


def shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def walk(client, limit=120):
    queue, seen = ["/", "/logg/"], set()
    while queue and len(seen) < limit:
        url = urlparse(queue.pop(0))
        if SKIP.search(url.path) or shape(url.path) in seen:
            continue
        seen.add(shape(url.path))
        response = client.get(url.path, follow=True)
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith(TEXT_TYPES):
            continue
        body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
        yield response.request["PATH_INFO"], content_type, body
        if "html" in content_type:
            for href in re.findall(r'href="([^"#]+)', body):
                href = html.unescape(href)
                if href.startswith("/"):
                    queue.append(href)


@pytest.fixture
def demo(db, settings):
    settings.DEMO_DATA_ALLOWED = True
    call_command("load_demo", stdout=StringIO())


@pytest.mark.parametrize("username", [login.username for login in DEMO_LOGINS])
def test_no_english_reaches_the_norwegian_pages(client, demo, settings, username):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    client.force_login(get_user_model().objects.get(username=username))
    with translation.override("nb"):
        english = english_texts()
    pattern = re.compile(
        "|".join(rf"(?<![\w-]){re.escape(text)}(?![\w-])" for text in sorted(english, key=len, reverse=True))
    )
    found, visited = {}, []
    for path, content_type, body in walk(client):
        visited.append(path)
        hits = {english[match] for match in pattern.findall(visible_text(body, content_type))}
        if hits:
            found[path] = sorted(hits)
    assert len(visited) > 3, visited
    assert not found, found


def test_an_empty_select_choice_is_norwegian_and_a_required_radio_has_none():
    from cases.forms import PeriodForm
    from followup_plans.forms import EvaluationForm, SharingForm
    from self_certification.forms import SelfCertificationForm

    with translation.override("nb"):
        assert '<option value="" selected>– Velg –</option>' in str(PeriodForm()["kind"])
    for form, name in [
        (SharingForm(), "recipient"),
        (EvaluationForm(), "effect"),
        (SelfCertificationForm(), "work_related"),
    ]:
        assert "" not in [value for value, label in form.fields[name].choices], name
        assert 'value=""' not in str(form[name]), name
