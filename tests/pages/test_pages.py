"""Every public page answers in English, French and Arabic, with the same accessible frame."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from meetings.models import Meeting
from tests.factories import (
    MeetingFactory,
    OrganizationFactory,
    ParticipantFactory,
    PersonFactory,
    PositionFactory,
    SessionFactory,
    SessionRoleFactory,
)
from tests.pages.conftest import LANGUAGES, page_urls

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TagBalance(HTMLParser):
    """Every element opened is closed, in order (our templates never rely on optional end tags)."""

    def __init__(self):
        super().__init__()
        self.open, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.errors.append(f"</{tag}> while {self.open[-3:]} are open")


HTML_PAGES = (
    "home",
    "meeting",
    "agenda",
    "agenda_filtered",
    "session",
    "participants",
    "organization",
    "person",
    "registry",
    "registry_filtered",
    "instrument",
    "search",
)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", HTML_PAGES)
def test_page_answers_in_each_language_with_an_accessible_frame(client, programme, page, language):
    response = client.get(page_urls(programme, language)[page])

    assert response.status_code == 200
    html = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert html.count("<main ") == 1
    assert 'href="#main"' in html and 'id="main"' in html
    assert html.count("<header") == 1 and html.count("<footer") == 1
    balance = TagBalance()
    balance.feed(html)
    assert (balance.errors, balance.open) == ([], [])
    # Nothing is loaded from another host: no CDN, font or script.
    assert re.findall(r'(?:src|href)="(?:https?:)?//[^"]*"', html.split("</head>")[0]) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_links_to_the_same_page_with_its_filters(client, programme, language):
    url = page_urls(programme, language)["agenda_filtered"]

    html = client.get(url).content.decode()

    query = f"?theme={programme.themes[0].slug}&amp;day=2024-07-22"
    path = f"/meetings/{programme.meeting.slug}/agenda/"
    for code in LANGUAGES:
        assert f'href="/{code}{path}{query}" lang="{code}"' in html


def test_agenda_shows_local_times_with_the_offset(client, programme):
    html = client.get(page_urls(programme, "fr")["agenda"]).content.decode()

    # The first session starts at 08:00 in Astana (03:00 UTC); French shows a 24-hour clock.
    assert "08:00" in html and "03:00" not in html
    assert "UTC+05:00" in html
    assert "lundi 22 juillet 2024" in html


def test_agenda_lays_parallel_sessions_out_in_room_columns(client, programme):
    html = client.get(page_urls(programme)["agenda"]).content.decode()

    assert html.count('class="room-heads rooms-3"') == 0  # 3 sessions over 2 days: at most 2 rooms a day
    assert 'class="room-heads rooms-2"' in html
    assert "room-col-1" in html and "room-col-2" in html


def test_agenda_filters_by_theme_and_day(client, programme):
    first, second, third = programme.sessions
    url = page_urls(programme)["agenda"]

    by_theme = client.get(url, {"theme": programme.themes[1].slug}).content.decode()
    by_day = client.get(url, {"day": "2024-07-23"}).content.decode()
    nothing = client.get(url, {"theme": programme.themes[1].slug, "day": "2024-07-22"}).content.decode()

    assert [s.title for s in (first, second, third) if f">{s.title}<" in by_theme] == [second.title]
    assert [s.title for s in (first, second, third) if f">{s.title}<" in by_day] == [second.title]
    assert "No session matches these filters." in nothing
    assert f'<option value="{programme.themes[1].slug}" selected>' in by_theme


def test_agenda_ignores_a_malformed_day(client, programme):
    response = client.get(page_urls(programme)["agenda"], {"day": "not-a-date"})

    assert response.status_code == 200
    assert all(f">{session.title}<" in response.content.decode() for session in programme.sessions)


def test_session_page_offers_its_calendar_file(client, programme):
    session = programme.sessions[0]
    html = client.get(page_urls(programme, "ar")["session"]).content.decode()

    with translation.override("ar"):
        ics = reverse("sessions:session_ics", kwargs={"meeting_slug": programme.meeting.slug, "slug": session.slug})
    assert f'href="{ics}" download' in html
    assert session.title_ar in html


def test_participants_are_grouped_by_delegation_head_first(client, programme):
    html = client.get(page_urls(programme)["participants"]).content.decode()

    iofs = html.index("Islamic Organization for Food Security")
    assert html.index("Amb. Berik Aryn", iofs) > iofs
    assert "(head of delegation)" in html


def test_instrument_page_names_covered_countries_in_the_page_language(client, programme):
    english = client.get(page_urls(programme, "en")["instrument"]).content.decode()
    french = client.get(page_urls(programme, "fr")["instrument"]).content.decode()
    arabic = client.get(page_urls(programme, "ar")["instrument"]).content.decode()

    assert "<li>Afghanistan</li><li>Kazakhstan</li><li>Tajikistan</li>" in english
    assert "<li>Tadjikistan</li>" in french
    assert "<li>كازاخستان</li>" in arabic
    assert "Director General" in english


def test_registry_filters_by_kind_party_country_and_year(client, programme):
    from tests.factories import InstrumentFactory, PartyFactory

    other = InstrumentFactory(
        kind="memorandum_of_understanding",
        countries=["NG"],
        title_en="Memorandum on water",
        signed_on=datetime.date(2023, 5, 2),
    )
    PartyFactory(instrument=other, organization__name_en="Water & <Sanitation>", organization__acronym_en="")
    url = page_urls(programme)["registry"]

    by_kind = client.get(url, {"kind": "memorandum_of_understanding"}).content.decode()
    by_country = client.get(url, {"country": "NG"}).content.decode()
    by_party = client.get(url, {"party": programme.organization.slug}).content.decode()
    by_year = client.get(url, {"year": "2023"}).content.decode()
    nothing = client.get(url, {"year": "2023", "country": "KZ"}).content.decode()
    bad = client.get(url, {"year": "nonsense", "kind": "memorandum_of_understanding"})

    assert "Memorandum on water" in by_kind and programme.instrument.title_en not in by_kind
    assert "Memorandum on water" in by_country and programme.instrument.title_en not in by_country
    assert "Memorandum on water" not in by_party and programme.instrument.title_en in by_party
    assert "Memorandum on water" in by_year and programme.instrument.title_en not in by_year
    assert "No agreement matches these filters." in nothing
    assert bad.status_code == 200 and "Memorandum on water" in bad.content.decode()
    assert ">Water &amp; &lt;Sanitation&gt;</option>" in by_kind and "<Sanitation>" not in by_kind
    assert f'<option value="{programme.organization.slug}" selected>' in by_party


def test_registry_shows_fifty_instruments_a_page_and_its_page_links_keep_the_filters(client, db):
    from agreements.selectors import REGISTRY_PER_PAGE
    from tests.factories import InstrumentFactory

    for day in range(1, REGISTRY_PER_PAGE + 6):  # newest first: "Memorandum 55" opens the first page
        InstrumentFactory(
            kind="memorandum_of_understanding",
            title_en=f"Memorandum {day}",
            signed_on=datetime.date(2023, 1, 1) + datetime.timedelta(days=day),
        )
    InstrumentFactory(kind="letter_of_intent", title_en="Letter of intent", signed_on=datetime.date(2023, 1, 1))
    url = reverse("agreements:instrument_list")

    first = client.get(url, {"kind": "memorandum_of_understanding"}).content.decode()
    second = client.get(url, {"kind": "memorandum_of_understanding", "page": "2"}).content.decode()
    beyond = client.get(url, {"kind": "memorandum_of_understanding", "page": "99"}).content.decode()

    titles = lambda html: re.findall(r">(Memorandum \d+|Letter of intent)</a></h2>", html)  # noqa: E731
    assert titles(first) == [f"Memorandum {day}" for day in range(55, 5, -1)]
    assert titles(second) == titles(beyond) == [f"Memorandum {day}" for day in range(5, 0, -1)]
    assert "55 instruments" in first and "Page 1 of 2" in first and "Page 2 of 2" in second
    assert 'rel="next" href="?kind=memorandum_of_understanding&amp;page=2"' in first
    assert '<option value="memorandum_of_understanding" selected>Memorandum of Understanding</option>' in first
    assert 'rel="prev" href="?kind=memorandum_of_understanding&amp;page=1"' in second and 'rel="next"' not in second


def test_meeting_page_links_previous_meeting_and_counts_delegations(client, programme):
    html = client.get(page_urls(programme)["meeting"]).content.decode()

    assert 'rel="prev"' in html and 'rel="next"' not in html
    assert "Participants listed" in html
    assert "Press release" in html


def test_pages_format_dates_for_the_language(client, programme):
    with translation.override("ar"):
        html = client.get(page_urls(programme, "ar")["meeting"]).content.decode()

    assert "يوليو" in html


def test_documents_come_in_the_page_language_or_else_in_english(client, programme):
    document = programme.meeting.documents.get()
    document.file_en = SimpleUploadedFile("release-en.pdf", b"%PDF-1.4 English")
    document.file_fr = SimpleUploadedFile("release-fr.pdf", b"%PDF-1.4 French")
    document.save()
    instrument = programme.instrument
    instrument.document_en = SimpleUploadedFile("letter-en.pdf", b"%PDF-1.4 English")
    instrument.document_ar = SimpleUploadedFile("letter-ar.pdf", b"%PDF-1.4 Arabic")
    instrument.save()
    # Files are stored under random names: name each stored file's address after the upload it came from.
    uploads = {
        document.file_en.url: "release-en",
        document.file_fr.url: "release-fr",
        instrument.document_en.url: "letter-en",
        instrument.document_ar.url: "letter-ar",
    }

    def links(language, page, prefix):
        html = client.get(page_urls(programme, language)[page]).content.decode()
        found = [uploads.get(url, url) for url in re.findall(r'href="(/media/[^"]*)"', html)]
        return [name for name in found if name.startswith(prefix)]

    assert [links(language, "meeting", "release") for language in LANGUAGES] == [
        ["release-en"],
        ["release-fr"],
        ["release-en"],
    ]
    assert [links(language, "instrument", "letter") for language in LANGUAGES] == [
        ["letter-en"],
        ["letter-en"],
        ["letter-ar"],
    ]


def test_home_sorts_meetings_into_happening_upcoming_and_past_newest_first(client, db):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    MeetingFactory(title_en="Now meeting", start_date=today - day, end_date=today + day)
    MeetingFactory(title_en="Later meeting", start_date=today + 30 * day, end_date=today + 31 * day)
    MeetingFactory(title_en="Old meeting", start_date=today - 800 * day, end_date=today - 799 * day)
    MeetingFactory(title_en="Recent meeting", start_date=today - 30 * day, end_date=today - 29 * day)
    MeetingFactory(title_en="Draft meeting", start_date=today, end_date=today, status=Meeting.Status.DRAFT)

    html = client.get(reverse("meetings:home")).content.decode()

    order = sorted(
        (html.index(text), text)
        for text in (
            "Happening now",
            "Now meeting",
            "Upcoming meetings",
            "Later meeting",
            "Past meetings",
            "Recent meeting",
            "Old meeting",
        )
    )
    assert [text for _, text in order] == [
        "Happening now",
        "Now meeting",
        "Upcoming meetings",
        "Later meeting",
        "Past meetings",
        "Recent meeting",
        "Old meeting",
    ]
    assert "Draft meeting" not in html


def test_session_page_names_speakers_with_honorific_and_position_at_the_meeting(client, programme):
    html = client.get(page_urls(programme)["session"]).content.decode()

    assert '>Amb. Berik Aryn</a><span class="position">, Director General, IOFS</span>' in html
    assert "(chair)" in html


def test_agenda_and_session_page_show_the_position_held_at_the_meeting_else_the_one_current_then(client, db):
    """Held at the meeting (even if ended since) before current; a position ended before or begun after the
    meeting is shown by neither page; French where the position and organization have it, English where not."""
    meeting = MeetingFactory(start_date=datetime.date(2024, 7, 22), end_date=datetime.date(2024, 7, 23))
    session = SessionFactory(meeting=meeting)
    iofs = OrganizationFactory(name_en="Islamic Organization for Food Security", acronym_en="IOFS", acronym_fr="OISA")
    fao = OrganizationFactory(name_en="Food and Agriculture Organization", name_fr="", acronym_en="")
    envoy, minister, retired = (
        PersonFactory(given_name_en=name, family_name_en="Speaker") for name in ("Envoy", "Minister", "Retired")
    )
    held = PositionFactory(
        person=envoy,
        organization=iofs,
        title_en="Special Envoy",
        title_fr="Envoyé spécial",
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2025, 1, 1),
    )
    PositionFactory(
        person=envoy, organization=fao, title_en="Chief Economist", title_fr="", start_date=datetime.date(2024, 1, 1)
    )
    ParticipantFactory(person=envoy, position=held, delegation__meeting=meeting, delegation__organization=iofs)
    PositionFactory(
        person=minister,
        organization=fao,
        title_en="Minister",
        title_fr="",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2024, 7, 22),
    )
    PositionFactory(
        person=minister,
        organization=iofs,
        title_en="Adviser",
        title_fr="Conseiller",
        start_date=datetime.date(2024, 7, 23),
    )
    PositionFactory(
        person=retired,
        organization=fao,
        title_en="Director",
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2020, 1, 1),
    )
    for person in (envoy, minister, retired):
        SessionRoleFactory(session=session, person=person)
    pages = {
        "agenda": reverse("sessions:agenda", kwargs={"meeting_slug": meeting.slug}),
        "session": reverse("sessions:session_detail", kwargs={"meeting_slug": meeting.slug, "slug": session.slug}),
    }

    for page, path in pages.items():
        html = client.get(path.replace("/en/", "/fr/")).content.decode()
        shown = dict(re.findall(r'(\w+) Speaker</a>(?:<span class="position">, ([^<]*)</span>)?', html))
        assert shown == {
            "Envoy": "Envoyé spécial, OISA",
            "Minister": "Minister, Food and Agriculture Organization",
            "Retired": "",
        }, page


def test_home_counts_a_meeting_as_started_at_midnight_in_its_own_time_zone(db):
    from meetings.selectors import meetings_for_home

    astana = MeetingFactory(timezone="Asia/Almaty", start_date=datetime.date(2024, 7, 22))
    # 20:00 UTC on 21 July is already 01:00 on 22 July in Astana.
    groups = meetings_for_home(now=datetime.datetime(2024, 7, 21, 20, tzinfo=datetime.UTC))

    assert (groups["ongoing"], groups["upcoming"]) == ([astana], [])
