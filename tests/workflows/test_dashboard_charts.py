"""The dashboard's charts (issue 14): server-drawn SVG, each with its figures as a table, no script; the same
commitments figures in the follow-up report."""

import re

import pytest
from django.urls import reverse

from agreements.models import Commitment
from participants.models import Participant
from participants.services import participant_change_status
from tests.factories import (
    CommitmentFactory,
    DelegationFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    ParticipantFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def _table(page, chart_id):
    table = re.search(rf'<table id="{chart_id}-table">(.*?)</table>', page, re.S).group(1)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


@pytest.fixture
def meeting():
    series = MeetingSeriesFactory(acronym="UN–OIC")
    MeetingFactory(series=series, number=15, start_date="2022-07-20", end_date="2022-07-21")
    meeting = MeetingFactory(series=series, number=16, start_date="2024-07-22", end_date="2024-07-23")
    delegation = DelegationFactory(meeting=meeting)
    DelegationFactory(meeting=meeting)  # no head
    head = ParticipantFactory(
        delegation=delegation, role=Participant.Role.HEAD_OF_DELEGATION, status=Participant.Status.REGISTERED
    )
    participant_change_status(participant=head, status=Participant.Status.ACCREDITED)
    ParticipantFactory(delegation=delegation, status=Participant.Status.DECLINED)
    food = ThemeFactory(name_en="Food security")
    CommitmentFactory(agreed_at=meeting, theme=food, status=Commitment.Status.PROPOSED)
    CommitmentFactory(agreed_at=meeting, theme=food, status=Commitment.Status.IN_PROGRESS)
    return meeting


def test_dashboard_draws_the_funnel_and_commitments_with_their_figures(admin_client, meeting):
    page = admin_client.get(reverse("admin:meetings_meeting_dashboard", args=[meeting.pk])).content.decode()

    assert page.count('<svg class="chart"') == 3
    assert 'role="img" aria-labelledby="chart-funnel-title"' in page
    assert _table(page, "chart-funnel") == [
        ["status", "participants"],
        ["invited", "1"],
        ["registered", "1"],
        ["accredited", "1"],
        ["attended", "0"],
        ["declined", "1"],
        ["cancelled", "0"],
    ]
    assert _table(page, "chart-commitments") == [
        ["theme", "proposed", "in progress", "completed", "stalled", "dropped"],
        ["Food security", "1", "1", "0", "0", "0"],
    ]
    assert _table(page, "chart-pace")[0] == [
        "days from the opening",
        "registered, UN–OIC 16 (2024)",
        "accredited, UN–OIC 16 (2024)",
        "registered, UN–OIC 15 (2022)",
        "accredited, UN–OIC 15 (2022)",
    ]
    without_head = re.search(r'<ul id="dashboard-without-head">(.*?)</ul>', page, re.S).group(1)
    assert without_head.count("<li>") == 1
    assert "<script>" not in page


def test_followup_report_shows_the_same_commitments_figures(admin_client, meeting):
    dashboard = admin_client.get(reverse("admin:meetings_meeting_dashboard", args=[meeting.pk])).content.decode()
    report = admin_client.get(reverse("admin:agreements_commitment_followup", args=[meeting.pk])).content.decode()

    assert _table(report, "chart-commitments") == _table(dashboard, "chart-commitments")
