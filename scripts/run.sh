#!/usr/bin/env bash
# `make run`: migrate, load the demo once, then serve the site and one django-q2 worker
# together. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT="${PORT:-8000}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-lms.settings.dev}"

$PY manage.py migrate --no-input
$PY manage.py seed_demo --if-empty

cat <<MSG

  Cluster Academy is running on http://127.0.0.1:${PORT}/
  Demo sign-ins (password for all: cluster-demo — local use only):
    participant  participant@demo.clusteracademy.org  or phone +94 77 123 4567
    trainer      trainer@demo.clusteracademy.org      (admin: http://127.0.0.1:${PORT}/admin/)
    officer      officer@demo.clusteracademy.org
    admin        admin@demo.clusteracademy.org
  Press Ctrl-C to stop the site and the worker.

MSG

$PY manage.py qcluster &
worker=$!
$PY manage.py runserver "127.0.0.1:${PORT}" &
web=$!

stop() {
    trap - INT TERM EXIT
    kill -TERM "$web" "$worker" 2>/dev/null || true
    wait "$web" "$worker" 2>/dev/null || true
    echo "Stopped the site and the worker."
}
trap stop INT TERM EXIT
# Whichever ends first (or Ctrl-C) stops the other.
wait -n "$web" "$worker" || true
