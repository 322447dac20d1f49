"""django-q2 entry points (schedules from migration 0002): thin, they call facts and services."""

from reports import facts, services


def refresh_changed():
    return facts.refresh_changed()


def rebuild_all():
    services.remove_old_exports()
    return facts.rebuild()


def refresh_cohorts(cohort_ids):
    return facts.refresh(cohort_ids)


def run_export(job_pk):
    services.run_export(job_pk)
