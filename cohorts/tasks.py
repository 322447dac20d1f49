"""django-q2 task functions: thin, they call the reminders module."""

from cohorts import reminders


def send_due_reminders():
    return reminders.send_due_reminders()
