"""Server time and SQL queries of the biggest programme's dashboard, on whatever data the
database holds (seed it with `seed_scale` first).

Each page is requested in-process through Django's test client (no network), as the
programme's officer, `--repeat` times after one warm-up: "computed" with no snapshot (every
figure aggregated from the facts, as a view nobody prepared), "kept" from the programme's
snapshot (the usual views after a scheduled refresh, and every later view). Medians in
milliseconds with the query count, which must not grow with the data. Writes only the facts
(with `--rebuild`) and snapshots."""

from __future__ import annotations

import json
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import facts
from reports.models import ParticipantFact, Snapshot

BUDGET_MS = 300


class Command(BaseCommand):
    help = "Time the programme dashboard, its tables and the API on the current data."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument(
            "--rebuild", action="store_true", help="rebuild facts first"
        )
        parser.add_argument("--json", dest="output", help="also write the figures here")

    def handle(self, *args, repeat, rebuild, output=None, **options):
        from people.models import User

        if rebuild:
            started = time.perf_counter()
            count = facts.rebuild()
            self.stdout.write(
                f"facts rebuilt: {count} enrolments in {time.perf_counter() - started:.1f} s"
            )
        biggest = (
            ParticipantFact.objects.values("programme_id")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        if biggest is None:
            self.stderr.write("No facts: run seed_scale (or --rebuild) first.")
            return
        programme = biggest["programme_id"]
        people = ParticipantFact.objects.filter(programme_id=programme).aggregate(
            n=Count("user_id", distinct=True)
        )["n"]
        # The programme's officer, as in real use (their scope is checked on every query);
        # an administrator only if the programme has no officer.
        from cohorts.models import Programme

        viewer = Programme.objects.get(pk=programme).officers.first()
        viewer = (
            viewer or User.objects.filter(is_superuser=True, is_active=True).first()
        )
        if viewer is None:
            raise CommandError(
                "The biggest programme has no officer, and no administrator."
            )
        client = Client(SERVER_NAME=(settings.ALLOWED_HOSTS or ["localhost"])[0])
        client.force_login(viewer)
        page = reverse("reports:programme", args=[programme])
        table = reverse("reports:programme_table", args=[programme, "reach"])
        cases = [
            ("dashboard", page, {}),
            ("dashboard by gender", page, {"by": "gender"}),
            ("dashboard by age", page, {"by": "age"}),
            ("dashboard by cluster", page, {"by": "cluster"}),
            ("dashboard by district", page, {"by": "district"}),
            ("reach table (XLSX) by gender", table, {"by": "gender", "format": "xlsx"}),
            (
                "participants (drill-down, page 1)",
                reverse("reports:programme_participants", args=[programme]),
                {"measure": "completed"},
            ),
            (
                "API summary by gender",
                "/api/v1/reports/summary/",
                {"programme": programme, "by": "gender"},
            ),
        ]
        enrolments = ParticipantFact.objects.count()
        self.stdout.write(
            f"{connection.vendor}: {enrolments} enrolments in all; the biggest programme "
            f"has {biggest['n']} enrolments of {people} people; seen as {viewer}"
        )
        self.stdout.write(
            f"{'page':36} {'computed ms':>12} {'queries':>8} {'kept ms':>8} {'queries':>8}"
        )
        results = []

        def timed(url, params, fresh):
            times, queries = [], 0
            for _ in range(repeat):
                if fresh:
                    Snapshot.objects.all().delete()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url, params, secure=True)
                    times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
                queries = len(captured)
            return statistics.median(times), max(times), queries

        for name, url, params in cases:
            client.get(url, params, secure=True)  # warm-up
            computed = timed(url, params, fresh=True)
            kept = timed(url, params, fresh=False)
            cold = "PASS" if computed[0] <= BUDGET_MS else "FAIL"
            verdict = "PASS" if kept[0] <= BUDGET_MS else "FAIL"
            self.stdout.write(
                f"{name:36} {computed[0]:7.0f} {cold} {computed[2]:8d} "
                f"{kept[0]:8.0f} {kept[2]:8d}  {verdict}"
            )
            results.append(
                {
                    "page": name,
                    "computed_median_ms": round(computed[0], 1),
                    "computed_queries": computed[2],
                    "kept_median_ms": round(kept[0], 1),
                    "kept_worst_ms": round(kept[1], 1),
                    "kept_queries": kept[2],
                }
            )
        if output:
            with open(output, "w") as handle:
                handle.write(
                    json.dumps(
                        {
                            "database": connection.vendor,
                            "enrolments": enrolments,
                            "programme_enrolments": biggest["n"],
                            "programme_people": people,
                            "results": results,
                        },
                        indent=2,
                    )
                )
