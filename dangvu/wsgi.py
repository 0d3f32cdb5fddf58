import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
# The web process refuses to start without SECRET_KEY in the environment when DEBUG is off.
os.environ.setdefault("DANGVU_REQUIRE_SECRET_KEY", "1")
application = get_wsgi_application()
