from django import template

from cms.blocks import embed_player_url as _embed_player_url

register = template.Library()


@register.filter
def embed_player_url(url: str) -> str:
    return _embed_player_url(url) or ""
