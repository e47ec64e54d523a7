"""Members' pictures: checked before decoding, cropped to a small square, stripped of metadata.

A photo can carry GPS coordinates and camera serials in its EXIF block; re-encoding the pixels
alone into a new file is what removes them.
"""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

AVATAR_SIZE = 256
MAX_AVATAR_BYTES = 5 * 1024 * 1024
# Far more than any phone camera; refused before decoding so a small "bomb" file cannot fill memory.
MAX_AVATAR_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_avatar(upload):
    """Raise ValidationError unless `upload` is a reasonably sized JPEG, PNG, WebP or GIF image."""
    if upload.size > MAX_AVATAR_BYTES:
        raise ValidationError(
            _("This file is %(size)s; pictures can be at most %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_AVATAR_BYTES)},
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                image_format = image.format
                if width * height > MAX_AVATAR_PIXELS:
                    raise _too_many_pixels(width, height)
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(None, None) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This file is not a picture we can read. Please upload a JPEG, PNG, WebP or GIF image."),
            code="not_an_image",
        ) from None
    finally:
        upload.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("Please upload a JPEG, PNG, WebP or GIF image."),
            code="unsupported_format",
        )


def _too_many_pixels(width, height):
    if width and height:
        return ValidationError(
            _("This picture is %(width)s × %(height)s pixels, which is too large. Please upload a smaller one."),
            code="too_many_pixels",
            params={"width": width, "height": height},
        )
    return ValidationError(_("This picture is too large. Please upload a smaller one."), code="too_many_pixels")


def square_avatar(upload):
    """A small square WebP of `upload` (already validated), upright and without any metadata."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        image = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB")
        square = ImageOps.fit(image, (AVATAR_SIZE, AVATAR_SIZE), method=Image.Resampling.LANCZOS)
    # A fresh image holds pixels only: nothing from the original's info or EXIF comes along.
    clean = Image.new(square.mode, square.size)
    clean.paste(square)
    output = io.BytesIO()
    clean.save(output, format="WEBP", quality=85)
    return ContentFile(output.getvalue(), name="avatar.webp")
