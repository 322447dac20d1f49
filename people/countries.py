"""Countries where the programmes run (ISO 3166-1 alpha-2). Extend the list as programmes grow."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    BANGLADESH = "BD", _("Bangladesh")
    BHUTAN = "BT", _("Bhutan")
    BURUNDI = "BI", _("Burundi")
    CAMBODIA = "KH", _("Cambodia")
    CHINA = "CN", _("China")
    ETHIOPIA = "ET", _("Ethiopia")
    INDIA = "IN", _("India")
    INDONESIA = "ID", _("Indonesia")
    KENYA = "KE", _("Kenya")
    LAOS = "LA", _("Lao PDR")
    MALAWI = "MW", _("Malawi")
    MALDIVES = "MV", _("Maldives")
    MYANMAR = "MM", _("Myanmar")
    NEPAL = "NP", _("Nepal")
    PAKISTAN = "PK", _("Pakistan")
    PHILIPPINES = "PH", _("Philippines")
    RWANDA = "RW", _("Rwanda")
    SRI_LANKA = "LK", _("Sri Lanka")
    TANZANIA = "TZ", _("Tanzania")
    THAILAND = "TH", _("Thailand")
    UGANDA = "UG", _("Uganda")
    VIETNAM = "VN", _("Viet Nam")
    ZAMBIA = "ZM", _("Zambia")
