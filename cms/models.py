"""The public site: the home page and plain pages. Course pages live in `courses`."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from cms.blocks import BaseStreamBlock


class _KeepSourceSlug:
    """`translatable_fields` for our pages: wagtail-localize's defaults, except that the slug
    is synchronised from the source page instead of translated (docs/decisions/0002), so
    /si/about/ and /en/about/ are one page in two languages. Computed on first use, when
    the app registry is ready, and separately for every page class."""

    _cache: dict[type, list] = {}
    _computing: set[type] = set()

    def __get__(self, instance, owner):
        if owner in self._computing:
            raise AttributeError  # let wagtail-localize derive its defaults for `owner`
        if owner not in self._cache:
            self._computing.add(owner)
            try:
                defaults = get_translatable_fields(owner)
            finally:
                self._computing.discard(owner)
            self._cache[owner] = [
                SynchronizedField("slug") if field.field_name == "slug" else field
                for field in defaults
            ]
        return self._cache[owner]


class BasePage(Page):
    """What every page type of ours shares. Feature apps' pages inherit it too."""

    translatable_fields = _KeepSourceSlug()

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's, without its two queries on every view when neither this page nor
        any above it is restricted (kept until a page or restriction changes); where one
        is, the restrictions are read fresh."""
        from cms import tree_cache

        ids, restricted = tree_cache.kept(
            ("restricted", self.pk, self.path), self._restriction_scope
        )
        if not restricted:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=ids)

    def _restriction_scope(self):
        """The pages whose restrictions apply here (as Wagtail finds them: this page and
        its ancestors, an alias by its source), and whether any has one."""
        ids = set()

        def add(page):
            if page.alias_of_id:
                add(page.alias_of)
            else:
                ids.add(page.id)

        add(self)
        for page in self.get_ancestors().only("alias_of"):
            add(page)
        return (
            frozenset(ids),
            PageViewRestriction.objects.filter(page_id__in=ids).exists(),
        )

    def route(self, request, path_components):
        # Wagtail checks only the last page of an address; an unpublished module must hide
        # its lessons too.
        if path_components and not self.live:
            raise Http404
        return super().route(request, path_components)


class HomePage(BasePage):
    """The front door of a site: what the programme offers and where to start."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the title."),
    )
    call_to_action = models.CharField(
        _("button text"),
        max_length=60,
        blank=True,
        help_text=_("For example: Start learning"),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("call_to_action"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.StandardPage", "courses.CourseIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(BasePage):
    """A page of text: about the programme, contact, privacy, help."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class PageTreeVersion(models.Model):
    """One row that changes whenever a page, a site or a locale does: what each worker
    process keeps of the page tree (`cms.tree_cache`) is good only while it stands.

    A fresh random token, not a counter: a change rolled back must never be mistaken for
    the next one."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("page tree version")
        verbose_name_plural = _("page tree versions")

    def __str__(self):
        return self.token
