from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api.etags import add_etag


class ConveneSchemaView(SpectacularAPIView):
    def finalize_response(self, request, response, *args, **kwargs):
        return add_etag(request, super().finalize_response(request, response, *args, **kwargs))


class ConveneSwaggerView(SpectacularSwaggerView):
    def finalize_response(self, request, response, *args, **kwargs):
        return add_etag(request, super().finalize_response(request, response, *args, **kwargs))
