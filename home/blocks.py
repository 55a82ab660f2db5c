"""StreamField blocks shared by every page type of the site."""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def youtube_video_id(url):
    """Return the 11-character video id of a YouTube URL, or None."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    candidate = None
    if host == "youtu.be":
        candidate = parsed.path.lstrip("/").split("/")[0]
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            candidate = parse_qs(parsed.query).get("v", [None])[0]
        else:
            parts = parsed.path.strip("/").split("/")
            if len(parts) >= 2 and parts[0] in {"embed", "shorts", "live"}:
                candidate = parts[1]
    if candidate and _YOUTUBE_ID.match(candidate):
        return candidate
    return None


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the outline of the page sound."""

    text = blocks.CharBlock(max_length=200, label=_("Text"), help_text=_("The heading text."))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (level 2)")), ("h3", _("Subsection (level 3)"))],
        default="h2",
        label=_("Level"),
        help_text=_("Use level 3 only under a level 2 heading."),
        search_index=False,  # the label is not part of the page's text
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with the text a screen reader reads and an optional caption."""

    image = ImageChooserBlock(
        label=_("Image"),
        help_text=_("Choose an image from the library or upload a new one (JPEG, PNG, WebP, GIF or AVIF)."),
    )
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Image description"),
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(
        required=False, max_length=250, label=_("Caption"), help_text=_("Shown under the image.")
    )

    class Meta:
        icon = "image"
        template = "home/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it."""

    quote = blocks.TextBlock(label=_("Quote"), help_text=_("The quoted words, without quotation marks."))
    attribution = blocks.CharBlock(
        required=False, max_length=200, label=_("Who said it"), help_text=_("Who said or wrote it.")
    )

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    """A prominent button leading to a page of this site or to another address."""

    label = blocks.CharBlock(
        max_length=80,
        label=_("Button text"),
        help_text=_("The words on the button, e.g. 'Sign the appeal'."),
    )
    page = blocks.PageChooserBlock(required=False, label=_("Page"), help_text=_("A page of this site."))
    url = blocks.URLBlock(
        required=False, label=_("Address"), help_text=_("Or an address elsewhere, if no page is chosen.")
    )

    class Meta:
        icon = "link"
        template = "home/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an address."))}
            )
        return value


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document from the library, e.g. the signed PDF of a statement."""

    document = DocumentChooserBlock(
        label=_("Document"),
        help_text=_(
            "Choose a document from the library or upload a new one (PDF, Word, OpenDocument, Excel, CSV "
            "or text; at most 10 MB)."
        ),
    )
    label = blocks.CharBlock(
        required=False,
        max_length=150,
        label=_("Link text"),
        help_text=_("Link text; the document title if empty."),
    )

    class Meta:
        icon = "doc-full"
        template = "home/blocks/document_link.html"


class VideoBlock(blocks.StructBlock):
    """A YouTube video that loads nothing from YouTube until the visitor asks for it.

    The page shows a poster image and a link to the privacy-mode player
    (youtube-nocookie.com); no request leaves for a third party before the click.
    """

    url = blocks.URLBlock(label=_("YouTube address"), help_text=_("The YouTube address of the video."))
    title = blocks.CharBlock(
        max_length=200,
        label=_("Title"),
        help_text=_("What the video is about; shown on the placeholder."),
    )
    poster = ImageChooserBlock(
        required=False,
        label=_("Still image"),
        help_text=_("A still from the video, uploaded here (nothing is loaded from YouTube)."),
    )

    class Meta:
        icon = "media"
        template = "home/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if youtube_video_id(value.get("url", "")) is None:
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Enter the address of a YouTube video."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        video_id = youtube_video_id(value["url"])
        context["privacy_url"] = f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
        return context


class BodyBlock(blocks.StreamBlock):
    """The body of every content page."""

    heading = HeadingBlock(label=_("Heading"))
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="home/blocks/paragraph.html",
        label=_("Paragraph"),
        help_text=_("Text with bold, italic, lists and links to pages, addresses and documents."),
    )
    image = CaptionedImageBlock(label=_("Image"))
    quote = QuoteBlock(label=_("Quote"))
    call_to_action = CallToActionBlock(label=_("Button"))
    document = DocumentLinkBlock(label=_("Document"))
    video = VideoBlock(label=_("YouTube video"))
