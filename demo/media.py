"""Pictures and recordings for the demo, made on the spot: the demo downloads and licenses nothing.

The data files say what to draw (`drawing`, `colours`, `size`) or which notes to play; the files are
real PNG and WAV that browsers show, play and seek.
"""

import io
import math
import struct
import wave

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image, ImageDraw

SAMPLE_RATE = 8000


def tone_wav(seconds, frequencies=(440,), volume=0.3):
    """A mono 16-bit WAV file of `seconds`, stepping through `frequencies` in equal parts."""
    frames = int(seconds * SAMPLE_RATE)
    part = max(frames // len(frequencies), 1)
    samples = bytearray()
    for n in range(frames):
        frequency = frequencies[min(n // part, len(frequencies) - 1)]
        samples += struct.pack("<h", int(volume * 32767 * math.sin(2 * math.pi * frequency * n / SAMPLE_RATE)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(SAMPLE_RATE)
        recording.writeframes(bytes(samples))
    return buffer.getvalue()


def _rings(draw, size, colours):
    for ring in range(6):
        inset = 40 + ring * 28
        draw.ellipse((600 + inset, inset - 120, 1200 - inset, 520 - inset), outline="#1d6b52", width=3)


def _sun(draw, size, colours):
    # The blog's cards: a sun over a band of land.
    draw.ellipse((700, 120, 1100, 520), fill=colours[0])
    draw.rectangle((0, 520, 1200, 675), fill=colours[0])


def _circle(draw, size, colours):
    width, height = size
    draw.ellipse((width // 5, height // 5, width * 4 // 5, height * 4 // 5), fill=colours[0])


def _door(draw, size, colours):
    width, height = size
    draw.rectangle((width // 4, height // 5, width * 3 // 4, height), fill=colours[0])


DRAWINGS = {"rings": _rings, "sun": _sun, "circle": _circle, "door": _door}


def picture(spec):
    """PNG bytes for an image spec of the data files."""
    size = tuple(spec["size"])
    background = spec["colours"][-1]
    canvas = Image.new("RGB", size, background)
    DRAWINGS[spec["drawing"]](ImageDraw.Draw(canvas), size, spec["colours"])
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return buffer.getvalue()


def demo_image(spec, collection=None):
    """The image titled `spec["title"]`, drawn the first time only."""
    from cms.models import CreditedImage

    image = CreditedImage.objects.filter(title=spec["title"]).first()
    if image is not None:
        return image
    extra = {"collection": collection} if collection is not None else {}
    return CreditedImage.objects.create(
        title=spec["title"],
        credit=spec.get("credit", ""),
        file=ImageFile(io.BytesIO(picture(spec)), name=spec["file"]),
        **extra,
    )


def demo_audio(spec):
    """The media item titled `spec["title"]`, with a few seconds of tones generated the first time only."""
    from cms.models import SiteMedia

    audio = SiteMedia.objects.filter(title=spec["title"]).first()
    if audio is None:
        audio = SiteMedia(title=spec["title"], type="audio")
        audio.file.save(
            f"{slugify(spec['title'])}.wav", ContentFile(tone_wav(spec["seconds"], spec["notes"])), save=False
        )
        audio.save()
    return audio
