from django.urls import path

from offline import views

app_name = "offline"

urlpatterns = [
    path("", views.phone, name="phone"),
    path("sync/", views.sync, name="sync"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("courses/<int:page_id>/files.json", views.course_files, name="course_files"),
    path("items/<uuid:key>/", views.item, name="item"),
    path("files/<int:file_id>/", views.kept_file, name="kept_file"),
    path("cohorts/<int:cohort_id>/", views.cohort, name="cohort"),
]
