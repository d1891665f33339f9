from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from markdown_it import MarkdownIt

from api.etags import add_etag


class ConveneSchemaView(SpectacularAPIView):
    def finalize_response(self, request, response, *args, **kwargs):
        return add_etag(request, super().finalize_response(request, response, *args, **kwargs))


class ConveneSwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI with its start script served as a file (?script), so the CSP needs no inline script."""

    def finalize_response(self, request, response, *args, **kwargs):
        return add_etag(request, super().finalize_response(request, response, *args, **kwargs))


GUIDE = Path(settings.BASE_DIR) / "docs" / "api.md"


@lru_cache(maxsize=1)
def guide_html(modified: float) -> str:
    """docs/api.md as HTML, rendered once per version of the file; raw HTML in it is escaped, not passed on."""
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(GUIDE.read_text())


@require_safe
def guide_view(request):
    """The API guide (docs/api.md), served by the app so that it matches the running version."""
    html = guide_html(GUIDE.stat().st_mtime)
    response = TemplateResponse(request, "api/guide.html", {"guide": mark_safe(html)})  # noqa: S308 - escaped above
    return add_etag(request, response.render())
