"""The player and package files: not under a language prefix (the frame's language is the
activity's own)."""

from django.urls import path

from interactive import views

app_name = "interactive"

urlpatterns = [
    path("play/<uuid:content_uuid>/", views.player, name="player"),
    path("files/<path:path>", views.package_file, name="file"),
]
