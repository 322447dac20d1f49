from django import template
from django.utils.html import format_html
from wagtail.images import get_image_model

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ answers|get_item:key }}`: a dict lookup with a variable key."""
    if isinstance(mapping, dict):
        return mapping.get(key)
    return None


@register.simple_tag
def question_image(image_id):
    """A question's image at phone width, or nothing if it has been deleted."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return ""
    rendition = image.get_rendition("max-800x600|format-webp")
    return format_html(
        '<img class="quiz-question__image" src="{}" width="{}" height="{}" alt="{}" '
        'loading="lazy">',
        rendition.url,
        rendition.width,
        rendition.height,
        image.default_alt_text,
    )
