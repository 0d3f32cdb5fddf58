"""The login page in a browser: a variant spelling logs in; repeated failures lock the account."""

import pytest

from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_login_with_a_variant_spelling_and_the_lockout(page, cast):
    login(page, " OFFICER_A ", PASSWORD)
    assert page.get_by_test_id("current-user").inner_text().strip().endswith("Nguyễn Văn An")
    page.click("text=Đăng xuất")
    page.wait_for_load_state("networkidle")
    for _ in range(5):
        login(page, "officer_a", "sai-mat-khau")
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.content()
    login(page, "officer_a", PASSWORD)
    assert "Đăng nhập sai quá nhiều lần" in page.content()
    assert page.get_by_test_id("current-user").count() == 0


def test_own_api_tokens_page(page, cast):
    login(page, "officer_a", PASSWORD)
    page.click("text=Mã truy cập API")
    page.fill("input[name=name]", "Bảng tính")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Tạo mã')")
    key = page.get_by_test_id("new-key").inner_text()
    assert len(key) > 30 and "Bảng tính" in page.content()
    page.click("button:has-text('Thu hồi')")
    page.wait_for_load_state("networkidle")
    assert "Bạn chưa có mã truy cập nào còn hiệu lực" in page.content()
