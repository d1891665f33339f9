from django.urls import path

from agreements import views

app_name = "agreements"

urlpatterns = [
    path("agreements/", views.instrument_list, name="instrument_list"),
    path("agreements/<slug:slug>/", views.instrument_detail, name="instrument_detail"),
]
