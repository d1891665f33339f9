from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.etags import add_etag


class ConveneSchemaView(SpectacularAPIView):
    def finalize_response(self, request, response, *args, **kwargs):
        return add_etag(request, super().finalize_response(request, response, *args, **kwargs))


class ConveneSwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI with its start script served as a file (?script), so the CSP needs no inline script."""

    def finalize_response(self, request, response, *args, **kwargs):
        return add_etag(request, super().finalize_response(request, response, *args, **kwargs))
