"""Settings for the Celery worker that test_worker.py starts: the test settings, on the test's own queue."""

import os

from tests.settings import *  # noqa: F403

# Each test run has its own queue, so parallel runs on one Redis never take each other's tasks.
CELERY_TASK_DEFAULT_QUEUE = os.environ["TEST_CELERY_QUEUE"]
