import pytest
from django.core.cache import cache
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _default_language():
    """Requests activate their language in this thread; start every test in English."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The sign-in throttle lives in the cache; no test may inherit another's failures."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_tree_cache():
    """Nor what a process keeps of the page tree (`cms.tree_cache`): a test's rolled-back
    pages are not another's."""
    from cms import tree_cache

    tree_cache.forget_all()
    yield
    tree_cache.forget_all()


@pytest.fixture
def participant(db):
    return factories.make_participant()


@pytest.fixture
def trainer(db):
    return factories.make_trainer()


@pytest.fixture
def officer(db):
    return factories.make_officer()


@pytest.fixture
def administrator(db):
    return factories.make_administrator()


@pytest.fixture
def password():
    return factories.PASSWORD


from tests.cohort_fixtures import cohort_set  # noqa: E402, F401  (shared fixtures)
from tests.course_fixtures import course_tree, khmer_tree  # noqa: E402, F401  (shared fixtures)
from tests.h5p_fixtures import h5p_activity, h5p_lesson, h5p_storage  # noqa: E402, F401  (shared fixtures)
from tests.offline_fixtures import offline_world  # noqa: E402, F401
from tests.plan_fixtures import plan_set  # noqa: E402, F401
from tests.quiz_fixtures import quiz_set  # noqa: E402, F401  (shared fixtures)


@pytest.fixture
def migrated_data(transactional_db):
    """A test that commits (browser tests, races between threads) has the database
    flushed after it, taking with it what the migrations created: Wagtail's root page and
    collection, the locales, our home page and site, the role groups, and the standard
    indicators and plan template. Put them back for the next test. (Django's serialized
    rollback did not restore them reliably once plain tests had run first.)"""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    from cms.models import HomePage
    from people.roles import sync_roles

    if HomePage.objects.exists():
        return
    from django.apps import apps

    from actionplans.default_template import translate_default
    from actionplans.standard import create_standard_set

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    english = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.objects.filter(depth=1).first() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=english)
    )
    home = root.add_child(
        instance=HomePage(title="Cluster Academy", slug="home", locale=english)
    )
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True
    )
    sync_roles()
    create_standard_set(apps)
    translate_default()
