from rest_framework import serializers

from api.serializers.base import (
    ConveneSerializer,
    PrivateFieldsMixin,
    TranslatedField,
    VisibleRelatedField,
    WebUrlField,
)
from participants.models import Delegation, Organization, Participant, Person


class OrganizationSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:organization-detail")
    web_url = WebUrlField()
    name = TranslatedField(required=True)
    acronym = TranslatedField()
    description = TranslatedField()

    class Meta(ConveneSerializer.Meta):
        model = Organization
        fields = [
            "id",
            "url",
            "web_url",
            "slug",
            "name",
            "acronym",
            "kind",
            "parent",
            "country",
            "website",
            "description",
        ]

    def get_web_url(self, organization):
        return self.web_url_for("participants:organization_detail", slug=organization.slug)


class PersonPublicSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:person-detail")
    web_url = WebUrlField()
    honorific_prefix = TranslatedField()
    given_name = TranslatedField(required=True)
    family_name = TranslatedField(help_text="Optional: a person with one name (a mononym) has only a given name.")
    biography = TranslatedField()
    photo = serializers.ImageField(
        required=False,
        allow_null=True,
        help_text="PNG or JPEG. Send it with multipart/form-data (PATCH /people/{id}/ with a `photo` part); null "
        "removes it.",
    )

    class Meta(ConveneSerializer.Meta):
        model = Person
        fields = [
            "id",
            "url",
            "web_url",
            "slug",
            "honorific_prefix",
            "given_name",
            "family_name",
            "nationality",
            "biography",
            "photo",
        ]

    def get_web_url(self, person):
        if not person.listed_publicly:
            return None
        return self.web_url_for("participants:person_detail", slug=person.slug)


class PersonPrivateSerializer(PrivateFieldsMixin, PersonPublicSerializer):
    private_fields = ("listed_publicly", "email", "phone", "notes")

    class Meta(PersonPublicSerializer.Meta):
        fields = [*PersonPublicSerializer.Meta.fields, "listed_publicly", "email", "phone", "notes"]
        extra_kwargs = {
            "listed_publicly": {"required": False},
            "email": {"required": False},
            "phone": {"required": False},
            "notes": {"required": False},
        }


class DelegationPublicSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:delegation-detail")

    class Meta(ConveneSerializer.Meta):
        model = Delegation
        fields = ["id", "url", "meeting", "organization", "role", "ordering"]


class DelegationPrivateSerializer(PrivateFieldsMixin, DelegationPublicSerializer):
    private_fields = ("notes",)

    class Meta(DelegationPublicSerializer.Meta):
        fields = [*DelegationPublicSerializer.Meta.fields, "notes"]
        extra_kwargs = {"notes": {"required": False}}


class ParticipantPublicSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:participant-detail")
    meeting = VisibleRelatedField(read_only=True, help_text="The meeting of the delegation.")
    status = serializers.ChoiceField(
        choices=Participant.Status.choices,
        required=False,
        help_text=(
            "“invited” or “registered” on creation (participants.services decides); afterwards it changes only "
            "through POST /participants/{id}/transition/."
        ),
    )

    class Meta(ConveneSerializer.Meta):
        model = Participant
        fields = ["id", "url", "meeting", "delegation", "person", "position", "role", "status"]

    def check_write_access(self, instance):
        # The meeting follows the delegation, which a write may have just changed.
        if instance.delegation_id is not None:
            instance.meeting_id = instance.delegation.meeting_id
        super().check_write_access(instance)


class ParticipantPrivateSerializer(PrivateFieldsMixin, ParticipantPublicSerializer):
    private_fields = ("badge_number", "badge_printed_at", "checked_in_at", "notes")

    class Meta(ParticipantPublicSerializer.Meta):
        fields = [
            *ParticipantPublicSerializer.Meta.fields,
            "badge_number",
            "badge_printed_at",
            "checked_in_at",
            "notes",
        ]
        # Badges and check-in follow the workflow (accreditation, the check-in desk), never a direct write.
        read_only_fields = ["badge_number", "badge_printed_at", "checked_in_at"]
        extra_kwargs = {"notes": {"required": False}}


class ParticipantTransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Participant.Status.choices, help_text="The next step of the workflow.")
