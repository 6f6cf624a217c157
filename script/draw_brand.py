"""Draw the integration's brand icons (brand/icon.png 256 px, icon@2x.png 512 px).

Home Assistant serves a custom integration's own ``brand/`` images in its UI,
so the project draws them instead of borrowing a logo: a house (MyHOME) whose
floor is a 1-Wire bus, a line with three devices hanging from it. Drawn once at
high resolution and scaled down, so both sizes come from the same picture.

Run: .venv/bin/python script/draw_brand.py (then commit the PNGs).
"""

from pathlib import Path

from PIL import Image, ImageDraw

BRAND = Path(__file__).resolve().parent.parent / "custom_components/onewire_own/brand"
CANVAS = 2048  # drawing resolution; every coordinate below is in these units
TILE = (3, 120, 212, 255)  # a deep Home Assistant-like blue
LINE = (255, 255, 255, 255)
DEVICE = (255, 193, 7, 255)  # amber: the 1-Wire devices on the bus
STROKE = 110


def draw() -> Image.Image:
    """Return the icon at drawing resolution, transparent around the tile."""
    image = Image.new("RGBA", (CANVAS, CANVAS), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, CANVAS - 1, CANVAS - 1), radius=400, fill=TILE)
    # The house: a roof and two walls, open at the bottom where the bus runs.
    roof = [(360, 1000), (1024, 380), (1688, 1000)]
    pen.line(roof, fill=LINE, width=STROKE, joint="curve")
    for x in (520, 1528):
        pen.line([(x, 860), (x, 1420)], fill=LINE, width=STROKE)
    # The bus: one wire across the house, three devices hanging from it.
    pen.line([(300, 1420), (1748, 1420)], fill=LINE, width=STROKE)
    for x in (760, 1024, 1288):
        pen.line([(x, 1420), (x, 1560)], fill=LINE, width=STROKE // 2)
        pen.ellipse((x - 100, 1530, x + 100, 1730), fill=DEVICE, outline=LINE, width=36)
    # A device inside the house too: the bus reaches into every room.
    pen.ellipse((904, 900, 1144, 1140), fill=DEVICE, outline=LINE, width=40)
    pen.line([(1024, 1140), (1024, 1420)], fill=LINE, width=STROKE // 2)
    return image


def main() -> None:
    """Write icon.png and icon@2x.png."""
    BRAND.mkdir(parents=True, exist_ok=True)
    picture = draw()
    for name, size in (("icon.png", 256), ("icon@2x.png", 512)):
        scaled = picture.resize((size, size), Image.Resampling.LANCZOS)
        scaled.save(BRAND / name, optimize=True)


if __name__ == "__main__":
    main()
