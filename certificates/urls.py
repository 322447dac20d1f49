from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<str:number>/pdf/", views.download, name="download"),
    path("cohorts/", views.cohorts, name="cohorts"),
    path("cohorts/<int:cohort_id>/", views.cohort, name="cohort"),
]
