"""The member register in English (language cookie) and, without the cookie, in Vietnamese."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from dangvu.members.kinds import EventType, Sex, Status
from dangvu.references.models import ListCode
from tests.members import register

pytestmark = pytest.mark.django_db

LIST = reverse("members:list")


@pytest.fixture
def member(cast):
    return register("Trần Văn An", cast.tree.cell_a1, born=dt.date(1980, 5, 1), admitted=dt.date(2012, 6, 1))


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_member_list_in_english(client, cast, member):
    client.force_login(cast.officer_a)
    _english(client)
    page = _page(client, LIST)
    assert '<html lang="en">' in page
    assert "Member list" in page and "Danh sách đảng viên" not in page
    assert "Members: 1" in page and "Export to Excel" in page and "Add member" in page
    for heading in ("Full name", "Year of birth", "Sex", "Ethnicity", "Party organization", "Status", "Date of admission"):
        assert f"<th>{heading}</th>" in page
    assert '<td class="small">Full member</td>' in page and '<td class="small">Male</td>' in page
    # The filter form: labels, band labels and status choices.
    for label in ("Search", "Party age", "Age", "Religion", "Political theory", "Within organization", "As of"):
        assert f">{label}</label>" in page
    assert ">All</option>" in page and ">Currently in the Party</option>" in page
    assert ">Probationary member</option>" in page and ">Struck off</option>" in page and ">Left the Party</option>" in page
    assert ">Up to 30</option>" in page and ">50 years or more</option>" in page
    assert "Tất cả" not in page and "Chính thức" not in page


def test_member_list_without_cookie_is_vietnamese(client, cast, member):
    client.force_login(cast.officer_a)
    page = _page(client, LIST)
    assert '<html lang="vi">' in page
    assert "Danh sách đảng viên" in page and "1 đảng viên" in page
    assert '<td class="small">Chính thức</td>' in page and '<td class="small">Nam</td>' in page
    assert ">Tuổi đảng</label>" in page and ">Tất cả</option>" in page and ">Đang là đảng viên</option>" in page
    assert "Member list" not in page and "Full member" not in page


def test_member_detail_in_english(client, cast, member):
    client.force_login(cast.officer_a)
    _english(client)
    url = reverse("members:detail", args=[member.pk])
    page = _page(client, url)
    assert 'data-testid="member-status">Full member</span>' in page
    assert "Member of" in page and "Edit record" in page and "Record an event" in page
    assert ">Record</a>" in page and ">Timeline</a>" in page
    assert "Party age:" in page and "Tuổi đảng" not in page
    assert "Personal background" in page  # a group of the record

    timeline = _page(client, url + "?tab=events")
    assert "Admission (probationary)" in timeline and "Recognition as full member" in timeline
    assert "Kết nạp (dự bị)" not in timeline


def test_member_detail_without_cookie_is_vietnamese(client, cast, member):
    client.force_login(cast.officer_a)
    url = reverse("members:detail", args=[member.pk])
    page = _page(client, url)
    assert 'data-testid="member-status">Chính thức</span>' in page
    assert "Sinh hoạt tại" in page and "Sửa hồ sơ" in page and ">Quá trình</a>" in page
    assert "Full member" not in page and "Edit record" not in page
    timeline = _page(client, url + "?tab=events")
    assert "Kết nạp (dự bị)" in timeline and "Admission (probationary)" not in timeline


def test_member_choice_labels_are_plain_strings_in_the_active_language():
    with translation.override("en"):
        assert Status.FULL.label == "Full member" and isinstance(Status.FULL.label, str)
        assert f"{Sex.FEMALE.label.lower()}" == "female"
        assert EventType.STRUCK_OFF.label == "Striking off" and Status.STRUCK_OFF.label == "Struck off"
        assert dict(Status.choices)[Status.PROBATIONARY] == "Probationary member"
        assert ListCode.THEORY_LEVEL.label == "Political theory"
    with translation.override("vi"):
        assert Status.FULL.label == "Chính thức" and dict(Status.choices)[Status.PROBATIONARY] == "Dự bị"
        assert EventType.EXPELLED.label == "Khai trừ" and ListCode.RELIGION.label == "Tôn giáo"
