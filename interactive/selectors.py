"""Reads with more than a one-line query: which lessons embed an activity, a participant's
result, the results report."""

from __future__ import annotations

from django.db.models import Avg, Count, Q
from wagtail.fields import StreamField
from wagtail.models import Page

from interactive.models import H5PContent, H5PResult


def embedded_content_ids(page: Page) -> set[int]:
    """The ids of the H5P activities a page's StreamFields hold at their top level."""
    from interactive.blocks import H5PBlock

    page = page.specific
    ids: set[int] = set()
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        stream_block = field.stream_block
        for item in getattr(page, field.name).raw_data:
            block = stream_block.child_blocks.get(item.get("type"))
            if isinstance(block, H5PBlock):
                value = item.get("value") or {}
                if isinstance(value.get("content"), int):
                    ids.add(value["content"])
    return ids


def page_embeds(page: Page, content: H5PContent) -> bool:
    """Whether the page plays this activity, or another language version of it."""
    ids = embedded_content_ids(page)
    return (
        bool(ids)
        and H5PContent.objects.filter(
            pk__in=ids, translation_group=content.translation_group
        ).exists()
    )


def result_for(user, content: H5PContent) -> H5PResult | None:
    if user is None or not user.is_authenticated:
        return None
    return H5PResult.objects.filter(user=user, content=content).first()


def activities_with_results(users=None):
    """Every activity with how many people played, completed and passed it, and the mean
    of their best scores. `users` (ids) counts only those people, e.g. a trainer's cohorts."""
    mine = Q() if users is None else Q(results__user__in=users)
    return (
        H5PContent.objects.select_related("main_library")
        .annotate(
            players=Count("results", filter=mine),
            completions=Count("results", filter=mine & Q(results__completed=True)),
            passes=Count("results", filter=mine & Q(results__passed=True)),
            mean_scaled=Avg("results__scaled", filter=mine),
        )
        .order_by("title", "language")
    )


def results_for_export(content: H5PContent, users=None):
    results = H5PResult.objects.filter(content=content)
    if users is not None:
        results = results.filter(user__in=users)
    return results.select_related("user").order_by("user__full_name", "user__pk")
