"""Calm abstract illustrations, the app icon and the share image, drawn with Pillow.

Nothing is downloaded or licensed: `scripts/make_illustrations.py` writes the icons and the share
image into `cms/static/icons/`, and the demo draws its pictures with `illustration()`. The same
seed always gives the same picture (a seeded `random.Random`, no clock, no global state), so the
committed files only change when this code does.
"""

import math
import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

# Sky, sun, then three hills from far (light) to near (dark): soft, low-contrast, no people.
PALETTES = [
    ("#e6f2ec", "#fbf3dc", "#b9dccb", "#7fb8a0", "#2f6f5e"),
    ("#e4e9f7", "#f7efe0", "#c3cdea", "#8d9fd1", "#3b4f8c"),
    ("#f6ece2", "#fff6e5", "#ead2bd", "#d1a88a", "#7a4b2a"),
    ("#ece8f5", "#fbf1e6", "#d3cbe9", "#a99ccf", "#55477f"),
    ("#e3f1f3", "#fdf5e3", "#b7dbe0", "#79b4bd", "#26646e"),
    ("#f4e9e6", "#fff4e8", "#e6c9c1", "#c99a8d", "#7d3f33"),
]
BRAND = "#1f5f4a"
SUPERSAMPLE = 2  # drawn twice as large, then reduced: smooth edges without an anti-aliasing library


def _hill_outline(rng, width, height, base, amplitude):
    """A smooth ridge across the picture: two sine waves with seeded phases."""
    waves = [
        (rng.uniform(0.6, 1.6), rng.uniform(0, math.tau), amplitude),
        (rng.uniform(2, 3.5), rng.uniform(0, math.tau), amplitude / 3),
    ]
    points = []
    for step in range(101):
        x = width * step / 100
        y = base + sum(a * math.sin(f * math.tau * step / 100 + phase) for f, phase, a in waves)
        points.append((x, y))
    return [(0, height), *points, (width, height)]


def draw_illustration(seed, size=(1200, 675), palette=None):
    """Layered hills under a pale sky with a low sun: the same `seed` always draws the same picture."""
    rng = random.Random(seed)  # noqa: S311 (a picture, not a secret: the same seed must draw the same)
    sky, sun, *hills = palette or PALETTES[seed % len(PALETTES)]
    width, height = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
    picture = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(picture)
    radius = height * rng.uniform(0.14, 0.2)
    centre = (width * rng.uniform(0.6, 0.82), height * rng.uniform(0.28, 0.4))
    draw.ellipse((centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius), fill=sun)
    for layer, colour in enumerate(hills):
        base = height * (0.5 + 0.14 * layer)
        draw.polygon(_hill_outline(rng, width, height, base, height * (0.07 - 0.015 * layer)), fill=colour)
    return picture.resize(size, Image.Resampling.LANCZOS)


def illustration(seed, size=(1200, 675)):
    """`draw_illustration` as PNG bytes, reduced to a small palette so a picture stays a few dozen KB."""
    buffer = BytesIO()
    draw_illustration(seed, size).quantize(colors=64, dither=Image.Dither.NONE).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def draw_icon(size, padding=0.0):
    """The app icon: a pale sun over two hills on the brand green, in a rounded square. `padding`
    (a maskable icon) keeps the drawing inside the safe circle Android crops to, on a full square."""
    large = size * 4
    icon = Image.new("RGB", (large, large), BRAND)
    draw = ImageDraw.Draw(icon)
    inner = large * padding
    span = large - 2 * inner

    def at(x, y):
        return inner + x * span, inner + y * span

    sun_x, sun_y = at(0.64, 0.36)
    r = span * 0.15
    draw.ellipse((sun_x - r, sun_y - r, sun_x + r, sun_y + r), fill="#fbf3dc")
    far = [at(x / 20, 0.62 - 0.08 * math.sin(math.pi * x / 20)) for x in range(21)]
    near = [at(x / 20, 0.74 - 0.1 * math.sin(math.pi * (x / 20 + 0.5))) for x in range(21)]
    bottom = inner + span if padding else large
    draw.polygon([(far[0][0], bottom), *far, (far[-1][0], bottom)], fill="#7fb8a0")
    draw.polygon([(near[0][0], bottom), *near, (near[-1][0], bottom)], fill="#e6f2ec")
    mask = Image.new("L", (large, large), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, large - 1, large - 1), radius=0 if padding else large // 5, fill=255)
    icon.putalpha(mask)
    return icon.resize((size, size), Image.Resampling.LANCZOS)


ICON_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="13" fill="#1f5f4a"/>
<circle cx="41" cy="23" r="9.6" fill="#fbf3dc"/>
<path d="M0 40 Q32 29 64 40 V64 H0Z" fill="#7fb8a0"/>
<path d="M0 41 Q32 60 64 47 V64 H0Z" fill="#e6f2ec"/>
</svg>
"""


def draw_share_image():
    """The picture a shared link shows (1200x630): a calm illustration and the word CRAFT, which
    reads the same in English and Spanish."""
    picture = draw_illustration(7, (1200, 630), PALETTES[0])
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((72, 72, 560, 250), radius=24, fill="#ffffff")
    picture.paste(draw_icon(120), (100, 101), draw_icon(120))
    font = ImageFont.load_default(size=84)
    draw.text((248, 118), "CRAFT", fill=BRAND, font=font)
    return picture
