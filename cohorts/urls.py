from django.urls import path

from cohorts import views

app_name = "cohorts"

urlpatterns = [
    path("", views.schedule, name="schedule"),
    path("calendar/", views.feed_reset, name="feed_reset"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("sessions/<int:session_id>/register/", views.register, name="register"),
    path("check-in/<str:token>/", views.check_in, name="check_in"),
    path("cohorts/<int:cohort_id>/join/", views.join, name="join"),
]
