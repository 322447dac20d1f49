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
from tests.plan_fixtures import plan_set  # noqa: E402, F401
from tests.quiz_fixtures import quiz_set  # noqa: E402, F401  (shared fixtures)
