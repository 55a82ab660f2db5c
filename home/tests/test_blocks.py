"""The StreamField blocks editors use, rendered as visitors get them."""

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks import StreamBlockValidationError

from home.blocks import BodyBlock, youtube_video_id


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ],
)
def test_youtube_addresses_in_their_usual_forms_give_the_video_id(url):
    assert youtube_video_id(url) == "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/123",
        "https://www.youtube.com/watch?v=short",
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)",
        "",
    ],
)
def test_other_addresses_are_not_taken_for_youtube_videos(url):
    assert youtube_video_id(url) is None


def render(stream_data):
    block = BodyBlock()
    value = block.to_python(stream_data)
    return BeautifulSoup(block.render(value), "html.parser")


def test_video_loads_nothing_from_youtube_until_clicked_and_uses_privacy_mode():
    html = render(
        [{"type": "video", "value": {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "HHD", "poster": None}}]
    )
    assert not html.find("iframe")
    assert not html.find("img")
    link = html.find("a", attrs={"data-video-src": True})
    assert link["href"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert link["data-video-src"] == link["href"]


def test_a_video_block_refuses_an_address_that_is_not_youtube():
    block = BodyBlock()
    value = block.to_python(
        [{"type": "video", "value": {"url": "https://vimeo.com/1", "title": "x", "poster": None}}]
    )
    with pytest.raises(StreamBlockValidationError):
        block.clean(value)


def test_a_call_to_action_needs_a_page_or_an_address():
    block = BodyBlock()
    value = block.to_python([{"type": "call_to_action", "value": {"label": "Go", "page": None, "url": ""}}])
    with pytest.raises(StreamBlockValidationError):
        block.clean(value)


def test_text_blocks_escape_what_editors_type():
    html = render(
        [
            {"type": "heading", "value": {"text": "<script>x()</script>", "level": "h2"}},
            {"type": "quote", "value": {"quote": "<b>bold</b>", "attribution": "<i>me</i>"}},
        ]
    )
    assert not html.find("script")
    assert not html.find("b")
    assert html.h2.get_text() == "<script>x()</script>"
