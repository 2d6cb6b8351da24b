import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sykefravaer.settings")
application = get_wsgi_application()

from sykefravaer.checks import require_secret_key  # noqa: E402  (needs the app registry)

require_secret_key()  # fail at start, not on the first request
