"""Django's CommonMiddleware, except that it never redirects a write to the API.

APPEND_SLASH redirects `GET /api/v1/meetings` to `/api/v1/meetings/` (301). A client follows a 301 with a GET
and without its body, so a POST, PUT, PATCH or DELETE without the final slash is answered instead with a JSON 404
naming the URL to use (Django itself only raises an error for this, and only when DEBUG is on).
"""

from django.http import JsonResponse
from django.middleware.common import CommonMiddleware
from django.utils.translation import gettext as _

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class ConveneCommonMiddleware(CommonMiddleware):
    def process_response(self, request, response):
        if (
            response.status_code == 404
            and request.method not in SAFE_METHODS
            and request.path_info.startswith("/api/")
            and self.should_redirect_with_slash(request)
        ):
            detail = _("Add the final slash: %(path)s") % {"path": f"{request.path}/"}
            return JsonResponse({"detail": detail}, status=404)
        return super().process_response(request, response)
