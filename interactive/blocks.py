"""The H5P block for lessons: plays an activity in a sandboxed frame, in the reader's language
when the activity has a version in it. Passing it completes the lesson when that is the
lesson's rule (`cms.signals.activity_passed`)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class H5PBlock(blocks.StructBlock):
    content = SnippetChooserBlock("interactive.H5PContent", label=_("H5P activity"))

    def get_context(self, value, parent_context=None):
        from interactive import selectors

        context = super().get_context(value, parent_context=parent_context)
        content = value["content"]
        if content is None:
            return context
        page = (parent_context or {}).get("page")
        request = (parent_context or {}).get("request")
        content = content.in_language(
            translation.get_language(),
            getattr(getattr(page, "locale", None), "language_code", None),
        )
        user = getattr(request, "user", None)
        context.update(
            content=content,
            result=selectors.result_for(user, content),
        )
        return context

    class Meta:
        icon = "code"
        label = _("H5P activity")
        template = "interactive/blocks/h5p_block.html"
