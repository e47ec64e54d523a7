"""Pictures and recordings for the demo, made on the spot: the demo downloads and licenses nothing.

The data files give a picture's title and `size` (it is drawn as a generated illustration) or a
recording's notes; the files are real PNG and WAV that browsers show, play and seek.
"""

import io
import math
import struct
import wave
import zlib

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify

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


def picture(spec):
    """PNG bytes for an image spec of the data files: a calm generated illustration (cms.illustrations)
    of `size`, its seed taken from the title, so the same title always draws the same picture."""
    from cms.illustrations import illustration

    return illustration(seed(spec), tuple(spec["size"]))


def seed(spec):
    return zlib.crc32(spec["title"].encode())


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
        file=ImageFile(io.BytesIO(picture(spec)), name=f"illustration-{seed(spec)}.png"),
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
