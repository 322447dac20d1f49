"""django-q2 entry points (schedules from migration 0002): thin, they call facts and services."""

from django.utils import timezone

from reports import facts, services, snapshots


def refresh_changed():
    started = timezone.now()
    count = facts.refresh_changed()
    snapshots.warm(_changed_programmes(started))
    return count


def rebuild_all():
    services.remove_old_exports()
    count = facts.rebuild()
    snapshots.warm(_changed_programmes(None))
    return count


def _changed_programmes(since):
    from reports.models import ProgrammeStamp

    stamps = ProgrammeStamp.objects.all()
    if since is not None:
        stamps = stamps.filter(changed_at__gte=since)
    return list(stamps.values_list("programme_id", flat=True))


def refresh_cohorts(cohort_ids):
    return facts.refresh(cohort_ids)


def run_export(job_pk):
    services.run_export(job_pk)
