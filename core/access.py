"""Who is asking and what they may see and change: worked out once per request, asked by every door.

Three kinds of client: anonymous visitors (public pages, the API without credentials), partner systems with an API
key, and people signed in to the site. Every door asks the same questions of the same object:

- `sees_private(model)`: may it read unpublished records and private fields (contact details, notes, badges) of
  that model, within `meeting_limit`?
- `may(action, model)`: may it add, change or delete records of that model ("view" is always allowed: what is
  visible is decided by the model's `visible_to(access)`)?

A signed-in user's rights are exactly their Django model permissions (the Secretariat group holds them all); being
staff grants nothing by itself. A key's rights are its scopes, limited to its meetings when it has any.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from core.roles import second_factor_pending

READ = "read"
READ_PRIVATE = "read:private"
WRITE = "write"


@dataclass(frozen=True, eq=False)
class Access:
    kind: str = "anonymous"
    read_private: bool = False
    write: bool = False
    # For keys: the ids of the meetings it is limited to; None means every meeting.
    meeting_limit: frozenset | None = None
    user: object = None
    key: object = None
    # What the history of a record says changed it, when no user did.
    change_reason: str | None = None

    @classmethod
    def anonymous(cls):
        return ANONYMOUS

    @classmethod
    def for_key(cls, *, scopes, meeting_ids=(), key=None, label=None):
        scopes = set(scopes or ())
        write = WRITE in scopes
        meeting_ids = frozenset(meeting_ids)
        return cls(
            kind="key",
            # Writing without seeing what one wrote (a draft meeting, say) would be useless.
            read_private=bool(scopes & {READ_PRIVATE, WRITE}),
            write=write,
            meeting_limit=meeting_ids or None,
            key=key,
            change_reason=label[:100] if label else None,
        )

    @classmethod
    def for_user(cls, user):
        if user is None or not user.is_authenticated or not user.is_active or second_factor_pending(user):
            return ANONYMOUS
        return cls(kind="user", user=user)

    @property
    def is_anonymous(self):
        return self.kind == "anonymous"

    def _has_perm(self, action, model):
        opts = model._meta
        return self.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")

    def sees_private(self, model):
        """Whether unpublished records and private fields of this model are visible (within `meeting_limit`)."""
        if self.kind == "user":
            return self._has_perm("view", model) or self._has_perm("change", model)
        return self.read_private

    def sees_all_private(self, model):
        return self.sees_private(model) and self.meeting_limit is None

    def sees_private_of(self, model, meeting_id):
        """Whether private fields of a record of this model in this meeting are visible."""
        if not self.sees_private(model):
            return False
        return self.meeting_limit is None or meeting_id in self.meeting_limit

    def may(self, action, model):
        """Whether it may add, change or delete records of this model at all (which ones: `writable_by`)."""
        if action == "view":
            return True
        if self.kind == "user":
            return self._has_perm(action, model)
        return self.write

    def may_write_meeting(self, meeting_id):
        """Whether records of this meeting are within reach of its writes (a key's meeting limit)."""
        return self.meeting_limit is None or meeting_id in self.meeting_limit


ANONYMOUS = Access()
PUBLIC = ANONYMOUS


def pks(queryset):
    return Q(pk__in=queryset.order_by().values("pk"))


class VisibleQuerySet(models.QuerySet):
    """Who sees what, defined once per model: `public()` rows for everyone, more for clients with private access.

    A model says which of its rows are public (`public_filter`) and which belong to given meetings
    (`meetings_filter`); `visible_to`, `writable_by` and `attachable_by` follow from these two.
    """

    # Records that belong to no meeting and hold nothing private (organizations, themes): a meeting-limited key may
    # attach any visible one to records of its meetings.
    shared = False
    # Links to rows of this model (a meeting, an instrument) are shown only to clients who see the row.
    hides_links = False

    def public_filter(self):
        return Q()

    def meetings_filter(self, meeting_ids):
        raise NotImplementedError

    def public(self):
        return self.filter(self.public_filter())

    def in_meetings(self, meeting_ids):
        """Records reachable from these meetings."""
        return self.filter(self.meetings_filter(meeting_ids))

    def visible_to(self, access):
        """The ONE definition of which rows of this model this client sees."""
        if not access.sees_private(self.model):
            return self.public()
        if access.meeting_limit is None or not self.public_filter():
            return self
        return self.filter(self.public_filter() | self.reach_filter(access.meeting_limit))

    def reach_filter(self, meeting_ids):
        # A subquery, so that joins through many-valued relations never duplicate rows.
        return pks(self.model._default_manager.filter(self.meetings_filter(meeting_ids)))

    def with_private_flag(self, access):
        """Annotate `private_visible`: whether this client may see the private fields of each row."""
        if not access.sees_private(self.model):
            return self.annotate(private_visible=models.Value(False))
        if access.meeting_limit is None:
            return self.annotate(private_visible=models.Value(True))
        return self.annotate(
            private_visible=models.Case(
                models.When(self.reach_filter(access.meeting_limit), then=True),
                default=False,
                output_field=models.BooleanField(),
            )
        )

    def writable_by(self, access):
        """Rows it may change or delete (given `access.may(action, model)`): visible, and within its meetings."""
        visible = self.visible_to(access)
        if access.meeting_limit is None:
            return visible
        return visible.filter(self.reach_filter(access.meeting_limit))

    def attachable_by(self, access):
        """Rows a write may point to: a meeting-limited key may not attach records of other meetings."""
        if access.meeting_limit is None or self.shared:
            return self.visible_to(access)
        # Not a public record of another meeting either: attaching it would open its private data to the key.
        unattached = pks(self.model._default_manager.filter(self.unattached_filter()))
        return self.filter(self.reach_filter(access.meeting_limit) | unattached)

    def unattached_filter(self):
        """Rows that belong to no meeting yet (a person just created), which any writer may attach."""
        return Q(pk__in=[])
