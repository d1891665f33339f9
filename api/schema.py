"""OpenAPI: every operation documents the `lang` parameter and the errors it can answer with."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer

from api.languages import LANGUAGE_CODES

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "description": "What went wrong, in one sentence.",
}
FIELD_ERRORS = {
    "type": "object",
    "description": "Each offending field, query parameter or `non_field_errors`, with its messages "
    "(nested objects and lists for nested records).",
    "additionalProperties": {},
}

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=LANGUAGE_CODES,
    description="Return translated fields as plain strings in this language (falling back to English, then "
    "French, then Arabic, wherever the text is missing) instead of objects keyed by language. Only this "
    "parameter chooses the representation: Accept-Language chooses the language of error messages.",
)


def _error(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _representations(view, many=False):
    """Both representations of a resource with private fields, so that the schema documents each."""
    public, private = view.public_serializer_class, view.private_serializer_class
    return PolymorphicProxySerializer(
        component_name=public.Meta.model.__name__,
        serializers=[public, private],
        resource_type_field_name=None,
        many=many,
    )


class ConveneAutoSchema(AutoSchema):
    def get_request_serializer(self):
        writes = ("create", "update", "partial_update")
        if getattr(self.view, "private_serializer_class", None) and getattr(self.view, "action", None) in writes:
            return _representations(self.view)
        return super().get_request_serializer()

    def get_response_serializers(self):
        if getattr(self.view, "private_serializer_class", None) and self.method.upper() != "DELETE":
            return _representations(self.view, many=getattr(self.view, "action", None) == "list")
        return super().get_response_serializers()

    def get_override_parameters(self):
        return [*super().get_override_parameters(), LANG_PARAMETER]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        method = self.method.upper()
        errors = {
            "400": _error("A parameter or field is invalid; the response names it.", FIELD_ERRORS),
            "401": _error("The API key is unknown, expired or revoked.", ERROR),
            "429": _error("Too many requests: wait for the number of seconds in Retry-After.", ERROR),
        }
        if method not in ("GET", "HEAD") or "{" in self.path or self._is_list_view():
            errors["404"] = _error("No such record, or a page past the end.", ERROR)
        if method not in ("GET", "HEAD", "OPTIONS"):
            errors["403"] = _error("The key lacks the scope, or the meeting is outside its reach.", ERROR)
        if method == "DELETE":
            errors["409"] = _error("Other records still refer to this one.", ERROR)
        for code, response in errors.items():
            responses.setdefault(code, response)
        return responses


def representations_any_of(result, generator, request, public):
    """The private representation extends the public one, so an answer matches one or both: anyOf, not oneOf."""
    for schema in result.get("components", {}).get("schemas", {}).values():
        refs = [item.get("$ref", "").rsplit("/", 1)[-1].removesuffix("Request") for item in schema.get("oneOf", [])]
        if len(refs) == 2 and refs[0].endswith("Public") and refs[1] == refs[0].removesuffix("Public") + "Private":
            schema["anyOf"] = schema.pop("oneOf")
    return result
