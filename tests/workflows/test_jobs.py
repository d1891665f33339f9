"""Long jobs off the request (secretariat/jobs.py): over CONVENE_JOBS_INLINE_MAX participants or rows, badges, exports
and imports are queued; the real database worker (`manage.py db_worker --batch`) runs them; the officer follows the
job's page and downloads the file. Under the limit they run in the request as before."""

import datetime
import io
import time
from contextlib import nullcontext
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from core.roles import ensure_secretariat_group
from participants.models import Participant
from secretariat import jobs
from secretariat.models import Job
from tests.conftest import sign_in_with_second_factor
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory
from tests.workflows.test_import import GOOD_ROWS, _csv
from tests.workflows.test_import import setting as setting

pytestmark = pytest.mark.django_db
Status = Participant.Status
CHANGELIST = "admin:participants_participant_changelist"


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.CONVENE_JOBS_INLINE_MAX = 2


def run_worker(*, in_test_transaction=True):
    """The worker of production, until the queue is empty. Inside a test's transaction it must not recycle the
    database connection between tasks (it would close the transaction), as Django's test client does for requests."""
    keep_connection = mock.patch.object(db_worker, "close_old_connections", return_value=None)
    with keep_connection if in_test_transaction else nullcontext():
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def _accredited(meeting, given, family):
    participant = ParticipantFactory(
        delegation__meeting=meeting,
        person=PersonFactory(given_name_en=given, family_name_en=family, honorific_prefix_en=""),
        status=Status.ACCREDITED,
    )
    participant.badge_number = Participant.objects.filter(meeting=meeting).count()
    participant.save()
    return participant


@pytest.fixture
def three_accredited():
    meeting = MeetingFactory(slug="gm-16")
    return [_accredited(meeting, given, "Aryn") for given in ("Berik", "Dana", "Marat")]


def _print_badges(client, participants):
    return client.post(
        reverse(CHANGELIST), {"action": "print_badges", "_selected_action": [p.pk for p in participants]}
    )


def _status(client, job):
    response = client.get(reverse("admin:secretariat_job_status", args=[job.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.json()


def test_badges_over_the_limit_are_queued_then_the_worker_makes_them(admin_client, admin_user, three_accredited):
    response = _print_badges(admin_client, three_accredited)

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:secretariat_job_change", args=[job.pk])
    assert (job.kind, job.requested_by, job.meeting, job.status) == (
        "badges",
        admin_user,
        three_accredited[0].meeting,
        "queued",
    )
    assert DBTaskResult.objects.get().status == "READY"
    page = admin_client.get(response["Location"]).content.decode()
    assert 'id="job-progress"' in page and "secretariat/job-progress" in page
    assert _status(admin_client, job)["status"] == "queued"
    assert Participant.objects.filter(badge_printed_at__isnull=False).count() == 0

    run_worker()

    status = _status(admin_client, job)
    download = reverse("admin:secretariat_job_download", args=[job.pk])
    assert status == {
        "id": job.pk,
        "status": "succeeded",
        "status_label": "done",
        "done": 3,
        "total": 3,
        "percent": 100,
        "message": "3 badges printed.",
        "finished": True,
        "download_url": download,
    }
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    page = admin_client.get(reverse("admin:secretariat_job_change", args=[job.pk])).content.decode()
    assert f'href="{download}"' in page and "Download badges-a6.pdf" in page
    file = admin_client.get(download)
    assert file["Content-Type"] == "application/pdf"
    assert file["Content-Disposition"] == 'inline; filename="badges-a6.pdf"'
    reader = PdfReader(io.BytesIO(b"".join(file.streaming_content)))
    assert ["Berik" in page.extract_text() for page in reader.pages] == [True, False, False]
    assert Participant.objects.filter(badge_printed_at__isnull=False).count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_worker_as_in_production_commits_each_job(admin_client, three_accredited):
    """Committed data, and the worker untouched: it recycles connections between tasks as in production."""
    _print_badges(admin_client, three_accredited)

    run_worker(in_test_transaction=False)

    job = Job.objects.get()
    assert (job.status, job.done, job.total) == ("succeeded", 3, 3)
    file = admin_client.get(reverse("admin:secretariat_job_download", args=[job.pk]))
    assert len(PdfReader(io.BytesIO(b"".join(file.streaming_content))).pages) == 3


def test_small_jobs_run_in_the_request(admin_client, three_accredited):
    response = _print_badges(admin_client, three_accredited[:2])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 2
    assert Job.objects.count() == 0 and DBTaskResult.objects.count() == 0
    assert Participant.objects.filter(badge_printed_at__isnull=False).count() == 2


def test_export_over_the_limit_is_downloaded_from_the_job(admin_client, three_accredited):
    meeting = three_accredited[0].meeting
    response = admin_client.get(
        reverse("admin:participants_participant_export"), {"meeting": meeting.pk, "format": "csv", "language": "fr"}
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("admin:secretariat_job_change", args=[job.pk])
    assert job.language == "fr"

    run_worker()

    file = admin_client.get(reverse("admin:secretariat_job_download", args=[job.pk]))
    assert file["Content-Disposition"] == 'attachment; filename="participants-gm-16-fr.csv"'
    lines = b"".join(file.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("délégation,")
    assert sorted(line.split(",")[2] for line in lines[1:]) == ["Berik", "Dana", "Marat"]


def test_export_action_of_a_selection_is_queued_with_the_selection(admin_client, three_accredited):
    ParticipantFactory(delegation__meeting=three_accredited[0].meeting)  # not selected: not exported
    admin_client.post(
        reverse(CHANGELIST), {"action": "export_xlsx", "_selected_action": [p.pk for p in three_accredited]}
    )
    job = Job.objects.get()

    run_worker()

    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.result_name) == ("succeeded", 3, 3, "participants-gm-16-en.xlsx")


@pytest.fixture
def officer(django_user_model):
    """Another member of the Secretariat group: every permission on the meetings' records, none on jobs."""
    user = django_user_model.objects.create_user("officer", password="pw-for-tests-only", is_staff=True)
    user.groups.add(ensure_secretariat_group())
    return user


def test_another_officer_cannot_see_my_job_or_its_file(admin_client, client, officer, three_accredited):
    _print_badges(admin_client, three_accredited)
    run_worker()
    job = Job.objects.get()
    for name in ("status", "download"):
        anonymous = client.get(reverse(f"admin:secretariat_job_{name}", args=[job.pk]))
        assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    sign_in_with_second_factor(client, officer)

    for name in ("change", "status", "download"):
        assert client.get(reverse(f"admin:secretariat_job_{name}", args=[job.pk])).status_code == 404
    listing = client.get(reverse("admin:secretariat_job_changelist"))
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == []

    officer.user_permissions.add(Permission.objects.get(codename="view_job"))
    officer = type(officer).objects.get(pk=officer.pk)  # permissions are cached on the user object
    sign_in_with_second_factor(client, officer)
    file = client.get(reverse("admin:secretariat_job_download", args=[job.pk]))
    assert file.status_code == 200
    file.close()


def test_the_officer_sees_only_their_own_jobs_listed(admin_client, client, officer, three_accredited):
    _print_badges(admin_client, three_accredited)
    sign_in_with_second_factor(client, officer)
    _print_badges(client, three_accredited)
    mine = Job.objects.get(requested_by=officer)

    listing = client.get(reverse("admin:secretariat_job_changelist"))

    assert list(listing.context["cl"].result_list) == [mine]


def test_a_failing_job_says_why_and_leaves_nothing_half_written(admin_client, three_accredited, monkeypatch):
    def refuse(**kwargs):
        raise RuntimeError("disk full")

    # The PDF is complete and stored, then recording "printed" fails: the file goes, the badges stay unprinted.
    monkeypatch.setattr("secretariat.badges.participants_mark_badges_printed", refuse)
    _print_badges(admin_client, three_accredited)
    job = Job.objects.get()

    run_worker()

    job.refresh_from_db()
    assert job.status == "failed"
    assert job.message == (
        "The job failed (RuntimeError); nothing was saved. Try again, or tell the site's administrator."
    )
    assert not job.result and job.finished_at is not None
    assert Participant.objects.filter(badge_printed_at__isnull=False).count() == 0
    assert admin_client.get(reverse("admin:secretariat_job_download", args=[job.pk])).status_code == 404
    page = admin_client.get(reverse("admin:secretariat_job_change", args=[job.pk])).content.decode()
    assert 'class="errornote"' in page and "The job failed (RuntimeError)" in page


def test_a_job_whose_participants_are_no_longer_accredited_fails_with_the_reason(admin_client, three_accredited):
    _print_badges(admin_client, three_accredited)
    Participant.objects.update(status=Status.CANCELLED)

    run_worker()

    assert _status(admin_client, Job.objects.get())["message"] == "No badge to print: accredit the participants first."


def _upload(client, meeting, rows):
    upload = io.BytesIO(_csv(rows))
    upload.name = "list.csv"
    return client.post(
        reverse("admin:participants_participant_import"), {"meeting": meeting.pk, "file": upload, "preview": "1"}
    )


def test_a_large_import_is_previewed_then_imported_by_the_worker(admin_client, setting):
    meeting, _iofs, _kazakhstan = setting
    response = _upload(admin_client, meeting, GOOD_ROWS)
    preview = Job.objects.get()
    assert response["Location"] == reverse("admin:secretariat_job_change", args=[preview.pk])

    run_worker()

    page = admin_client.get(response["Location"])
    assert page.context["job"].message == (
        "Every row is valid (3 rows). Nothing has been saved yet: confirm to import them."
    )
    assert page.context["job"].summary == ["3 × new person, added to the meeting"]
    assert page.context["follow_up"] == {
        "url": reverse("admin:participants_participant_import"),
        "label": "Import every row",
    }
    assert Participant.objects.count() == 0

    confirmed = admin_client.post(reverse("admin:participants_participant_import"), {"job": preview.pk})
    job = Job.objects.get(kind="participants_import")
    assert confirmed["Location"] == reverse("admin:secretariat_job_change", args=[job.pk])
    again = admin_client.post(reverse("admin:participants_participant_import"), {"job": preview.pk}, follow=True)
    assert "already confirmed" in again.content.decode()
    assert admin_client.get(reverse("admin:secretariat_job_change", args=[preview.pk])).context["follow_up"] is None

    run_worker()

    assert _status(admin_client, job)["message"] == "3 rows imported into " + str(meeting) + "."
    assert Participant.objects.filter(meeting=meeting).count() == 3


def test_a_large_import_with_a_bad_row_lists_it_and_offers_nothing(admin_client, setting):
    meeting, _iofs, _kazakhstan = setting
    _upload(admin_client, meeting, [*GOOD_ROWS, ["Aliya", "Nurova", "", "Atlantis", "", "", "", ""]])

    run_worker()

    page = admin_client.get(reverse("admin:secretariat_job_change", args=[Job.objects.get().pk]))
    assert page.context["job"].summary == [
        "Row 5, column “organization”: unknown organization “Atlantis”: add it in the admin first, or correct the name."
    ]
    assert page.context["follow_up"] is None
    assert Participant.objects.count() == 0


def test_another_officer_cannot_confirm_my_preview(admin_client, client, officer, setting):
    meeting, _iofs, _kazakhstan = setting
    _upload(admin_client, meeting, GOOD_ROWS)
    run_worker()
    sign_in_with_second_factor(client, officer)

    response = client.post(reverse("admin:participants_participant_import"), {"job": Job.objects.get().pk}, follow=True)

    assert "upload the file again" in response.content.decode()
    assert Job.objects.count() == 1


@pytest.mark.parametrize("earlier", [1, 5])
def test_job_page_and_status_query_counts_do_not_grow(admin_client, admin_user, django_assert_num_queries, earlier):
    # Each request also reads the session's second factor (its TOTP device): one query.
    meeting = MeetingFactory()
    jobs = [Job.objects.create(kind="badges", meeting=meeting, requested_by=admin_user) for _ in range(earlier + 1)]
    url = reverse("admin:secretariat_job_change", args=[jobs[0].pk])
    admin_client.get(url)

    # One query looks for jobs whose worker fell silent (jobs.jobs_fail_lost).
    with django_assert_num_queries(6):
        assert admin_client.get(url).status_code == 200
    with django_assert_num_queries(5):
        admin_client.get(reverse("admin:secretariat_job_status", args=[jobs[0].pk]))
    with django_assert_num_queries(7):
        assert admin_client.get(reverse("admin:secretariat_job_changelist")).status_code == 200


def test_progress_is_written_to_the_job_row_at_most_twice_a_second(admin_user, monkeypatch):
    job = Job.objects.create(kind="badges", requested_by=admin_user, status="running")
    clock = iter([100.0, 100.1, 100.2, 100.7])
    monkeypatch.setattr(jobs.time, "monotonic", lambda: next(clock))
    progress = jobs.Progress(job)
    seen = []

    for done in (1, 2, 3, 4):
        progress(done, 10)
        seen.append(Job.objects.values_list("done", "total").get())

    assert seen == [(1, 10), (1, 10), (1, 10), (4, 10)]


def test_a_queued_job_says_it_waits_for_the_worker(admin_client, three_accredited):
    _print_badges(admin_client, three_accredited)

    assert _status(admin_client, Job.objects.get())["message"] == "Waiting for the worker to start the job…"


def test_prune_jobs_deletes_old_finished_jobs_and_their_files(admin_client, three_accredited):
    _print_badges(admin_client, three_accredited)
    _print_badges(admin_client, three_accredited)
    run_worker()
    old, recent = Job.objects.order_by("pk")
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - datetime.timedelta(days=8))
    _print_badges(admin_client, three_accredited)  # queued: never pruned, whatever its age
    Job.objects.filter(status="queued").update(created_at=timezone.now() - datetime.timedelta(days=30))
    out = io.StringIO()

    call_command("prune_jobs", "--days", "7", stdout=out)

    assert out.getvalue() == "1 finished jobs deleted.\n"
    assert sorted(Job.objects.values_list("pk", flat=True)) == [recent.pk, recent.pk + 1]
    assert not default_storage.exists(old.result.name) and default_storage.exists(recent.result.name)


def test_a_worker_stopped_during_a_job_marks_it_failed(admin_client, three_accredited, monkeypatch):
    def stopped(**kwargs):
        raise SystemExit(1)

    monkeypatch.setattr("secretariat.badges.participants_mark_badges_printed", stopped)
    _print_badges(admin_client, three_accredited)

    with pytest.raises(SystemExit):
        jobs.job_run(Job.objects.get().pk)

    job = Job.objects.get()
    assert (job.status, job.message) == (
        "failed",
        "The worker was stopped during the job; nothing was saved. Start the job again.",
    )
    assert not job.result


def test_jobs_are_listed_with_their_times_in_the_meetings_zone(admin_client, admin_user):
    job = Job.objects.create(kind="badges", requested_by=admin_user, meeting=MeetingFactory(timezone="Asia/Almaty"))
    Job.objects.filter(pk=job.pk).update(created_at=datetime.datetime(2024, 7, 22, 4, 30, tzinfo=datetime.UTC))

    listing = admin_client.get(reverse("admin:secretariat_job_changelist")).content.decode()
    page = admin_client.get(reverse("admin:secretariat_job_change", args=[job.pk])).content.decode()

    assert "2024-07-22 09:30:00 +0500" in listing
    assert "<dd>2024-07-22 09:30:00 +0500</dd>" in page


# A worker that dies without a word (SIGKILL, out of memory, its machine down) -----------------------------------
LOST = "The worker stopped during the job without a word; nothing was saved. Start the job again."


def _running(user, *, heartbeat_age, language="en"):
    now = timezone.now()
    beat = None if heartbeat_age is None else now - datetime.timedelta(seconds=heartbeat_age)
    return Job.objects.create(
        kind="badges", requested_by=user, status="running", started_at=now, heartbeat_at=beat, language=language
    )


def test_a_job_whose_worker_fell_silent_is_shown_failed_and_the_others_still_running(admin_client, admin_user):
    lease = 60  # settings.CONVENE_JOB_LEASE_SECONDS
    lost = _running(admin_user, heartbeat_age=lease + 5)
    lost_in_french = _running(admin_user, heartbeat_age=lease + 5, language="fr")
    alive = _running(admin_user, heartbeat_age=lease - 5)
    silent_by_design = _running(admin_user, heartbeat_age=None)  # an import on SQLite sends no heartbeat

    status = _status(admin_client, lost)

    assert (status["status"], status["finished"], status["message"]) == ("failed", True, LOST)
    assert Job.objects.get(pk=lost_in_french.pk).message == (
        "Le processus de travail s’est arrêté pendant la tâche sans prévenir ; rien n’a été enregistré. "
        "Relancez la tâche."
    )
    assert [_status(admin_client, job)["status"] for job in (alive, silent_by_design)] == ["running", "running"]


def test_the_next_job_of_any_worker_marks_the_lost_one_failed(admin_client, admin_user, three_accredited):
    lost = _running(admin_user, heartbeat_age=3600)
    _print_badges(admin_client, three_accredited)

    run_worker()

    assert Job.objects.get(pk=lost.pk).status == "failed"
    assert Job.objects.exclude(pk=lost.pk).get().status == "succeeded"


@pytest.mark.django_db(transaction=True)
def test_a_running_job_gets_a_sign_of_life_from_its_worker_and_keeps_its_lease(
    admin_client, three_accredited, settings, monkeypatch
):
    """A job longer than its lease, committed data (the heartbeat writes through a connection of its own): it writes
    signs of life as it runs, and nobody takes it for lost, not even the page the officer keeps open."""
    settings.CONVENE_JOB_LEASE_SECONDS = lease = 1.2  # a beat every 0.3 s
    seen = []
    render = jobs.RUNNERS["badges"]

    def slow_badges(job, progress):
        for _tick in range(8):  # twice the lease
            time.sleep(lease / 4)
            seen.append(_status(admin_client, job)["status"])
        return render(job, progress)

    monkeypatch.setitem(jobs.RUNNERS, "badges", slow_badges)
    _print_badges(admin_client, three_accredited)
    job = Job.objects.get()

    run_worker(in_test_transaction=False)

    job.refresh_from_db()
    assert job.status == "succeeded"
    assert seen == ["running"] * 8
    assert job.started_at + datetime.timedelta(seconds=lease) < job.heartbeat_at <= job.finished_at
