"""The API's instruments are written by InstrumentReader (api/serializers/agreements.py) rather than by DRF's field
machinery: the answer must be the one the declared fields give, for every kind of client, in every language, in
the list and the detail; and what a client may not see (a draft instrument or meeting, a signatory who did not
consent to be listed) never reaches it."""

import datetime

import pytest
from rest_framework.test import APIRequestFactory

from agreements.models import Instrument, Party
from api.access import access_for_key
from api.serializers.agreements import InstrumentReader, InstrumentSerializer
from core.access import ANONYMOUS
from meetings.models import Meeting
from tests.factories import (
    ApiKeyFactory,
    InstrumentFactory,
    MeetingFactory,
    OrganizationFactory,
    PartyFactory,
    PersonFactory,
    SignatureFactory,
    ThemeFactory,
)


@pytest.fixture
def registry(db):
    published = MeetingFactory(status=Meeting.Status.PUBLISHED)
    draft = MeetingFactory(status=Meeting.Status.DRAFT)
    draft_instrument = InstrumentFactory(
        status=Instrument.Status.DRAFT, signed_on=None, signed_at=published, title_en="Draft instrument title"
    )
    # Signed at a draft meeting, superseding a draft: both links hidden from those who may not see them.
    full = InstrumentFactory(
        signed_at=draft,
        supersedes=draft_instrument,
        reference="IOFS/FAO/2024",
        title_ar="خطاب نوايا",
        summary_en="<b>Food security</b> & trade",
        place_of_signature_fr="Astana",
        entered_into_force_on=datetime.date(2024, 8, 1),
        expires_on=datetime.date(2029, 7, 22),
        document_en="instruments/2024/letter-en.pdf",
        document_ar="instruments/2024/letter-ar.pdf",
    )
    full.themes.set([ThemeFactory(), ThemeFactory()])
    party = PartyFactory(instrument=full, order=2)
    PartyFactory(instrument=full, organization=OrganizationFactory(), role=Party.Role.WITNESS, order=1)
    SignatureFactory(party=party, person=PersonFactory(listed_publicly=True), order=1)
    SignatureFactory(
        party=party,
        person=PersonFactory(listed_publicly=False, family_name_en="Unlisted signatory"),
        capacity_en="",
        capacity_ar="المدير العام",
        order=2,
    )
    # Signed at a published meeting, superseding a public instrument; a slug no page address accepts.
    successor = InstrumentFactory(signed_at=published, supersedes=full, countries=[], title_en="", title_fr="Suite")
    Instrument.objects.filter(pk=successor.pk).update(slug="pas à pas")
    return {"published": published, "draft": draft, "full": full, "draft_instrument": draft_instrument}


def declared_representation(instrument, context):
    """What DRF's declared fields give for this instrument (the path InstrumentReader stands in for)."""
    return super(InstrumentSerializer, InstrumentSerializer(context=context)).to_representation(instrument)


def keys(registry):
    return {
        "anonymous": None,
        "read": ApiKeyFactory(scopes=["read"]),
        "private": ApiKeyFactory(scopes=["read", "read:private"]),
        "limited": ApiKeyFactory(scopes=["read", "read:private"], meetings=[registry["published"]]),
    }


@pytest.mark.parametrize("lang", [None, "en", "fr", "ar"])
def test_api_instruments_are_what_the_declared_fields_give(client_for, registry, lang):
    query = f"?lang={lang}" if lang else ""
    for name, key in keys(registry).items():
        client = client_for(key)
        access = access_for_key(key) if key is not None else ANONYMOUS
        answer = client.get(f"/api/v1/instruments/{query}").json()["results"]
        assert len(answer) == (3 if name in ("private", "limited") else 2), name
        for item in answer:
            instrument = Instrument.objects.get(pk=item["id"])
            for path in ("/api/v1/instruments/", f"/api/v1/instruments/{item['slug']}/"):
                context = {"request": APIRequestFactory().get(f"{path}{query}"), "lang": lang, "access": access}
                assert item == declared_representation(instrument, context), (name, item["slug"])
            if item["slug"] != "pas à pas":
                assert client.get(f"/api/v1/instruments/{item['slug']}/{query}").json() == item, name


def test_api_instruments_show_anonymous_clients_nothing_private(client_for, registry):
    full = registry["full"]
    listed, unlisted = (signature.person for signature in full.signatures.order_by("order"))
    anonymous = client_for()
    answer = anonymous.get("/api/v1/instruments/?lang=en")
    assert "Draft instrument title" not in answer.content.decode()
    assert "Unlisted signatory" not in answer.content.decode()
    by_slug = {item["slug"]: item for item in answer.json()["results"]}
    assert set(by_slug) == {full.slug, "pas à pas"}
    item = by_slug[full.slug]
    assert (item["signed_at"], item["supersedes"]) == (None, None)
    assert [signature["person"] for signature in item["signatures"]] == [listed.pk, None]
    assert (by_slug["pas à pas"]["signed_at"], by_slug["pas à pas"]["supersedes"]) == (
        registry["published"].pk,
        full.pk,
    )
    detail = anonymous.get(f"/api/v1/instruments/{full.slug}/").json()
    assert (detail["signed_at"], detail["supersedes"]) == (None, None)
    assert [signature["person"] for signature in detail["signatures"]] == [listed.pk, None]
    assert anonymous.get(f"/api/v1/instruments/{registry['draft_instrument'].slug}/").status_code == 404


def test_api_instruments_show_a_limited_key_the_private_data_of_its_meetings_only(client_for, registry):
    full = registry["full"]
    listed, unlisted = (signature.person for signature in full.signatures.order_by("order"))
    limited = client_for(keys(registry)["limited"])
    detail = limited.get(f"/api/v1/instruments/{full.slug}/").json()
    # The draft it supersedes was signed at the key's meeting; the draft meeting it was signed at is another's.
    assert (detail["signed_at"], detail["supersedes"]) == (None, registry["draft_instrument"].pk)
    assert [signature["person"] for signature in detail["signatures"]] == [listed.pk, None]
    private = client_for(keys(registry)["private"]).get(f"/api/v1/instruments/{full.slug}/").json()
    assert [signature["person"] for signature in private["signatures"]] == [listed.pk, unlisted.pk]
    assert (private["signed_at"], private["supersedes"]) == (registry["draft"].pk, registry["draft_instrument"].pk)


def test_the_reader_stands_in_only_for_the_declared_fields_and_a_request(db):
    assert not InstrumentReader.applies_to(InstrumentSerializer(context={}))
    serializer = InstrumentSerializer(context={"request": APIRequestFactory().get("/api/v1/instruments/")})
    assert InstrumentReader.applies_to(serializer)
    serializer.fields["signatures"].child.fields.pop("capacity")
    assert not InstrumentReader.applies_to(serializer)
