"""What phones send after working offline: each queued item once, and when each phone last
synced. The queue itself lives on the phone (the service worker's IndexedDB)."""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from lms.storage import private_storage


class SyncItem(models.Model):
    """One piece of work done on a phone without a connection (a lesson marked done, a
    quiz's answers, a follow-up report), received once: `key` is the phone's idempotency
    key, so a resend finds this row and changes nothing. `fields` keeps what was sent, so a
    conflict or a refusal loses nothing."""

    class Kind(models.TextChoices):
        LESSON_READ = "lesson_read", _("Lesson read")
        LESSON_DONE = "lesson_done", _("Lesson marked as done")
        QUIZ = "quiz", _("Quiz answers")
        PLAN = "plan", _("Action plan")
        REPORT = "report", _("Follow-up report")

    class State(models.TextChoices):
        APPLIED = "applied", _("Recorded")
        ATTENTION = "attention", _("Needs your attention")
        RESOLVED = "resolved", _("Resolved")
        REFUSED = "refused", _("Not recorded")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sync_items",
        verbose_name=_("participant"),
    )
    key = models.UUIDField(_("idempotency key"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    target = models.CharField(_("target"), max_length=64)
    label = models.CharField(_("label"), max_length=200, blank=True)
    fields = models.JSONField(_("fields sent"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    message = models.TextField(_("message"), blank=True)
    url = models.CharField(_("address"), max_length=300, blank=True)
    # Needing attention because the plan or report changed elsewhere (not because of a
    # missing answer): the form then shows the other version above the phone's.
    conflict = models.BooleanField(_("changed elsewhere"), default=False)
    done_at = models.DateTimeField(_("done on the phone at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("synced item")
        verbose_name_plural = _("synced items")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], name="offline_syncitem_once_per_key"
            )
        ]
        indexes = [models.Index(fields=["user", "-received_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key}"


def kept_file_path(instance, filename):
    return f"offline/{instance.item.user_id}/{uuid.uuid4().hex}/{filename}"


class KeptFile(models.Model):
    """A photo or document that came with an item but could not join its report (the
    report was sent meanwhile, perhaps recorded by an officer from a call). It passed the
    same checks as evidence and is kept, private, for the participant to download."""

    item = models.ForeignKey(
        SyncItem, on_delete=models.CASCADE, related_name="kept_files"
    )
    file = models.FileField(
        _("file"), upload_to=kept_file_path, storage=private_storage, max_length=300
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("kept file")
        verbose_name_plural = _("kept files")

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Device(models.Model):
    """A phone (one browser) that synced: officers see each participant's last sync."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="offline_devices",
        verbose_name=_("participant"),
    )
    device = models.UUIDField(_("device"), default=uuid.uuid4)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    first_seen_at = models.DateTimeField(_("first seen"), auto_now_add=True)
    last_sync_at = models.DateTimeField(_("last sync"))
    items_received = models.PositiveIntegerField(_("items received"), default=0)

    class Meta:
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "device"], name="offline_device_once_per_user"
            )
        ]
        indexes = [models.Index(fields=["user", "-last_sync_at"])]

    def __str__(self):
        return f"{self.user} · {self.device}"


@receiver(post_delete, sender=KeptFile)
def _remove_kept_file(sender, instance, **kwargs):
    """The file goes with its row (an item deleted with its person, say)."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
