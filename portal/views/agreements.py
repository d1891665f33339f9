"""Public pages: the agreements registry and one instrument."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from agreements import selectors
from agreements.models import Instrument
from portal.conditional import site_page
from portal.widgets import QuickSelect


class RegistryFilterForm(forms.Form):
    """The registry's filters; every choice is optional and a bad value is simply ignored."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=QuickSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=QuickSelect)
    party = forms.ChoiceField(label=_("Party"), required=False, widget=QuickSelect)
    country = forms.ChoiceField(label=_("Country covered"), required=False, widget=QuickSelect)
    year = forms.TypedChoiceField(
        label=_("Year of signature"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        public_statuses = [
            (value, label) for value, label in Instrument.Status.choices if value in Instrument.PUBLIC_STATUSES
        ]
        self.fields["kind"].choices = everything + list(Instrument.Kind.choices)
        self.fields["status"].choices = everything + public_statuses
        self.fields["party"].choices = everything + [(org.slug, org.name) for org in choices["parties"]]
        self.fields["country"].choices = everything + list(choices["countries"])
        self.fields["year"].choices = everything + [(year, str(year)) for year in choices["years"]]

    def filters(self):
        if not self.is_valid():
            return {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        return self.cleaned_data


@site_page()
def instrument_list(request):
    form = RegistryFilterForm(request.GET or None, choices=selectors.registry_choices())
    filters = form.filters() if request.GET else {}
    page = selectors.registry_page(request.GET.get("page"), **{key: value for key, value in filters.items() if value})
    context = {
        "form": form,
        "page": page,
        "instruments": page.object_list,
        "total": page.paginator.count,
        "is_filtered": any(filters.values()),
        "nav": "agreements",
    }
    return render(request, "agreements/instrument_list.html", context)


@site_page()
def instrument_detail(request, slug):
    instrument = selectors.instrument_for_page(slug)
    # Named, and so sorted, in the page's language.
    countries = sorted(instrument.countries, key=lambda country: selectors.collation_key(str(country.name)))
    context = {"instrument": instrument, "countries": countries, "nav": "agreements"}
    return render(request, "agreements/instrument_detail.html", context)
