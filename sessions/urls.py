app_name = "sessions"

urlpatterns = []
