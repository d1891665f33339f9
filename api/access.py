"""The access of one API request, built once from what authenticated it (see core.access for the questions)."""

from api.models import ApiKey
from core.access import ANONYMOUS, Access

PUBLIC = ANONYMOUS


def access_for_key(key):
    return Access.for_key(
        scopes=key.scopes,
        meeting_ids=key.meetings.values_list("id", flat=True),
        key=key,
        label=f"API key cnv_{key.prefix}: {key.name}",
    )


def get_access(request):
    cached = getattr(request, "_convene_access", None)
    if cached is not None:
        return cached
    key = request.auth if isinstance(request.auth, ApiKey) else None
    # A signed-in user's rights are exactly their model permissions: staff status alone grants nothing.
    access = access_for_key(key) if key is not None else Access.for_user(request.user)
    request._convene_access = access
    return access
