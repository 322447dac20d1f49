"""Admin: a way into the programme dashboards (pages of their own, which officers also use on
their phones), under Reports."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cohorts.selectors import staff_cohorts


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return staff_cohorts(request.user).exists()


@hooks.register("register_reports_menu_item")
def dashboards_menu_item():
    return DashboardMenuItem(
        _("Programme dashboards"),
        reverse("reports:index"),
        icon_name="table",
        order=10,
    )
