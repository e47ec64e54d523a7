"""Demo podcast: three original episodes in English and Spanish, with guests and generated audio.

The audio is a few seconds of gentle tones written with Python's `wave` module at load time: the
demo downloads nothing, and the files are real WAV audio that players play and seek.
"""

import io
import math
import struct
import wave

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
