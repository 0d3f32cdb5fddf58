"""Every page × the named cast: allowed (200), read-only (403 on writes), or not found (404)."""

import pytest
from django.urls import reverse

from dangvu.organizations.models import CommitteeTerm, Organization
from tests.conftest import FOUNDED

OK, RO, NF, LOGIN = 200, 403, 404, 302

CAST = ["admin", "officer_a", "secretary_a1", "member_a1", "viewer_a", "officer_b"]


def _pages(tree, term, training_class):
    a1, a, b1 = tree.cell_a1.pk, tree.district_a.pk, tree.cell_b1.pk
    detail = lambda pk, tab="overview": reverse("organizations:detail", args=[pk]) + f"?tab={tab}"  # noqa: E731
    action = lambda pk, slug: reverse("organizations:action", args=[pk, slug])  # noqa: E731
    # page → expected status per cast member, in CAST order
    return {
        reverse("organizations:tree"): [OK, OK, OK, OK, OK, OK],
        reverse("organizations:list"): [OK, OK, OK, OK, OK, OK],
        detail(a1): [OK, OK, OK, OK, OK, NF],
        detail(a1, "committee"): [OK, OK, OK, OK, OK, NF],
        detail(a1, "history"): [OK, OK, OK, OK, OK, NF],
        detail(a1, "audit"): [OK, OK, NF, NF, OK, NF],
        detail(a): [OK, OK, NF, NF, OK, NF],
        detail(b1): [OK, NF, NF, NF, NF, OK],
        reverse("organizations:edit", args=[a1]): [OK, OK, RO, RO, RO, NF],
        reverse("organizations:create") + f"?parent={a}": [OK, OK, NF, NF, NF, NF],
        action(a1, "doi-ten"): [OK, OK, RO, RO, RO, NF],
        action(a1, "chuyen"): [OK, OK, RO, RO, RO, NF],
        action(a1, "sap-nhap"): [OK, OK, RO, RO, RO, NF],
        action(a1, "chia-tach"): [OK, OK, RO, RO, RO, NF],
        action(a1, "giai-the"): [OK, OK, RO, RO, RO, NF],
        action(a1, "doi-loai-hinh"): [OK, OK, RO, RO, RO, NF],
        reverse("organizations:term_create", args=[a1]): [OK, OK, RO, RO, RO, NF],
        reverse("organizations:seat_add", args=[term.pk]): [OK, OK, RO, RO, RO, NF],
        reverse("audit:log"): [OK, NF, NF, NF, NF, NF],
        reverse("todo"): [OK, OK, OK, OK, OK, OK],
        # an item nobody has in their list (tests/todo/test_worklist.py: who may mark what)
        reverse("todo:handle") + "?key=check%7C%2Fnowhere%2F%7C": [NF, NF, NF, NF, NF, NF],
        reverse("accounts:password_change"): [OK, OK, OK, OK, OK, OK],
        # Accounts managed in the app: officers and administrators only (a secretary creates no accounts).
        reverse("access:list"): [OK, OK, NF, NF, NF, OK],
        reverse("access:create"): [OK, OK, NF, NF, NF, OK],
        reverse("access:bulk") + f"?organization={a}": [OK, OK, NF, NF, NF, NF],
        reverse("my_record"): [OK, OK, OK, OK, OK, OK],
        reverse("my_cell"): [NF, NF, OK, NF, NF, NF],
        # Cell meetings: the cell's secretary and officers above it record; a member sees their own on "Hồ sơ của tôi".
        reverse("meetings:index"): [OK, OK, OK, OK, OK, OK],
        reverse("meetings:cell", args=[a1]): [OK, OK, OK, NF, OK, NF],
        reverse("meetings:add", args=[a1]): [OK, OK, OK, NF, RO, NF],
        reverse("meetings:cell", args=[b1]): [OK, NF, NF, NF, NF, OK],
        # Training classes: officers of the opening committee's subtree record; whoever reads the register of that
        # committee sees them (a cell's secretary sees the certificate on the candidate's admission step instead).
        reverse("training:list"): [OK, OK, OK, OK, OK, OK],
        reverse("training:add"): [OK, OK, RO, RO, RO, OK],
        reverse("training:detail", args=[training_class.pk]): [OK, OK, NF, NF, OK, NF],
        reverse("training:edit", args=[training_class.pk]): [OK, OK, NF, NF, RO, NF],
        reverse("training:enrol", args=[training_class.pk]): [OK, OK, NF, NF, RO, NF],
        reverse("training:results", args=[training_class.pk]): [OK, OK, NF, NF, RO, NF],
    }


@pytest.fixture
def term(cast):
    return CommitteeTerm.objects.create(organization=cast.tree.cell_a1, name="2020–2025", start_date=FOUNDED)


@pytest.fixture
def training_class(cast):
    from dangvu.accounts.system import SYSTEM
    from tests.training.conftest import open_class

    return open_class(cast.tree.district_a, by=SYSTEM)


@pytest.mark.django_db
def test_every_page_for_every_cast_member(client, cast, term, training_class):
    failures = []
    for url, expected in _pages(cast.tree, term, training_class).items():
        for who, status in zip(CAST, expected, strict=True):
            client.force_login(getattr(cast, who))
            got = client.get(url).status_code
            if got != status:
                failures.append(f"{who} GET {url}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, cast, term, training_class):
    for url in _pages(cast.tree, term, training_class):
        if url.startswith(reverse("accounts:password_change")):
            continue
        response = client.get(url)
        assert response.status_code == LOGIN and "/tai-khoan/dang-nhap/" in response["Location"], url


@pytest.mark.django_db
def test_read_only_roles_cannot_write_by_post(client, cast):
    a1 = cast.tree.cell_a1
    for who in ("viewer_a", "secretary_a1", "member_a1"):
        client.force_login(getattr(cast, who))
        response = client.post(reverse("organizations:edit", args=[a1.pk]),
                                {"name": "Đổi trộm", "code": a1.code, "unit_type": a1.unit_type, "version": a1.version})
        assert response.status_code == RO
    client.force_login(cast.officer_b)
    response = client.post(reverse("organizations:action", args=[a1.pk, "giai-the"]), {"effective_date": "01/01/2026"})
    assert response.status_code == NF
    a1.refresh_from_db()
    assert a1.name == "Chi bộ thôn Đông" and a1.is_active


@pytest.mark.django_db
def test_tree_children_of_another_district_reveal_nothing(client, cast):
    client.force_login(cast.officer_b)
    response = client.get(reverse("organizations:tree_children", args=[cast.tree.district_a.pk]))
    assert response.status_code == OK
    assert "An Lạc" not in response.content.decode() and "Chi bộ thôn" not in response.content.decode()


@pytest.mark.django_db
def test_choices_offer_only_organizations_in_scope(client, cast):
    client.force_login(cast.officer_a)
    html = client.get(reverse("organizations:action", args=[cast.tree.cell_a1.pk, "sap-nhap"])).content.decode()
    assert "Chi bộ thôn Tây" in html
    assert "Bình Minh" not in html and "Chi bộ thôn Bắc" not in html


@pytest.mark.django_db
def test_outsider_cannot_create_under_foreign_parent_by_post(client, cast):
    client.force_login(cast.officer_b)
    before = Organization.objects.count()
    response = client.post(reverse("organizations:create"), {
        "name": "Chi bộ lạ", "code": "99.001.001.000.077", "kind": "cell", "unit_type": "other",
        "parent": cast.tree.grassroots_a.pk, "effective_date": "01/02/2026",
    })
    assert response.status_code == OK  # the form is shown again with the parent refused as an invalid choice
    assert "parent" in response.context["form"].errors
    assert Organization.objects.count() == before
