"""API keys that the secretariat issues to partner organizations."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "cnv_"


def hash_secret(secret):
    # A key is 240 random bits, so a fast hash is enough: nobody can guess it by brute force.
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiKey(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("read: published data")
        READ_PRIVATE = "read:private", _("read:private: contact details and unpublished records")
        WRITE = "write", _("write: create, change and delete")

    name = models.CharField(_("name"), max_length=200, help_text=_("What the key is for, e.g. “FAO meetings portal”."))
    organization = models.ForeignKey(
        "participants.Organization",
        on_delete=models.PROTECT,
        related_name="api_keys",
        verbose_name=_("partner organization"),
    )
    scopes = models.JSONField(_("scopes"), default=list)
    meetings = models.ManyToManyField(
        "meetings.Meeting",
        blank=True,
        related_name="api_keys",
        verbose_name=_("meetings"),
        help_text=_("Limit read:private and write to these meetings; leave empty for all meetings."),
    )
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(_("hashed secret"), max_length=64, editable=False)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.name} ({KEY_PREFIX}{self.prefix}…)"

    def clean(self):
        super().clean()
        unknown = set(self.scopes or []) - set(self.Scope.values)
        if not isinstance(self.scopes, list) or unknown:
            raise ValidationError({"scopes": _("Choose scopes among read, read:private and write.")})

    def set_new_secret(self):
        """Give the key a new secret and return it: the only time it is ever available in clear."""
        self.prefix = secrets.token_hex(4)
        secret = f"{KEY_PREFIX}{self.prefix}_{secrets.token_urlsafe(30)}"
        self.key_hash = hash_secret(secret)
        return secret

    def matches(self, secret):
        return constant_time_compare(self.key_hash, hash_secret(secret))

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self):
        return not self.is_revoked and not self.is_expired

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def has_scope(self, scope):
        scopes = set(self.scopes or [])
        if scope == self.Scope.READ:
            return True
        if scope == self.Scope.READ_PRIVATE:
            # Writing without seeing what one wrote (a draft meeting, say) would be useless.
            return bool(scopes & {self.Scope.READ_PRIVATE, self.Scope.WRITE})
        return scope in scopes

    @staticmethod
    def parse_prefix(secret):
        """The lookup prefix of a presented secret, or None if it is not shaped like one of ours."""
        if not secret.startswith(KEY_PREFIX):
            return None
        prefix, _sep, rest = secret[len(KEY_PREFIX) :].partition("_")
        if len(prefix) != 8 or not rest:
            return None
        return prefix
