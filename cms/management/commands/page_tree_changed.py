"""`python manage.py page_tree_changed`: tell every worker process to forget what it keeps
of the page tree (`cms.tree_cache`), after pages were changed behind the ORM's back (raw
SQL, `manage.py fixtree`). Saving pages in the admin or in code needs nothing of this."""

from django.core.management.base import BaseCommand

from cms import tree_cache


class Command(BaseCommand):
    help = "Give the page tree a new token: every process reads pages afresh."

    def handle(self, *args, **options):
        tree_cache.page_tree_changed()
        self.stdout.write(f"The page tree's token is now {tree_cache.current_token()}.")
