"""Content blocks shared by every page type. Feature apps extend `BaseStreamBlock`."""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
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


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Item"), max_length=250), label=_("Items"), min_num=1
    )

    class Meta:
        icon = "tasks"
        template = "cms/blocks/checklist_block.html"
        label = _("Checklist")
        description = _(
            "Steps or checks a participant can tick off on paper or screen."
        )
        preview_value = {
            "title": "Before you start work",
            "items": ["Wash your hands", "Clean the table", "Check the thermometer"],
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("File"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=150,
        help_text=_("Leave empty to use the file's title."),
    )
    description = blocks.CharBlock(
        label=_("Description"), required=False, max_length=250
    )

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document_block.html"
        label = _("Document download")
        description = _("A handout or manual to download, with its size shown.")


class AudioBlock(blocks.StructBlock):
    audio = DocumentChooserBlock(
        label=_("Audio file"), help_text=_("An MP3, M4A, OGG or OPUS file.")
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=150)
    transcript = blocks.TextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        template = "cms/blocks/audio_block.html"
        label = _("Audio")
        description = _(
            "A recording for participants who read little. Add a transcript."
        )


class VideoBlock(blocks.StructBlock):
    video = DocumentChooserBlock(
        label=_("Video file"), help_text=_("An MP4 or WebM file.")
    )
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "cms/blocks/video_block.html"
        label = _("Video (uploaded)")
        description = _("A video file, loaded only when the participant presses play.")


class SafeEmbedURLBlock(blocks.URLBlock):
    """A video link from a known, safe provider, checked without any network call."""

    def clean(self, value):
        value = super().clean(value)
        if value and not embed_provider(value):
            raise ValidationError(
                _(
                    "Only https links to YouTube or Vimeo videos can be embedded. "
                    "Upload other videos as files."
                )
            )
        return value


class VideoEmbedBlock(blocks.StructBlock):
    url = SafeEmbedURLBlock(label=_("Video address"))
    title = blocks.CharBlock(label=_("Title"), max_length=150)

    class Meta:
        icon = "media"
        template = "cms/blocks/video_embed_block.html"
        label = _("Video (YouTube or Vimeo)")
        description = _(
            "A link to an online video. It loads only when the participant asks for it, "
            "because video costs data."
        )


_PROVIDERS = {
    "www.youtube.com": "youtube",
    "youtube.com": "youtube",
    "m.youtube.com": "youtube",
    "youtu.be": "youtube",
    "vimeo.com": "vimeo",
    "player.vimeo.com": "vimeo",
}


def embed_provider(url: str) -> str | None:
    """'youtube' or 'vimeo' for an https link to one of their videos, else None."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.username or parts.password or parts.port:
        return None
    return _PROVIDERS.get((parts.hostname or "").lower())


def embed_player_url(url: str) -> str | None:
    """The provider's player address for a video link (privacy-enhanced for YouTube)."""
    provider = embed_provider(url)
    parts = urlsplit(url)
    if provider == "youtube":
        if parts.hostname == "youtu.be":
            video = parts.path.strip("/")
        elif parts.path.startswith("/embed/"):
            video = parts.path.split("/")[2]
        else:
            video = parse_qs(parts.query).get("v", [""])[0]
        if video and re.fullmatch(r"[\w-]{6,20}", video):
            return f"https://www.youtube-nocookie.com/embed/{video}"
    if provider == "vimeo":
        video = parts.path.rstrip("/").rsplit("/", 1)[-1]
        if video.isdigit():
            return f"https://player.vimeo.com/video/{video}"
    return None


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
    checklist = ChecklistBlock()
    document = DocumentBlock()

    class Meta:
        label = _("Content")
