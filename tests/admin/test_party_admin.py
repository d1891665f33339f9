"""The standalone party admin cannot leave a signed instrument with fewer than two parties."""

import pytest

from agreements.models import Party
from tests.factories import InstrumentFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_with_two_parties():
    instrument = InstrumentFactory(title_en="Letter of Intent between IOFS and FAO")
    return PartyFactory(instrument=instrument), PartyFactory(instrument=instrument)


def test_party_admin_turning_a_party_into_a_witness_below_two_parties_is_refused(
    secretariat_client, signed_with_two_parties
):
    party, _other = signed_with_two_parties
    form = {"instrument": party.instrument_id, "organization": party.organization_id, "role": "witness", "order": 0}

    response = secretariat_client.post(f"/admin/agreements/party/{party.pk}/change/", form)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"role": ["A signed instrument keeps at least two parties."]}
    assert Party.objects.get(pk=party.pk).role == Party.Role.PARTY


def test_party_admin_turning_a_third_party_into_a_witness_is_allowed(secretariat_client, signed_with_two_parties):
    party, _other = signed_with_two_parties
    third = PartyFactory(instrument=party.instrument)
    form = {"instrument": third.instrument_id, "organization": third.organization_id, "role": "witness", "order": 0}

    response = secretariat_client.post(f"/admin/agreements/party/{third.pk}/change/", form)

    assert response.status_code == 302
    assert Party.objects.get(pk=third.pk).role == Party.Role.WITNESS


def test_party_admin_deleting_a_party_of_a_signed_instrument_is_protected(secretariat_client, signed_with_two_parties):
    party, _other = signed_with_two_parties

    page = secretariat_client.get(f"/admin/agreements/party/{party.pk}/delete/")
    response = secretariat_client.post(f"/admin/agreements/party/{party.pk}/delete/", {"post": "yes"})

    assert "a signed instrument keeps at least two parties" in page.content.decode()
    assert response.status_code == 200
    assert Party.objects.filter(instrument=party.instrument).count() == 2


def test_party_admin_bulk_delete_of_a_signed_instruments_parties_is_protected(
    secretariat_client, signed_with_two_parties
):
    parties = signed_with_two_parties

    secretariat_client.post(
        "/admin/agreements/party/",
        {"action": "delete_selected", "_selected_action": [party.pk for party in parties], "post": "yes"},
    )

    assert Party.objects.filter(pk__in=[party.pk for party in parties]).count() == 2
