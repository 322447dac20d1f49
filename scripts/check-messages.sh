#!/usr/bin/env bash
# Fails when `make messages` would change the entries of a .po file: a string in the code
# that is missing from the catalogues, or a catalogue entry the code no longer uses.
# Works on a copy of the tree, so the real catalogues are never touched.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
tar --exclude=./.venv --exclude=./node_modules --exclude=./staticfiles --exclude=./media \
    --exclude=./test-artifacts --exclude=./.git --exclude='*.sqlite3*' -cf - . | tar -xf - -C "$tmp"
(cd "$tmp" && DJANGO_SETTINGS_MODULE=lms.settings.test "$root/.venv/bin/python" manage.py \
    makemessages --all --no-obsolete --ignore=tests -v0)
entries() { msgattrib --no-location --no-wrap "$1" | grep -E '^msg(id|id_plural|ctxt) ' || true; }
status=0
for po in locale/*/LC_MESSAGES/django.po; do
    if ! diff -q <(entries "$po") <(entries "$tmp/$po") >/dev/null; then
        echo "$po is out of date: run 'make messages' and translate the new strings." >&2
        status=1
    fi
done
exit $status
