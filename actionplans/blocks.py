"""The sections a plan template is built from.

A section's block id is its identity: answers are stored under it, reviewers comment on it,
and wagtail-localize keeps it when the template is translated, so the Sinhala and English
versions of a template describe the same plan.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class _SectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    help = blocks.TextBlock(
        label=_("Guidance"),
        required=False,
        help_text=_("What to write here, shown under the title."),
    )
    required = blocks.BooleanBlock(
        label=_("Must be filled in before submitting"), required=False, default=True
    )


class TextSectionBlock(_SectionBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Text")
        help_text = _("A free answer, e.g. business profile or goals.")


class SwotSectionBlock(_SectionBlock):
    class Meta:
        icon = "table"
        label = _("SWOT")
        help_text = _("Strengths, weaknesses, opportunities and threats.")


class ActionItemsSectionBlock(_SectionBlock):
    min_items = blocks.IntegerBlock(
        label=_("At least this many actions"), min_value=0, max_value=20, default=1
    )

    class Meta:
        icon = "list-ul"
        label = _("Action items")
        help_text = _(
            "Activity, person responsible, start, due, resources or cost, indicator, "
            "target."
        )


class PlanSectionsBlock(blocks.StreamBlock):
    text = TextSectionBlock()
    swot = SwotSectionBlock()
    action_items = ActionItemsSectionBlock()

    class Meta:
        min_num = 1
