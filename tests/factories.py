"""factory_boy factories for every model; tests build their data with these, never with fixtures."""

import datetime

import factory
from django.utils import timezone

from agreements.models import Commitment, CommitmentUpdate, Instrument, Party, Signature
from meetings.models import Document, Meeting, MeetingSeries, Theme, Topic
from participants.models import Delegation, Organization, Participant, Person, Position
from sessions.models import Room, Session, SessionRole, SessionType


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name_en = factory.Sequence(lambda n: f"Theme {n}")
    name_fr = factory.Sequence(lambda n: f"Thème {n}")
    name_ar = factory.Sequence(lambda n: f"المحور {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    ordering = factory.Sequence(lambda n: n)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    theme = factory.SubFactory(ThemeFactory)
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    name_fr = factory.Sequence(lambda n: f"Sujet {n}")


class MeetingSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingSeries

    name_en = factory.Sequence(lambda n: f"General Meeting series {n}")
    name_fr = factory.Sequence(lambda n: f"Série de réunions générales {n}")
    acronym = "UN-OIC"
    slug = factory.Sequence(lambda n: f"series-{n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    series = factory.SubFactory(MeetingSeriesFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"General Meeting {n}")
    title_fr = factory.Sequence(lambda n: f"Réunion générale {n}")
    title_ar = factory.Sequence(lambda n: f"الاجتماع العام {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    start_date = datetime.date(2024, 7, 22)
    end_date = datetime.date(2024, 7, 23)
    timezone = "Asia/Almaty"
    city_en = "Astana"
    city_fr = "Astana"
    country = "KZ"
    venue_en = "Palace of Independence"
    status = Meeting.Status.PUBLISHED


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    meeting = factory.SubFactory(MeetingFactory)
    kind = Document.Kind.PRESS_RELEASE
    title_en = factory.Sequence(lambda n: f"Document {n}")
    is_published = True


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_en = factory.Sequence(lambda n: f"Organization {n}")
    name_fr = factory.Sequence(lambda n: f"Organisation {n}")
    acronym_en = factory.Sequence(lambda n: f"ORG{n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    kind = Organization.Kind.UN_ENTITY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    honorific_prefix_en = "H.E. Mr."
    given_name_en = factory.Sequence(lambda n: f"Given{n}")
    family_name_en = factory.Sequence(lambda n: f"Family{n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    email = factory.Sequence(lambda n: f"private.person{n}@example.org")
    phone = factory.Sequence(lambda n: f"+7 700 555 {n:04d}")
    listed_publicly = True


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title_en = "Director"
    title_fr = "Directeur"
    start_date = datetime.date(2020, 1, 1)


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    meeting = factory.SubFactory(MeetingFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Delegation.Role.PARTICIPANT


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    delegation = factory.SubFactory(DelegationFactory)
    person = factory.SubFactory(PersonFactory)
    role = Participant.Role.DELEGATE
    status = Participant.Status.REGISTERED


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    meeting = factory.SubFactory(MeetingFactory)
    name_en = factory.Sequence(lambda n: f"Room {n}")
    name_fr = factory.Sequence(lambda n: f"Salle {n}")
    capacity = 120


class SessionTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionType
        django_get_or_create = ("meeting", "code")

    meeting = factory.SubFactory(MeetingFactory)
    code = "working_session"
    name_en = "Working session"
    name_fr = "Séance de travail"
    name_ar = "جلسة عمل"


class SessionFactory(factory.django.DjangoModelFactory):
    """A one-hour session on the meeting's first day, 10:00 local time plus one hour per sequence step."""

    class Meta:
        model = Session

    meeting = factory.SubFactory(MeetingFactory)
    # The meeting's "working_session" type, made once per meeting (None for a meeting not saved yet).
    type = factory.LazyAttribute(lambda o: SessionTypeFactory(meeting=o.meeting) if o.meeting.pk else None)
    title_en = factory.Sequence(lambda n: f"Working session {n}")
    title_fr = factory.Sequence(lambda n: f"Session de travail {n}")
    title_ar = factory.Sequence(lambda n: f"جلسة عمل {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    starts_at = factory.LazyAttribute(
        lambda o: datetime.datetime.combine(o.meeting.start_date, datetime.time(10), tzinfo=o.meeting.tzinfo)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))
    room = None
    is_public = True


class SessionRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionRole

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    role = SessionRole.Role.SPEAKER


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    kind = Instrument.Kind.LETTER_OF_INTENT
    title_en = factory.Sequence(lambda n: f"Letter of Intent {n}")
    title_fr = factory.Sequence(lambda n: f"Lettre d'intention {n}")
    slug = factory.Sequence(lambda n: f"instrument-{n}")
    status = Instrument.Status.SIGNED
    signed_on = datetime.date(2024, 7, 22)
    countries = ["KZ", "TJ"]


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    instrument = factory.SubFactory(InstrumentFactory)
    organization = factory.SubFactory(OrganizationFactory)


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    party = factory.SubFactory(PartyFactory)
    instrument = factory.LazyAttribute(lambda o: o.party.instrument)
    person = factory.SubFactory(PersonFactory)
    capacity_en = "Director General"
    signed_on = factory.LazyAttribute(lambda o: o.instrument.signed_on)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    reference = factory.Sequence(lambda n: f"M-{n}")
    title_en = factory.Sequence(lambda n: f"Commitment {n}")
    lead_organization = factory.SubFactory(OrganizationFactory)
    agreed_at = factory.SubFactory(MeetingFactory)
    status = Commitment.Status.IN_PROGRESS


class CommitmentUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    reported_on = factory.LazyFunction(lambda: timezone.localdate())
    status = Commitment.Status.IN_PROGRESS
    note_en = "Progress reported."


class ApiKeyFactory(factory.django.DjangoModelFactory):
    """An API key; its clear secret is on `.secret` (only the hash is stored)."""

    class Meta:
        model = "api.ApiKey"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partner system {n}")
    organization = factory.SubFactory(OrganizationFactory)
    scopes = factory.LazyFunction(lambda: ["read"])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        key = model_class(*args, **kwargs)
        key.secret = key.set_new_secret()
        key.save()
        return key

    @factory.post_generation
    def meetings(obj, create, extracted, **kwargs):  # factory_boy passes the instance first
        if create and extracted:
            obj.meetings.set(extracted)
