"""django-q2 task functions: thin, they call the notices module."""

from actionplans import notices


def send_follow_up_notices():
    return notices.send_follow_up_notices()
