from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.db import InterfaceError, OperationalError, connection
from django.http import JsonResponse
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core.two_factor import two_factor_setup, two_factor_verify
from portal.files import uploaded_file


def healthz(request):
    """Liveness and database reachability, for load balancers: 200, or 503 naming what is wrong."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except (OperationalError, InterfaceError) as error:
        response = JsonResponse(
            {"status": "unavailable", "reason": f"database unreachable ({type(error).__name__})"}, status=503
        )
        response["Retry-After"] = str(settings.CONVENE_RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return JsonResponse({"status": "ok"})


# A database that drops out under a middleware (outside any view) still answers 503, not 500.
handler500 = "core.views.server_error"
handler400 = "core.views.bad_request_view"

admin.site.site_header = admin.site.site_title = _("Convene secretariat")
admin.site.index_title = _("Convene")
# The admin's side menu repeats the home page's list and takes 300 px that a 1280 px screen needs for the columns.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/two-factor/setup/", two_factor_setup, name="two_factor_setup"),
    path("admin/two-factor/verify/", two_factor_verify, name="two_factor_verify"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("portal.urls")),
    prefix_default_language=True,
)

# Uploaded files: only those a visible record names, as downloads (portal/files.py), with DEBUG on or off.
urlpatterns += [path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", uploaded_file, name="uploaded_file")]
