from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
]
