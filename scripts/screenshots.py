"""Take the README screenshots from a running demo (`make run`), with Debian's chromium."""

import sys

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = "docs/screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]


def _signed_in(browser, username: str):
    """A new page of the demo, signed in as `username` (every demo account's password is dangvu2025)."""
    page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="vi-VN")
    page.goto(f"{BASE}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "dangvu2025")
    page.click("button[type=submit]")
    return page


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = _signed_in(browser, "canbo.sonha")
        page.goto(f"{BASE}/to-chuc/?as_of=31/12/2020")
        toggles = page.locator("li > .tree-row .tree-toggle:not([data-loaded])")
        toggles.first.click()
        page.wait_for_timeout(600)
        page.screenshot(path=f"{OUT}/tree-2020.png")
        page.goto(f"{BASE}/to-chuc/")
        page.locator("li > .tree-row .tree-toggle:not([data-loaded])").first.click()
        page.wait_for_timeout(600)
        page.screenshot(path=f"{OUT}/tree-today.png")
        link = page.locator("a.org-link", has_text="Chi bộ khu phố").first
        link.click()
        page.wait_for_load_state("networkidle")
        url = page.url.split("?")[0]
        page.goto(url + "sap-nhap/")
        page.screenshot(path=f"{OUT}/merge-form.png")
        page.goto(url + "?tab=history")
        page.screenshot(path=f"{OUT}/history.png")
        page.goto(url + "?tab=audit")
        page.screenshot(path=f"{OUT}/audit.png")
        page.goto(f"{BASE}/dang-vien/?q=tran+van+binh")
        page.screenshot(path=f"{OUT}/members-search.png")
        page.goto(f"{BASE}/dang-vien/")
        page.screenshot(path=f"{OUT}/members-list.png")
        page.goto(f"{BASE}/dang-vien/?q=tran+van+binh")
        page.locator("table a", has_text="Trần Văn Bình").first.click()
        page.wait_for_load_state("networkidle")
        page.screenshot(path=f"{OUT}/member-record.png", full_page=True)
        page.goto(page.url.split("?")[0] + "?tab=events")
        page.screenshot(path=f"{OUT}/member-timeline.png")
        # The lifecycle: the to-do list, a candidate's steps, the probation list, transfer letters, badges due.
        for name, url in [("todo", "/viec-can-lam/"), ("candidates", "/ket-nap/"), ("probation", "/ket-nap/du-bi/"),
                          ("transfers", "/chuyen-sinh-hoat/?direction=all"), ("badges-due", "/huy-hieu/"), ("rules", "/quy-tac/")]:
            page.goto(BASE + url)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=f"{OUT}/{name}.png")
        # The dashboard and the targets of the former town (2024).
        for name, url in [("dashboard", "/tong-quan/?organization=2&year=2024"), ("targets", "/chi-tieu/?organization=2&year=2024"),
                          ("statistics", "/thong-ke/?organization=2&year=2024"),
                          ("drill-down", "/thong-ke/chi-tieu/members.admitted.religious/?organization=2&year=2024"),
                          ("tables", "/thong-ke/bieu-mau/?organization=2&year=2024&table=bieu-2"),
                          ("report", "/bao-cao/")]:
            page.goto(BASE + url)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=f"{OUT}/{name}.png", full_page=name == "dashboard")
        page.goto(f"{BASE}/ket-nap/")
        page.locator("table a").nth(2).click()
        page.wait_for_load_state("networkidle")
        page.screenshot(path=f"{OUT}/candidate.png")
        # A phone (390 px): the member list opens on members, menu and filters folded.
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{BASE}/dang-vien/")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=f"{OUT}/phone-members.png")
        page.close()
        homes(browser)
        imports(browser)
        browser.close()


def homes(browser) -> None:
    """The homes of the other roles and the account pages (`python scripts/screenshots.py URL homes` takes only these)."""
    for username, shots in [
        ("dangvien.khupho1", [("home-member", "/")]),
        ("bithu.khupho1", [("home-secretary", "/")]),
        ("canbo.sonha", [("accounts", "/tai-khoan/quan-ly/"), ("accounts-bulk", "/tai-khoan/quan-ly/bi-thu-chi-bo/?organization=172")]),
    ]:
        page = _signed_in(browser, username)
        for name, url in shots:
            page.goto(BASE + url)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=f"{OUT}/{name}.png")
        page.close()


def imports(browser) -> None:
    """The import: the list of runs, and the demo's refused file with its rows (`… URL imports` takes only these)."""
    page = _signed_in(browser, "canbo.sonha")
    page.goto(f"{BASE}/nhap-du-lieu/")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=f"{OUT}/imports.png")
    page.locator("[data-testid=import-runs] tr", has_text="Bị từ chối").locator("a").first.click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=f"{OUT}/import-rejected.png")
    page.close()


if __name__ == "__main__":
    only = {"homes": homes, "imports": imports}.get(sys.argv[2] if len(sys.argv) > 2 else "")
    if only:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            only(chromium)
            chromium.close()
    else:
        main()
