from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api.models import ApiKey


class ApiKeyForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=ApiKey.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[ApiKey.Scope.READ],
        help_text=_("write also lets the key read the unpublished records it may change."),
    )

    class Meta:
        model = ApiKey
        fields = ["name", "organization", "scopes", "meetings", "expires_at"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    form = ApiKeyForm
    list_display = ["name", "organization", "display_prefix", "scope_list", "expires_at", "last_used_at", "state"]
    list_filter = ["organization", "revoked_at", "expires_at"]
    search_fields = ["name", "prefix", "organization__name", "organization__acronym"]
    list_select_related = ["organization"]
    filter_horizontal = ["meetings"]
    readonly_fields = ["display_prefix", "created_at", "created_by", "last_used_at", "revoked_at"]
    actions = ["revoke_keys"]

    @admin.display(description=_("key starts with"))
    def display_prefix(self, obj):
        return f"cnv_{obj.prefix}_…" if obj.prefix else "—"

    @admin.display(description=_("scopes"))
    def scope_list(self, obj):
        return ", ".join(obj.scopes or [])

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.is_revoked:
            return _("revoked")
        if obj.is_expired:
            return _("expired")
        return _("active")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            # Kept on the instance only until response_add has shown it; only the hash is stored.
            obj._new_secret = obj.set_new_secret()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        secret = getattr(obj, "_new_secret", None)
        if not secret:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("API key created"),
            "api_key": obj,
            "secret": secret,
        }
        response = TemplateResponse(request, "admin/api/apikey/secret_created.html", context)
        # The page shows a secret: no browser or proxy may keep a copy.
        add_never_cache_headers(response)
        return response

    @admin.action(description=_("Revoke the selected keys"))
    def revoke_keys(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d key revoked.", "%(count)d keys revoked.", count) % {"count": count},
            messages.SUCCESS,
        )
