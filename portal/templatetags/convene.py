"""Template tags shared by the public pages: language switcher, meeting-local times, translated files."""

import datetime

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi, get_language_info, pgettext

from portal.cards import SessionCards, speaker_options

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The same page (query string included) in each language, named in that language."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
                "is_current": code == current,
                "dir": "rtl" if info["bidi"] else "ltr",
            }
        )
    return links


@register.simple_tag
def text_direction():
    return "rtl" if get_language_bidi() else "ltr"


@register.filter
def in_timezone(value, tzinfo):
    """An aware datetime in the given time zone (e.g. the meeting's `tzinfo`)."""
    if not value:
        return value
    return value.astimezone(tzinfo)


@register.filter
def utc_offset(value):
    """The offset of an aware datetime as “UTC+05:00” (“UTC” alone at zero)."""
    if not value:
        return ""
    offset = value.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


@register.simple_tag
def translated_file(obj, field_name):
    """The file of a translated FileField in the page's language, else English: {"url", "language", "name"}."""
    language = get_language() or settings.LANGUAGE_CODE
    for code in (language, settings.LANGUAGE_CODE):
        file = getattr(obj, f"{field_name}_{code}", None)
        if file:
            return {"url": file.url, "language": code, "name": get_language_info(code)["name_translated"]}
    return None


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def meeting_offset(meeting):
    """The meeting's UTC offset on its first day at noon, e.g. “UTC+05:00”."""
    noon = datetime.datetime.combine(meeting.start_date, datetime.time(12), tzinfo=meeting.tzinfo)
    return utc_offset(noon)


@register.simple_tag
def list_separator():
    """“, ” between the parts of a name and title; Arabic writes “، ”."""
    return pgettext("list separator", ", ")


def _page_cards(context, meeting):
    """The page render's one renderer of session cards and blocks (portal/cards.py)."""
    cards = context.render_context.get("session_cards")
    if cards is None:
        cards = context.render_context["session_cards"] = SessionCards(meeting)
    return cards


@register.simple_tag(takes_context=True)
def session_cards(context, sessions, meeting):
    """The cards of these sessions, written by the page's renderer."""
    cards = _page_cards(context, meeting)
    return mark_safe("".join(cards.card(session) for session in sessions))  # noqa: S308  (every text is escaped)


@register.simple_tag(takes_context=True)
def session_blocks(context, blocks, meeting):
    """The blocks of a day of the time grid, written by the same renderer as the cards."""
    cards = _page_cards(context, meeting)
    return mark_safe("".join(cards.block(block) for block in blocks))  # noqa: S308  (every text is escaped)


@register.simple_tag
def agenda_speaker_options(speakers, selected):
    """The options of the agenda's speaker filter (portal/cards.py)."""
    return mark_safe(speaker_options(speakers, selected))  # noqa: S308  (every text is escaped)


@register.filter
def zone_name(meeting):
    """The meeting's time zone as a delegate names it: “Astana time”, from the meeting's city in the page's language."""
    return pgettext("time zone named after a city", "%(city)s time") % {"city": meeting.city}


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The page's query string with `changes` made (a value of None removes the parameter), for links between views."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return query.urlencode()
