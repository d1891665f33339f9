from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        from agreements.models import Commitment, CommitmentUpdate, Instrument, Party, Signature
        from core.versions import track

        # What a change touches (core/versions.py): the registry and the people and organization pages list
        # instruments and commitments of every meeting, so they are site-wide records.
        track(Instrument, m2m=["themes"])
        track(Party)
        track(Signature)
        track(Commitment, m2m=["partner_organizations"])
        track(CommitmentUpdate)
