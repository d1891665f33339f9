"""The public list of participants: a page at a time, grouped by delegation, searchable, consenting people only."""

import re

import pytest

from participants.models import Participant
from participants.selectors import PARTICIPANTS_PER_PAGE
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db


def list_url(meeting, language="en"):
    return f"/{language}/meetings/{meeting.slug}/participants/"


@pytest.fixture
def crowded_meeting():
    """A published meeting with more listed participants than fit on a page, and one who did not consent."""
    meeting = MeetingFactory(status="published")
    delegations = [DelegationFactory(meeting=meeting) for _ in range(3)]
    for index in range(PARTICIPANTS_PER_PAGE + 5):
        person = PersonFactory(given_name_en=f"Delegate{index:03d}", family_name_en="Listed", listed_publicly=True)
        ParticipantFactory(delegation=delegations[index % 3], person=person)
    hidden = PersonFactory(given_name_en="Hidden", family_name_en="Unlisted", listed_publicly=False)
    hidden.email = "hidden@private.example"
    hidden.save()
    ParticipantFactory(delegation=delegations[0], person=hidden, notes="private note")
    return meeting


def test_participant_list_shows_one_page_at_a_time(client, crowded_meeting):
    first = client.get(list_url(crowded_meeting))
    second = client.get(list_url(crowded_meeting) + "?page=2")

    first_text, second_text = first.content.decode(), second.content.decode()
    assert first.status_code == second.status_code == 200
    assert first_text.count("Listed</a>") == PARTICIPANTS_PER_PAGE
    assert second_text.count("Listed</a>") == 5
    assert "Page 1 of 2" in first_text
    assert 'rel="next" href="?page=2"' in first_text
    assert 'rel="prev" href="?page=1"' in second_text


def test_participant_list_search_finds_by_name_and_keeps_the_query_in_page_links(client, crowded_meeting):
    response = client.get(list_url(crowded_meeting) + "?q=delegate007")

    text = response.content.decode()
    assert response.status_code == 200
    assert "Delegate007" in text
    assert "Delegate008" not in text
    assert "1 person matches" in text


def test_participant_list_search_never_finds_who_did_not_consent(client, crowded_meeting):
    response = client.get(list_url(crowded_meeting) + "?q=hidden")

    text = response.content.decode()
    assert "Hidden" not in text
    assert "hidden@private.example" not in text
    assert "private note" not in text
    assert "Nobody listed matches this search." in text
    assert Participant.objects.filter(person__given_name_en="Hidden").exists()


def test_participant_list_page_past_the_end_shows_the_last_page(client, crowded_meeting):
    response = client.get(list_url(crowded_meeting) + "?page=99")

    assert response.status_code == 200
    assert "Page 2 of 2" in response.content.decode()


@pytest.mark.parametrize("size", [PARTICIPANTS_PER_PAGE + 5, 3 * PARTICIPANTS_PER_PAGE])
def test_participant_list_page_stays_small_and_flat(client, django_assert_num_queries, size):
    meeting = MeetingFactory(status="published")
    delegation = DelegationFactory(meeting=meeting)
    for index in range(size):
        ParticipantFactory(delegation=delegation, person=PersonFactory(listed_publicly=True, given_name_en=f"P{index}"))

    with django_assert_num_queries(4):
        response = client.get(list_url(meeting))

    assert response.status_code == 200
    assert len(response.content) < 150_000
    assert response.content.decode().count('<li>\n      <a href="/en/people/') == PARTICIPANTS_PER_PAGE


def test_participant_list_in_arabic_says_page_numbers_in_arabic(client, crowded_meeting):
    response = client.get(list_url(crowded_meeting, "ar"))

    assert "الصفحة 1 من 2" in response.content.decode()


def shown_names(response):
    return re.findall(r'<li>\s*<a href="/[a-z]+/people/[^"]+/">H\.E\. Mr\. ([^<]+)</a>', response.content.decode())


def test_participant_list_pages_show_everyone_once_head_first_then_by_sort_name(client, crowded_meeting):
    """The page's ids are found by one query and read by another: across two pages, everyone listed appears once,
    each delegation's head first, then by family name, and a person with one name under that name."""
    delegations = list(crowded_meeting.delegations.order_by("id"))
    ParticipantFactory(
        delegation=delegations[2],
        person=PersonFactory(given_name_en="Zed", family_name_en="Aardvark"),
        role=Participant.Role.HEAD_OF_DELEGATION,
    )
    ParticipantFactory(delegation=delegations[0], person=PersonFactory(given_name_en="Zara", family_name_en=""))
    ParticipantFactory(
        delegation=delegations[1],
        person=PersonFactory(given_name_en="Declined", family_name_en="Listed"),
        status=Participant.Status.DECLINED,
    )

    names = shown_names(client.get(list_url(crowded_meeting))) + shown_names(
        client.get(list_url(crowded_meeting) + "?page=2")
    )

    members = [
        [f"Delegate{index:03d} Listed" for index in range(position, PARTICIPANTS_PER_PAGE + 5, 3)]
        for position in range(3)
    ]
    assert names == [*members[0], "Zara", *members[1], "Zed Aardvark", *members[2]]


def test_participant_list_says_each_role_in_the_reader_language(client, crowded_meeting):
    delegation = crowded_meeting.delegations.order_by("id").first()
    ParticipantFactory(
        delegation=delegation,
        person=PersonFactory(given_name_en="Aida", family_name_en="Head"),
        role=Participant.Role.HEAD_OF_DELEGATION,
    )

    french = client.get(list_url(crowded_meeting, "fr")).content.decode()
    arabic = client.get(list_url(crowded_meeting, "ar")).content.decode()

    assert '<span class="role-label">(chef de délégation)</span>' in french
    assert french.count('<span class="role-label">(délégué)</span>') == PARTICIPANTS_PER_PAGE - 1
    assert '<span class="role-label">(رئيس الوفد)</span>' in arabic
