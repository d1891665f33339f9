"""The public pages, under the language prefix. Each keeps the namespace of the app whose records it shows
(`meetings:meeting_detail`, `sessions:agenda`, …), so that models' `get_absolute_url` and templates name them
as before."""

from django.urls import include, path

from portal.views import agreements, meetings, participants, sessions

meetings_patterns = [
    path("", meetings.home, name="home"),
    path("search/", meetings.search, name="search"),
    path("meetings/<slug:slug>/", meetings.meeting_detail, name="meeting_detail"),
]

participants_patterns = [
    path("meetings/<slug:meeting_slug>/participants/", participants.participant_list, name="participant_list"),
    path("organizations/<slug:slug>/", participants.organization_detail, name="organization_detail"),
    path("people/<slug:slug>/", participants.person_detail, name="person_detail"),
]

sessions_patterns = [
    path("meetings/<slug:meeting_slug>/agenda/", sessions.agenda, name="agenda"),
    path("meetings/<slug:meeting_slug>/agenda.ics", sessions.agenda_ics, name="agenda_ics"),
    path("meetings/<slug:meeting_slug>/sessions/<slug:slug>/", sessions.session_detail, name="session_detail"),
    path("meetings/<slug:meeting_slug>/sessions/<slug:slug>.ics", sessions.session_ics, name="session_ics"),
]

agreements_patterns = [
    path("agreements/", agreements.instrument_list, name="instrument_list"),
    path("agreements/<slug:slug>/", agreements.instrument_detail, name="instrument_detail"),
]

urlpatterns = [
    path("", include((meetings_patterns, "meetings"))),
    path("", include((participants_patterns, "participants"))),
    path("", include((sessions_patterns, "sessions"))),
    path("", include((agreements_patterns, "agreements"))),
]
