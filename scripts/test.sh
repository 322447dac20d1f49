#!/usr/bin/env bash
# `make test`: the whole suite on SQLite, then again on PostgreSQL when a server is reachable
# (DATABASE_URL given, or one on 127.0.0.1:5432). Fails if either run fails.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
status=0

echo "== Test suite on SQLite"
env -u DATABASE_URL $PY -m pytest "$@" || status=1

pg_url="${DATABASE_URL:-}"
if [ -z "$pg_url" ] && $PY - <<'PYCHECK' 2>/dev/null
import socket
socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
PYCHECK
then
    pg_url="postgres://postgres@127.0.0.1:5432/cluster_academy"
fi
if [ -n "$pg_url" ]; then
    echo "== Test suite on PostgreSQL (${pg_url%%@*}@…)"
    DATABASE_URL="$pg_url" $PY -m pytest "$@" || status=1
else
    echo "== PostgreSQL: no server reachable (no DATABASE_URL, nothing on 127.0.0.1:5432); skipped"
fi
exit $status
