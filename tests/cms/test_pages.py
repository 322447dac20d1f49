import pytest
from django.utils import translation
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, StandardPage
from courses.models import CourseIndexPage


def _about(home, **kwargs):
    page = StandardPage(
        title="About the programme", slug="about", show_in_menus=True, **kwargs
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


class PageTreeTests(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get()

    def test_site_root_is_our_home_page(self):
        assert Site.objects.get(is_default_site=True).root_page.specific == self.home
        assert not Page.objects.filter(depth=2).exclude(pk=self.home.pk).exists()

    def test_allowed_page_types(self):
        self.assertAllowedSubpageTypes(HomePage, {StandardPage, CourseIndexPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_pages_render(self):
        about = _about(
            self.home,
            introduction="Why clusters train together.",
            body=[
                ("heading", {"text": "How a programme runs", "size": "h2"}),
                ("paragraph", "<p>Workshops and <b>exposure visits</b>.</p>"),
                ("callout", {"kind": "warning", "title": "", "text": "<p>Careful</p>"}),
            ],
        )
        self.assertPageIsRenderable(self.home)
        self.assertPageIsRenderable(about)
        response = self.client.get("/en/about/")
        page = response.content.decode()
        assert "<h2>How a programme runs</h2>" in page
        assert "<b>exposure visits</b>" in page
        assert "callout--warning" in page
        assert 'aria-current="page"' in page  # the menu marks where you are

    def test_every_locale_exists(self):
        from django.conf import settings

        codes = set(Locale.objects.values_list("language_code", flat=True))
        assert codes == {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}


@pytest.mark.django_db
def test_untranslated_page_falls_back_with_a_notice_in_the_readers_language(client):
    home = HomePage.objects.get()
    _about(home)
    response = client.get("/si/about/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="si"' in page
    assert "About the programme" in page
    with translation.override("si"):
        notice = translation.gettext(
            "This page is not yet available in your language. It is shown in the "
            "original language."
        )
    assert notice in page


@pytest.mark.django_db
def test_translated_page_is_served_in_its_language_without_notice(client):
    home = HomePage.objects.get()
    about = _about(home)
    km = Locale.objects.get(language_code="km")
    km_home = home.copy_for_translation(km)
    km_home.save_revision().publish()
    km_about = about.copy_for_translation(km)
    km_about.title = "អំពីកម្មវិធី"
    km_about.save_revision().publish()
    response = client.get("/km/about/")
    page = response.content.decode()
    assert "អំពីកម្មវិធី" in page
    assert "not yet available" not in page
    # The switcher sends a reader of the Khmer page to the English one and back.
    back = client.post("/language/", {"language": "en", "next": "/km/about/"})
    assert back["Location"] == "/en/about/"
    there = client.post("/language/", {"language": "km", "next": "/en/about/"})
    assert there["Location"] == "/km/about/"


@pytest.mark.django_db
def test_unpublished_page_is_404(client):
    home = HomePage.objects.get()
    about = _about(home)
    about.unpublish()
    assert client.get("/en/about/").status_code == 404
    assert client.get("/si/about/").status_code == 404


@pytest.mark.django_db
def test_home_page_light_and_accessible(client):
    response = client.get("/en/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<main id="main"' in page
    assert 'href="#main"' in page  # skip link
    assert '<nav class="site-nav" aria-label=' in page
    assert (
        "<script" in page and page.count("<script") == 1
    )  # one small enhancement file
    assert len(response.content) < 20_000


@pytest.mark.django_db
def test_translators_translate_text_but_not_the_slug():
    from wagtail_localize.models import TranslationSource

    home = HomePage.objects.get()
    about = _about(home, introduction="Training for clusters.")
    source, _created = TranslationSource.get_or_create_from_instance(about)
    segments = set(source.stringsegment_set.values_list("string__data", flat=True))
    assert "About the programme" in segments
    assert "Training for clusters." in segments
    assert "about" not in segments
