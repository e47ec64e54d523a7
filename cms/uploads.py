"""Every uploaded picture loses its metadata on arrival, before any form or model sees it.

A phone photo carries GPS coordinates, the camera's make, model and serial, dates and editing
software in its EXIF, XMP and IPTC blocks; Wagtail keeps them in the stored original and in every
rendition made from it. Django's upload handlers (FILE_UPLOAD_HANDLERS) see each uploaded file
of every form, the admin's included, so one place cleans them all: the picture is turned upright by
its EXIF orientation, then re-encoded in its own format from its pixels alone. Its colour profile
and transparency are kept; nothing that describes where, when or with what it was taken.

Files that are not pictures, or that are too large to decode safely, pass through unchanged: the
forms refuse what they do not accept.
"""

import io
import warnings

from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# Format read -> format written and its options. MPO is how Pillow reads many phones' JPEGs.
REENCODE = {
    "JPEG": ("JPEG", {"quality": 90}),
    "MPO": ("JPEG", {"quality": 90}),
    "PNG": ("PNG", {}),
    "WEBP": ("WEBP", {"quality": 90}),
    "GIF": ("GIF", {}),
    "TIFF": ("TIFF", {}),
}
# What a picture needs to look the same; everything else in Pillow's `info` is left behind.
KEPT_INFO = ("icc_profile", "transparency", "dpi", "duration", "loop", "background")
# How the file is encoded, describing nothing and nobody: a picture with only these (and no EXIF)
# is already clean, and is stored as it came rather than losing quality to a needless re-encode.
TECHNICAL_INFO = {
    *KEPT_INFO,
    *("jfif", "jfif_version", "jfif_unit", "jfif_density", "adobe", "adobe_transform"),
    *("progressive", "progression", "interlace", "gamma", "srgb", "chromaticity", "compression"),
    *("mp", "mpoffset", "lossless", "version", "extension", "disposal"),
}
# Wagtail's default cap; Pillow's own warning comes later, at 89 million pixels.
DEFAULT_MAX_PIXELS = 128_000_000


def strip_metadata(uploaded):
    """Rewrite `uploaded` (a Django UploadedFile) in place: upright, its pixels only."""
    cleaned = without_metadata(uploaded)
    uploaded.seek(0)
    if cleaned is None:
        return
    uploaded.file.truncate()
    uploaded.file.write(cleaned)
    uploaded.file.seek(0)
    uploaded.size = len(cleaned)


def without_metadata(file):
    """The picture in `file` re-encoded upright from its pixels alone, as bytes.

    None when there is nothing to remove, or it is not a picture we can safely re-encode.
    """
    max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", DEFAULT_MAX_PIXELS)
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.format not in REENCODE or image.width * image.height > max_pixels:
                    return None
                if not image.getexif() and set(image.info) <= TECHNICAL_INFO:
                    return None
                target, options = REENCODE[image.format]
                kept = {key: image.info[key] for key in KEPT_INFO if key in image.info}
                frames = [_pixels_only(frame) for frame in ImageSequence.Iterator(image)]
                if target == "JPEG":
                    frames = frames[:1]  # an MPO's other frames are previews and depth maps
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, UnidentifiedImageError, OSError, ValueError):
        return None
    if len(frames) > 1:
        options = {**options, "save_all": True, "append_images": frames[1:]}
    output = io.BytesIO()
    frames[0].save(output, format=target, **kept, **options)
    return output.getvalue()


def _pixels_only(frame):
    upright = ImageOps.exif_transpose(frame)
    # exif_transpose copies `info` (EXIF without the orientation, XMP, comments): drop it all.
    upright.info = {}
    return upright


class StrippingMemoryFileUploadHandler(MemoryFileUploadHandler):
    """Small uploads, kept in memory by Django."""

    def file_complete(self, file_size):
        uploaded = super().file_complete(file_size)
        if uploaded is not None:
            strip_metadata(uploaded)
        return uploaded


class StrippingTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE, written to a temporary file by Django."""

    def file_complete(self, file_size):
        uploaded = super().file_complete(file_size)
        strip_metadata(uploaded)
        return uploaded
