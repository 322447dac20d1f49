"""Content blocks shared by every page type. Feature apps extend `BaseStreamBlock`."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    size = blocks.ChoiceBlock(
        label=_("Size"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading_block.html"
        label = _("Heading")
        description = _("A heading that starts a section of the page.")
        preview_value = {"text": "Why food safety matters", "size": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the picture for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "cms/blocks/image_block.html"
        label = _("Image")
        description = _("A picture with a caption, sized for phones.")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("tip", _("Tip")),
            ("warning", _("Warning")),
            ("key_term", _("Key term")),
        ],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "help"
        template = "cms/blocks/callout_block.html"
        label = _("Callout")
        description = _("A tip, a warning or a key term, set apart from the text.")
        preview_value = {
            "kind": "tip",
            "title": "Tip",
            "text": "<p>Wash your hands before handling mushrooms.</p>",
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="cms/blocks/paragraph_block.html",
        description=_("Paragraphs, lists and links."),
    )
    image = ImageBlock()
    callout = CalloutBlock()

    class Meta:
        label = _("Content")
