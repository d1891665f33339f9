"""Benchmark data sets, built with bulk operations (no factories, no per-row full_clean), from fixed seeds.

    large: one published meeting, 192 sessions in 6 rooms over 4 days, 600 speakers (3 roles per session),
           the speakers taking part in 40 delegations (all listed), 50 instruments.
    xl:    a series of 5 meetings; the last one has 600 sessions in 12 rooms over 5 days, 3,000 speakers (5 roles
           per session), 20,000 participants in 200 delegations (half consenting to be listed), 500 instruments
           with 2 parties each.
    demo:  `manage.py load_demo` (not built here).

Everyone holds a position in their delegation's organization and attends the meeting in it.

Texts are in English, French and Arabic. bulk_create sends no signals, so the content versions of the meetings
(and the site-wide one) are advanced at the end with core.versions.bump().

    DATABASE_URL=… .venv/bin/python scripts/bench_data.py large      # into an empty, migrated database
"""

import datetime
import os
import random
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MEETING_SLUG = "bench-general-meeting"
SERIES_SLUG = "bench-general-meetings"
TIMEZONE = "Asia/Almaty"


@dataclass(frozen=True)
class Size:
    sessions: int
    rooms: int
    days: int
    speakers: int
    roles_per_session: int
    participants: int
    delegations: int
    listed_every: int  # 1: everyone consents to be listed; 2: every other person
    instruments: int
    meetings: int


SIZES = {
    "large": Size(
        sessions=192,
        rooms=6,
        days=4,
        speakers=600,
        roles_per_session=3,
        participants=600,
        delegations=40,
        listed_every=1,
        instruments=50,
        meetings=1,
    ),
    "xl": Size(
        sessions=600,
        rooms=12,
        days=5,
        speakers=3000,
        roles_per_session=5,
        participants=20000,
        delegations=200,
        listed_every=2,
        instruments=500,
        meetings=5,
    ),
}

THEMES = [
    ("Political affairs", "Affaires politiques", "الشؤون السياسية"),
    ("Food security", "Sécurité alimentaire", "الأمن الغذائي"),
    ("Education and science", "Éducation et science", "التعليم والعلوم"),
    ("Health", "Santé", "الصحة"),
    ("Climate and water", "Climat et eau", "المناخ والمياه"),
    ("Trade and development", "Commerce et développement", "التجارة والتنمية"),
]
TOPICS = [
    ("Early warning", "Alerte précoce", "الإنذار المبكر"),
    ("Capacity building", "Renforcement des capacités", "بناء القدرات"),
    ("Financing", "Financement", "التمويل"),
    ("Partnerships", "Partenariats", "الشراكات"),
]
GIVEN = [
    ("Amina", "أمينة"),
    ("Omar", "عمر"),
    ("Leila", "ليلى"),
    ("Yusuf", "يوسف"),
    ("Fatima", "فاطمة"),
    ("Karim", "كريم"),
    ("Sara", "سارة"),
    ("Hassan", "حسن"),
    ("Nadia", "نادية"),
    ("Tariq", "طارق"),
    ("Mariam", "مريم"),
    ("Ali", "علي"),
]
FAMILY = [
    ("Abdullah", "عبد الله"),
    ("Haddad", "حداد"),
    ("Karimov", "كريموف"),
    ("Nurlanova", "نورلانوفا"),
    ("Diallo", "ديالو"),
    ("Rahman", "رحمن"),
    ("Saleh", "صالح"),
    ("Mansour", "منصور"),
    ("Aliyev", "علييف"),
    ("Touré", "توريه"),
    ("Qasimi", "القاسمي"),
    ("Bekova", "بيكوفا"),
    ("Farah", "فرح"),
    ("Suleiman", "سليمان"),
]
TITLES = [
    ("Minister of Agriculture", "Ministre de l'agriculture", "وزير الزراعة"),
    ("Ambassador", "Ambassadeur", "سفير"),
    ("Director of Food Security", "Directeur de la sécurité alimentaire", "مدير الأمن الغذائي"),
    ("Senior Adviser", "Conseiller principal", "مستشار أول"),
    ("Programme Officer", "Chargé de programme", "موظف برامج"),
]
COUNTRIES = ["KZ", "SA", "EG", "TR", "SN", "ML", "ID", "MY", "PK", "MA", "DZ", "TN", "JO", "AE", "QA", "UZ", "AZ", "NG"]
LOREM = {
    "en": "The session reviews progress, shares experience between delegations and agrees on next steps. ",
    "fr": "La séance fait le point, partage l'expérience des délégations et convient des prochaines étapes. ",
    "ar": "تستعرض الجلسة التقدم المحرز وتتبادل الخبرات بين الوفود وتتفق على الخطوات التالية. ",
}


def _tr(field, en, fr, ar):
    return {f"{field}_en": en, f"{field}_fr": fr, f"{field}_ar": ar}


def build(size_name: str, *, seed: int = 13) -> dict:
    """Build the data set into the current (migrated, empty) database; return the slugs the benchmark needs."""
    from django.db import transaction
    from django.utils import translation

    translation.activate("en")
    size = SIZES[size_name]
    rng = random.Random(seed)
    with transaction.atomic():
        result = _build(size, rng)
    return result


def _build(size: Size, rng: random.Random) -> dict:
    from agreements.models import Instrument, Party
    from core.versions import SITE, bump
    from meetings.models import Meeting, MeetingSeries, Theme, Topic
    from participants.models import Delegation, Organization, Participant, Person, Position
    from sessions.models import Room, Session, SessionRole
    from sessions.services import session_types_add_defaults

    # Themes and topics (site-wide).
    themes = Theme.objects.bulk_create(
        Theme(slug=f"bench-theme-{i + 1}", ordering=i, **_tr("name", *names)) for i, names in enumerate(THEMES)
    )
    topics = Topic.objects.bulk_create(
        Topic(theme=theme, ordering=j, **_tr("name", f"{en} – {theme.name_en}", f"{fr} – {theme.name_fr}", ar))
        for theme in themes
        for j, (en, fr, ar) in enumerate(TOPICS)
    )

    # The series and its meetings: the last (highest number) is the one the benchmark reads.
    series = MeetingSeries.objects.create(
        slug=SERIES_SLUG,
        acronym="BGM",
        **_tr("name", "Benchmark General Meetings", "Réunions générales de référence", "الاجتماعات العامة المرجعية"),
    )
    first_day = datetime.date(2026, 6, 1)
    meetings = []
    for number in range(1, size.meetings + 1):
        start = first_day - datetime.timedelta(days=730 * (size.meetings - number))
        last = number == size.meetings
        meetings.append(
            Meeting(
                series=series,
                number=number,
                slug=MEETING_SLUG if last else f"bench-general-meeting-{number}",
                kind=Meeting.Kind.GENERAL_MEETING,
                start_date=start,
                end_date=start + datetime.timedelta(days=size.days - 1),
                timezone=TIMEZONE,
                country="KZ",
                status=Meeting.Status.PUBLISHED,
                **_tr(
                    "title",
                    f"General Meeting No. {number}",
                    f"Réunion générale no {number}",
                    f"الاجتماع العام رقم {number}",
                ),
                **_tr("city", "Astana", "Astana", "أستانا"),
                **_tr("venue", "Palace of Peace", "Palais de la paix", "قصر السلام"),
                **_tr("description", LOREM["en"] * 3, LOREM["fr"] * 3, LOREM["ar"] * 3),
            )
        )
    meetings = Meeting.objects.bulk_create(meetings)
    meeting = meetings[-1]
    Meeting.themes.through.objects.bulk_create(
        Meeting.themes.through(meeting_id=m.pk, theme_id=t.pk) for m in meetings for t in themes
    )

    rooms = Room.objects.bulk_create(
        Room(
            meeting=meeting,
            ordering=i,
            capacity=rng.choice([40, 80, 120, 300, 800]),
            **_tr("name", f"Hall {i + 1}", f"Salle {i + 1}", f"القاعة {i + 1}"),
        )
        for i in range(size.rooms)
    )

    types = session_types_add_defaults(meeting=meeting)

    # Sessions: every room full, one slot an hour from 08:00 local, 50 minutes each: no overlap, inside the days.
    slots = size.sessions // (size.rooms * size.days)
    tz = meeting.tzinfo
    sessions = []
    for i in range(size.sessions):
        day, rest = divmod(i, slots * size.rooms)
        slot, room = divmod(rest, size.rooms)
        starts = datetime.datetime.combine(
            meeting.start_date + datetime.timedelta(days=day), datetime.time(8 + slot), tzinfo=tz
        )
        theme = themes[i % len(themes)]
        n = i + 1
        sessions.append(
            Session(
                meeting=meeting,
                type=types["opening_ceremony" if i == 0 else "working_session"],
                slug=f"session-{n:04d}",
                theme=theme,
                room=rooms[room],
                starts_at=starts.astimezone(datetime.UTC),
                ends_at=(starts + datetime.timedelta(minutes=50)).astimezone(datetime.UTC),
                is_public=True,
                **_tr(
                    "title",
                    f"{theme.name_en}: working session {n}",
                    f"{theme.name_fr} : séance de travail {n}",
                    f"{theme.name_ar}: جلسة العمل {n}",
                ),
                **_tr("description", LOREM["en"] * 2, LOREM["fr"] * 2, LOREM["ar"] * 2),
            )
        )
    sessions = Session.objects.bulk_create(sessions)
    Session.topics.through.objects.bulk_create(
        Session.topics.through(session_id=session.pk, topic_id=topics[(i * 2 + k) % len(topics)].pk)
        for i, session in enumerate(sessions)
        for k in range(2)
    )

    # People: the speakers are the first listed ones; everyone takes part in the last meeting.
    people = []
    for i in range(size.participants):
        given_en, given_ar = GIVEN[i % len(GIVEN)]
        family_en, family_ar = FAMILY[(i // len(GIVEN)) % len(FAMILY)]
        people.append(
            Person(
                slug=f"person-{i + 1:05d}",
                nationality=COUNTRIES[i % len(COUNTRIES)],
                email=f"person{i + 1}@example.org",
                listed_publicly=i % size.listed_every == 0,
                # bulk_create skips Person.save(), which keeps the sort name.
                sort_name=f"{family_en} {i + 1} {given_en}".casefold(),
                **_tr("honorific_prefix", "H.E." if i % 7 == 0 else "", "S.E." if i % 7 == 0 else "", ""),
                **_tr("given_name", given_en, given_en, given_ar),
                **_tr("family_name", f"{family_en} {i + 1}", f"{family_en} {i + 1}", f"{family_ar} {i + 1}"),
                **_tr("biography", LOREM["en"], LOREM["fr"], LOREM["ar"]),
            )
        )
    people = Person.objects.bulk_create(people, batch_size=2000)
    speakers = [person for person in people if person.listed_publicly][: size.speakers]
    assert len(speakers) == size.speakers, "not enough listed people for the speakers"

    organizations = Organization.objects.bulk_create(
        Organization(
            slug=f"organization-{i + 1:03d}",
            kind=Organization.Kind.MEMBER_STATE if i % 3 else Organization.Kind.INTERGOVERNMENTAL,
            country=COUNTRIES[i % len(COUNTRIES)],
            **_tr("name", f"Organization {i + 1}", f"Organisation {i + 1}", f"المنظمة {i + 1}"),
            **_tr("acronym", f"ORG{i + 1}", f"ORG{i + 1}", f"ORG{i + 1}"),
        )
        for i in range(size.delegations)
    )
    delegations = Delegation.objects.bulk_create(
        Delegation(meeting=meeting, organization=organization, ordering=i, role=Delegation.Role.PARTICIPANT)
        for i, organization in enumerate(organizations)
    )
    # Everyone holds a position in their delegation's organization since the year before the meeting, and attends
    # in it: the list of participants and the agenda show it beside each name.
    since = meeting.start_date - datetime.timedelta(days=365)
    positions = Position.objects.bulk_create(
        (
            Position(
                person=person,
                organization=delegations[i % len(delegations)].organization,
                start_date=since,
                **_tr("title", *TITLES[i % len(TITLES)]),
            )
            for i, person in enumerate(people)
        ),
        batch_size=2000,
    )
    speaker_ids = {person.pk for person in speakers}
    participants = []
    for i, person in enumerate(people):
        delegation = delegations[i % len(delegations)]
        if i < len(delegations):
            role = Participant.Role.HEAD_OF_DELEGATION
        elif person.pk in speaker_ids:
            role = Participant.Role.SPEAKER
        else:
            role = Participant.Role.DELEGATE
        participants.append(
            Participant(
                meeting=meeting,
                delegation=delegation,
                person=person,
                position=positions[i],
                role=role,
                status=Participant.Status.ACCREDITED,
                badge_number=i + 1,
                checkin_key=uuid.UUID(int=rng.getrandbits(128)),
            )
        )
    Participant.objects.bulk_create(participants, batch_size=2000)
    Meeting.objects.filter(pk=meeting.pk).update(last_badge_number=len(participants))

    roles = []
    per = size.roles_per_session
    for i, session in enumerate(sessions):
        for k in range(per):
            roles.append(
                SessionRole(
                    session=session,
                    person=speakers[(i * per + k) % len(speakers)],
                    role=SessionRole.Role.CHAIR if k == 0 else SessionRole.Role.SPEAKER,
                    order=k,
                    **_tr(
                        "subject",
                        "Opening remarks" if k == 0 else f"Statement {k}",
                        "Allocution d'ouverture" if k == 0 else f"Déclaration {k}",
                        "كلمة افتتاحية" if k == 0 else f"بيان {k}",
                    ),
                )
            )
    SessionRole.objects.bulk_create(roles, batch_size=2000)

    kinds = list(Instrument.Kind)
    instruments = []
    for i in range(size.instruments):
        signed_on = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(3650))
        in_force = i % 2 == 1
        kind = kinds[i % len(kinds)]
        instruments.append(
            Instrument(
                kind=kind,
                slug=f"instrument-{i + 1:04d}",
                reference=f"BENCH/{i + 1:04d}",
                status=Instrument.Status.IN_FORCE if in_force else Instrument.Status.SIGNED,
                signed_on=signed_on,
                entered_into_force_on=signed_on + datetime.timedelta(days=30) if in_force else None,
                signed_at=meetings[i % len(meetings)],
                countries=[COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i + 5) % len(COUNTRIES)]],
                **_tr("title", f"{kind.label} no. {i + 1}", f"{kind.label} no {i + 1}", f"الصك رقم {i + 1}"),
                **_tr("summary", LOREM["en"], LOREM["fr"], LOREM["ar"]),
                **_tr("place_of_signature", "Astana", "Astana", "أستانا"),
            )
        )
    instruments = Instrument.objects.bulk_create(instruments, batch_size=2000)
    Instrument.themes.through.objects.bulk_create(
        Instrument.themes.through(instrument_id=instrument.pk, theme_id=themes[i % len(themes)].pk)
        for i, instrument in enumerate(instruments)
    )
    count = len(organizations)
    Party.objects.bulk_create(
        Party(instrument=instrument, organization=organizations[(i + k) % count], order=k)
        for i, instrument in enumerate(instruments)
        for k in range(2)
    )

    bump([SITE, *(m.pk for m in meetings)])
    middle = sessions[len(sessions) // 2]
    return {"meeting": meeting.slug, "session": middle.slug}


def main():
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=13)
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    print(build(arguments.size, seed=arguments.seed))


if __name__ == "__main__":
    main()
