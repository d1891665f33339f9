"""Filters shared by every list: `q` (DRF's SearchFilter), meeting by slug, and an ordering that refuses what it does
not document."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter

from api.access import get_access
from api.languages import LANGUAGE_CODES
from meetings.models import Meeting


def translated(*names):
    """Every language column of translated fields, for searching."""
    return [f"{name}_{code}" for name in names for code in LANGUAGE_CODES]


class ConveneFilterSet(django_filters.FilterSet):
    """The base of every list's filters (the search is `QSearchFilter`, over the view's `search_fields`)."""


class QSearchFilter(SearchFilter):
    """DRF's search, under the parameter name `q`: every word must match one of the view's `search_fields`, compared
    as the site search compares them (`core.text.normalize`: case, accents, Arabic letter forms and article)."""

    search_param = "q"
    default_lookup = "normalized_contains"
    # Lazy, so the schema is written in the reader's language; DRF types them as plain strings.
    search_title = _("Search")  # type: ignore[assignment]
    search_description = _("Words searched in the names.")  # type: ignore[assignment]

    def get_search_terms(self, request):
        # DRF refuses a null character with a bare list; the API's errors name the parameter.
        try:
            return super().get_search_terms(request)
        except ValidationError as error:
            raise ValidationError({self.search_param: error.detail}) from None


class IntegerFilter(django_filters.NumberFilter):
    """A whole number within what the database stores (ids, years), so that no value reaches SQL unchecked."""

    field_class = forms.IntegerField

    def __init__(self, *args, min_value=1, max_value=2**63 - 1, **kwargs):
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)


class MeetingSlugFilter(django_filters.CharFilter):
    """A meeting given by its slug; unpublished meetings match only for clients allowed to see them."""

    def __init__(self, path="meeting", **kwargs):
        kwargs.setdefault("label", _("Meeting (slug)"))
        kwargs.setdefault("help_text", _("The slug of the meeting, e.g. 16th-un-oic-general-meeting-astana-2024."))
        super().__init__(**kwargs)
        self.path = path

    def filter(self, qs, value):
        if not value:
            return qs
        meetings = Meeting.objects.visible_to(get_access(self.parent.request)).filter(slug=value)
        qs = qs.filter(**{f"{self.path}__in": meetings})
        return qs.distinct() if "__" in self.path else qs


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` accepts only the documented fields, and every order ends on the id so that pages are stable."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        valid = {name for name, _label in self.get_valid_fields(queryset, view, {"request": request})}
        if params:
            fields = [param.strip() for param in params.split(",") if param.strip()]
            unknown = [field for field in fields if field.lstrip("-") not in valid]
            if unknown or not fields:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            _("Unknown ordering %(fields)s; use one of: %(valid)s (prefix - to reverse).")
                            % {"fields": ", ".join(unknown) or "''", "valid": ", ".join(sorted(valid))}
                        ]
                    }
                )
            return [*fields, "id"]
        return self.get_default_ordering(view)

    def get_default_ordering(self, view):
        ordering = getattr(view, "ordering", None) or []
        return [*ordering, "id"] if "id" not in ordering else list(ordering)

    def get_schema_operation_parameters(self, view):
        fields = [name for name, _label in self.get_valid_fields(None, view, {})] if view.ordering_fields else []
        choices = sorted({variant for name in fields for variant in (name, f"-{name}")})
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": str(
                    _(
                        "Order by one of these fields, or several separated by commas; prefix - to reverse. Ties are "
                        "broken by id."
                    )
                ),
                "schema": {"type": "string", "enum": choices},
            }
        ]
