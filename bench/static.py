"""`python -m bench.static`: exit 0 when `collectstatic` would change nothing (every file
the finders see is in the manifest and none is newer than it), 1 otherwise. Collecting and
compressing the site's ~900 static files takes most of a minute on two cores; the
benchmark skips it when the collected files are already current."""

import json
import os
import sys


def current() -> bool:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    known = set(json.loads(manifest.read_text()).get("paths", {}))
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            prefix = getattr(storage, "prefix", None) or ""
            name = f"{prefix}/{path}" if prefix else path
            if name.replace(os.sep, "/") not in known:
                return False
            if os.stat(storage.path(path)).st_mtime > collected:
                return False
    return True


if __name__ == "__main__":
    sys.exit(0 if current() else 1)
