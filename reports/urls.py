from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("programmes/<int:programme_id>/", views.programme, name="programme"),
    path(
        "programmes/<int:programme_id>/participants/",
        views.programme_participants,
        name="programme_participants",
    ),
    path(
        "programmes/<int:programme_id>/tables/<slug:name>/",
        views.programme_table,
        name="programme_table",
    ),
    path(
        "programmes/<int:programme_id>/refresh/",
        views.programme_refresh,
        name="programme_refresh",
    ),
    path(
        "programmes/<int:programme_id>/donor-report/",
        views.programme_donor,
        name="programme_donor",
    ),
    path("cohorts/<int:cohort_id>/", views.cohort, name="cohort"),
    path(
        "cohorts/<int:cohort_id>/participants/",
        views.cohort_participants,
        name="cohort_participants",
    ),
    path(
        "cohorts/<int:cohort_id>/tables/<slug:name>/",
        views.cohort_table,
        name="cohort_table",
    ),
    path(
        "cohorts/<int:cohort_id>/refresh/", views.cohort_refresh, name="cohort_refresh"
    ),
    path(
        "cohorts/<int:cohort_id>/donor-report/",
        views.cohort_donor,
        name="cohort_donor",
    ),
    path("exports/", views.export_list, name="exports"),
    path("exports/<int:job_id>/", views.export_detail, name="export"),
    path(
        "exports/<int:job_id>/download/", views.export_download, name="export_download"
    ),
]
