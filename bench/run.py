"""`make bench` (`.venv/bin/python -m bench [--quick]`): seed a database of its own, start
the site as production runs it, measure, stop everything it started, and write the
figures with their budgets (console, `bench/results/`, BENCHMARKS.md).

SQLite by default (a file in the system's temporary folder, never db.sqlite3);
`DATABASE_URL=postgres://…/cluster_bench` for PostgreSQL — that database is dropped and
made afresh, so its name must contain "bench"."""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import budgets, load, pages, report

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WORK = Path(tempfile.gettempdir()) / "cluster-academy-bench"
PYTHON = sys.executable
WORKERS = 3  # gunicorn sync workers, as README's production example

FULL = {
    "sizes": [10_000, 100_000],
    "repeat": 5,  # bench_reports: timed requests per page
    "seconds": 6,  # per load phase
    "floor_beside": True,  # the floor again (as long) before every phase
    "warm": 2,
    "levels": [1, 8, 32],
    "certificates": 500,
    "bare": 40,
}
QUICK = {
    "sizes": [300, 1_200],
    "repeat": 1,
    "seconds": 0.5,
    "floor_beside": False,  # the floor's own phase only
    "warm": 0.2,
    "levels": [1, 8, 32],
    "certificates": 12,
    "bare": 5,
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="small and short (< 3 min)"
    )
    options = parser.parse_args(argv)
    plan = QUICK if options.quick else FULL
    # `kill` (or make being stopped) ends the run through the same clean-up as Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    started = time.monotonic()
    bench = Bench(plan, quick=options.quick)
    try:
        results = bench.run()
    except KeyboardInterrupt:
        print("\nStopped; everything the benchmark started has been stopped.")
        return 130
    except StepFailed as error:
        print(f"\nThe benchmark failed: {error}", file=sys.stderr)
        return 1
    results["meta"]["seconds"] = time.monotonic() - started
    checks = budgets.evaluate(results)
    results["checks"] = [item.as_dict() for item in checks]
    print(report.console_table(checks))
    key = report.section_key(results)
    report.write_json(results, RESULTS / "latest.json")
    report.write_json(results, RESULTS / f"{key}.json")
    report.update_markdown(ROOT / "BENCHMARKS.md", key, report.markdown(results))
    print(
        f"\nWritten: bench/results/latest.json, bench/results/{key}.json, BENCHMARKS.md "
        f"({results['meta']['seconds']:.0f} s in all)."
    )
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


class StepFailed(Exception):
    pass


class Bench:
    def __init__(self, plan: dict, quick: bool):
        self.plan, self.quick = plan, quick
        self.started = time.monotonic()
        self.steps = {}
        self.database_url = os.environ.get("DATABASE_URL", "")
        self.vendor = (
            "postgresql" if self.database_url.startswith("postgres") else "sqlite"
        )
        self.port = _free_port()
        self.env = self._environment()
        self.logs = WORK / "logs"

    # -- the run ------------------------------------------------------------------------

    def run(self) -> dict:
        WORK.mkdir(exist_ok=True)
        self.logs.mkdir(exist_ok=True)
        for folder in ("media", "private"):
            _empty(WORK / folder)
        static = None
        if self._static_stale():  # collected in parallel with the seeding
            static = self._start(
                ["manage.py", "collectstatic", "--no-input", "-v0"], "collectstatic"
            )
        try:
            self._fresh_database()
            self._step("migrate", ["manage.py", "migrate", "--no-input", "-v0"])
            self._step("seed_demo", ["manage.py", "seed_demo", "--allow-production"])
            scale = self._scale()
            self._step("prepare", ["-m", "bench.prepare", str(WORK / "prepared.json")])
            prepared = json.loads((WORK / "prepared.json").read_text())
        finally:
            if static is not None:
                self._wait(static, "collectstatic")
        server = self._serve()
        try:
            self._say("page cost (Chromium, phone)")
            page_cost = pages.measure(
                self.base_url,
                prepared["pages"],
                prepared["participant"]["cookie"],
                log=print,
            )
            self._mark("page cost")
            self._say("latency and throughput")
            latency = load.measure(
                "127.0.0.1",
                self.port,
                [_scenario(spec) for spec in prepared["scenarios"]],
                self.plan["levels"],
                self.plan["seconds"],
                self.plan["warm"],
                floor_beside=self.plan["floor_beside"],
                log=print,
            )
            self._mark("latency")
        finally:
            self._stop(server)
        certificates = self._certificates()
        return {
            "meta": self._meta(prepared),
            "pages": page_cost,
            "load": {
                "concurrency": self.plan["levels"],
                "seconds": self.plan["seconds"],
                "workers": WORKERS,
                "scenarios": latency,
            },
            "scale": scale,
            "certificates": certificates,
        }

    def _static_stale(self) -> bool:
        """`collectstatic` is the production step; skipped (saying so) when the collected
        files are current, as it would change nothing."""
        check = subprocess.run(  # noqa: S603 - our own interpreter and module
            [PYTHON, "-m", "bench.static"], cwd=ROOT, env=self.env, check=False
        )
        self._say(
            "collectstatic (alongside the seeding)"
            if check.returncode
            else "static files already collected and current"
        )
        self.steps["static files current"] = check.returncode == 0
        return bool(check.returncode)

    def _scale(self) -> dict:
        runs = []
        for number, size in enumerate(self.plan["sizes"]):
            command = ["manage.py", "seed_scale", "--participants", str(size)]
            if number:
                command.append("--clear")
            self._step(f"seed_scale {size:,}", command)
            output = WORK / f"scale-{size}.json"
            self._step(
                f"bench_reports {size:,}",
                [
                    "manage.py",
                    "bench_reports",
                    "--repeat",
                    str(self.plan["repeat"]),
                    "--json",
                    str(output),
                ],
            )
            runs.append({"participants": size, **json.loads(output.read_text())})
        return {"sizes": self.plan["sizes"], "runs": runs}

    def _certificates(self) -> dict:
        output = WORK / "certificates.json"
        self._step(
            "bench_certificates",
            [
                "manage.py",
                "bench_certificates",
                "--participants",
                str(self.plan["certificates"]),
                "--bare",
                str(self.plan["bare"]),
                "--json",
                str(output),
            ],
        )
        return json.loads(output.read_text())

    # -- the environment and the database ---------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _environment(self) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("REDIS_URL", "EMAIL_URL", "DJANGO_SETTINGS_MODULE")
        }
        if self.vendor == "sqlite":
            self.database_url = f"sqlite:///{WORK / 'bench.sqlite3'}"
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "lms.settings.production",
                "DEBUG": "False",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SITE_URL": f"http://127.0.0.1:{self.port}",
                "DATABASE_URL": self.database_url,
                "MEDIA_ROOT": str(WORK / "media"),
                "PRIVATE_ROOT": str(WORK / "private"),
                "EMAIL_URL": "dummymail://",
                "BENCH_FLOOR": "True",
                # One address asks for every certificate here; the limit stays checked.
                "CERTIFICATE_VERIFY_RATE": "100000000",
                "LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    def _fresh_database(self) -> None:
        started = time.monotonic()
        if self.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{WORK / 'bench.sqlite3'}{suffix}").unlink(missing_ok=True)
        else:
            parts = urlsplit(self.database_url)
            name = parts.path.lstrip("/")
            if "bench" not in name:
                raise StepFailed(
                    f"DATABASE_URL names the database {name!r}; the benchmark drops and "
                    "recreates its database, so its name must contain 'bench' "
                    "(e.g. postgres://postgres@127.0.0.1:5432/cluster_bench)."
                )
            import psycopg
            from psycopg import sql

            admin = urlunsplit(parts._replace(path="/postgres"))
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(name)
                    )
                )
                connection.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
                )
        self.steps["fresh database"] = round(time.monotonic() - started, 1)

    # -- processes ---------------------------------------------------------------------

    def _start(self, args, name) -> subprocess.Popen:
        handle = open(self.logs / f"{name.replace(' ', '-')}.log", "w")  # noqa: SIM115
        return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [PYTHON, *args],
            cwd=ROOT,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def _wait(self, process, name) -> None:
        try:
            code = process.wait()
        except KeyboardInterrupt:
            _terminate(process)
            raise
        if code:
            log = (self.logs / f"{name.replace(' ', '-')}.log").read_text()
            raise StepFailed(f"{name} exited with {code}:\n{log[-3000:]}")

    def _step(self, name, args) -> None:
        self._say(name)
        started = time.monotonic()
        process = self._start(args, name)
        try:
            self._wait(process, name)
        finally:
            _terminate(process)
        self.steps[name] = round(time.monotonic() - started, 1)

    def _serve(self) -> subprocess.Popen:
        self._say(f"gunicorn ({WORKERS} workers) on {self.base_url}")
        gunicorn = Path(PYTHON).parent / "gunicorn"
        args = [
            str(gunicorn),
            "lms.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
            "--error-logfile",
            str(self.logs / "gunicorn.log"),
        ]
        server = subprocess.Popen(  # noqa: S603 - the project's own gunicorn
            args, cwd=ROOT, env=self.env, start_new_session=True
        )
        deadline = time.monotonic() + 60
        request = urllib.request.Request(  # noqa: S310 - loopback, our own server
            f"{self.base_url}/healthz/", headers={"X-Forwarded-Proto": "https"}
        )
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise StepFailed("gunicorn stopped at start (see its log)")
            try:
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return server
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        _terminate(server)
        raise StepFailed("gunicorn did not answer /healthz/ within 60 s")

    def _stop(self, server) -> None:
        _terminate(server)
        self._say("gunicorn stopped")

    # -- telling what happens -----------------------------------------------------------

    def _say(self, message: str) -> None:
        print(f"[{time.monotonic() - self.started:6.1f} s] {message}", flush=True)

    def _mark(self, name: str) -> None:
        self.steps[name] = round(time.monotonic() - self.started, 1)

    def _meta(self, prepared) -> dict:
        return {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": _git("rev-parse", "--short", "HEAD"),
            "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
            "machine": _machine(),
            "database": self.vendor,
            "database_version": self._database_version(),
            "quick": self.quick,
            "scale_sizes": self.plan["sizes"],
            "gunicorn": metadata.version("gunicorn"),
            "load_client": "bench/load.py (asyncio, HTTP/1.0, same machine)",
            "participant": prepared["participant"]["name"],
            "participant_language": prepared["participant"]["language"],
            "steps_seconds": self.steps,
            "note": "2-core machine: anything else running at the time skews absolute figures.",
        }

    def _database_version(self) -> str:
        if self.vendor == "sqlite":
            return f"SQLite {sqlite3.sqlite_version}"
        import psycopg

        with psycopg.connect(self.database_url) as connection:
            version = connection.execute("SHOW server_version").fetchone()[0]
        return f"PostgreSQL {version}"


def _scenario(spec: dict) -> load.Scenario:
    return load.Scenario(
        name=spec["name"],
        label=spec["label"],
        kind=spec["kind"],
        targets=[load.Target(t["url"], t.get("cookie")) for t in spec["targets"]],
        button=spec.get("button", ""),
        expect=tuple(spec.get("expect", [200])),
    )


def _terminate(process: subprocess.Popen) -> None:
    """Stop a process we started, and whatever it started (its own session)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _empty(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)


def _git(*args) -> str:
    try:
        return subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = next(
            line
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        gigabytes = int(memory.split()[1]) / 1024 / 1024
    except (OSError, StopIteration, ValueError):
        gigabytes = 0
    return (
        f"{model or platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"{gigabytes:.0f} GB RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )
