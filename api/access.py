"""What the client of one request may see and change, worked out once per request."""

from dataclasses import dataclass

from api.models import ApiKey


@dataclass(frozen=True)
class Access:
    # None: no private access; an empty frozenset: every meeting; otherwise those meeting ids.
    private_meetings: frozenset | None = None
    can_write: bool = False
    key: ApiKey | None = None

    @property
    def private(self):
        return self.private_meetings is not None

    @property
    def private_all(self):
        return self.private_meetings is not None and not self.private_meetings

    def sees_private_of(self, meeting_id):
        """Whether unpublished records and contact details of this meeting are visible."""
        if self.private_meetings is None:
            return False
        return not self.private_meetings or meeting_id in self.private_meetings

    def may_write_meeting(self, meeting_id):
        return self.can_write and self.sees_private_of(meeting_id)

    @property
    def change_reason(self):
        """What the history of a record changed with a key says about it (the history has no user then)."""
        if self.key is None:
            return None
        return f"API key cnv_{self.key.prefix}: {self.key.name}"[:100]


PUBLIC = Access()


def get_access(request):
    cached = getattr(request, "_convene_access", None)
    if cached is not None:
        return cached
    access = PUBLIC
    key = request.auth if isinstance(request.auth, ApiKey) else None
    user = request.user
    if key is not None:
        private = None
        if key.has_scope(ApiKey.Scope.READ_PRIVATE):
            private = frozenset(key.meetings.values_list("id", flat=True))
        access = Access(private_meetings=private, can_write=key.has_scope(ApiKey.Scope.WRITE), key=key)
    elif user is not None and user.is_authenticated and user.is_active and user.is_staff:
        # Staff signed in to the admin use the browsable API with the secretariat's rights.
        access = Access(private_meetings=frozenset(), can_write=True)
    request._convene_access = access
    return access
