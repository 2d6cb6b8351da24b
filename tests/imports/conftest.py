import pytest


@pytest.fixture(autouse=True)
def _eager():
    """A confirmed import runs at once here, as a worker would run it (the browser test runs a real worker)."""
    from sykefravaer.celery import app

    before = app.conf.task_always_eager
    app.conf.update(task_always_eager=True)
    yield
    app.conf.update(task_always_eager=before)


@pytest.fixture
def confirm(django_capture_on_commit_callbacks):
    """Confirm an import as the page does; the queued task runs when the request's transaction commits."""
    from django.urls import reverse

    def post(client, batch, data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("imports:confirm", args=[batch.pk]), data)
        assert response.status_code == 302
        return client.get(response["Location"])

    return post
