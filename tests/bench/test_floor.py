from django.test import RequestFactory

from lms.bench import floor


def test_the_floor_page_is_one_query_and_about_2_kb(db, django_assert_num_queries):
    request = RequestFactory().get("/bench/floor/", {"id": "1"})
    with django_assert_num_queries(1):
        response = floor(request)
    assert response.status_code == 200
    assert 1800 <= len(response.content) <= 2400
    assert b"Root" in response.content  # Wagtail's root page, by its primary key


def test_the_floor_page_takes_any_id(db, django_assert_num_queries):
    request = RequestFactory().get("/bench/floor/", {"id": "not-a-number"})
    with django_assert_num_queries(1):
        assert floor(request).status_code == 200
