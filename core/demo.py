"""The demo data: the 16th UN–OIC General Meeting (Astana, 22 July 2024) as the press release tells it.

Source: ../shared/seed/FACTS.md and the French press release beside it. What the release does not say is
chosen plausibly and listed in the README ("Demo data"): times of day, rooms, the closing date, the venue, the
Arabic spellings, the subjects of the guests' statements, the leads of the commitments.

Loading is idempotent: every row is found by its natural key (a slug, or a parent and a position); a missing row
is created, and an existing one is left as the secretariat may have corrected it, unless ``refresh`` asks to put
the demo's values back (then a row is saved only when one of its values differs). A second run changes nothing,
adds no history and no row.
"""

import datetime
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from agreements.models import Commitment, Instrument, Party, Signature
from agreements.services import instrument_create, instrument_set_status, signature_add
from meetings.models import Meeting, MeetingSeries, Theme, Topic
from participants.models import Delegation, Organization, Participant, Person, Position
from participants.services import participant_change_status, participant_create
from sessions.models import Room, Session, SessionRole
from sessions.services import session_save

ASTANA = zoneinfo.ZoneInfo("Asia/Almaty")
MEETING_SLUG = "16th-un-oic-general-meeting-astana-2024"
PREVIOUS_MEETING_SLUG = "15th-un-oic-general-meeting-geneva-2022"
LETTER_OF_INTENT_SLUG = "iofs-fao-letter-of-intent-2024"


def at_astana(day, hour, minute=0):
    return datetime.datetime(2024, 7, day, hour, minute, tzinfo=ASTANA)


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
        for ordering, (slug, names, descriptions, topics) in enumerate(THEMES, start=1):
            theme = self.upsert(
                Theme,
                {"slug": slug},
                {
                    "ordering": ordering,
                    **_translated("name", names),
                    **_translated("description", descriptions),
                },
            )
            for topic_ordering, topic_names in enumerate(topics, start=1):
                self.upsert(Topic, {"theme": theme, "ordering": topic_ordering}, _translated("name", topic_names))
            themes[slug] = theme
        return themes

    def load_organizations(self):
        organizations = {}
        for slug, values in ORGANIZATIONS:
            values = dict(values)
            parent_slug = values.pop("parent", None)
            names = values.pop("name")
            acronyms = values.pop("acronym", ("", "", ""))
            values["parent"] = organizations[parent_slug] if parent_slug else None
            organizations[slug] = self.upsert(
                Organization,
                {"slug": slug},
                {**values, **_translated("name", names), **_translated("acronym", acronyms)},
            )
        return organizations

    def load_people(self, organizations):
        people = {}
        for slug, person in GUESTS_OF_HONOUR.items():
            people[slug] = self.upsert(
                Person,
                {"slug": slug},
                {
                    **_translated("honorific_prefix", person["honorific"]),
                    **_translated("given_name", person["given_name"]),
                    **_translated("family_name", person["family_name"]),
                    **_translated("biography", person["biography"]),
                    "nationality": person["nationality"],
                    "listed_publicly": True,
                },
            )
            self.upsert(
                Position,
                {"person": people[slug], "organization": organizations[person["organization"]]},
                _translated("title", person["position"]),
            )
        return people

    def load_meetings(self, themes):
        series = self.upsert(
            MeetingSeries,
            {"slug": "un-oic-general-meeting"},
            {
                "acronym": "UN–OIC",
                "periodicity": MeetingSeries.Periodicity.BIENNIAL,
                **_translated("name", SERIES_NAME),
                **_translated("description", SERIES_DESCRIPTION),
            },
        )
        all_themes = list(themes.values())
        previous = self.upsert(
            Meeting,
            {"slug": PREVIOUS_MEETING_SLUG},
            {
                "series": series,
                "number": 15,
                "kind": Meeting.Kind.GENERAL_MEETING,
                "start_date": datetime.date(2022, 7, 12),
                "end_date": datetime.date(2022, 7, 13),
                "timezone": "Europe/Zurich",
                "country": "CH",
                "status": Meeting.Status.PUBLISHED,
                **_translated("title", PREVIOUS_MEETING_TITLE),
                **_translated("city", ("Geneva", "Genève", "جنيف")),
                **_translated("venue", ("Palais des Nations", "Palais des Nations", "قصر الأمم")),
                **_translated("description", PREVIOUS_MEETING_DESCRIPTION),
            },
            m2m={"themes": all_themes},
        )
        meeting = self.upsert(
            Meeting,
            {"slug": MEETING_SLUG},
            {
                "series": series,
                "number": 16,
                "kind": Meeting.Kind.GENERAL_MEETING,
                "start_date": datetime.date(2024, 7, 22),
                "end_date": datetime.date(2024, 7, 23),
                "timezone": "Asia/Almaty",
                "country": "KZ",
                "status": Meeting.Status.PUBLISHED,
                "reported_attendance": 100,
                **_translated("title", MEETING_TITLE),
                **_translated("city", ("Astana", "Astana", "أستانا")),
                **_translated("venue", ("Palace of Independence", "Palais de l'Indépendance", "قصر الاستقلال")),
                **_translated("description", MEETING_DESCRIPTION),
            },
            m2m={"themes": all_themes},
        )
        return previous, meeting

    def load_delegations(self, meeting, organizations, people):
        delegations = {}
        for ordering, (slug, role) in enumerate(DELEGATIONS):
            delegations[slug] = self.upsert(
                Delegation,
                {"meeting": meeting, "organization": organizations[slug]},
                {"role": role, "ordering": ordering},
            )
        for slug, person in GUESTS_OF_HONOUR.items():
            self.load_guest(meeting, delegations[person["organization"]], people[slug])

    def load_guest(self, meeting, delegation, person):
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
            participant_change_status(participant=participant, status=Participant.Status.ATTENDED)
            self.summary.record(participant, "created")
            return
        self.upsert(
            Participant,
            {"pk": participant.pk},
            {"delegation": delegation, "position": position, "role": Participant.Role.GUEST_OF_HONOUR},
        )

    def load_sessions(self, meeting, themes, people):
        rooms = {
            slug: self.upsert(
                Room,
                {"meeting": meeting, "ordering": ordering},
                {"capacity": capacity, **_translated("name", names)},
            )
            for ordering, (slug, names, capacity) in enumerate(ROOMS, start=1)
        }
        for slug, session in SESSIONS.items():
            theme = themes.get(session.get("theme"))
            topics = list(theme.topics.all()) if theme else []
            saved = self.upsert(
                Session,
                {"meeting": meeting, "slug": slug},
                {
                    "kind": session["kind"],
                    "theme": theme,
                    "starts_at": session["starts_at"],
                    "ends_at": session["ends_at"],
                    "room": rooms[session["room"]],
                    "is_public": True,
                    **_translated("title", session["title"]),
                    **_translated("description", session["description"]),
                },
                m2m={"topics": topics},
                save=lambda obj, topics=topics: session_save(session=obj, topics=topics),
            )
            for order, (person_slug, role, subjects) in enumerate(session.get("roles", ()), start=1):
                self.upsert(
                    SessionRole,
                    {"session": saved, "person": people[person_slug], "role": role},
                    {"order": order, **_translated("subject", subjects)},
                )

    def load_letter_of_intent(self, meeting, themes, organizations, people):
        values = {
            "kind": Instrument.Kind.LETTER_OF_INTENT,
            "signed_on": datetime.date(2024, 7, 22),
            "signed_at": meeting,
            "countries": LETTER_OF_INTENT_COUNTRIES,
            **_translated("title", LETTER_OF_INTENT_TITLE),
            **_translated("summary", LETTER_OF_INTENT_SUMMARY),
            **_translated("place_of_signature", ("Astana", "Astana", "أستانا")),
        }
        parties = [(organizations["iofs"], Party.Role.PARTY), (organizations["fao"], Party.Role.PARTY)]
        instrument_themes = [themes["economic-scientific-affairs"], themes["cultural-social-humanitarian-affairs"]]
        instrument = Instrument.objects.filter(slug=LETTER_OF_INTENT_SLUG).first()
        if instrument is None:
            instrument = instrument_create(
                slug=LETTER_OF_INTENT_SLUG,
                status=Instrument.Status.SIGNED,
                parties=parties,
                themes=instrument_themes,
                **values,
            )
            self.summary.record(instrument, "created")
            for party in instrument.parties.all():
                self.summary.record(party, "created")
        else:
            instrument = self.upsert(
                Instrument, {"slug": LETTER_OF_INTENT_SLUG}, values, m2m={"themes": instrument_themes}
            )
            for order, (organization, role) in enumerate(parties):
                self.upsert(
                    Party, {"instrument": instrument, "organization": organization}, {"role": role, "order": order}
                )
            if self.refresh and instrument.status != Instrument.Status.SIGNED:
                instrument_set_status(instrument=instrument, status=Instrument.Status.SIGNED)
        # The release names the signatory for IOFS only; FAO's signature is left for the secretariat to add.
        iofs_party = instrument.parties.get(organization=organizations["iofs"])
        signature = Signature.objects.filter(party=iofs_party, person=people["berik-aryn"]).first()
        capacity = _translated("capacity", ("Director General", "Directeur Général", "المدير العام"))
        if signature is None:
            signature = signature_add(
                instrument=instrument,
                party=iofs_party,
                person=people["berik-aryn"],
                signed_on=datetime.date(2024, 7, 22),
                **capacity,
            )
            self.summary.record(signature, "created")
        else:
            self.upsert(Signature, {"pk": signature.pk}, {"signed_on": datetime.date(2024, 7, 22), **capacity})

    def load_commitments(self, meeting, themes, organizations):
        for reference, commitment in COMMITMENTS.items():
            self.upsert(
                Commitment,
                {"reference": reference},
                {
                    "lead_organization": organizations[commitment["lead"]],
                    "theme": themes.get(commitment.get("theme")),
                    "agreed_at": meeting if commitment["agreed_at_meeting"] else None,
                    "status": commitment["status"],
                    **_translated("title", commitment["title"]),
                    **_translated("description", commitment["description"]),
                },
                m2m={"partner_organizations": [organizations[slug] for slug in commitment["partners"]]},
            )


def _translated(name, values):
    """("English", "French", "Arabic") -> {"name_en": …, "name_fr": …, "name_ar": …}."""
    english, french, arabic = values
    return {f"{name}_en": english, f"{name}_fr": french, f"{name}_ar": arabic}


def load_demo(*, refresh=False):
    return DemoLoader(refresh=refresh).load()


# ----------------------------------------------------------------------------------------------------
# The data, in English, French (from the release where it says so) and Arabic.

SERIES_NAME = (
    "General Meeting on Cooperation between the United Nations and the Organisation of Islamic Cooperation",
    "Réunion générale sur la coopération entre l'Organisation des Nations Unies et l'Organisation de la "
    "coopération islamique",
    "الاجتماع العام للتعاون بين الأمم المتحدة ومنظمة التعاون الإسلامي",
)
SERIES_DESCRIPTION = (
    "Every two years the United Nations and the OIC, with their agencies, review their cooperation and agree "
    "on the next steps.",
    "Tous les deux ans, les Nations Unies et l'OCI, avec leurs agences, examinent leur coopération et "
    "conviennent des prochaines étapes.",
    "تستعرض الأمم المتحدة ومنظمة التعاون الإسلامي ووكالاتهما تعاونهما كل سنتين وتتفقان على الخطوات التالية.",
)
PREVIOUS_MEETING_TITLE = (
    "UN–OIC General Meeting on Cooperation",
    "Réunion générale ONU-OCI sur la coopération",
    "الاجتماع العام للتعاون بين الأمم المتحدة ومنظمة التعاون الإسلامي",
)
PREVIOUS_MEETING_DESCRIPTION = (
    "The 15th General Meeting, held in Geneva, Switzerland, in July 2022. The 16th meeting in Astana reviews "
    "cooperation and evaluation since this meeting.",
    "La 15e Réunion générale, tenue à Genève, Suisse, en juillet 2022. La 16e réunion à Astana examine la "
    "coopération et l'évaluation depuis cette réunion.",
    "الاجتماع العام الخامس عشر، المنعقد في جنيف، سويسرا، في يوليو 2022. ويستعرض الاجتماع السادس عشر في أستانا "
    "التعاون والتقييم منذ هذا الاجتماع.",
)
MEETING_TITLE = (
    "16th Biennial General Meeting of the United Nations and the Organisation of Islamic Cooperation",
    "16e Réunion Générale Biennale des Nations Unies et de l’Organisation de la Coopération Islamique",
    "الاجتماع العام السادس عشر الذي يُعقد كل سنتين بين الأمم المتحدة ومنظمة التعاون الإسلامي",
)
MEETING_DESCRIPTION = (
    "The 16th Biennial General Meeting of the United Nations and the Organisation of Islamic Cooperation (OIC) "
    "opened on 22 July 2024 in Astana, Kazakhstan, under the auspices of the Islamic Organization for Food "
    "Security (IOFS). About 100 representatives of UN and OIC agencies review cooperation since the Geneva "
    "meeting of July 2022 and align their efforts with the UN 2030 Agenda for Sustainable Development and the "
    "OIC-2025 Programme of Action. Three working sessions discuss political affairs; economic and scientific "
    "affairs; and cultural, social and humanitarian affairs.",
    "La 16e Réunion Générale Biennale des Nations Unies et de l’Organisation de la Coopération Islamique (OCI) "
    "a commencé le 22 juillet 2024 à Astana, Kazakhstan, sous l’égide de l’Organisation Islamique pour la "
    "Sécurité Alimentaire (IOFS). Elle réunit 100 représentants des agences de l'ONU et de l'OCI, qui examinent "
    "la coopération depuis la réunion de Genève de juillet 2022 et alignent leurs efforts avec l'Agenda 2030 "
    "pour le Développement Durable de l'ONU et le Programme d'Action de l'OCI-2025. Trois sessions de travail "
    "portent sur les questions politiques, les questions économiques et scientifiques, et les questions "
    "culturelles, sociales et humanitaires.",
    "افتُتح الاجتماع العام السادس عشر بين الأمم المتحدة ومنظمة التعاون الإسلامي في 22 يوليو 2024 في أستانا، "
    "كازاخستان، برعاية المنظمة الإسلامية للأمن الغذائي. ويستعرض نحو 100 ممثل عن وكالات الأمم المتحدة ومنظمة "
    "التعاون الإسلامي التعاون منذ اجتماع جنيف في يوليو 2022، ويوائمون جهودهم مع خطة الأمم المتحدة للتنمية "
    "المستدامة لعام 2030 وبرنامج عمل منظمة التعاون الإسلامي 2025.",
)

# (slug, (en, fr, ar) names, (en, fr, ar) descriptions, topics as (en, fr, ar)), in the release's order.
THEMES = (
    (
        "political-affairs",
        (
            "Cooperation on Political Affairs",
            "Coopération sur les Questions Politiques",
            "التعاون في الشؤون السياسية",
        ),
        (
            "The first working session of the UN–OIC General Meeting.",
            "La première session de travail de la Réunion générale ONU-OCI.",
            "جلسة العمل الأولى للاجتماع العام بين الأمم المتحدة ومنظمة التعاون الإسلامي.",
        ),
        (
            ("Ongoing political cooperation", "Coopération politique en cours", "التعاون السياسي الجاري"),
            ("Country-specific issues", "Questions spécifiques aux pays", "القضايا الخاصة بالبلدان"),
            ("Conflict prevention and resolution", "Prévention et résolution des conflits", "منع النزاعات وحلها"),
            ("Peacekeeping and peacebuilding", "Maintien et construction de la paix", "حفظ السلام وبناء السلام"),
            ("Promotion of democracy", "Promotion de la démocratie", "تعزيز الديمقراطية"),
            ("Good governance", "Bonne gouvernance", "الحكم الرشيد"),
            ("Human rights and the rule of law", "Droits de l'homme et État de droit", "حقوق الإنسان وسيادة القانون"),
        ),
    ),
    (
        "economic-scientific-affairs",
        (
            "Cooperation on Economic and Scientific Affairs",
            "Coopération sur les Questions Économiques et Scientifiques",
            "التعاون في الشؤون الاقتصادية والعلمية",
        ),
        (
            "The second working session of the UN–OIC General Meeting.",
            "La deuxième session de travail de la Réunion générale ONU-OCI.",
            "جلسة العمل الثانية للاجتماع العام بين الأمم المتحدة ومنظمة التعاون الإسلامي.",
        ),
        (
            (
                "Trade facilitation and the OIC preferential system",
                "Facilitation du commerce et système préférentiel de l'OCI",
                "تيسير التجارة ونظام الأفضليات التجارية لمنظمة التعاون الإسلامي",
            ),
            (
                "Poverty alleviation and financing for development",
                "Lutte contre la pauvreté et financement du développement",
                "التخفيف من حدة الفقر وتمويل التنمية",
            ),
            ("South-South cooperation projects", "Projets de coopération Sud-Sud", "مشاريع التعاون بين بلدان الجنوب"),
            ("Infrastructure development", "Développement des infrastructures", "تطوير البنية التحتية"),
            ("Transport", "Transport", "النقل"),
            ("Tourism", "Tourisme", "السياحة"),
            ("Science and technology", "Science et technologie", "العلوم والتكنولوجيا"),
            ("Education", "Éducation", "التعليم"),
            ("Research", "Recherche", "البحث العلمي"),
            ("Technical and vocational training", "Formation technique et professionnelle", "التدريب التقني والمهني"),
            ("Health", "Santé", "الصحة"),
            ("Environment and climate change", "Environnement et changement climatique", "البيئة وتغير المناخ"),
            ("Water", "Questions liées à l'eau", "المياه"),
            (
                "Information and communication technologies",
                "Technologies de l'information et de la communication",
                "تكنولوجيا المعلومات والاتصالات",
            ),
        ),
    ),
    (
        "cultural-social-humanitarian-affairs",
        (
            "Cooperation on Cultural, Social and Humanitarian Affairs",
            "Coopération sur les Questions Culturelles, Sociales et Humanitaires",
            "التعاون في الشؤون الثقافية والاجتماعية والإنسانية",
        ),
        (
            "The third working session of the UN–OIC General Meeting.",
            "La troisième session de travail de la Réunion générale ONU-OCI.",
            "جلسة العمل الثالثة للاجتماع العام بين الأمم المتحدة ومنظمة التعاون الإسلامي.",
        ),
        (
            ("Impact of COVID-19", "Impact de la COVID-19", "تأثير جائحة كوفيد-19"),
            ("Intercultural dialogue", "Renforcement du dialogue interculturel", "الحوار بين الثقافات"),
            (
                "Culture of dialogue for peace and reconciliation",
                "Promotion de la culture du dialogue pour la paix et la réconciliation",
                "ثقافة الحوار من أجل السلام والمصالحة",
            ),
            (
                "Combating incitement to discrimination based on religion or belief",
                "Lutte contre l'incitation à la discrimination fondée sur la religion ou la croyance",
                "مكافحة التحريض على التمييز على أساس الدين أو المعتقد",
            ),
            (
                "Combating Islamophobia and other forms of racism, hatred and intolerance based on religion or belief",
                "Lutte contre l’islamophobie et autres formes de racisme, de haine et d’intolérance basées sur la "
                "religion ou la croyance",
                "مكافحة الإسلاموفوبيا وغيرها من أشكال العنصرية والكراهية والتعصب القائمة على الدين أو المعتقد",
            ),
            (
                "Preserving the cultural heritage of humanity",
                "Préservation du patrimoine culturel de l'humanité",
                "صون التراث الثقافي للبشرية",
            ),
            (
                "Mobilising support for humanitarian crises in the OIC region (Sahel and Lake Chad region, occupied "
                "Palestinian territories, Afghanistan, Somalia, Yemen, Sudan, Syrian refugees in neighbouring "
                "countries)",
                "Mobilisation de soutien pour les crises humanitaires dans la région OCI (Sahel et région du lac "
                "Tchad, territoires palestiniens occupés, Afghanistan, Somalie, Yémen, Soudan, et réfugiés syriens "
                "dans les pays voisins)",
                "حشد الدعم للأزمات الإنسانية في منطقة منظمة التعاون الإسلامي (منطقة الساحل وحوض بحيرة تشاد، "
                "والأراضي الفلسطينية المحتلة، وأفغانستان، والصومال، واليمن، والسودان، واللاجئون السوريون في "
                "البلدان المجاورة)",
            ),
            ("Islamic finance", "Finance islamique", "التمويل الإسلامي"),
            (
                "Support mechanisms for internally displaced persons, refugees and stateless persons",
                "Mécanismes de soutien aux personnes déplacées internes, réfugiés et personnes apatrides",
                "آليات دعم النازحين داخلياً واللاجئين وعديمي الجنسية",
            ),
        ),
    ),
)

# In creation order: a parent comes before its children.
ORGANIZATIONS = (
    (
        "un",
        {
            "name": ("United Nations", "Organisation des Nations Unies", "الأمم المتحدة"),
            "acronym": ("UN", "ONU", ""),
            "kind": Organization.Kind.UN_ENTITY,
            "website": "https://www.un.org",
        },
    ),
    (
        "oic",
        {
            "name": (
                "Organisation of Islamic Cooperation",
                "Organisation de la Coopération Islamique",
                "منظمة التعاون الإسلامي",
            ),
            "acronym": ("OIC", "OCI", ""),
            "kind": Organization.Kind.OIC_INSTITUTION,
            "website": "https://www.oic-oci.org",
        },
    ),
    (
        "iofs",
        {
            "name": (
                "Islamic Organization for Food Security",
                "Organisation Islamique pour la Sécurité Alimentaire",
                "المنظمة الإسلامية للأمن الغذائي",
            ),
            "acronym": ("IOFS", "IOFS", ""),
            "kind": Organization.Kind.OIC_INSTITUTION,
            "parent": "oic",
            "country": "KZ",
        },
    ),
    (
        "fao",
        {
            "name": (
                "Food and Agriculture Organization of the United Nations",
                "Organisation des Nations Unies pour l'Alimentation et l'Agriculture",
                "منظمة الأغذية والزراعة للأمم المتحدة",
            ),
            "acronym": ("FAO", "FAO", "الفاو"),
            "kind": Organization.Kind.UN_ENTITY,
            "parent": "un",
            "website": "https://www.fao.org",
        },
    ),
    (
        "unrwa",
        {
            "name": (
                "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
                "Agence des Nations Unies pour les Réfugiés Palestiniens",
                "وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين في الشرق الأدنى",
            ),
            "acronym": ("UNRWA", "UNRWA", "الأونروا"),
            "kind": Organization.Kind.UN_ENTITY,
            "parent": "un",
            "website": "https://www.unrwa.org",
        },
    ),
    (
        "kazakhstan",
        {
            "name": ("Republic of Kazakhstan", "République du Kazakhstan", "جمهورية كازاخستان"),
            "kind": Organization.Kind.MEMBER_STATE,
            "country": "KZ",
        },
    ),
)

# The guests of honour of the opening ceremony, in the release's order; no email or phone is known.
GUESTS_OF_HONOUR = {
    "alibek-bakayev": {
        "honorific": ("H.E. Mr.", "S.E. M.", "معالي السيد"),
        "given_name": ("Alibek", "Alibek", "علي بيك"),
        "family_name": ("Bakayev", "Bakayev", "باكاييف"),
        "nationality": "KZ",
        "organization": "kazakhstan",
        "position": (
            "Deputy Minister of Foreign Affairs",
            "Vice-Ministre des Affaires Étrangères",
            "نائب وزير الخارجية",
        ),
        "biography": (
            "Deputy Minister of Foreign Affairs of the Republic of Kazakhstan, guest of honour at the opening of "
            "the 16th UN–OIC General Meeting.",
            "Vice-Ministre des Affaires Étrangères de la République du Kazakhstan, invité d'honneur de l'ouverture "
            "de la 16e Réunion générale ONU-OCI.",
            "نائب وزير خارجية جمهورية كازاخستان، ضيف شرف في افتتاح الاجتماع العام السادس عشر.",
        ),
    },
    "khalid-khiari": {
        "honorific": ("H.E. Amb. Mr.", "S.E. Amb. M.", "سعادة السفير السيد"),
        "given_name": ("Khalid", "Khalid", "خالد"),
        "family_name": ("Khiari", "Khiari", "خياري"),
        "nationality": "",
        "organization": "un",
        "position": (
            "Assistant Secretary-General for the Middle East, Asia and the Pacific",
            "Secrétaire Général Adjoint pour le Moyen-Orient, l'Asie et le Pacifique",
            "الأمين العام المساعد للشرق الأوسط وآسيا والمحيط الهادئ",
        ),
        "biography": (
            "Assistant Secretary-General of the United Nations for the Middle East, Asia and the Pacific.",
            "Secrétaire Général Adjoint de l'ONU pour le Moyen-Orient, l'Asie et le Pacifique.",
            "الأمين العام المساعد للأمم المتحدة للشرق الأوسط وآسيا والمحيط الهادئ.",
        ),
    },
    "ahmad-kawesa-sengendo": {
        "honorific": ("H.E. Prof.", "S.E. Prof.", "معالي البروفيسور"),
        "given_name": ("Ahmad Kawesa", "Ahmad Kawesa", "أحمد كاويسا"),
        "family_name": ("Sengendo", "Sengendo", "سينغندو"),
        "nationality": "",
        "organization": "oic",
        "position": (
            "Assistant Secretary-General for Economic Affairs",
            "Secrétaire Général Adjoint pour les Affaires Économiques",
            "الأمين العام المساعد للشؤون الاقتصادية",
        ),
        "biography": (
            "Assistant Secretary-General of the OIC for Economic Affairs.",
            "Secrétaire Général Adjoint de l'OCI pour les Affaires Économiques.",
            "الأمين العام المساعد لمنظمة التعاون الإسلامي للشؤون الاقتصادية.",
        ),
    },
    "berik-aryn": {
        "honorific": ("Amb.", "Amb.", "السفير"),
        "given_name": ("Berik", "Berik", "بيريك"),
        "family_name": ("Aryn", "Aryn", "آرين"),
        "nationality": "",
        "organization": "iofs",
        "position": ("Director General", "Directeur Général", "المدير العام"),
        "biography": (
            "Director General of the Islamic Organization for Food Security (IOFS), which convened the 16th "
            "UN–OIC General Meeting; he gave its welcome address.",
            "Directeur Général de l'Organisation Islamique pour la Sécurité Alimentaire (IOFS), qui a accueilli "
            "la 16e Réunion générale ONU-OCI ; il en a prononcé le discours d'accueil.",
            "المدير العام للمنظمة الإسلامية للأمن الغذائي التي دعت إلى الاجتماع العام السادس عشر، وألقى كلمة الترحيب.",
        ),
    },
}

# The delegations at the 16th meeting, in protocol order.
DELEGATIONS = (
    ("iofs", Delegation.Role.CONVENER),
    ("kazakhstan", Delegation.Role.HOST),
    ("un", Delegation.Role.PARTICIPANT),
    ("oic", Delegation.Role.PARTICIPANT),
    ("fao", Delegation.Role.PARTICIPANT),
    ("unrwa", Delegation.Role.PARTICIPANT),
)

ROOMS = (
    ("main-hall", ("Main Conference Hall", "Grande salle de conférence", "قاعة المؤتمرات الرئيسية"), 400),
    ("room-a", ("Conference Room A", "Salle de conférence A", "قاعة الاجتماعات أ"), 150),
    ("room-b", ("Conference Room B", "Salle de conférence B", "قاعة الاجتماعات ب"), 150),
)

SESSIONS = {
    "opening-ceremony": {
        "kind": Session.Kind.OPENING_CEREMONY,
        "title": ("Opening ceremony", "Cérémonie d'ouverture", "حفل الافتتاح"),
        "description": (
            "Welcome address by the Director General of IOFS and statements by the guests of honour. The ceremony "
            "closed with a call to strengthen coordination mechanisms, so that efforts stay coherent, "
            "complementary and aligned with common global goals.",
            "Discours d'accueil du Directeur Général de l'IOFS et allocutions des invités d'honneur. La cérémonie "
            "d'ouverture s'est conclue par un appel à renforcer les mécanismes de coordination, en veillant à des "
            "efforts cohérents et complémentaires alignés sur les objectifs globaux communs.",
            "كلمة ترحيب المدير العام للمنظمة الإسلامية للأمن الغذائي وكلمات ضيوف الشرف. واختُتم الحفل بدعوة إلى "
            "تعزيز آليات التنسيق.",
        ),
        "starts_at": at_astana(22, 10),
        "ends_at": at_astana(22, 11, 30),
        "room": "main-hall",
        "roles": (
            ("berik-aryn", "speaker", ("Welcome address", "Discours d'accueil", "كلمة الترحيب")),
            (
                "alibek-bakayev",
                "speaker",
                (
                    "Statement on behalf of the host country",
                    "Allocution au nom du pays hôte",
                    "كلمة باسم البلد المضيف",
                ),
            ),
            (
                "khalid-khiari",
                "speaker",
                (
                    "Statement on behalf of the United Nations",
                    "Allocution au nom de l'Organisation des Nations Unies",
                    "كلمة باسم الأمم المتحدة",
                ),
            ),
            (
                "ahmad-kawesa-sengendo",
                "speaker",
                (
                    "Statement on behalf of the OIC",
                    "Allocution au nom de l'OCI",
                    "كلمة باسم منظمة التعاون الإسلامي",
                ),
            ),
        ),
    },
    "working-session-1-political-affairs": {
        "kind": Session.Kind.WORKING_SESSION,
        "theme": "political-affairs",
        "title": (
            "Working Session I: Cooperation on Political Affairs",
            "Session de travail I : Coopération sur les Questions Politiques",
            "جلسة العمل الأولى: التعاون في الشؤون السياسية",
        ),
        "starts_at": at_astana(22, 14),
        "ends_at": at_astana(22, 16),
        "room": "room-a",
    },
    "working-session-2-economic-scientific-affairs": {
        "kind": Session.Kind.WORKING_SESSION,
        "theme": "economic-scientific-affairs",
        "title": (
            "Working Session II: Cooperation on Economic and Scientific Affairs",
            "Session de travail II : Coopération sur les Questions Économiques et Scientifiques",
            "جلسة العمل الثانية: التعاون في الشؤون الاقتصادية والعلمية",
        ),
        "starts_at": at_astana(22, 16, 30),
        "ends_at": at_astana(22, 18, 30),
        "room": "room-a",
    },
    "working-session-3-cultural-social-humanitarian-affairs": {
        "kind": Session.Kind.WORKING_SESSION,
        "theme": "cultural-social-humanitarian-affairs",
        "title": (
            "Working Session III: Cooperation on Cultural, Social and Humanitarian Affairs",
            "Session de travail III : Coopération sur les Questions Culturelles, Sociales et Humanitaires",
            "جلسة العمل الثالثة: التعاون في الشؤون الثقافية والاجتماعية والإنسانية",
        ),
        "starts_at": at_astana(23, 10),
        "ends_at": at_astana(23, 12, 30),
        "room": "room-b",
    },
}
_WORKING_SESSION_DESCRIPTION = (
    "The parties review cooperation and evaluation since the UN–OIC General Meeting on Cooperation in Geneva, "
    "Switzerland, in July 2022.",
    "Les parties examineront la coopération et l'évaluation depuis la Réunion Générale ONU-OCI sur la "
    "Coopération à Genève, Suisse, en juillet 2022.",
    "تستعرض الأطراف التعاون والتقييم منذ الاجتماع العام للتعاون بين الأمم المتحدة ومنظمة التعاون الإسلامي في جنيف، "
    "سويسرا، في يوليو 2022.",
)
for _session in SESSIONS.values():
    _session.setdefault("description", _WORKING_SESSION_DESCRIPTION)

LETTER_OF_INTENT_TITLE = (
    "Letter of Intent between IOFS and FAO",
    "Lettre d'Intention entre l'IOFS et la FAO",
    "خطاب نوايا بين المنظمة الإسلامية للأمن الغذائي ومنظمة الأغذية والزراعة",
)
LETTER_OF_INTENT_SUMMARY = (
    "A Letter of Intent between the Islamic Organization for Food Security (IOFS) and the Food and Agriculture "
    "Organization of the United Nations (FAO) to strengthen institutional cooperation in member states, "
    "including Afghanistan, Chad, Djibouti, the Gambia, Kazakhstan, Mauritania, Nigeria, Somalia and Tajikistan. "
    "Announced by the Director General of IOFS at the opening of the 16th UN–OIC General Meeting.",
    "Une Lettre d'Intention entre l'IOFS et l'Organisation des Nations Unies pour l'Alimentation et "
    "l'Agriculture (FAO), visant à renforcer la coopération institutionnelle dans les États membres, y compris "
    "l'Afghanistan, le Tchad, Djibouti, la Gambie, le Kazakhstan, la Mauritanie, le Nigéria, la Somalie et le "
    "Tadjikistan. Annoncée par le Directeur Général de l'IOFS à l'ouverture de la 16e Réunion générale ONU-OCI.",
    "خطاب نوايا بين المنظمة الإسلامية للأمن الغذائي ومنظمة الأغذية والزراعة للأمم المتحدة لتعزيز التعاون المؤسسي "
    "في الدول الأعضاء، ومنها أفغانستان وتشاد وجيبوتي وغامبيا وكازاخستان وموريتانيا ونيجيريا والصومال وطاجيكستان.",
)
LETTER_OF_INTENT_COUNTRIES = ["AF", "TD", "DJ", "GM", "KZ", "MR", "NG", "SO", "TJ"]

_PROPOSED_AT_OPENING = (
    "Proposed by the Director General of IOFS at the opening of the 16th UN–OIC General Meeting in Astana.",
    "Proposé par le Directeur Général de l'IOFS à l'ouverture de la 16e Réunion générale ONU-OCI à Astana.",
    "اقترحه المدير العام للمنظمة الإسلامية للأمن الغذائي في افتتاح الاجتماع العام السادس عشر في أستانا.",
)
_MENTIONED_AT_OPENING = (
    "Highlighted by the Director General of IOFS at the opening of the 16th UN–OIC General Meeting in Astana.",
    "Souligné par le Directeur Général de l'IOFS à l'ouverture de la 16e Réunion générale ONU-OCI à Astana.",
    "أبرزه المدير العام للمنظمة الإسلامية للأمن الغذائي في افتتاح الاجتماع العام السادس عشر في أستانا.",
)

# The agreed Matrix and the mechanisms proposed to implement it (agreed at the 16th meeting), then the
# programmes the release mentions (running before the meeting, so not agreed there).
COMMITMENTS = {
    "UN-OIC-16-1": {
        "title": (
            "Implement the agreed Matrix of cooperation effectively",
            "Mettre en œuvre efficacement la Matrice convenue",
            "التنفيذ الفعال لمصفوفة التعاون المتفق عليها",
        ),
        "description": _PROPOSED_AT_OPENING,
        "lead": "oic",
        "partners": ("un",),
        "agreed_at_meeting": True,
        "status": Commitment.Status.IN_PROGRESS,
    },
    "UN-OIC-16-2": {
        "title": (
            "Identify synergies in strategic plans",
            "Identifier les synergies dans les plans stratégiques",
            "تحديد أوجه التآزر في الخطط الاستراتيجية",
        ),
        "description": _PROPOSED_AT_OPENING,
        "lead": "oic",
        "partners": ("un",),
        "agreed_at_meeting": True,
        "status": Commitment.Status.PROPOSED,
    },
    "UN-OIC-16-3": {
        "title": (
            "Establish a permanent UN–OIC Joint Task Force",
            "Établir une Force Opérationnelle Conjointe ONU-OCI permanente",
            "إنشاء فرقة عمل مشتركة دائمة بين الأمم المتحدة ومنظمة التعاون الإسلامي",
        ),
        "description": _PROPOSED_AT_OPENING,
        "lead": "un",
        "partners": ("oic",),
        "agreed_at_meeting": True,
        "status": Commitment.Status.PROPOSED,
    },
    "UN-OIC-16-4": {
        "title": (
            "Convene thematic working groups",
            "Convoquer des groupes de travail thématiques",
            "عقد مجموعات عمل مواضيعية",
        ),
        "description": _PROPOSED_AT_OPENING,
        "lead": "oic",
        "partners": ("un",),
        "agreed_at_meeting": True,
        "status": Commitment.Status.PROPOSED,
    },
    "UN-OIC-16-5": {
        "title": (
            "Set up an Integrated Data and Information Sharing System",
            "Mettre en place un Système Intégré de Partage de Données et d'Information",
            "إنشاء نظام متكامل لتبادل البيانات والمعلومات",
        ),
        "description": _PROPOSED_AT_OPENING,
        "lead": "iofs",
        "partners": ("un", "oic"),
        "agreed_at_meeting": True,
        "status": Commitment.Status.PROPOSED,
    },
    "IOFS-AFG": {
        "title": (
            "Food Security Programme for Afghanistan",
            "Programme de Sécurité Alimentaire pour l'Afghanistan",
            "برنامج الأمن الغذائي لأفغانستان",
        ),
        "description": _MENTIONED_AT_OPENING,
        "theme": "cultural-social-humanitarian-affairs",
        "lead": "iofs",
        "partners": (),
        "agreed_at_meeting": False,
        "status": Commitment.Status.IN_PROGRESS,
    },
    "IOFS-UNRWA": {
        "title": (
            "Collaboration with UNRWA",
            "Collaboration avec l'Agence des Nations Unies pour les Réfugiés Palestiniens",
            "التعاون مع الأونروا",
        ),
        "description": _MENTIONED_AT_OPENING,
        "theme": "cultural-social-humanitarian-affairs",
        "lead": "iofs",
        "partners": ("unrwa",),
        "agreed_at_meeting": False,
        "status": Commitment.Status.IN_PROGRESS,
    },
    "IOFS-AFSI": {
        "title": (
            "Africa Food Security Initiative",
            "Initiative pour la Sécurité Alimentaire en Afrique",
            "مبادرة الأمن الغذائي في أفريقيا",
        ),
        "description": _MENTIONED_AT_OPENING,
        "theme": "economic-scientific-affairs",
        "lead": "iofs",
        "partners": (),
        "agreed_at_meeting": False,
        "status": Commitment.Status.IN_PROGRESS,
    },
}
