from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    """Programmes, cohorts, sessions, enrolment, attendance, calendars and reminders."""

    name = "cohorts"
    verbose_name = _("Cohorts and sessions")

    def ready(self):
        from cohorts.selectors import visible_participant_ids
        from lms import scoping

        # Trainers and officers see the learning records (progress, attempts, H5P results)
        # of the participants in their cohorts only.
        scoping.register(visible_participant_ids)
