from django.urls import path

from actionplans import views

app_name = "actionplans"

urlpatterns = [
    path("", views.index, name="index"),
    path("cohort/<int:cohort_id>/", views.edit, name="edit"),
    path("<int:plan_id>/", views.plan_detail, name="plan"),
    path("<int:plan_id>/review/", views.review, name="review"),
    path("<int:plan_id>/pdf/", views.plan_pdf, name="pdf"),
    path("follow-up/<int:checkpoint_id>/", views.report, name="report"),
    path(
        "follow-up/<int:checkpoint_id>/record/<int:user_id>/",
        views.record,
        name="record",
    ),
    path("reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path(
        "evidence/<int:evidence_id>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path("review/", views.queue, name="queue"),
    path("cohorts/<int:cohort_id>/", views.cohort_overview, name="cohort"),
    path("cohorts/<int:cohort_id>/export/", views.cohort_export, name="cohort_export"),
]
