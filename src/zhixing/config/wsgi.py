import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhixing.config.settings")
application = get_wsgi_application()

# A server loads this module once (with gunicorn --preload, before forking its workers):
# the scenario queries are rendered here, not during the first events.
from zhixing.evaluation.realtime import warm_up  # noqa: E402

warm_up()
