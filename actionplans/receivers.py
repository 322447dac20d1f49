"""Every cohort gets follow-up checkpoints (1, 3 and 6 months after its end by default), and
their due dates move when its end date moves."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from actionplans import services
from cohorts.models import Cohort


@receiver(post_save, sender=Cohort, dispatch_uid="actionplans-checkpoints")
def cohort_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures
        return
    services.sync_checkpoints(instance)
