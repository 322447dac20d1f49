import pytest
from django.core.exceptions import ValidationError

from cms.blocks import SafeEmbedURLBlock, embed_player_url


@pytest.mark.parametrize(
    ("url", "player"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
    ],
)
def test_known_video_links_get_a_player(url, player):
    assert SafeEmbedURLBlock().clean(url) == url
    assert embed_player_url(url) == player


@pytest.mark.parametrize(
    "url",
    [
        "http://www.youtube.com/watch?v=dQw4w9WgXcQ",  # not https
        "https://evil.example/watch?v=1",
        "https://www.youtube.com.evil.example/watch?v=1",
        "https://user:pw@www.youtube.com/watch?v=1",
        "javascript:alert(1)",
    ],
)
def test_unsafe_embed_links_are_refused_with_a_message(url):
    with pytest.raises(ValidationError) as error:
        SafeEmbedURLBlock().clean(url)
    assert "YouTube or Vimeo" in str(error.value) or "valid URL" in str(error.value)
