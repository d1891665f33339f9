from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from api.views import resources
from api.views.base import not_found
from api.views.docs import ConveneSchemaView, ConveneSwaggerView, guide_view
from api.views.schedule import MeetingScheduleImportView, MeetingScheduleView

app_name = "api"

router = DefaultRouter()
router.register("series", resources.SeriesViewSet, basename="series")
router.register("meetings", resources.MeetingViewSet, basename="meeting")
router.register("themes", resources.ThemeViewSet, basename="theme")
router.register("rooms", resources.RoomViewSet, basename="room")
router.register("session-types", resources.SessionTypeViewSet, basename="sessiontype")
router.register("sessions", resources.SessionViewSet, basename="session")
router.register("organizations", resources.OrganizationViewSet, basename="organization")
router.register("people", resources.PersonViewSet, basename="person")
router.register("delegations", resources.DelegationViewSet, basename="delegation")
router.register("participants", resources.ParticipantViewSet, basename="participant")
router.register("instruments", resources.InstrumentViewSet, basename="instrument")
router.register("commitments", resources.CommitmentViewSet, basename="commitment")

urlpatterns = [
    path("schema/", ConveneSchemaView.as_view(), name="schema"),
    path("docs/", ConveneSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("guide/", guide_view, name="guide"),
    path("meetings/<slug:slug>/schedule.json", MeetingScheduleView.as_view(), name="meeting-schedule"),
    path("meetings/<slug:slug>/schedule/", MeetingScheduleImportView.as_view(), name="meeting-schedule-import"),
    *router.urls,
    re_path(r"^[\s\S]*$", not_found, name="not-found"),
]
