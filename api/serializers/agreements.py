from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agreements.models import Commitment, CommitmentUpdate, Instrument, Party, Signature
from agreements.services import instrument_set_status
from api.exceptions import django_validation_error_detail
from api.languages import LANGUAGE_CODES
from api.serializers.base import (
    ConveneSerializer,
    NestedChildren,
    RowReader,
    TranslatedField,
    WebUrlField,
    prefetched_rows,
    shown_link,
    text_representation,
)
from core.languages import reading_order
from participants.models import Organization, Person


class PartySerializer(ConveneSerializer):
    id = serializers.IntegerField(required=False, help_text="Give it to change this party; leave it out to add one.")

    class Meta(ConveneSerializer.Meta):
        model = Party
        fields = ["id", "organization", "role", "order"]


class SignatureSerializer(ConveneSerializer):
    id = serializers.IntegerField(
        required=False, help_text="Give it to change this signature; leave it out to add one."
    )
    organization = serializers.PrimaryKeyRelatedField(
        source="party.organization",
        queryset=Organization.objects.all(),
        help_text="The party for which the person signed; it must be one of the instrument's parties.",
    )
    capacity = TranslatedField()

    class Meta(ConveneSerializer.Meta):
        model = Signature
        fields = ["id", "organization", "person", "capacity", "signed_on", "order"]
        extra_kwargs = {"person": {"allow_null": True, "help_text": "Null for a signatory not listed publicly."}}

    def to_representation(self, signature):
        data = super().to_representation(signature)
        if not signatory_shown(self.access, signature, signature.instrument.signed_at_id):
            data["person"] = None
        return data


def signatory_shown(access, signature, signed_at_id):
    """A signatory who has not consented to be listed stays anonymous to those who may not see them."""
    return signature.person.listed_publicly or access.sees_private_of(Person, signed_at_id)


def resolve_signature_party(instrument, values):
    """Signatures name the party by its organization, which must be a party to this instrument."""
    party_values = values.pop("party", None)
    values["instrument"] = instrument
    if party_values is None:
        return values
    organization = party_values["organization"]
    party = next((p for p in instrument.parties.all() if p.organization_id == organization.pk), None)
    if party is None:
        raise serializers.ValidationError({"organization": [_("This organization is not a party to this instrument.")]})
    values["party"] = party
    return values


class TranslatedFileField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, instance):
        request = self.context.get("request")
        urls = {}
        for code in LANGUAGE_CODES:
            file = getattr(instance, f"{self.field_name}_{code}", None)
            urls[code] = request.build_absolute_uri(file.url) if file and request else None
        lang = self.context.get("lang")
        if lang:
            return next((urls[code] for code in reading_order(lang) if urls[code]), None)
        return urls


extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "format": "uri", "nullable": True},
            {
                "type": "object",
                "properties": {code: {"type": "string", "format": "uri", "nullable": True} for code in LANGUAGE_CODES},
                "additionalProperties": False,
            },
        ],
        "readOnly": True,
    }
)(TranslatedFileField)


class InstrumentSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:instrument-detail", lookup_field="slug")
    web_url = WebUrlField()
    title = TranslatedField(required=True)
    summary = TranslatedField()
    place_of_signature = TranslatedField()
    document = TranslatedFileField(help_text="The signed text in each language.")
    parties = PartySerializer(many=True, required=False, help_text="Writing the list replaces the parties.")
    signatures = SignatureSerializer(
        many=True, required=False, help_text="Writing the list replaces the signatures; write parties first."
    )

    # Parties before signatures: a signature refers to a party.
    nested_children = {
        "parties": NestedChildren("parties", "instrument"),
        "signatures": NestedChildren("signatures", "instrument", prepare=resolve_signature_party),
    }

    class Meta(ConveneSerializer.Meta):
        model = Instrument
        fields = [
            "id",
            "url",
            "web_url",
            "slug",
            "kind",
            "title",
            "reference",
            "summary",
            "status",
            "signed_on",
            "place_of_signature",
            "signed_at",
            "entered_into_force_on",
            "expires_on",
            "countries",
            "themes",
            "supersedes",
            "document",
            "parties",
            "signatures",
        ]
        extra_kwargs = {"countries": {"required": False}}

    def meeting_id_of(self, instance):
        return instance.signed_at_id

    def check_write_access(self, instance):
        # Instruments belong to no meeting in particular unless signed at one.
        if instance.signed_at_id is not None:
            super().check_write_access(instance)

    def _split(self, validated_data):
        many, nested = super()._split(validated_data)
        # Keep the order parties, signatures whatever order the client sent them in.
        ordered = {name: nested[name] for name in self.nested_children if name in nested}
        return many, ordered

    def after_save(self, instance, nested):
        super().after_save(instance, nested)
        if instance.is_signed:
            # The service holds the rule "two parties (role party) once signed", as in the admin.
            try:
                instrument_set_status(instrument=instance, status=instance.status)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(django_validation_error_detail(exc)) from None

    def to_representation(self, instance):
        reader = InstrumentReader.of(self)
        return reader.represent(instance) if reader else super().to_representation(instance)

    def get_web_url(self, instrument):
        if not instrument.is_public:
            return None
        return self.web_url_for("agreements:instrument_detail", slug=instrument.slug)


class InstrumentReader(RowReader):
    """InstrumentSerializer's representation written directly, as SessionReader writes a session's (api/serializers/
    sessions.py): a list of 100 instruments spent half its time in DRF's per-field machinery (docs/PERFORMANCE.md).
    The answer is the one the declared fields give (tests/api/test_instruments_representation.py compares them, for
    anonymous clients and three kinds of key); each rule is the one they follow, called here: hidden links
    (`shown_link`), anonymous signatories (`signatory_shown`), the web page (`get_web_url`), the texts, files and
    countries. Used only when the serializer's fields are the declared ones."""

    FIELDS = [
        "id",
        "url",
        "web_url",
        "slug",
        "kind",
        "title",
        "reference",
        "summary",
        "status",
        "signed_on",
        "place_of_signature",
        "signed_at",
        "entered_into_force_on",
        "expires_on",
        "countries",
        "themes",
        "supersedes",
        "document",
        "parties",
        "signatures",
    ]
    PARTY_FIELDS = ["id", "organization", "role", "order"]
    SIGNATURE_FIELDS = ["id", "organization", "person", "capacity", "signed_on", "order"]

    @classmethod
    def applies_to(cls, serializer):
        fields = serializer.fields
        return (
            serializer.request is not None  # HyperlinkedIdentityField refuses to work without one
            and list(fields) == cls.FIELDS
            and list(fields["parties"].child.fields) == cls.PARTY_FIELDS
            and list(fields["signatures"].child.fields) == cls.SIGNATURE_FIELDS
        )

    def __init__(self, serializer):
        super().__init__(serializer)
        self.context = serializer.context
        self.access = serializer.access
        fields = serializer.fields
        self.countries = fields["countries"].to_representation
        self.document = fields["document"].to_representation
        self.date = fields["signed_on"].to_representation  # DRF's DateField: None for None

    def represent(self, instrument):
        context = self.context
        order = self.order
        date = self.date
        signed_at_id = instrument.signed_at_id
        return {
            "id": instrument.pk,
            "url": self.url(instrument),
            "web_url": self.serializer.get_web_url(instrument),
            "slug": instrument.slug,
            "kind": instrument.kind,
            "title": text_representation(instrument, "title", order),
            "reference": instrument.reference,
            "summary": text_representation(instrument, "summary", order),
            "status": instrument.status,
            "signed_on": date(instrument.signed_on),
            "place_of_signature": text_representation(instrument, "place_of_signature", order),
            "signed_at": shown_link(context, Instrument, "signed_at", signed_at_id),
            "entered_into_force_on": date(instrument.entered_into_force_on),
            "expires_on": date(instrument.expires_on),
            "countries": self.countries(instrument.countries),
            "themes": [theme.pk for theme in prefetched_rows(instrument, "themes")],
            "supersedes": shown_link(context, Instrument, "supersedes", instrument.supersedes_id),
            "document": self.document(instrument),
            "parties": [
                {
                    "id": party.pk,
                    "organization": shown_link(context, Party, "organization", party.organization_id),
                    "role": party.role,
                    "order": party.order,
                }
                for party in prefetched_rows(instrument, "parties")
            ],
            "signatures": [
                {
                    "id": signature.pk,
                    "organization": signature.party.organization_id,
                    "person": (
                        shown_link(context, Signature, "person", signature.person_id)
                        if signatory_shown(self.access, signature, signed_at_id)
                        else None
                    ),
                    "capacity": text_representation(signature, "capacity", order),
                    "signed_on": date(signature.signed_on),
                    "order": signature.order,
                }
                for signature in prefetched_rows(instrument, "signatures")
            ],
        }


class CommitmentUpdateSerializer(ConveneSerializer):
    id = serializers.IntegerField(required=False, help_text="Give it to change this update; leave it out to add one.")
    note = TranslatedField()

    class Meta(ConveneSerializer.Meta):
        model = CommitmentUpdate
        fields = ["id", "meeting", "reported_on", "status", "note"]


class CommitmentSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:commitment-detail")
    title = TranslatedField(required=True)
    description = TranslatedField()
    updates = CommitmentUpdateSerializer(many=True, required=False, help_text="Writing the list replaces them.")

    nested_children = {"updates": NestedChildren("updates", "commitment")}

    class Meta(ConveneSerializer.Meta):
        model = Commitment
        fields = [
            "id",
            "url",
            "reference",
            "title",
            "description",
            "theme",
            "lead_organization",
            "partner_organizations",
            "agreed_at",
            "instrument",
            "due_on",
            "status",
            "updates",
        ]

    def meeting_id_of(self, instance):
        return instance.agreed_at_id

    def check_write_access(self, instance):
        if instance.agreed_at_id is not None:
            super().check_write_access(instance)
