"""Every change is recorded, in every language, and the officer can read the history in the admin."""

import pytest

from participants.models import Organization
from tests.admin.forms import post_data_from

pytestmark = pytest.mark.django_db


def test_admin_history_page_shows_who_changed_what(secretariat_client, demo, demo_account):
    organization = Organization.objects.get(slug="iofs")
    url = f"/admin/participants/organization/{organization.pk}/change/"
    page = secretariat_client.get(url)
    secretariat_client.post(url, post_data_from(page, name_ar="المنظمة الإسلامية للأمن الغذائي (إيوفس)"))

    response = secretariat_client.get(f"/admin/participants/organization/{organization.pk}/history/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "المنظمة الإسلامية للأمن الغذائي (إيوفس)" in content
    assert demo_account[0] in content
    latest, created = organization.history.all()[:2]
    assert (latest.history_type, latest.history_user.username) == ("~", demo_account[0])
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(created).changes}
    assert changes.pop("name_ar") == ("المنظمة الإسلامية للأمن الغذائي", "المنظمة الإسلامية للأمن الغذائي (إيوفس)")
    # modeltranslation's form fields write an empty translation as "" or None: nothing the officer typed.
    assert {old or "" for old, _new in changes.values()} | {new or "" for _old, new in changes.values()} <= {""}


def test_admin_history_records_every_language():
    organization = Organization.objects.create(slug="iofs", name_en="IOFS", name_fr="IOFS")

    organization.name_fr = "Organisation Islamique pour la Sécurité Alimentaire"
    organization.name_ar = "المنظمة الإسلامية للأمن الغذائي"
    organization.save()

    record = organization.history.first()
    assert (record.name_en, record.name_fr, record.name_ar) == (
        "IOFS",
        "Organisation Islamique pour la Sécurité Alimentaire",
        "المنظمة الإسلامية للأمن الغذائي",
    )
