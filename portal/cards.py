"""The agenda's session cards, written in Python rather than by the template engine.

The agenda of a large meeting shows hundreds of sessions and thousands of speakers; as an included template each
card cost about 1.4 ms (variable lookups, a `{% url %}` per link, a filter per time), most of an uncached agenda
(docs/PERFORMANCE.md). Here each link is one string substitution into a URL reversed once per page, each time is
formatted once per page, and every text is escaped as the template engine would. The markup is the one that
`templates/sessions/agenda.html` used to include.
"""

import html

from django.urls import reverse
from django.utils.formats import time_format
from django.utils.html import conditional_escape
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

_SLUG = "slug-placeholder"


def _escape(value):
    """conditional_escape() without its lazy-string wrapper, called ~16,000 times on an XL agenda: the same text."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _url_with_slug(viewname, **kwargs):
    """A function slug -> URL of `viewname`, reversed once (slugs need no quoting)."""
    before, _, after = reverse(viewname, kwargs={**kwargs, "slug": _SLUG}).partition(_SLUG)
    return lambda slug: f"{before}{slug}{after}"


class SessionCards:
    """Renders the cards of one agenda page: what does not depend on the session is worked out once."""

    def __init__(self, meeting):
        self.tz = meeting.tzinfo
        self.session_url = _url_with_slug("sessions:session_detail", meeting_slug=meeting.slug)
        self.person_url = _url_with_slug("participants:person_detail")
        self.separator = conditional_escape(pgettext("list separator", ", "))
        # The label of the "My agenda" star of every card (static/js/my-agenda.js shows and presses it).
        self.star_label = conditional_escape(_("My agenda"))
        self._times = {}
        self._types = {}
        self._labels = {}

    def _time(self, value):
        """(ISO 8601, as shown) of an aware datetime, in the meeting's time zone."""
        shown = self._times.get(value)
        if shown is None:
            local = value.astimezone(self.tz)
            shown = self._times[value] = (local.isoformat(), _escape(time_format(local, "TIME_FORMAT")))
        return shown

    def _type(self, session):
        """(the article's class, the tag) of the session's type; none for a session without one."""
        if not session.type_id:
            return "", ""
        shown = self._types.get(session.type_id)
        if shown is None:
            kind = session.type
            shown = self._types[session.type_id] = (
                f" session--{_escape(kind.code)}",
                f'<span class="tag tag--kind" style="border-color: {_escape(kind.colour)}">'
                f"{_escape(capfirst(kind.name))}</span> ",
            )
        return shown

    def _label(self, chairs, count):
        """The label of a list of chairs (or speakers) by their number: one translation look-up per page for each."""
        label = self._labels.get((chairs, count))
        if label is None:
            text = ngettext("Chair", "Chairs", count) if chairs else ngettext("Speaker", "Speakers", count)
            label = self._labels[chairs, count] = _escape(text)
        return label

    def _language(self, session):
        if not session.language:
            return ""
        return (
            f'<span class="tag tag--language" lang="{_escape(session.language)}">'
            f"{_escape(session.language_name)}</span> "
        )

    def _people(self, roles, label):
        items = []
        for role in roles:
            person = role.person
            item = f'<li class="person-role"><a href="{self.person_url(person.slug)}">{_escape(person)}</a>'
            position = role.shown_position
            if position:
                item += (
                    f'<span class="position">{self.separator}{_escape(position.title)}'
                    f"{self.separator}{_escape(position.organization)}</span>"
                )
            if role.subject:
                item += f' <span class="subject">— {_escape(role.subject)}</span>'
            items.append(item + "</li>")
        return (
            f'\n  <div class="people">\n    <p class="people__label">{label}</p>'
            f"\n    <ul>{''.join(items)}</ul>\n  </div>"
        )

    def _room(self, session):
        return f' · <span class="session__room">{_escape(session.room.name)}</span>' if session.room else ""

    def _when(self, session):
        """The card's time and room line, and its data attributes (the start and end the scripts read)."""
        starts, ends = self._time(session.starts_at), self._time(session.ends_at)
        data = f' data-session="{session.pk}" data-starts="{starts[0]}" data-ends="{ends[0]}">\n'
        when = (
            f'<p class="session__when"><time datetime="{starts[0]}">{starts[1]}</time> – '
            f'<time datetime="{ends[0]}">{ends[1]}</time>{self._room(session)}</p>\n'
        )
        return data, when

    def _title(self, session, heading):
        pk = session.pk
        return (
            f'<{heading} class="session__title" id="session-{pk}-title"><a href="{self.session_url(session.slug)}">'
            f"{_escape(session.title)}</a></{heading}>\n"
        )

    def _star(self, pk):
        """The "My agenda" button of a card: hidden until the script runs, which also keeps its state."""
        return (
            f'<button type="button" class="star no-print" data-star="{pk}" aria-pressed="false"'
            f' aria-describedby="session-{pk}-title" hidden><span class="star__icon" aria-hidden="true"></span>'
            f"{self.star_label}</button>\n"
        )

    def card(self, session):
        pk, chairs, speakers = session.pk, session.chairs, session.speakers
        column = f"room-col-{session.column}" if session.column else "room-span"
        people = ""
        if chairs:
            people += self._people(chairs, self._label(True, len(chairs)))
        if speakers:
            people += self._people(speakers, self._label(False, len(speakers)))
        theme = session.theme
        theme = f'<span class="tag tag--theme">{_escape(theme.name)}</span>' if theme else ""
        type_class, type_tag = self._type(session)
        data, when = self._when(session)
        return (
            f'<article class="session{type_class} {column}" aria-labelledby="session-{pk}-title"{data}'
            f"  {when}  {self._title(session, 'h4')}  {self._star(pk)}"
            f'  <p class="session__tags">{type_tag}{self._language(session)}{theme}</p>'
            f"{people}\n"
            "</article>\n"
        )

    def block(self, block):
        """A session's block in the time grid (GridBlock, portal/agenda.py): what the grid's template loop wrote."""
        session = block.session
        pk = session.pk
        kind = f"session--{_escape(session.type.code)}" if session.type else ""
        data, when = self._when(session)
        return (
            f'\n    <article class="session session--block {kind}" style="grid-row: {block.row_start} / '
            f'{block.row_end}; grid-column: {_escape(block.column)};" aria-labelledby="session-{pk}-title"{data}'
            f"      {when}      {self._title(session, 'h3')}      {self._star(pk)}"
            "\n    </article>\n    "
        )


def speaker_options(speakers, selected):
    """The <option>s of the agenda's speaker filter (an XL agenda lists 3,000 people), as the template wrote them."""
    return "".join(
        f'<option value="{_escape(person.slug)}"{" selected" if person.slug == selected else ""}>'
        f"{_escape(person)}</option>"
        for person in speakers
    )
