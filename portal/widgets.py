"""Form widgets of the public pages."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """Django's <select>, written in Python instead of through a template per option: the same markup for a filter
    that offers hundreds of choices (the registry's parties) on a page rendered uncached."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = "".join(
            f'<option value="{escape(choice)}"{" selected" if str(choice) in chosen else ""}>{escape(label)}</option>'
            for choice, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}</select>')  # noqa: S308 (escaped)
