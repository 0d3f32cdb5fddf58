"""The whole API fuzzed from its OpenAPI schema (schemathesis): no input gives a server error.

One test per operation (so pytest-xdist spreads them over the workers), a few generated requests
each (MAX_EXAMPLES), as an organization officer with a token, on the test database holding the
named cast (tests/conftest.py) and one member. Every answer must be something else than 5xx: a bad
value is a 400 naming the field, an unknown id a 404. Bounded in time: a few minutes on 2 cores.
"""

import datetime as dt
import json
import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.renderers import JSONRenderer
from schemathesis.checks import not_a_server_error

from dangvu.accounts import tokens
from dangvu.accounts.system import SYSTEM
from dangvu.members import services as member_services

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))  # per operation (the suite stays well inside CI's time; raise it locally)


def _schema() -> dict:
    """The schema /api/schema/ serves, generated in-process (it needs no request)."""
    return json.loads(JSONRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


schema = schemathesis.openapi.from_dict(_schema())
app = get_wsgi_application()


@pytest.fixture
def officer_token(cast, settings):
    settings.ALLOWED_HOSTS = ["*"]
    member_services.register_member(by=SYSTEM, organization=cast.tree.cell_a1, full_name="Lê Văn Cường", sex="male",
                                    date_of_birth=dt.date(1980, 4, 2), citizen_id="038080000003",
                                    admission_decision_date=dt.date(2024, 5, 1), ceremony_date=dt.date(2024, 5, 19))
    # The WSGI handler closes the database connection at the end of each request (Django's test
    # client switches that off the same way): on PostgreSQL that would close the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield tokens.create(by=cast.officer_a, name="fuzz", channel="api")[1]
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_input_gives_a_server_error(case, officer_token):
    response = case.call(app=app, headers={"Authorization": f"Token {officer_token}"})
    case.validate_response(response, checks=[not_a_server_error])
