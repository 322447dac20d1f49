"""The test suite: fast hashing, local memory, the same database choice as base."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405
_private = str(BASE_DIR / "test-artifacts" / "private")  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = _private  # noqa: F405
# Live-server tests get static files from WhiteNoise, with production's headers.
WHITENOISE_USE_FINDERS = True
