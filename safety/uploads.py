"""Uploads that cannot betray anyone: images lose their metadata, markup is refused.

A photo from a phone carries where and when it was taken and with which device (EXIF, GPS,
XMP); a photo of a protest or a prisoner's family must not publish that. Every uploaded
image is decoded and written again with only its pixels, colour profile and animation
timing, before Wagtail stores it: the stored original has no metadata either, not just the
renditions. Re-encoding also drops anything hidden after the image data (polyglot files).

SVG and HTML can carry scripts that would run in the site's origin: they are refused for
images and documents alike, whatever the file's name says. Documents are served as
downloads (settings ``WAGTAILDOCS_INLINE_CONTENT_TYPES = []``; Wagtail adds ``nosniff``
and ``Content-Security-Policy: default-src 'none'``).

Wired in through Wagtail's form settings (``WAGTAILIMAGES_IMAGE_FORM_BASE``,
``WAGTAILDOCS_DOCUMENT_FORM_BASE``), which every admin upload path uses: the image and
document add and edit views, the multiple uploaders and the choosers' upload tabs.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

# Pillow format → what it is saved with. Matches settings.WAGTAILIMAGES_EXTENSIONS.
ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "AVIF"}
# What survives the rewrite: colours and animation, nothing about the camera or the place.
KEPT_INFO = ("icc_profile", "transparency", "duration", "loop", "background", "disposal")
LOSSY_QUALITY = 90

MARKUP_EXTENSIONS = (".svg", ".svgz", ".html", ".htm", ".xhtml", ".shtml", ".xml", ".xsl", ".xslt")
# Markup a browser would render, and run scripts in, if it ever sniffed the type.
MARKUP_MARKERS = (b"<svg", b"<html", b"<!doctype html", b"<script", b"<iframe", b"<body")
# Files that open with one of these are binary containers (PDF, ZIP-based office files,
# OLE, the allowed images): markup-like bytes inside them are data, not a page.
BINARY_SIGNATURES = (
    b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"RIFF",
)  # fmt: skip


class UnsafeUpload(ValueError):
    """The file is not an image this site accepts, or it is markup."""


def looks_like_markup(head: bytes) -> bool:
    """True when the first bytes of a file are, or contain, HTML, SVG or XML markup."""
    text = head.lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n")
    if text.startswith(b"<"):
        return True
    if head.startswith(BINARY_SIGNATURES) or head[4:8] == b"ftyp":  # ftyp: AVIF and other ISO media
        return False
    sample = head[:4096].lower()
    return any(marker in sample for marker in MARKUP_MARKERS)


def _clean_info(info):
    return {key: info[key] for key in KEPT_INFO if key in info}


def _save_options(image_format, frame, keep_jpeg_tables):
    options = {"format": image_format}
    if image_format == "JPEG":
        # "keep" reuses the original's quantisation tables: as close to lossless as a
        # re-encode gets. Only possible while the image is still the decoded JPEG itself.
        if keep_jpeg_tables:
            options.update(quality="keep", subsampling="keep")
        else:
            options["quality"] = LOSSY_QUALITY
    elif image_format in ("WEBP", "AVIF"):
        options["quality"] = LOSSY_QUALITY
    if "icc_profile" in frame.info:
        options["icc_profile"] = frame.info["icc_profile"]
    return options


def strip_image_metadata(data: bytes) -> bytes:
    """The image in ``data`` written again without EXIF, GPS, XMP, IPTC or comments.

    The EXIF orientation is applied to the pixels first, so the picture still stands the
    right way up once the tag is gone. Raises UnsafeUpload for anything but the allowed
    raster formats.
    """
    if looks_like_markup(data[:4096]):
        raise UnsafeUpload("markup")
    try:
        source = Image.open(io.BytesIO(data))
        source.load()
    except Exception as error:  # Pillow raises many kinds for a file that is not an image
        raise UnsafeUpload("not an image") from error
    image_format = source.format
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise UnsafeUpload(f"format {image_format}")

    output = io.BytesIO()
    if getattr(source, "n_frames", 1) > 1:
        frames = []
        durations = []
        for frame in ImageSequence.Iterator(source):
            durations.append(frame.info.get("duration", 100))
            copy = frame.copy()
            copy.info = _clean_info(frame.info)
            frames.append(copy)
        first = frames[0]
        first.save(
            output,
            save_all=True,
            append_images=frames[1:],
            duration=durations,
            loop=source.info.get("loop", 0),
            **_save_options(image_format, first, keep_jpeg_tables=False),
        )
    else:
        orientation = source.getexif().get(0x0112, 1)
        clean = source if orientation in (None, 1) else ImageOps.exif_transpose(source)
        clean.info = _clean_info(source.info)
        # Formats that read metadata back from .info when saving (JPEG's comment, AVIF's
        # profile) now find nothing but what is kept.
        clean.save(output, **_save_options(image_format, clean, keep_jpeg_tables=clean is source))
    return output.getvalue()


def _rewrite_upload(upload: UploadedFile, content: bytes) -> None:
    """Replace the contents of ``upload`` in place.

    In place, because Wagtail's multiple uploader may keep the request's own file object
    (when another field is invalid) and store it later: that object must hold the clean bytes.
    """
    target = upload.file
    if hasattr(upload, "temporary_file_path"):
        # A large upload on disk: storages move this very file, so overwrite it.
        target.seek(0)
        target.truncate()
        target.write(content)
        target.flush()
        target.seek(0)
    else:
        upload.file = io.BytesIO(content)
    upload.size = len(content)


def strip_uploaded_image(upload: UploadedFile) -> None:
    """Remove the metadata of an uploaded image, in the upload itself."""
    upload.seek(0)
    content = strip_image_metadata(upload.read())
    _rewrite_upload(upload, content)


def refuse_markup(upload: UploadedFile) -> None:
    """Raise ValidationError for an SVG, HTML or XML file, by its name or its contents."""
    name = (upload.name or "").lower()
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if name.endswith(MARKUP_EXTENSIONS) or looks_like_markup(head):
        raise ValidationError(
            _("SVG, HTML and XML files cannot be uploaded: they could run scripts on the site."),
            code="markup",
        )


class SafeImageForm(BaseImageForm):
    """Wagtail's image form; the uploaded file is refused if it is markup, else stripped."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            refuse_markup(upload)
            try:
                strip_uploaded_image(upload)
            except UnsafeUpload as error:
                raise ValidationError(
                    _("This file is not a JPEG, PNG, GIF, WebP or AVIF image."), code="invalid_image"
                ) from error
        return upload


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form; SVG, HTML and XML files are refused."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            refuse_markup(upload)
        return upload
