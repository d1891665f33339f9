"""A person's data, for the secretariat: everything Convene holds about them as one JSON file, and their erasure.

Both are admin actions on people (secretariat/admin.py) for officers who may change people; both are recorded in
the person's history (django-simple-history: who, when, why). Erasure keeps participations (anonymous) so that a
meeting's counts and badge numbers still add up, and is refused for a signatory of an instrument: a signature is a
public record of the instrument.
"""

import json

from django.contrib import admin, messages
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Signature
from participants.models import Participant, Person, Position
from participants.services import person_erase, person_record_export
from sessions.models import SessionRole


def _records(queryset) -> list[dict]:
    return [
        {"model": row["model"], "id": row["pk"], **row["fields"]} for row in serializers.serialize("python", queryset)
    ]


def person_everything(person: Person) -> dict:
    """Every record that names the person, with every field (private ones too), and the history of their record."""
    history = person.history.select_related("history_user").order_by("history_date", "history_id")
    return {
        "exported_at": timezone.now(),
        "person": _records([person])[0],
        "positions": _records(Position.objects.filter(person=person).order_by("pk")),
        "participations": _records(Participant.objects.filter(person=person).order_by("pk")),
        "session_roles": _records(SessionRole.objects.filter(person=person).order_by("pk")),
        "signatures": _records(Signature.objects.filter(person=person).order_by("pk")),
        "history": [
            {
                "date": version.history_date,
                "change": version.get_history_type_display(),
                "by": version.history_user.get_username() if version.history_user else None,
                "reason": version.history_change_reason,
            }
            for version in history
        ],
    }


@admin.action(description=gettext_lazy("Export everything about the selected person (JSON)"), permissions=["change"])
def export_everything(model_admin, request, queryset):
    if queryset.count() != 1:
        model_admin.message_user(request, _("Select exactly one person to export."), messages.ERROR)
        return None
    person = queryset.get()
    document = json.dumps(person_everything(person), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    person_record_export(
        person=person, reason=f"Everything about this person exported by {request.user.get_username()}."
    )
    response = HttpResponse(document, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@admin.action(
    description=gettext_lazy("Erase the selected people (keeps anonymous participations)"), permissions=["delete"]
)
def erase_people(model_admin, request, queryset):
    people = list(queryset.order_by("pk"))
    signatories = {signature.person_id for signature in Signature.objects.filter(person__in=people)}
    if signatories:
        names = ", ".join(str(person) for person in people if person.pk in signatories)
        model_admin.message_user(
            request,
            _("Not erased: %(names)s signed an instrument, a public record. Nothing was changed.") % {"names": names},
            messages.ERROR,
        )
        return None
    if request.POST.get("confirm") != "yes":
        context = {
            **model_admin.admin_site.each_context(request),
            "title": _("Erase these people?"),
            "people": people,
            "opts": model_admin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/participants/person/erase_confirmation.html", context)
    reason = f"Erased at the person's request by {request.user.get_username()}."
    for person in people:
        person_erase(person=person, reason=reason)
    model_admin.message_user(
        request,
        _("People erased: %(count)d.") % {"count": len(people)},
        messages.SUCCESS,
    )
    return None
