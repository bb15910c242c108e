"""Turn a typed PDF into a scan: rasterise, then skew, noise, JPEG, a red received-stamp
over the header, or a 150 dpi phone photo with perspective and uneven light."""

from __future__ import annotations

import io
import random
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def rasterise(pdf: Path, dpi: int) -> list[Image.Image]:
    with tempfile.TemporaryDirectory(prefix="cw-scan-") as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), f"{tmp}/p"], check=True,
                       timeout=300)
        return [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("p*.png"))]


def stamp(img: Image.Image, rng: random.Random, dpi: int) -> Image.Image:
    """Red 'CÔNG VĂN ĐẾN' box with its own number and date, over the header's left column."""
    s = dpi / 300
    w, h = int(820 * s), int(330 * s)
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    red = (200, 20, 30, 215)
    d.rectangle([4, 4, w - 5, h - 5], outline=red, width=max(3, int(7 * s)))
    f1 = ImageFont.truetype(FONT, int(48 * s))
    f2 = ImageFont.truetype(FONT, int(40 * s))
    org = rng.choice(["SỞ NỘI VỤ TỈNH BẮC GIANG", "VĂN PHÒNG UBND TỈNH BẮC GIANG"])
    d.text((int(25 * s), int(15 * s)), org, fill=red, font=ImageFont.truetype(FONT, int(34 * s)))
    d.text((int(140 * s), int(70 * s)), "CÔNG VĂN ĐẾN", fill=red, font=f1)
    d.text((int(25 * s), int(150 * s)), f"Số: {rng.randint(100, 2999)}", fill=red, font=f2)
    d.text((int(25 * s), int(230 * s)),
           f"Ngày: {rng.randint(1, 28)}/{rng.randint(4, 11)}/2023", fill=red, font=f2)
    layer = layer.rotate(rng.uniform(-8, 8), expand=True, resample=Image.BICUBIC)
    x = int(img.width * rng.uniform(0.08, 0.2))
    y = int(img.height * rng.uniform(0.03, 0.08))
    img = img.copy()
    img.paste(layer, (x, y), layer)
    return img


def degrade(img: Image.Image, o: dict, rng: random.Random) -> Image.Image:
    if o.get("skew"):
        img = img.rotate(o["skew"], expand=False, fillcolor=(255, 255, 255),
                         resample=Image.BICUBIC)
    a = np.asarray(img).astype(np.int16)
    if o.get("noise"):
        nrng = np.random.default_rng(rng.randrange(1 << 30))
        a = a + nrng.normal(0, o["noise"], a.shape[:2])[..., None].astype(np.int16)
        a = np.clip(a, 0, 255)
    img = Image.fromarray(a.astype(np.uint8))
    return img.filter(ImageFilter.GaussianBlur(0.5)) if o.get("noise", 0) > 9 else img


def phone(img: Image.Image, rng: random.Random) -> Image.Image:
    """Paper photographed at an angle: perspective, darker corner, slight blur."""
    w, h = img.size
    bg = Image.new("RGB", (int(w * 1.08), int(h * 1.08)), (95, 90, 80))
    bg.paste(img, (int(w * 0.04), int(h * 0.04)))
    W, H = bg.size
    j = [rng.uniform(0.0, 0.035) for _ in range(8)]
    quad = (W * j[0], H * j[1], W * j[2], H * (1 - j[3]), W * (1 - j[4]), H * (1 - j[5]),
            W * (1 - j[6]), H * j[7])
    img = bg.transform((w, h), Image.QUAD, quad, resample=Image.BICUBIC)
    a = np.asarray(img).astype(np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    light = 0.78 + 0.22 * (1 - ((xx / w - 0.3) ** 2 + (yy / h - 0.25) ** 2))
    a = np.clip(a * light[..., None] + np.array([6, 3, -6]), 0, 255)
    return Image.fromarray(a.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))


def jpeg(img: Image.Image, q: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=q)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def make_scan(pdf: Path, dst: Path, o: dict, rng: random.Random):
    dpi = o.get("dpi", 200)
    pages = rasterise(pdf, dpi)
    out = []
    for i, img in enumerate(pages):
        if i == 0 and o.get("stamp"):
            img = stamp(img, rng, dpi)
        img = phone(img, rng) if o.get("phone") else degrade(img, o, rng)
        img = jpeg(img, o.get("jpeg", 70))
        if not o.get("stamp") and not o.get("phone"):
            img = img.convert("L")
        out.append(img)
    ext = dst.suffix.lower()
    if ext == ".pdf":
        out[0].save(dst, "PDF", save_all=True, append_images=out[1:], resolution=dpi)
    elif ext in (".tif", ".tiff"):
        out[0].save(dst, "TIFF", save_all=True, append_images=out[1:], compression="tiff_lzw",
                    dpi=(dpi, dpi))
    else:
        out[0].save(dst, dpi=(dpi, dpi))
