from django.urls import path

from sessions import views

app_name = "sessions"

urlpatterns = [
    path("meetings/<slug:meeting_slug>/agenda/", views.agenda, name="agenda"),
    path("meetings/<slug:meeting_slug>/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("meetings/<slug:meeting_slug>/sessions/<slug:slug>/", views.session_detail, name="session_detail"),
    path("meetings/<slug:meeting_slug>/sessions/<slug:slug>.ics", views.session_ics, name="session_ics"),
]
