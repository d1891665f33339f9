from typing import Any

from django.db import transaction
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import permissions, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from api.access import PUBLIC, get_access
from api.etags import add_etag, etag_for_data, if_match_holds
from api.exceptions import PreconditionFailed
from api.filters.base import QSearchFilter, StrictOrderingFilter
from api.languages import LANGUAGE_CODES, requested_language
from api.rows import RelatedRows
from api.validation import delete_instance
from core.http_cache import EARLY_KEY, cache_key, keep, stored_answer
from core.versions import version_of


class ConveneViewMixin:
    """Language and access worked out once per request; ETag on every successful GET."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.lang = requested_language(request)

    @property
    def access(self):
        request = getattr(self, "request", None)
        return get_access(request) if request is not None and hasattr(request, "auth") else PUBLIC

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "access": self.access, "lang": getattr(self, "lang", None)}

    @classmethod
    def as_view(cls, *args, **kwargs):
        """The view, with what the early answer cache needs (core/http_cache.py) when its GET is `cached_read`."""
        view = super().as_view(*args, **kwargs)
        actions = getattr(view, "actions", None)  # a viewset's {method: action}; None for a single view
        if (actions or {}).get("get") in cls.cached_actions or (actions is None and hasattr(cls, "get")):
            view.answer_key = cls.shared_answer_key
            view.admit_shared = cls.admit_shared
        return view

    # The actions whose anonymous answers `cached_read` keeps (a viewset's; a single view's GET uses it).
    cached_actions = ("list", "retrieve")

    @staticmethod
    def answer_key(request, lang):
        """The key of an anonymous answer: the site's content version, `?lang=`, Accept and the full path."""
        return cache_key("api", version_of(), lang, request.META.get("HTTP_ACCEPT", ""), request.get_full_path())

    @classmethod
    def shared_answer_key(cls, request, *args, **kwargs):
        """The key, for the early answer of a request that shares the anonymous answer (None: a `?lang=` refused)."""
        lang = request.GET.get("lang")
        if lang is not None and lang not in LANGUAGE_CODES:
            return None
        return cls.answer_key(request, lang)

    @classmethod
    def admit_shared(cls, request):
        """The view's throttles count an early answer as they count any other; refused, the view answers the 429."""
        anonymous = Request(request, authenticators=())
        return all(throttle().allow_request(anonymous, None) for throttle in cls.throttle_classes)

    def cached_read(self, request, read):
        """An anonymous JSON answer from the cache, as the bytes sent, kept under the site's content version.

        Only anonymous answers are shared: a key's or a user's answer depends on its rights. Authentication,
        permissions and throttles have run before this. A hit costs the version lookup and no rendering: the bytes,
        their headers and ETag were kept (core/http_cache.py) when the answer was first sent to a visitor without
        credentials, who is answered before this view from then on. The browsable API's HTML is not kept (its
        forms carry the visitor's CSRF token).
        """
        renderer = getattr(request, "accepted_renderer", None)
        if not self.access.is_anonymous or getattr(renderer, "format", None) != "json":
            return read()
        key = getattr(request._request, EARLY_KEY, None)
        # The answer cache middleware sets that key only once it has looked it up in vain (or found the answer but
        # left the request to the throttles, which let it through only if the window has moved since): reading the
        # same entry again would be a second cache round trip for nothing.
        if key is None:
            key = self.answer_key(request._request, self.lang)
            stored = stored_answer(key)
            if stored is not None:
                return stored
        self.answer_cache_key = key
        return read()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "lang", None):
            # The language the texts were asked in; each falls back (core/languages.py) where it is missing.
            response["Content-Language"] = self.lang
        elif hasattr(self, "lang"):
            # Texts come as objects holding every language (LocaleMiddleware would name the messages' language).
            response["Content-Language"] = ", ".join(LANGUAGE_CODES)
        key = getattr(self, "answer_cache_key", None)
        if key is not None and response.status_code == 200 and isinstance(response, Response):
            response.render()
            response["ETag"] = etag_for_data(response.data)
            keep(request._request, key)
        return add_etag(request, response)


class ConveneViewSet(ConveneViewMixin, viewsets.ModelViewSet):
    """List, detail, create, replace, partial update and delete, inside a transaction each."""

    filter_backends = [DjangoFilterBackend, QSearchFilter, StrictOrderingFilter]
    # Any path segment reaches the view, so that a malformed id gets a JSON 404 rather than an HTML page.
    lookup_value_regex = r"[^/]+"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    model: Any = None
    # Resources with private fields have two representations; the client's access chooses one.
    public_serializer_class: Any = None
    private_serializer_class: Any = None

    def get_queryset(self):
        """The rows this client sees (reads) or may change (writes): the model's visible_to/writable_by decide."""
        access = self.access
        records = self.model.objects.all()
        records = records.visible_to(access) if self.is_read() else records.writable_by(access)
        if self.private_serializer_class is not None:
            records = records.with_private_flag(access)
        return self.related(records)

    def related(self, queryset):
        """What the serializer reads besides the rows (prefetches), itself filtered by visibility."""
        return queryset

    def related_rows(self) -> list[RelatedRows]:
        """Reads: related rows the serializer shows, attached as plain rows to the records of the answer once they
        are known (api/rows.py), one query per relation."""
        return []

    def is_read(self):
        return self.request is not None and self.request.method in permissions.SAFE_METHODS

    def attach_related_rows(self, records):
        if self.is_read():
            for rows in self.related_rows():
                rows.attach(records)
        return records

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return page if page is None else self.attach_related_rows(page)

    def get_object(self):
        return self.attach_related_rows([super().get_object()])[0]

    # Parameters every list understands besides its filters; anything else is a typo the client should hear about.
    common_list_parameters = frozenset({"lang", "format", "page", "page_size"})

    def known_list_parameters(self):
        known = set(self.common_list_parameters)
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            known.update(filterset_class.base_filters)
        for backend in self.filter_backends:
            for name in ("search_param", "ordering_param"):
                if hasattr(backend, name):
                    known.add(getattr(backend, name))
        return known

    def check_list_parameters(self, request):
        unknown = sorted(set(request.query_params) - self.known_list_parameters())
        if unknown:
            known = ", ".join(sorted(self.known_list_parameters()))
            raise ValidationError(
                {
                    name: [_("Unknown query parameter; this list understands: %(known)s.") % {"known": known}]
                    for name in unknown
                }
            )

    def list(self, request, *args, **kwargs):
        self.check_list_parameters(request)
        return self.cached_read(request, lambda: super(ConveneViewSet, self).list(request, *args, **kwargs))

    def retrieve(self, request, *args, **kwargs):
        return self.cached_read(request, lambda: super(ConveneViewSet, self).retrieve(request, *args, **kwargs))

    def get_serializer_class(self):
        if self.private_serializer_class is None:
            return super().get_serializer_class()
        if self.access.sees_private(self.model):
            return self.private_serializer_class
        return self.public_serializer_class

    def current_etag(self, instance):
        """The ETag a GET of this record answers now, for the same client, language and format."""
        action, self.action = self.action, "retrieve"
        try:
            return etag_for_data(self.get_serializer(instance).data)
        finally:
            self.action = action

    def get_locked_object(self):
        """The record, its row locked until the end of the transaction, read again once the lock is held, and
        checked against If-Match: two writers holding the same ETag cannot both win."""
        instance = self.get_object()
        list(type(instance)._default_manager.select_for_update(of=("self",)).filter(pk=instance.pk).values_list("pk"))
        instance = self.get_object()
        current = self.current_etag(instance)
        if not if_match_holds(self.request, current):
            raise PreconditionFailed()
        return instance

    def update(self, request, *args, **kwargs):
        with transaction.atomic():
            self.get_locked_object()
            response = super().update(request, *args, **kwargs)
            if response.status_code == 200 and getattr(self, "updated_instance", None) is not None:
                response["ETag"] = self.current_etag(self.updated_instance)
        return response

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            self.get_locked_object()
            return super().destroy(request, *args, **kwargs)

    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save()

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.save()
        self.updated_instance = serializer.instance

    def perform_destroy(self, instance):
        serializer = self.get_serializer(instance)
        meeting_id = serializer.meeting_id_of(instance)
        if meeting_id is not None and not self.access.may_write_meeting(meeting_id):
            raise PermissionDenied(_("This API key may not change records of this meeting."))
        if self.access.change_reason:
            instance._change_reason = self.access.change_reason
        delete_instance(instance)


@csrf_exempt  # it changes nothing: a POST to an unknown URL is a JSON 404 too, not the CSRF failure's HTML 403
def not_found(request, *args, **kwargs):
    """Unknown URLs under /api/v1/ answer in JSON like the rest of the API; a missing final slash is pointed out."""
    path = request.path_info
    if not path.endswith("/"):
        try:
            match = resolve(f"{path}/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            if request.method in ("GET", "HEAD"):
                return HttpResponsePermanentRedirect(request.get_full_path().replace(path, f"{path}/", 1))
            return JsonResponse({"detail": _("Add the final slash: %(path)s") % {"path": f"{path}/"}}, status=404)
    return JsonResponse({"detail": _("No such API endpoint: see /api/v1/docs/.")}, status=404)
