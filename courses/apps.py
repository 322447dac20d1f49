from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from cms.signals import activity_passed
        from courses import receivers

        activity_passed.connect(
            receivers.complete_lesson_on_activity, dispatch_uid="courses"
        )
