"""Snapshots of whole-programme dashboards (`reports.models.Snapshot`).

A programme officer's view of their whole programme (no cohort or date filter) is the same
for every officer of it: once computed it is kept, per breakdown, youth age, language and
day, until the programme's facts change (`ProgrammeStamp`, moved by every refresh). The
scheduled refreshes compute the usual views straight away (`warm`), so the first officer of
the morning does not wait either. Views of part of a programme are computed live."""

from __future__ import annotations

import pickle

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation

from reports.models import ProgrammeStamp, Snapshot

PARTS = ("_participants", "_follow_up", "by_month", "_outcomes", "visits")
WARM_BREAKDOWNS = ("", "gender", "age")


def key_for(dashboard) -> str:
    filters = dashboard.filters
    return "|".join(
        [
            filters.by,
            str(filters.youth),
            translation.get_language() or "",
            dashboard.today.isoformat(),
        ]
    )


def load(dashboard) -> bool:
    """Fill the dashboard from a fresh snapshot; False if there is none."""
    stamp = ProgrammeStamp.objects.filter(programme_id=OuterRef("programme_id"))
    data = (
        Snapshot.objects.filter(
            programme_id=dashboard.filters.programme_id, key=key_for(dashboard)
        )
        .exclude(created_at__lt=Subquery(stamp.values("changed_at")))
        .values_list("data", flat=True)
        .first()
    )
    if data is None:
        return False
    dashboard.__dict__.update(pickle.loads(bytes(data)))  # noqa: S301 - our own rows
    return True


def store(dashboard) -> None:
    data = pickle.dumps({part: getattr(dashboard, part) for part in PARTS})
    try:
        with transaction.atomic():
            Snapshot.objects.update_or_create(
                programme_id=dashboard.filters.programme_id,
                key=key_for(dashboard),
                defaults={"data": data, "created_at": timezone.now()},
            )
    except IntegrityError:  # another request stored it at the same moment
        pass


def changed(programme_ids) -> None:
    """The facts of these programmes changed: their snapshots are stale from now on."""
    now = timezone.now()
    for programme_id in programme_ids:
        ProgrammeStamp.objects.update_or_create(
            programme_id=programme_id, defaults={"changed_at": now}
        )


def warm(programme_ids) -> int:
    """Compute the usual views of these programmes (totals, by gender, by age group) in
    the languages of their officers, so they are ready before anyone asks."""
    from cohorts.models import Programme
    from reports import dashboard, selectors

    made = 0
    for programme in Programme.objects.filter(pk__in=programme_ids).prefetch_related(
        "officers"
    ):
        officers = list(programme.officers.all())
        if not officers:
            continue
        languages = {o.preferred_language for o in officers if o.preferred_language}
        for language in sorted(languages or {translation.get_language() or "en"}):
            with translation.override(language):
                for by in WARM_BREAKDOWNS:
                    view = dashboard.build(
                        officers[0], selectors.Filters(programme_id=programme.pk, by=by)
                    )
                    view.participants  # noqa: B018 - computes and stores the snapshot
                    made += 1
    return made
