from datetime import date

import pytest

from self_certification.models import SelfCertification


@pytest.fixture
def english(client, settings):
    """Answer in English, so the tests can read the texts."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def eager_celery():
    """Run queued tasks at once, as a worker would."""
    from sykefravaer.celery import app

    before = app.conf.task_always_eager
    app.conf.update(task_always_eager=True)
    yield app
    app.conf.update(task_always_eager=before)


def user_of(world, name: str):
    value = getattr(world, name)
    return value.user if hasattr(value, "user") else value


def report(employee, start: date, end: date, *, status=SelfCertification.Status.SUBMITTED, **fields):
    """A self-certification row as the employee's form would leave it."""
    return SelfCertification.objects.create(
        employee=employee,
        start=start,
        end=end,
        declaration=True,
        work_related=fields.pop("work_related", "no"),
        status=status,
        **fields,
    )
