"""Vietnamese by default, English through Django i18n (the language switcher posts to set_language)."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.organizations import services

pytestmark = pytest.mark.django_db

TREE = "/to-chuc/"


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_vietnamese_is_the_default(client, cast):
    client.force_login(cast.officer_a)
    page = client.get(TREE).content.decode()
    assert "Cây tổ chức đảng" in page and '<html lang="vi">' in page
    assert "Party organization tree" not in page
    page = client.get(TREE, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Cây tổ chức đảng" in page and "Hiện nay (" in page


def test_login_page_offers_both_languages(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'data-testid="language-switcher"' in page and f'action="{reverse("set_language")}"' in page
    assert ">Tiếng Việt</button>" in page and ">English</button>" in page
    assert 'name="next" value="/tai-khoan/dang-nhap/"' in page


def test_switching_to_english_and_back(client, cast):
    client.force_login(cast.officer_a)
    response = client.post(reverse("set_language"), {"language": "en", "next": TREE}, follow=True)
    assert response.redirect_chain[-1][0] == TREE
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Party organization tree" in page and "Cây tổ chức đảng" not in page
    assert "Today (" in page and "Organization list" in page and "Log out" in page
    # Kind badge and its title (the province is shown as context above district A).
    assert 'title="Provincial or municipal party committee">Province</span>' in page
    assert 'title="District, urban district, town or provincial city party committee">District</span>' in page

    response = client.post(reverse("set_language"), {"language": "vi", "next": TREE}, follow=True)
    assert "Cây tổ chức đảng" in response.content.decode()


def test_english_tree_as_of_a_date_keeps_dd_mm_yyyy(client, cast):
    client.force_login(cast.officer_a)
    _english(client)
    page = client.get(TREE + "?as_of=31/12/2015").content.decode()
    assert "As of 31/12/2015" in page
    page = client.get(TREE + "?as_of=31/12/2009").content.decode()
    assert "No organizations within your scope on 31/12/2009." in page


def test_english_organization_detail(client, cast):
    services.rename(by=SYSTEM, org=cast.tree.cell_a1, name="Chi bộ thôn Đông Hưng", effective_date=dt.date(2020, 1, 1),
                    decision=services.Decision(number="12-QĐ/HU", date=dt.date(2019, 12, 20)))
    client.force_login(cast.officer_a)
    _english(client)
    url = reverse("organizations:detail", args=[cast.tree.cell_a1.pk])
    page = client.get(url + "?as_of=31/12/2019").content.decode()
    for tab in ("Overview", "Committee", "Organization history", "Change history"):
        assert f">{tab}</a>" in page
    assert "Name as of 31/12/2019" in page and "<td>Chi bộ thôn Đông</td>" in page
    assert "Subordinate party cell" in page  # the kind
    assert "Date established</th><td>01/01/2010</td>" in page  # dates stay dd/mm/yyyy in English
    assert "Rename</a>" in page and "Absorb into another organization (sáp nhập)</a>" in page  # action buttons
    assert "Consolidate into a new organization (hợp nhất)</a>" in page

    history = client.get(url + "?tab=history").content.decode()
    assert "Renaming" in history
    assert "Renamed from “Chi bộ thôn Đông” to “Chi bộ thôn Đông Hưng”" in history
    assert "Decision no. 12-QĐ/HU of 20/12/2019" in history

    form = client.get(reverse("organizations:action", args=[cast.tree.cell_a1.pk, "doi-ten"])).content.decode()
    assert "Effective date" in form and "New name" in form


def test_english_form_errors_name_the_field_in_english(client, cast):
    client.force_login(cast.officer_a)
    _english(client)
    url = reverse("organizations:action", args=[cast.tree.cell_a1.pk, "doi-ten"])
    page = client.post(url, {"name": "Chi bộ mới", "effective_date": "31/02/2026", "version": 1}).content.decode()
    assert "Effective date: “31/02/2026” is not a real date: check the day and month (e.g. 30/06/2020)." in page
    # The same form class, next request in Vietnamese: nothing was frozen at import time.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = client.post(url, {"name": "Chi bộ mới", "effective_date": "31/02/2026", "version": 1}).content.decode()
    assert "Ngày hiệu lực: Ngày “31/02/2026” không có thật" in page


def test_choice_labels_follow_the_active_language():
    from django.utils import translation

    from dangvu.accounts.models import Role
    from dangvu.organizations.kinds import Kind

    with translation.override("en"):
        assert Kind.CELL.label == "Subordinate party cell" and isinstance(Kind.CELL.label, str)
        assert ", ".join(Role(r).label for r in (Role.ORG_OFFICER, Role.VIEWER)) == "Organization officer, Leader (view only)"
        assert dict(Kind.choices)[Kind.GRASSROOTS_CELL] == "Grassroots party cell"
    with translation.override("vi"):
        assert Kind.CELL.label == "Chi bộ trực thuộc"
        assert dict(Kind.choices)[Kind.GRASSROOTS_CELL] == "Chi bộ cơ sở"


def test_english_keeps_vietnamese_date_formats():
    from django.template import Context, Template
    from django.utils import translation
    from django.utils.formats import date_format

    with translation.override("en"):
        assert date_format(dt.date(2020, 12, 31)) == "31/12/2020"
        assert Template("{{ d }}").render(Context({"d": dt.date(2020, 12, 31)})) == "31/12/2020"


def test_browser_language_alone_does_not_switch_to_english(client, cast):
    """Vietnamese unless the user chose English: an English browser still gets Vietnamese."""
    client.force_login(cast.officer_a)
    page = client.get("/to-chuc/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Cây tổ chức đảng" in page
