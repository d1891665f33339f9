from django.urls import path

from participants import views

app_name = "participants"

urlpatterns = [
    path("meetings/<slug:meeting_slug>/participants/", views.participant_list, name="participant_list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
]
