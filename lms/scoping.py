"""Which participants a staff member may see, for the apps that keep participants' records
(courses, assessments, interactive) but sit below `cohorts`, which knows who trains whom.

`cohorts` registers its rule at start-up (dependency inversion: the lower apps ask here and
never import cohorts). With no rule registered, staff with the app's view permission see
everyone, as before cohorts existed.
"""

from __future__ import annotations

from collections.abc import Callable

_rule: Callable | None = None


def register(rule: Callable) -> None:
    """`rule(user)` returns a queryset of user ids the user may see, or None for everyone."""
    global _rule
    _rule = rule


def visible_participants(user):
    """A queryset of the user ids `user` may see records of, or None: everyone."""
    if _rule is None:
        return None
    return _rule(user)


def narrow(queryset, user, field: str = "user"):
    """`queryset` limited to the records of participants `user` may see, and their own."""
    from django.db.models import Q

    visible = visible_participants(user)
    if visible is None:
        return queryset
    return queryset.filter(Q(**{f"{field}__in": visible}) | Q(**{field: user}))
