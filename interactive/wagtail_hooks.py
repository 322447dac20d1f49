"""Admin: H5P activities as snippets (upload, replace, language versions), the libraries they
installed, and the H5P results report."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from interactive import admin_views
from interactive.forms import H5PContentForm
from interactive.models import H5PContent, H5PResult
from lms.admin_menu import PermissionMenuItem


class H5PContentViewSet(SnippetViewSet):
    model = H5PContent
    icon = "code"
    menu_label = _("H5P activities")
    menu_name = "h5p"
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "title",
        Column("language", label=_("Language"), accessor="get_language_display"),
        Column("content_type", label=_("Content type"), accessor="content_type_label"),
        Column("licence", label=_("Licence"), accessor="licence_label"),
        "updated_at",
    ]
    list_filter = ["language"]
    search_fields = ["title"]
    ordering = ["title", "language"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "language",
        "content_type_label",
        "licence_label",
        "author_names",
        "versions_label",
        "pass_rule",
        "size_label",
        "source_filename",
        "uploaded_by",
        "created_at",
        "updated_at",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("package"),
            FieldPanel("title"),
            FieldPanel("language"),
            FieldPanel("translation_of"),
            FieldPanel("pass_mark"),
        ],
        base_form_class=H5PContentForm,
    )

    def get_queryset(self, request):
        return H5PContent.objects.select_related("main_library")


register_snippet(H5PContentViewSet)


@hooks.register("before_delete_snippet")
def keep_activities_with_results(request, instances):
    """Participants' results hang on an activity: one that has any is not deleted, alone or
    in a bulk delete (replace its package instead, which keeps them)."""
    activities = [item for item in instances if isinstance(item, H5PContent)]
    if not activities:
        return None
    count = (
        H5PResult.objects.filter(content__in=activities)
        .values("user")
        .distinct()
        .count()
    )
    if not count:
        return None
    messages.error(
        request,
        ngettext(
            "%(count)s participant has a result in this activity. Replace its "
            "package instead of deleting it: results are kept then.",
            "%(count)s participants have results in this activity. Replace its "
            "package instead of deleting it: results are kept then.",
            count,
        )
        % {"count": count},
    )
    if len(activities) == 1:
        return redirect("wagtailsnippets_interactive_h5pcontent:edit", activities[0].pk)
    return redirect("wagtailsnippets_interactive_h5pcontent:list")


app_name = "interactive_admin"
urlpatterns = [
    path("results/", admin_views.ResultsIndex.as_view(), name="results"),
    path(
        "results/<int:content_id>/", admin_views.ResultsExport.as_view(), name="export"
    ),
]


@hooks.register("register_admin_urls")
def register_h5p_admin_urls():
    return [path("h5p-results/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_reports_menu_item")
def h5p_results_menu_item():
    return PermissionMenuItem(
        _("H5P results"),
        reverse("interactive_admin:results"),
        icon_name="code",
        order=56,
        permission="interactive.view_h5p_report",
    )
