"""In Debian's Chromium: badges beyond the inline limit become a job; its page follows the real worker by itself
(static/secretariat/job-progress.js, under the site's Content-Security-Policy) and then offers the PDF."""

import pytest
from django.core.management import call_command

from participants.models import Participant
from secretariat.models import Job
from tests.conftest import sign_in_in_browser
from tests.factories import MeetingFactory, ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_job_page_follows_the_worker_and_offers_the_file(open_page, live_server, django_user_model, settings):
    settings.CONVENE_JOBS_INLINE_MAX = 1
    meeting = MeetingFactory()
    for number in (1, 2, 3):
        ParticipantFactory(delegation__meeting=meeting, status=Participant.Status.ACCREDITED, badge_number=number)
    django_user_model.objects.create_superuser("chief", "chief@example.org", "pw-for-tests-only")
    page = open_page(locale="en-GB")
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security" in message.text else None)

    sign_in_in_browser(page, live_server.url, "chief", "pw-for-tests-only")
    page.goto(f"{live_server.url}/admin/participants/participant/?meeting__id__exact={meeting.pk}")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "print_badges")
    page.click("button[name=index]")
    page.wait_for_url(f"{live_server.url}/admin/secretariat/job/*/change/")
    queued = page.locator("[data-job=status]").inner_text()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    link = page.locator("[data-job=download]")
    link.wait_for()  # the page reloads by itself once its poll sees the job finished
    job = Job.objects.get()
    with page.expect_download() as download:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = ''; a.click(); }",
            link.get_attribute("href"),
        )
    assert queued == "queued"
    assert page.locator("#job-progress").get_attribute("value") == "3"
    assert page.locator("[data-job=message]").inner_text() == "3 badges printed."
    assert download.value.suggested_filename == "badges-a6.pdf"
    assert job.status == "succeeded"
    assert refused == []
