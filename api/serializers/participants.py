from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from api.exceptions import django_validation_error_detail
from api.serializers.base import ConveneSerializer, TranslatedField, WebUrlField
from participants.models import Delegation, Organization, Participant, Person
from participants.services import participant_change_status


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


class PersonSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:person-detail")
    web_url = WebUrlField()
    honorific_prefix = TranslatedField()
    given_name = TranslatedField(required=True)
    family_name = TranslatedField(required=True)
    biography = TranslatedField()
    photo = serializers.ImageField(read_only=True, allow_null=True)

    private_fields = ("email", "phone", "notes", "listed_publicly")

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
            "listed_publicly",
            "email",
            "phone",
            "notes",
        ]
        extra_kwargs = {
            "listed_publicly": {"required": False},
            "email": {"required": False},
            "phone": {"required": False},
            "notes": {"required": False},
        }

    def get_web_url(self, person):
        if not person.listed_publicly:
            return None
        return self.web_url_for("participants:person_detail", slug=person.slug)


class DelegationSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:delegation-detail")

    private_fields = ("notes",)

    class Meta(ConveneSerializer.Meta):
        model = Delegation
        fields = ["id", "url", "meeting", "organization", "role", "ordering", "notes"]
        extra_kwargs = {"notes": {"required": False}}


class ParticipantSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:participant-detail")
    meeting = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The meeting of the delegation.")

    private_fields = ("badge_number", "badge_printed_at", "checked_in_at", "notes")

    class Meta(ConveneSerializer.Meta):
        model = Participant
        fields = [
            "id",
            "url",
            "meeting",
            "delegation",
            "person",
            "position",
            "role",
            "status",
            "badge_number",
            "badge_printed_at",
            "checked_in_at",
            "notes",
        ]
        extra_kwargs = {
            "badge_number": {"required": False},
            "badge_printed_at": {"required": False},
            "checked_in_at": {"required": False},
            "notes": {"required": False},
        }

    def check_write_access(self, instance):
        # The meeting follows the delegation, which a write may have just changed.
        if instance.delegation_id is not None:
            instance.meeting_id = instance.delegation.meeting_id
        super().check_write_access(instance)

    def update(self, instance, validated_data):
        # A change of status follows the secretariat's workflow (invited -> registered -> accredited ...).
        status = validated_data.pop("status", instance.status)
        participant = super().update(instance, validated_data)
        if status != participant.status:
            try:
                participant = participant_change_status(participant=participant, status=status)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(
                    {"status": django_validation_error_detail(exc)["non_field_errors"]}
                ) from None
        return participant
