#!/usr/bin/env python
"""Draw the site's icons and share image into cms/static/icons/ (cms.illustrations), and, with
`--samples DIR`, a few demo illustrations to look at. The output is the same on every run.

    .venv/bin/python scripts/make_illustrations.py [--samples /tmp/illustrations]
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cms.illustrations import ICON_SVG, draw_icon, draw_share_image, illustration  # noqa: E402

ICONS = ROOT / "cms" / "static" / "icons"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, help="also write six demo illustrations here")
    arguments = parser.parse_args()
    ICONS.mkdir(parents=True, exist_ok=True)
    draw_icon(32).save(ICONS / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)], bitmap_format="png")
    for name, size, padding in (
        ("apple-touch-icon.png", 180, 0.0),
        ("icon-192.png", 192, 0.0),
        ("icon-512.png", 512, 0.0),
        ("icon-maskable-512.png", 512, 0.12),
    ):
        draw_icon(size, padding).save(ICONS / name, optimize=True)
    (ICONS / "icon.svg").write_text(ICON_SVG)
    draw_share_image().quantize(colors=64).save(ICONS / "share.png", optimize=True)
    written = [path.name for path in sorted(ICONS.iterdir())]
    if arguments.samples:
        arguments.samples.mkdir(parents=True, exist_ok=True)
        for seed in range(6):
            (arguments.samples / f"illustration-{seed}.png").write_bytes(illustration(seed))
            written.append(f"{arguments.samples}/illustration-{seed}.png")
    sys.stdout.write("Wrote " + ", ".join(written) + "\n")


if __name__ == "__main__":
    main()
