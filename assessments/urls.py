from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    path("<int:quiz_id>/", views.quiz_start, name="start"),
    path("<int:quiz_id>/offline/", views.quiz_deferred, name="deferred"),
    path("attempts/<uuid:attempt_id>/", views.attempt_take, name="attempt"),
    path("attempts/<uuid:attempt_id>/finish/", views.attempt_finish, name="finish"),
    path("attempts/<uuid:attempt_id>/result/", views.attempt_result, name="result"),
]
