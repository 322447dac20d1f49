"""An export's file goes with its row, however the row goes (also when its owner's account
is deleted, which removes the rows without calling their `delete`)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from reports.models import ExportJob


@receiver(post_delete, sender=ExportJob)
def remove_file(sender, instance, **kwargs):
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))
