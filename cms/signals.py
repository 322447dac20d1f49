"""Signals that let apps higher in the house tell courses about a participant's activity,
without importing it (assessments and interactive sit above courses)."""

from django.dispatch import Signal

# Sent by an activity (quiz, H5P) embedded in a page when a participant passes it.
# Arguments: user, page (the Wagtail page that embeds the activity), score (0-1 or None).
activity_passed = Signal()
