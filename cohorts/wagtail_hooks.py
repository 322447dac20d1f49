"""Admin: programmes, cohorts, sessions and venues under one "Cohorts" menu, each list
narrowed to what the person works on; a cohort's People screen; clash warnings when a
session is saved."""

from django.contrib import messages
from django.http import Http404
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from cohorts import admin_views, selectors
from cohorts.forms import CohortForm, ProgrammeForm, SessionForm
from cohorts.models import Cohort, Programme, Session, Venue


def scoped_views(view_scope, change_scope, *mixins):
    """Views that show only what `view_scope(request, queryset)` keeps and change only what
    `change_scope` keeps: another programme's cohort is not listed, and its edit, delete,
    history and usage addresses answer 404. (Copying is switched off on these viewsets.)"""

    def checked(scope):
        class Check:
            def get_object(self, *args, **kwargs):
                obj = super().get_object(*args, **kwargs)
                model = type(obj)
                if not scope(
                    self.request, model._default_manager.filter(pk=obj.pk)
                ).exists():
                    raise Http404
                return obj

        return Check

    class Index(generic.IndexView):
        def get_base_queryset(self):
            return view_scope(self.request, super().get_base_queryset())

    class Create(*mixins, generic.CreateView):
        pass

    class Edit(*mixins, checked(change_scope), generic.EditView):
        pass

    class Delete(checked(change_scope), generic.DeleteView):
        pass

    class History(checked(view_scope), HistoryView):
        pass

    class Usage(checked(view_scope), UsageView):
        pass

    return {
        "index_view_class": Index,
        "add_view_class": Create,
        "edit_view_class": Edit,
        "delete_view_class": Delete,
        "history_view_class": History,
        "usage_view_class": Usage,
        "copy_view_enabled": False,
    }


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose views go through `view_scope` and `change_scope`."""

    view_scope = change_scope = None
    save_mixins: tuple = ()

    def __init__(self, *args, **kwargs):
        views = scoped_views(self.view_scope, self.change_scope, *self.save_mixins)
        for name, value in views.items():
            setattr(self, name, value)
        super().__init__(*args, **kwargs)


def _programmes(request, queryset):
    return queryset.filter(
        pk__in=selectors.visible_programmes(request.user).values("pk")
    )


def _run_programmes(request, queryset):
    user = request.user
    if selectors.sees_everything(user):
        return queryset
    return queryset.filter(officers=user)


def _cohorts(request, queryset):
    return queryset.filter(pk__in=selectors.visible_cohorts(request.user).values("pk"))


def _managed_cohorts(request, queryset):
    return queryset.filter(pk__in=selectors.managed_cohorts(request.user).values("pk"))


def _sessions(request, queryset):
    return queryset.filter(
        cohort__in=selectors.visible_cohorts(request.user).values("pk")
    )


def _managed_sessions(request, queryset):
    return queryset.filter(
        cohort__in=selectors.managed_cohorts(request.user).values("pk")
    )


class CohortSaveMixin:
    """More places on the form take people from the waiting list, in order."""

    def save_instance(self):
        from cohorts import services

        instance = super().save_instance()
        services.promote_after_edit(cohort=instance)
        return instance


class ProgrammeViewSet(ScopedModelViewSet):
    model = Programme
    url_prefix = "cohorts/programmes"
    icon = "folder-open-inverse"
    menu_label = _("Programmes")
    list_display = ["name", "funder", "created_at"]
    search_fields = ["name", "funder"]
    list_export = ["name", "funder", "partners", "countries"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("description"),
            FieldPanel("funder"),
            FieldPanel("partners"),
            FieldPanel("countries"),
            FieldPanel("officers"),
        ],
        base_form_class=ProgrammeForm,
    )
    view_scope, change_scope = staticmethod(_programmes), staticmethod(_run_programmes)


class PeopleColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("cohorts_admin:people", args=[instance.pk]),
            _("People"),
        )


class CohortViewSet(ScopedModelViewSet):
    model = Cohort
    url_prefix = "cohorts/cohorts"
    icon = "group"
    menu_label = _("Cohorts")
    list_display = [
        "name",
        "programme",
        "starts_on",
        "status",
        PeopleColumn("people", label=_("People")),
    ]
    list_filter = ["status", "programme", "language"]
    search_fields = ["name"]
    list_export = [
        "name",
        "programme",
        "language",
        "starts_on",
        "ends_on",
        "status",
        "capacity",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("programme"),
            FieldPanel("name"),
            FieldPanel("courses"),
            FieldPanel("language"),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            FieldPanel("venue"),
            FieldPanel("trainers"),
            FieldPanel("officers"),
            MultiFieldPanel(
                [
                    FieldPanel("capacity"),
                    FieldRowPanel(
                        [FieldPanel("enrolment_opens"), FieldPanel("enrolment_closes")]
                    ),
                    FieldPanel("self_enrolment"),
                    FieldPanel("status"),
                ],
                heading=_("Enrolment"),
            ),
            FieldRowPanel([FieldPanel("pre_test"), FieldPanel("post_test")]),
        ],
        base_form_class=CohortForm,
    )
    view_scope, change_scope = staticmethod(_cohorts), staticmethod(_managed_cohorts)
    save_mixins = (CohortSaveMixin,)


class SessionSaveMixin:
    """After saving, say which people or rooms are double-booked (a warning: the officer
    may know better, e.g. a trainer joining two groups in one hall)."""

    def save_instance(self):
        from cohorts.models import Enrolment

        instance = super().save_instance()
        for clash in selectors.clashes(instance):
            messages.warning(self.request, clash.message)
        enrolled = instance.cohort.enrolments.filter(
            status=Enrolment.Status.ENROLLED
        ).count()
        if instance.capacity and enrolled > instance.capacity:
            messages.warning(
                self.request,
                _(
                    "%(enrolled)s participants are enrolled in the cohort, more than this "
                    "session's %(capacity)s places."
                )
                % {"enrolled": enrolled, "capacity": instance.capacity},
            )
        return instance


class SessionViewSet(ScopedModelViewSet):
    model = Session
    url_prefix = "cohorts/sessions"
    icon = "date"
    menu_label = _("Sessions")
    view_scope, change_scope = staticmethod(_sessions), staticmethod(_managed_sessions)
    save_mixins = (SessionSaveMixin,)
    list_display = ["title", "cohort", "kind", "starts_at"]
    list_filter = ["kind", "cohort"]
    search_fields = ["title"]
    list_export = [
        "title",
        "cohort",
        "kind",
        "starts_at",
        "ends_at",
        "time_zone",
        "place",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("cohort"),
            FieldPanel("kind"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldPanel("time_zone"),
            FieldPanel("facilitators"),
            FieldPanel("capacity"),
            MultiFieldPanel(
                [
                    FieldPanel("venue"),
                    FieldPanel("host_cluster"),
                    FieldPanel("host_enterprise"),
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    FieldPanel("meeting_point"),
                    FieldPanel("transport_note"),
                    FieldPanel("host_contact"),
                ],
                heading=_("Where"),
            ),
            FieldPanel("learning_objectives"),
        ],
        base_form_class=SessionForm,
    )


class VenueViewSet(ModelViewSet):
    model = Venue
    url_prefix = "cohorts/venues"
    icon = "home"
    menu_label = _("Venues")
    list_display = ["name", "district", "country", "capacity"]
    search_fields = ["name", "district"]
    form_fields = [
        "name",
        "address",
        "district",
        "country",
        "latitude",
        "longitude",
        "capacity",
    ]


class CohortsGroup(ViewSetGroup):
    items = (ProgrammeViewSet, CohortViewSet, SessionViewSet, VenueViewSet)
    menu_icon = "group"
    menu_label = _("Cohorts")
    menu_name = "cohorts"
    menu_order = 240


@hooks.register("register_admin_viewset")
def register_cohort_viewsets():
    return CohortsGroup()


app_name = "cohorts_admin"
urlpatterns = [
    path("<int:cohort_id>/people/", admin_views.PeopleView.as_view(), name="people"),
    path(
        "<int:cohort_id>/people/enrol/", admin_views.EnrolView.as_view(), name="enrol"
    ),
    path(
        "<int:cohort_id>/people/import/",
        admin_views.ImportView.as_view(),
        name="import",
    ),
    path(
        "<int:cohort_id>/people/export/",
        admin_views.ExportView.as_view(),
        name="export",
    ),
    path("<int:cohort_id>/calendar/", admin_views.FeedView.as_view(), name="feed"),
    path(
        "<int:cohort_id>/people/<int:enrolment_id>/<str:action>/",
        admin_views.EnrolmentActionView.as_view(),
        name="action",
    ),
]


@hooks.register("register_admin_urls")
def register_cohort_admin_urls():
    return [
        path("cohort-people/", include((urlpatterns, app_name), namespace=app_name))
    ]
