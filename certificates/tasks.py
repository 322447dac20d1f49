"""django-q2 task functions: thin, they call the services."""

from certificates import services


def run_issue_job(job_pk: int) -> None:
    services.run_issue_job(job_pk)
