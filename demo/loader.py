"""The demo data: the 16th UN–OIC General Meeting (Astana, 22 July 2024) as the press release tells it.

Source: ../shared/seed/FACTS.md and the French press release beside it. What the release does not say is
chosen plausibly and listed in the README ("Demo data"): times of day, rooms, the closing date, the venue, the
Arabic spellings, the subjects of the guests' statements, the leads of the commitments.

The data is in demo/data/*.yaml; this module only writes it. A translated value there is an {en, fr, ar} mapping,
which becomes the model's `<name>_en`, `<name>_fr` and `<name>_ar` fields.

Loading is idempotent: every row is found by its natural key (a slug, or a parent and a position); a missing row
is created, and an existing one is left as the secretariat may have corrected it, unless ``refresh`` asks to put
the demo's values back (then a row is saved only when one of its values differs). A second run changes nothing,
adds no history and no row.
"""

import datetime
import functools
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from agreements.models import Commitment, Instrument, Party, Signature
from agreements.services import instrument_create, instrument_set_status, signature_add
from meetings.models import Meeting, MeetingSeries, Theme, Topic
from participants.models import Delegation, Organization, Participant, Person, Position
from participants.services import participant_change_status, participant_create
from sessions.models import Room, Session, SessionRole
from sessions.services import session_save, session_types_add_defaults

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ("en", "fr", "ar")
MEETING_SLUG = "16th-un-oic-general-meeting-astana-2024"
PREVIOUS_MEETING_SLUG = "15th-un-oic-general-meeting-geneva-2022"
LETTER_OF_INTENT_SLUG = "iofs-fao-letter-of-intent-2024"


@functools.cache
def data(name):
    """The content of demo/data/<name>.yaml (read once per process)."""
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def _is_translated(value):
    return isinstance(value, dict) and set(value) == set(LANGUAGES)


def _translated(name, values):
    """{"en": …, "fr": …, "ar": …} -> {"name_en": …, "name_fr": …, "name_ar": …}."""
    return {f"{name}_{language}": values[language] for language in LANGUAGES}


def _fields(record, *names):
    """The model values of the given keys of a YAML record: translated mappings spread over the languages."""
    values = {}
    for name in names:
        if name not in record:
            continue
        value = record[name]
        values.update(_translated(name, value) if _is_translated(value) else {name: value})
    return values


def _comparable(value):
    """Values as the database gives them back, so that an unchanged row compares equal."""
    if hasattr(value, "code"):  # django-countries' Country
        return value.code
    if isinstance(value, list | tuple):  # countries: stored sorted
        return sorted(_comparable(item) for item in value)
    return value


@dataclass
class Summary:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)
    names: list = field(default_factory=list)

    def record(self, obj, outcome):
        name = str(obj._meta.verbose_name_plural)
        if name not in self.names:
            self.names.append(name)
        getattr(self, outcome)[name] += 1

    def lines(self):
        for name in self.names:
            total = self.created[name] + self.updated[name] + self.unchanged[name] + self.kept[name]
            line = _("%(total)4d %(name)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged") % {
                "total": total,
                "name": name,
                "created": self.created[name],
                "updated": self.updated[name],
                "unchanged": self.unchanged[name],
            }
            if self.kept[name]:
                line += _(", %(kept)d edited since and kept") % {"kept": self.kept[name]}
            yield line


class DemoLoader:
    def __init__(self, *, refresh=False):
        self.refresh = refresh
        self.summary = Summary()

    # Writing -----------------------------------------------------------------------------------------

    def upsert(self, model, lookup, values, *, m2m=None, save=None):
        """Find the row by ``lookup``, create it if missing; if refreshing, save it when its values differ."""
        m2m = m2m or {}
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj, outcome = model(**lookup, **values), "created"
        else:
            differing = {name: value for name, value in values.items() if not self._same(obj, name, value)}
            m2m_differs = any(
                set(getattr(obj, name).values_list("pk", flat=True)) != {item.pk for item in items}
                for name, items in m2m.items()
            )
            if not differing and not m2m_differs:
                self.summary.record(obj, "unchanged")
                return obj
            if not self.refresh:
                self.summary.record(obj, "kept")
                return obj
            for name, value in differing.items():
                setattr(obj, name, value)
            outcome = "updated"
        if save is not None:
            save(obj)
        else:
            obj.full_clean()
            obj.save()
        for name, items in m2m.items():
            getattr(obj, name).set(items)
        self.summary.record(obj, outcome)
        return obj

    @staticmethod
    def _same(obj, name, value):
        return _comparable(getattr(obj, name)) == _comparable(value)

    # The data ----------------------------------------------------------------------------------------

    @transaction.atomic
    def load(self):
        themes = self.load_themes()
        organizations = self.load_organizations()
        people = self.load_people(organizations)
        _previous, meeting = self.load_meetings(themes)
        self.load_delegations(meeting, organizations, people)
        self.load_sessions(meeting, themes, people)
        self.load_letter_of_intent(meeting, themes, organizations, people)
        self.load_commitments(meeting, themes, organizations)
        return self.summary

    def load_themes(self):
        themes = {}
        for ordering, record in enumerate(data("themes")["themes"], start=1):
            theme = self.upsert(
                Theme, {"slug": record["slug"]}, {"ordering": ordering, **_fields(record, "name", "description")}
            )
            for topic_ordering, names in enumerate(record["topics"], start=1):
                self.upsert(Topic, {"theme": theme, "ordering": topic_ordering}, _translated("name", names))
            themes[record["slug"]] = theme
        return themes

    def load_organizations(self):
        organizations = {}
        for record in data("organizations")["organizations"]:
            values = _fields(record, "name", "acronym", "kind", "country", "website")
            values.setdefault("acronym_en", "")
            values.setdefault("acronym_fr", "")
            values.setdefault("acronym_ar", "")
            values["parent"] = organizations[record["parent"]] if record.get("parent") else None
            organizations[record["slug"]] = self.upsert(Organization, {"slug": record["slug"]}, values)
        return organizations

    def load_people(self, organizations):
        people = {}
        for record in data("people")["guests_of_honour"]:
            slug = record["slug"]
            people[slug] = self.upsert(
                Person,
                {"slug": slug},
                {
                    **_fields(record, "honorific_prefix", "given_name", "family_name", "biography", "nationality"),
                    "listed_publicly": True,
                },
            )
            self.upsert(
                Position,
                {"person": people[slug], "organization": organizations[record["organization"]]},
                _translated("title", record["position"]),
            )
        return people

    def load_meetings(self, themes):
        content = data("meetings")
        series_record = content["series"]
        series = self.upsert(
            MeetingSeries,
            {"slug": series_record["slug"]},
            _fields(series_record, "acronym", "periodicity", "name", "description"),
        )
        all_themes = list(themes.values())
        meetings = {}
        for record in content["meetings"]:
            meetings[record["slug"]] = self.upsert(
                Meeting,
                {"slug": record["slug"]},
                {
                    "series": series,
                    **_fields(
                        record,
                        "number",
                        "kind",
                        "start_date",
                        "end_date",
                        "timezone",
                        "country",
                        "status",
                        "reported_attendance",
                        "title",
                        "city",
                        "venue",
                        "description",
                    ),
                },
                m2m={"themes": all_themes},
            )
        return meetings[PREVIOUS_MEETING_SLUG], meetings[MEETING_SLUG]

    def load_delegations(self, meeting, organizations, people):
        delegations = {}
        for ordering, record in enumerate(data("programme")["delegations"]):
            slug = record["organization"]
            delegations[slug] = self.upsert(
                Delegation,
                {"meeting": meeting, "organization": organizations[slug]},
                {"role": record["role"], "ordering": ordering},
            )
        for order, record in enumerate(data("people")["guests_of_honour"]):
            # The guests arrived at the desk on the morning of the opening, in the release's order.
            arrival = datetime.datetime.combine(
                meeting.start_date, datetime.time(8, 30), tzinfo=meeting.tzinfo
            ) + datetime.timedelta(minutes=7 * order)
            self.load_guest(meeting, delegations[record["organization"]], people[record["slug"]], arrival=arrival)

    def load_guest(self, meeting, delegation, person, *, arrival):
        position = person.positions.get(organization=delegation.organization)
        participant = Participant.objects.filter(meeting=meeting, person=person).first()
        if participant is None:
            participant = participant_create(
                delegation=delegation,
                person=person,
                position=position,
                role=Participant.Role.GUEST_OF_HONOUR,
                status=Participant.Status.REGISTERED,
            )
            # Accreditation gives the next badge number of the meeting.
            participant_change_status(participant=participant, status=Participant.Status.ACCREDITED)
            participant_change_status(
                participant=participant, status=Participant.Status.ATTENDED, checked_in_at=arrival
            )
            self.summary.record(participant, "created")
            return
        self.upsert(
            Participant,
            {"pk": participant.pk},
            {"delegation": delegation, "position": position, "role": Participant.Role.GUEST_OF_HONOUR},
        )

    def load_sessions(self, meeting, themes, people):
        programme = data("programme")
        rooms = {
            record["slug"]: self.upsert(
                Room,
                {"meeting": meeting, "ordering": ordering},
                {"capacity": record["capacity"], **_translated("name", record["name"])},
            )
            for ordering, record in enumerate(programme["rooms"], start=1)
        }
        types = session_types_add_defaults(meeting=meeting)
        local = zoneinfo.ZoneInfo(meeting.timezone)
        for record in programme["sessions"]:
            theme = themes.get(record.get("theme"))
            topics = list(theme.topics.all()) if theme else []
            saved = self.upsert(
                Session,
                {"meeting": meeting, "slug": record["slug"]},
                {
                    "type": types[record["type"]],
                    "theme": theme,
                    # Times in the YAML are the meeting's local wall-clock times.
                    "starts_at": datetime.datetime.fromisoformat(record["starts_at"]).replace(tzinfo=local),
                    "ends_at": datetime.datetime.fromisoformat(record["ends_at"]).replace(tzinfo=local),
                    "room": rooms[record["room"]],
                    "is_public": True,
                    **_translated("title", record["title"]),
                    **_translated("description", record.get("description", programme["default_session_description"])),
                },
                m2m={"topics": topics},
                save=lambda obj, topics=topics: session_save(session=obj, topics=topics),
            )
            for order, role in enumerate(record.get("roles", ()), start=1):
                self.upsert(
                    SessionRole,
                    {"session": saved, "person": people[role["person"]], "role": role["role"]},
                    {"order": order, **_translated("subject", role["subject"])},
                )

    def load_letter_of_intent(self, meeting, themes, organizations, people):
        record = data("agreements")["letter_of_intent"]
        slug = record["slug"]
        values = {
            **_fields(record, "kind", "signed_on", "countries", "title", "summary", "place_of_signature"),
            "signed_at": meeting,
        }
        parties = [(organizations[party], Party.Role.PARTY) for party in record["parties"]]
        instrument_themes = [themes[theme] for theme in record["themes"]]
        instrument = Instrument.objects.filter(slug=slug).first()
        if instrument is None:
            instrument = instrument_create(
                slug=slug, status=Instrument.Status.SIGNED, parties=parties, themes=instrument_themes, **values
            )
            self.summary.record(instrument, "created")
            for party in instrument.parties.all():
                self.summary.record(party, "created")
        else:
            instrument = self.upsert(Instrument, {"slug": slug}, values, m2m={"themes": instrument_themes})
            for order, (organization, role) in enumerate(parties):
                self.upsert(
                    Party, {"instrument": instrument, "organization": organization}, {"role": role, "order": order}
                )
            if self.refresh and instrument.status != Instrument.Status.SIGNED:
                instrument_set_status(instrument=instrument, status=Instrument.Status.SIGNED)
        # The release names the signatory for IOFS only; FAO's signature is left for the secretariat to add.
        for signature_record in record["signatures"]:
            party = instrument.parties.get(organization=organizations[signature_record["party"]])
            person = people[signature_record["person"]]
            signed_on = signature_record["signed_on"]
            capacity = _translated("capacity", signature_record["capacity"])
            signature = Signature.objects.filter(party=party, person=person).first()
            if signature is None:
                signature = signature_add(
                    instrument=instrument, party=party, person=person, signed_on=signed_on, **capacity
                )
                self.summary.record(signature, "created")
            else:
                self.upsert(Signature, {"pk": signature.pk}, {"signed_on": signed_on, **capacity})

    def load_commitments(self, meeting, themes, organizations):
        content = data("agreements")
        for record in content["commitments"]:
            self.upsert(
                Commitment,
                {"reference": record["reference"]},
                {
                    "lead_organization": organizations[record["lead"]],
                    "theme": themes.get(record.get("theme")),
                    "agreed_at": meeting if record["agreed_at_meeting"] else None,
                    "status": record["status"],
                    **_translated("title", record["title"]),
                    **_translated("description", content["commitment_descriptions"][record["description"]]),
                },
                m2m={"partner_organizations": [organizations[slug] for slug in record["partners"]]},
            )


def load_demo(*, refresh=False):
    return DemoLoader(refresh=refresh).load()
