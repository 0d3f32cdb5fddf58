"""A hand edit of the theory level on the member form joins the dated history (members.TheoryLevelRecord), as
a training certificate does; the record keeps the highest level held: lowering or clearing below a recorded
certificate is refused with a Vietnamese error naming the field, nothing overwritten silently."""

import datetime as dt

import pytest
from django.urls import reverse

from dangvu.core.errors import RuleViolation
from dangvu.members import services
from dangvu.members.models import TheoryLevelRecord
from dangvu.references.models import ReferenceItem
from tests.members import register
from tests.members.test_pages import _record_data

pytestmark = pytest.mark.django_db
D = dt.date


def level(code):
    return ReferenceItem.objects.get(list_code="theory_level", code=code)


def test_the_form_edit_adds_a_dated_row_and_never_lowers(client, cast):
    m = register("Đỗ Văn Hải", cast.tree.cell_a1)
    client.force_login(cast.officer_a)
    response = client.post(reverse("members:edit", args=[m.pk]), _record_data(m, theory_level=level("intermediate").pk))
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.theory_level == level("intermediate")
    [row] = TheoryLevelRecord.objects.filter(member=m)
    assert row.level == level("intermediate") and row.obtained_on == D(2026, 12, 3) and "Sửa trên phiếu" in row.source
    assert row.recorded_by_id == cast.officer_a.pk
    # Lowering below the recorded level is refused on the form, naming the field.
    response = client.post(reverse("members:edit", args=[m.pk]), _record_data(m, theory_level=level("elementary").pk))
    assert response.status_code == 200 and "đã có Trung cấp" in response.content.decode()
    m.refresh_from_db()
    assert m.theory_level == level("intermediate") and TheoryLevelRecord.objects.filter(member=m).count() == 1
    # A higher level: a second row; the record shows the highest.
    services.update_member(by=cast.officer_a, member=m, expected_version=None, theory_level=level("advanced"))
    m.refresh_from_db()
    assert m.theory_level == level("advanced")
    assert list(TheoryLevelRecord.objects.filter(member=m).order_by("level__rank").values_list("level__code", flat=True)) \
        == ["intermediate", "advanced"]


def test_clearing_a_recorded_level_is_refused_and_an_unrecorded_old_value_may_be_corrected(cast):
    m = register("Đỗ Văn Hải", cast.tree.cell_a1)
    services.record_theory_level(by=cast.officer_a, member=m, level=level("intermediate"), obtained_on=D(2025, 6, 10))
    with pytest.raises(RuleViolation) as exc:
        services.update_member(by=cast.officer_a, member=m, expected_version=None, theory_level=None)
    assert [(x.code, x.field) for x in exc.value.violations] == [("member.theory_lower", "theory_level")]
    other = register("Lê Văn Tư", cast.tree.cell_a1, theory_level=level("advanced"))  # an old value, no history
    services.update_member(by=cast.officer_a, member=other, expected_version=None, theory_level=level("elementary"))
    other.refresh_from_db()
    assert other.theory_level == level("elementary")
    assert list(TheoryLevelRecord.objects.filter(member=other).values_list("level__code", flat=True)) == ["elementary"]
