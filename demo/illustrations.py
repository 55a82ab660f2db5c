"""The demo illustrations: abstract pictures drawn with Pillow, the same bytes on every run."""

import io
import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

ILLUSTRATION_SIZE = (1600, 900)


def render_illustration(illustration):
    """Draw the illustration and return it as JPEG bytes, the same bytes on every run."""
    width, height = ILLUSTRATION_SIZE
    canvas = _diagonal_gradient(width, height, illustration.start_colour, illustration.end_colour)
    rng = random.Random(illustration.filename)  # noqa: S311 -- decoration, not security
    canvas = _MOTIFS[illustration.motif](canvas, rng)
    if illustration.word and illustration.motif != "passport":
        canvas = _draw_word(canvas, illustration.word, (110, height - 330), size=220)
    buffer = io.BytesIO()
    canvas.convert("RGB").save(buffer, format="JPEG", quality=86, optimize=True, progressive=True)
    return buffer.getvalue()


def _diagonal_gradient(width, height, start, end):
    """A gradient from the top-left corner (start colour) to the bottom-right one (end colour)."""
    vertical = Image.linear_gradient("L").resize((width, height))
    horizontal = Image.linear_gradient("L").rotate(90).resize((width, height))
    mask = ImageChops.add(vertical, horizontal, scale=2.0)
    return ImageOps.colorize(mask, black=start, white=end).convert("RGBA")


def _layer(canvas):
    return Image.new("RGBA", canvas.size, (0, 0, 0, 0))


def _soft_circles(canvas, rng):
    """Three large blurred circles with a few thin rings on top: calm, like the home page."""
    glow = _layer(canvas)
    draw = ImageDraw.Draw(glow)
    for (x, y, radius), colour in zip(
        ((1150, 300, 330), (1380, 650, 250), (820, 620, 200)),
        ((34, 170, 160, 150), (238, 190, 80, 150), (110, 190, 110, 140)),
        strict=True,
    ):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    canvas = Image.alpha_composite(canvas, glow.filter(ImageFilter.GaussianBlur(40)))
    rings = _layer(canvas)
    draw = ImageDraw.Draw(rings)
    for _ in range(5):
        x, y, radius = rng.randint(700, 1500), rng.randint(120, 780), rng.randint(30, 110)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=(255, 255, 255, 110), width=4)
    return Image.alpha_composite(canvas, rings)


def _gathering(canvas, rng):
    """Many overlapping circles drawn towards one point: people coming together."""
    layer = _layer(canvas)
    draw = ImageDraw.Draw(layer)
    palette = ((255, 214, 140), (255, 164, 112), (250, 120, 110), (255, 236, 200), (200, 110, 150))
    centre_x, centre_y = 1120, 430
    for _ in range(26):
        distance = abs(rng.gauss(0, 170))
        angle = rng.uniform(0, 2 * math.pi)
        x = centre_x + distance * math.cos(angle) * 1.4
        y = centre_y + distance * math.sin(angle)
        radius = rng.randint(28, 120)
        red, green, blue = rng.choice(palette)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=(red, green, blue, rng.randint(90, 170))
        )
    canvas = Image.alpha_composite(canvas, layer.filter(ImageFilter.GaussianBlur(2)))
    halo = _layer(canvas)
    ImageDraw.Draw(halo).ellipse((760, 120, 1480, 740), outline=(255, 240, 220, 90), width=6)
    return Image.alpha_composite(canvas, halo)


def _passport(canvas, rng):
    """A passport booklet with an emblem and the word "Pasport", over soft background circles."""
    background = _layer(canvas)
    draw = ImageDraw.Draw(background)
    for _ in range(6):
        x, y, radius = rng.randint(0, 1600), rng.randint(0, 900), rng.randint(80, 220)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 40))
    canvas = Image.alpha_composite(canvas, background.filter(ImageFilter.GaussianBlur(30)))

    left, top, right, bottom = 880, 120, 1340, 780
    shadow = _layer(canvas)
    ImageDraw.Draw(shadow).rounded_rectangle(
        (left + 24, top + 28, right + 24, bottom + 28), 36, fill=(0, 0, 0, 110)
    )
    canvas = Image.alpha_composite(canvas, shadow.filter(ImageFilter.GaussianBlur(18)))

    booklet = _layer(canvas)
    draw = ImageDraw.Draw(booklet)
    gold = (226, 188, 96, 255)
    draw.rounded_rectangle((left, top, right, bottom), 36, fill=(18, 84, 58, 255))
    draw.rounded_rectangle(
        (left + 26, top + 26, right - 26, bottom - 26), 24, outline=(226, 188, 96, 150), width=3
    )
    centre_x, centre_y = (left + right) // 2, top + 250
    draw.ellipse((centre_x - 95, centre_y - 95, centre_x + 95, centre_y + 95), outline=gold, width=8)
    draw.ellipse((centre_x - 48, centre_y - 48, centre_x + 48, centre_y + 48), fill=gold)
    for offset in (0, 36):
        draw.line(
            (left + 110, bottom - 120 + offset, right - 110, bottom - 120 + offset),
            fill=(226, 188, 96, 140),
            width=4,
        )
    canvas = Image.alpha_composite(canvas, booklet)
    font = _font(64)
    text_width = font.getbbox("Pasport")[2]
    return _draw_word(canvas, "Pasport", (centre_x - text_width // 2, top + 400), size=64, colour=gold)


def _path(canvas, rng):
    """A dotted road curving from the lower left to an arrowhead on the right, under a pale sun."""
    sun = _layer(canvas)
    ImageDraw.Draw(sun).ellipse((1180, 90, 1420, 330), fill=(255, 236, 190, 200))
    canvas = Image.alpha_composite(canvas, sun.filter(ImageFilter.GaussianBlur(12)))

    start, control, end = (140, 760), (760, 860), (1400, 430)
    layer = _layer(canvas)
    draw = ImageDraw.Draw(layer)
    steps = 34
    for step in range(steps):
        t = step / steps
        x, y = _bezier_point(start, control, end, t)
        radius = 9 + 7 * t
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 220))
    # The arrowhead points along the curve's direction at its end.
    direction_x, direction_y = end[0] - control[0], end[1] - control[1]
    length = math.hypot(direction_x, direction_y)
    unit_x, unit_y = direction_x / length, direction_y / length
    tip = (end[0] + unit_x * 95, end[1] + unit_y * 95)
    base_left = (end[0] - unit_y * 40, end[1] + unit_x * 40)
    base_right = (end[0] + unit_y * 40, end[1] - unit_x * 40)
    draw.polygon((tip, base_left, base_right), fill=(255, 255, 255, 235))
    for _ in range(4):
        x, y = rng.randint(200, 1100), rng.randint(100, 420)
        draw.arc((x, y, x + 60, y + 30), 200, 340, fill=(255, 255, 255, 160), width=4)
        draw.arc((x + 56, y, x + 116, y + 30), 200, 340, fill=(255, 255, 255, 160), width=4)
    return Image.alpha_composite(canvas, layer)


def _calendar(canvas, rng):
    """A calendar page of five weeks, most days crossed out: months spent waiting."""
    left, top, cell, gap = 760, 240, 88, 18
    layer = _layer(canvas)
    draw = ImageDraw.Draw(layer)
    draw.rounded_rectangle(
        (left - 40, top - 110, left + 7 * (cell + gap) + 22, top - 40), 18, fill=(226, 92, 80, 230)
    )
    crossed = 5 * 7 - rng.randint(4, 8)
    for index in range(5 * 7):
        row, column = divmod(index, 7)
        x = left + column * (cell + gap)
        y = top + row * (cell + gap)
        draw.rounded_rectangle(
            (x, y, x + cell, y + cell), 12, fill=(255, 255, 255, 60 if index < crossed else 150)
        )
        if index < crossed:
            draw.line((x + 18, y + cell - 18, x + cell - 18, y + 18), fill=(255, 255, 255, 210), width=7)
    return Image.alpha_composite(canvas, layer)


def _speech_bubbles(canvas, rng):
    """Speech bubbles of different sizes with lines of "text", drifting up to the right: messages."""
    layer = _layer(canvas)
    draw = ImageDraw.Draw(layer)
    bubbles = ((760, 520, 380, 170), (1010, 300, 430, 190), (1130, 600, 330, 140), (820, 120, 300, 120))
    for left, top, width, height in bubbles:
        right, bottom = left + width, top + height
        alpha = rng.randint(170, 235)
        draw.rounded_rectangle((left, top, right, bottom), 40, fill=(255, 255, 255, alpha))
        # The tail of the bubble, at its lower left.
        draw.polygon(
            ((left + 60, bottom - 2), (left + 120, bottom - 2), (left + 40, bottom + 55)),
            fill=(255, 255, 255, alpha),
        )
        lines = max(1, (height - 50) // 45)
        for line in range(lines):
            y = top + 40 + line * 45
            length = rng.randint(width // 2, width - 100)
            draw.rounded_rectangle((left + 40, y, left + 40 + length, y + 16), 8, fill=(12, 74, 84, 120))
    canvas = Image.alpha_composite(canvas, layer)
    glow = _layer(canvas)
    ImageDraw.Draw(glow).ellipse((1300, 40, 1560, 300), fill=(255, 236, 190, 110))
    return Image.alpha_composite(canvas, glow.filter(ImageFilter.GaussianBlur(30)))


def _bezier_point(start, control, end, t):
    """The point at ``t`` (0..1) on a quadratic Bézier curve."""
    x = (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t**2 * end[0]
    y = (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t**2 * end[1]
    return x, y


def _font(size):
    # Pillow's bundled font: no font file of this machine or of a third party is needed.
    return ImageFont.load_default(size=size)


def _draw_word(canvas, word, position, size, colour=(255, 255, 255, 235)):
    layer = _layer(canvas)
    ImageDraw.Draw(layer).text(position, word, font=_font(size), fill=colour)
    return Image.alpha_composite(canvas, layer)


_MOTIFS = {
    "soft_circles": _soft_circles,
    "gathering": _gathering,
    "passport": _passport,
    "path": _path,
    "calendar": _calendar,
    "speech_bubbles": _speech_bubbles,
}
