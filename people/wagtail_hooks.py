"""Admin screens for clusters, enterprises and participant profiles."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from people.models import Cluster, Enterprise, ParticipantProfile


class ClusterViewSet(ModelViewSet):
    model = Cluster
    url_prefix = "people/clusters"
    icon = "group"
    menu_label = _("Clusters")
    list_display = ["name", "sector", "district", "country"]
    list_filter = ["sector", "country"]
    search_fields = ["name", "district", "province"]
    list_export = ["name", "sector", "district", "province", "country"]
    panels = [
        FieldPanel("name"),
        FieldPanel("sector"),
        FieldPanel("district"),
        FieldPanel("province"),
        FieldPanel("country"),
        FieldPanel("description"),
    ]


class EnterpriseViewSet(ModelViewSet):
    model = Enterprise
    url_prefix = "people/enterprises"
    icon = "site"
    menu_label = _("Enterprises")
    list_display = ["name", "owner", "cluster", "employees"]
    list_filter = ["cluster"]
    search_fields = ["name", "products"]
    list_export = ["name", "owner", "cluster", "products", "employees", "year_started"]
    panels = [
        FieldPanel("name"),
        FieldPanel("owner"),
        FieldPanel("cluster"),
        FieldPanel("products"),
        FieldPanel("employees"),
        FieldPanel("year_started"),
    ]


class ParticipantProfileViewSet(ModelViewSet):
    model = ParticipantProfile
    url_prefix = "people/participants"
    icon = "user"
    menu_label = _("Participants")
    list_display = ["user", "gender", "birth_year", "district", "cluster"]
    list_filter = ["gender", "country", "cluster"]
    search_fields = ["user__full_name", "district"]
    list_export = [
        "user",
        "gender",
        "birth_year",
        "district",
        "province",
        "country",
        "cluster",
        "enterprise",
        "has_disability",
    ]
    panels = [
        FieldPanel("user"),
        FieldPanel("gender"),
        FieldPanel("birth_year"),
        FieldPanel("district"),
        FieldPanel("province"),
        FieldPanel("country"),
        FieldPanel("cluster"),
        FieldPanel("enterprise"),
        FieldPanel("has_disability"),
    ]


class PeopleViewSetGroup(ViewSetGroup):
    menu_label = _("People")
    menu_icon = "group"
    menu_order = 300
    items = (ParticipantProfileViewSet, ClusterViewSet, EnterpriseViewSet)


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleViewSetGroup()
