"""Issue 8 §4 on the letters: control characters are refused in every text of a letter (API and
service alike, naming the field), and a letter stored with one before the policy still prints."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from dangvu.core.errors import RuleViolation
from dangvu.transfers import services
from dangvu.transfers.models import TransferLetter
from tests.clock import TODAY
from tests.transfers.conftest import official

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def _payload(member, destination, **kw):
    return {"member": member.pk, "destination": destination.pk, "issue_date": (TODAY - 4 * DAY).isoformat(),
            "basis_date": (TODAY - 8 * DAY).isoformat(), **official(**kw)}


@pytest.mark.parametrize("field", ["basis", "number", "signer_name", "signer_title"])
def test_a_control_character_is_refused_in_every_text_of_a_letter(api, cast, binh, field):
    response = api(cast.officer_a).post("/api/transfers/", _payload(binh, cast.tree.cell_b1, **{field: "QĐ\u0001 1"}),
                                        format="json")
    assert response.status_code == 400, response.content
    assert field in response.json() and "U+0001" in response.json()[field][0]
    assert not TransferLetter.objects.exists()


def test_the_service_refuses_a_bidi_override_and_a_mixed_script_signer(cast, binh):
    with pytest.raises(RuleViolation) as exc:
        services.issue_letter(by=cast.officer_a, member=binh, destination=cast.tree.cell_b1, issue_date=TODAY - 4 * DAY,
                              basis_date=TODAY - 8 * DAY, **official(basis="Quyết định \u202e54 số"))
    assert {v.field for v in exc.value.violations} == {"basis"}
    with pytest.raises(RuleViolation) as exc:
        services.issue_letter(by=cast.officer_a, member=binh, destination=cast.tree.cell_b1, issue_date=TODAY - 4 * DAY,
                              basis_date=TODAY - 8 * DAY, signer_name="Nguyễn Vаn Tổ", **official())  # Cyrillic а
    assert {v.field for v in exc.value.violations} == {"signer_name"}
    assert "Cyrillic" in exc.value.violations[0].message


def test_decomposed_vietnamese_is_stored_composed(cast, binh):
    letter = services.issue_letter(by=cast.officer_a, member=binh, destination=cast.tree.cell_b1,
                                   issue_date=TODAY - 4 * DAY, basis_date=TODAY - 8 * DAY,
                                   signer_name="Nguye\u0302\u0303n Va\u0306n To\u0302\u0309", **official())
    letter.refresh_from_db()
    assert letter.signer_name == "Nguyễn Văn Tổ"


def test_a_letter_stored_with_a_control_character_still_prints(client, cast, binh):
    letter = services.issue_letter(by=cast.officer_a, member=binh, destination=cast.tree.cell_b1,
                                   issue_date=TODAY - 4 * DAY, basis_date=TODAY - 8 * DAY, **official())
    TransferLetter.objects.filter(pk=letter.pk).update(basis="QĐ\u0001 1")  # as stored before the policy
    client.force_login(cast.officer_a)
    response = client.get(reverse("transfers:docx", args=[letter.pk]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "QĐ 1" in text
