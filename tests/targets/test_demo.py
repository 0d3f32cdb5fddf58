"""seed_targets on the demo (organizations and 300 members): written through the services and audited;
the 2024 plan is judged (met or missed, some of each), the codes not registered yet have no data."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from dangvu.audit.models import AuditEntry
from dangvu.targets.evaluation import evaluate
from dangvu.targets.models import Target, TargetActual
from tests.clock import TODAY

pytestmark = pytest.mark.django_db
SEED = 11


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("seed_demo", "--seed", str(SEED), "--members", "300", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_demo_targets(demo):
    assert "Chỉ tiêu nghị quyết, kế hoạch mẫu: 19 chỉ tiêu, 3 lần ghi kết quả." in demo
    targets = list(Target.objects.select_related("organization"))
    assert len(targets) == 19 and TargetActual.objects.count() == 3
    assert AuditEntry.objects.filter(action="targets.create").count() == 19
    assert AuditEntry.objects.filter(action="targets.record_actual").count() == 3
    ev = evaluate(targets, TODAY)
    plan = [ev[t.pk].status for t in targets if t.organization.code == "38.168"]
    assert len(plan) == 7 and set(plan) == {"met", "missed"}
    congress = [t for t in targets if t.plan_kind == "congress"]
    assert {ev[t.pk].status for t in congress if not ev[t.pk].registered} == {"no_data"}
    assert all(ev[t.pk].status != "missed" or t.measure == "figure" for t in congress)
    breakdown = [t for t in targets if t.parent_id]
    assert {t.organization.code for t in breakdown} == {"38.701"}
    commune = [t for t in congress if t.organization.code == "38.701" and not t.parent_id]
    assert commune and all(t.term is not None and t.term.name == "2025–2030" for t in commune)
