"""Build the POST data an officer's browser would send back from an admin change form."""

import datetime

from django.forms import MultiWidget


def post_data_from(response, **changes):
    """Every field of the admin form and its inlines, as rendered, with ``changes`` applied."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms.extend(inline.formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            _put(data, form.add_prefix(name), field.widget, form[name].value())
    data.update(changes)
    return data


def _put(data, key, widget, value):
    if isinstance(widget, MultiWidget):
        for index, (subwidget, part) in enumerate(zip(widget.widgets, widget.decompress(value), strict=True)):
            _put(data, f"{key}_{index}", subwidget, part)
    elif value is None or value is False or (hasattr(value, "name") and not value.name):
        return  # unset, unchecked or no file: a browser sends nothing
    elif value is True:
        data[key] = "on"
    elif isinstance(value, list | tuple):
        data[key] = [str(getattr(item, "code", item)) for item in value]
    elif isinstance(value, datetime.date | datetime.time):
        data[key] = value.isoformat()
    else:
        data[key] = str(getattr(value, "code", value))
