from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agreements.models import CommitmentUpdate, Instrument, Party, Signature
from agreements.services import commitment_follow_latest_update
from core.admin import ServiceAdminMixin, TranslatedAdmin, TranslatedTabularInline
from meetings.admin_lists import meeting_column


class PartyFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        parties = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("organization")
        ]
        # The instance already carries the status chosen on the main form.
        if self.instance.is_signed and sum(1 for party in parties if party.get("role") == Party.Role.PARTY) < 2:
            raise ValidationError(_("An instrument needs at least two parties before it is signed."))


class PartyForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        instrument, role = cleaned.get("instrument"), cleaned.get("role")
        if instrument and instrument.is_signed and role != Party.Role.PARTY:
            others = instrument.parties.filter(role=Party.Role.PARTY).exclude(pk=self.instance.pk).count()
            if others < 2:
                raise ValidationError({"role": _("A signed instrument keeps at least two parties.")})
        return cleaned


class PartyInline(admin.TabularInline):
    model = Party
    formset = PartyFormSet
    fields = ("organization", "role", "order")
    autocomplete_fields = ("organization",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")


class SignatureInline(TranslatedTabularInline):
    model = Signature
    fields = ("party", "person", "capacity", "signed_on", "order")
    autocomplete_fields = ("person",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("party__organization", "person")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only the instrument's own parties.
        if db_field.name == "party":
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Party.objects.filter(instrument_id=object_id).select_related("organization")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Instrument)
class InstrumentAdmin(TranslatedAdmin):
    list_display = (
        "title",
        "kind",
        "status_shown",
        "signed_on",
        meeting_column("signed_at", description=_("signed at")),
    )
    list_filter = ("kind", "status", "signed_at")
    list_select_related = ("signed_at__series",)
    search_fields = ("title_en", "title_fr", "title_ar", "reference", "slug")
    date_hierarchy = "signed_on"
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("signed_at", "supersedes", "themes")
    inlines = [PartyInline, SignatureInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("parties", "signatures")

    @admin.display(description=_("status"), ordering="status")
    def status_shown(self, instrument):
        return instrument.status_display

    fieldsets = (
        (None, {"fields": ("kind", "title", "slug", "reference", "status", "summary")}),
        (
            _("Signature and validity"),
            {
                "fields": (
                    "signed_on",
                    "place_of_signature",
                    "signed_at",
                    "entered_into_force_on",
                    "expires_on",
                    "supersedes",
                )
            },
        ),
        (_("Scope"), {"fields": ("countries", "themes", "document")}),
    )


@admin.register(Party)
class PartyAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """Parties on their own; a signed instrument keeps at least two parties whatever is changed or deleted here."""

    form = PartyForm
    list_display = ("organization", "instrument", "role")
    list_filter = ("role",)
    list_select_related = ("organization", "instrument")
    search_fields = ("organization__acronym_en", "organization__name_en", "instrument__title_en")
    autocomplete_fields = ("instrument", "organization")

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        removed = {party.pk for party in objs}
        for instrument in Instrument.objects.filter(parties__in=removed).distinct():
            if (
                instrument.is_signed
                and instrument.parties.filter(role=Party.Role.PARTY).exclude(pk__in=removed).count() < 2
            ):
                protected = [
                    *protected,
                    _("%(instrument)s: a signed instrument keeps at least two parties.") % {"instrument": instrument},
                ]
        return deleted, model_count, perms_needed, protected


@admin.register(Signature)
class SignatureAdmin(TranslatedAdmin):
    list_display = ("person", "party", "instrument", "capacity", "signed_on")
    list_select_related = ("person", "party__organization", "instrument")
    search_fields = ("person__family_name_en", "instrument__title_en", "capacity_en")
    autocomplete_fields = ("instrument", "party", "person")


class CommitmentUpdateInline(TranslatedTabularInline):
    model = CommitmentUpdate
    fields = ("meeting", "reported_on", "status", "note")
    autocomplete_fields = ("meeting",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting")


class CommitmentAdmin(TranslatedAdmin):
    """Commitments and their updates. Not registered here: secretariat/admin.py registers it with the follow-up
    report's pages."""

    list_display = (
        "reference",
        "title",
        "theme",
        "lead_organization",
        meeting_column("agreed_at", description=_("agreed at")),
        "due_on",
        "status",
    )
    list_display_links = ("reference", "title")
    list_filter = ("status", "theme", "agreed_at", "lead_organization")
    list_select_related = ("theme", "lead_organization", "agreed_at__series")
    search_fields = ("reference", "title_en", "title_fr", "title_ar")
    autocomplete_fields = ("theme", "lead_organization", "partner_organizations", "agreed_at", "instrument")
    inlines = [CommitmentUpdateInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is CommitmentUpdate:
            commitment_follow_latest_update(commitment=form.instance)


@admin.register(CommitmentUpdate)
class CommitmentUpdateAdmin(TranslatedAdmin):
    list_display = ("commitment", "status", meeting_column(), "reported_on")
    list_filter = ("status", "meeting")
    list_select_related = ("commitment", "meeting__series")
    search_fields = ("commitment__title_en", "commitment__reference", "note_en")
    autocomplete_fields = ("commitment", "meeting")
