"""The secretariat officer's day in Chromium (issue 14): import a list with French headers, accredit, print the
badges, check people in at the desk on a 390-pixel phone by the badge's typed code and by name (one tap each),
and export the list of participants in Arabic."""

import csv
import io
from pathlib import Path

import pytest

from participants.models import Participant
from participants.services import participant_checkin_code
from tests.browser.conftest import DESKTOP
from tests.conftest import sign_in_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db]  # the demo fixture is committed; the walk writes to it

OFFICER, PASSWORD = "walk-officer", "walk-officer-password"
PHONE_390 = {"width": 390, "height": 844}
FITS_THE_WIDTH = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
FRENCH_LIST = (
    "Civilité,Prénom,Nom,Délégation,Fonction,Fonction (arabe),Consentement\n"
    "S.E. M.,Nurlan,Temirbek,IOFS,Chargé de liaison,مسؤول الاتصال,oui\n"
    "Mme,Dana,Abenova,IOFS,,,non\n"
)


@pytest.fixture(scope="module")
def officer(demo, django_db_blocker):
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        get_user_model().objects.create_superuser(OFFICER, "walk@example.org", PASSWORD)
    return demo


def _sign_in(page, url):
    """Password, then the code of the authenticator app the back office asks superusers for."""
    sign_in_in_browser(page, url, OFFICER, PASSWORD)


def _select_rows(page, names):
    for name in names:
        page.locator("#result_list tr", has_text=name).locator("input.action-select").check()


def _run_action(page, action):
    page.select_option("select[name=action]", action)
    page.locator("button[name=index]").click()


def test_officer_day_from_a_french_list_to_the_arabic_list(
    officer, open_page, outside_requests, tmp_path, django_db_blocker
):
    url = officer.url
    page = open_page(DESKTOP)
    _sign_in(page, url)

    # 1. From the admin's home, the current meeting's workspace, then its import tool.
    page.locator("#current-meeting").get_by_role("link", name="Import participants").click()
    list_file = tmp_path / "liste.csv"
    list_file.write_text(FRENCH_LIST, encoding="utf-8")
    page.set_input_files("#id_file", str(list_file))
    with page.expect_navigation():
        page.locator("input[name=preview]").click()
    assert page.locator(".import-preview tbody tr").count() == 2
    with page.expect_navigation():
        page.locator("input[name=confirm]").click()
    assert "2 rows imported" in page.locator(".messagelist").inner_text()

    # 2. Register, then accredit the two: each gets a badge number, seen in the list at 1280 px.
    for action in ("mark_registered", "mark_accredited"):
        _select_rows(page, ["Temirbek", "Abenova"])
        with page.expect_navigation():
            _run_action(page, action)
        assert "2 participants now" in page.locator(".messagelist").inner_text()
    row = page.locator("#result_list tr", has_text="Temirbek")
    assert "accredited" in row.inner_text()
    with django_db_blocker.unblock():
        nurlan = Participant.objects.select_related("person").get(person__family_name_en="Temirbek")
        dana = Participant.objects.select_related("person").get(person__family_name_en="Abenova")
        code = participant_checkin_code(participant=nurlan)
    assert str(nurlan.badge_number) in row.inner_text()
    assert nurlan.person.listed_publicly and not dana.person.listed_publicly
    assert page.evaluate(FITS_THE_WIDTH)

    # 3. Print their badges: one PDF.
    _select_rows(page, ["Temirbek", "Abenova"])
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        _run_action(page, "print_badges")
    assert answer.value.headers["content-type"] == "application/pdf"

    # 4. The desk, on a 390 px phone: the typed code checks Nurlan in; Dana is found by name, one tap.
    phone = open_page(PHONE_390)
    _sign_in(phone, url)
    phone.goto(f"{url}/admin/participants/participant/checkin/{officer.meeting.pk}/")
    phone.fill("#checkin-token", code.lower().replace("-", ""))
    phone.keyboard.press("Enter")
    phone.wait_for_selector("#checkin-status.success")
    assert "Nurlan Temirbek checked in at" in phone.locator("#checkin-status").inner_text()
    assert "(Asia/Almaty, UTC+05:00)" in phone.locator("#checkin-status").inner_text()
    phone.fill("#checkin-token", "abenova")
    phone.get_by_role("button", name="Check in or find").click()
    phone.get_by_role("button", name="Check in Dana Abenova").click()
    phone.wait_for_selector("#checkin-status.success")
    assert "Dana Abenova checked in at" in phone.locator("#checkin-status").inner_text()
    assert phone.evaluate(FITS_THE_WIDTH)
    with django_db_blocker.unblock():
        statuses = sorted(Participant.objects.filter(pk__in=[nurlan.pk, dana.pk]).values_list("status", flat=True))
    assert statuses == ["attended", "attended"]

    # 5. The list of participants in Arabic: Arabic honorifics and positions, no English ones.
    page.goto(f"{url}/admin/participants/participant/export/?meeting={officer.meeting.pk}")
    page.select_option("#id_format", "csv")
    page.select_option("#id_language", "ar")
    with page.expect_download() as download:
        page.locator("input[type=submit]").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    exported = {row["اسم العائلة"]: row for row in rows}
    assert exported["Temirbek"]["اللقب التشريفي"] == "معالي السيد"
    assert exported["Temirbek"]["المنصب"] == "مسؤول الاتصال"
    assert exported["Abenova"]["اللقب التشريفي"] == "السيدة"
    # Chromium's PDF viewer loads its own chrome:// resources for the badges: nothing leaves the machine.
    assert [url for url in outside_requests if not url.startswith(("chrome://", "chrome-extension://"))] == []
