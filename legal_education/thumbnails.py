"""Small JPEG thumbnails of event photos, made with Pillow and kept in the cache."""

from __future__ import annotations

import io

from django.core.cache import cache
from PIL import Image, ImageOps

from huanghe_portal.attachments import image_bytes
from huanghe_portal.models import Attachment

SIZE = (320, 240)
CACHE_SECONDS = 24 * 3600


def make_thumbnail(data: io.BytesIO, size: tuple[int, int] = SIZE) -> bytes:
    with Image.open(data) as opened:
        image: Image.Image = ImageOps.exif_transpose(opened)
        if image.mode not in ("RGB", "L"):
            # Transparent PNGs get a white background rather than black.
            background = Image.new("RGB", image.size, (255, 255, 255))
            background.paste(image.convert("RGBA"), mask=image.convert("RGBA").split()[-1])
            image = background
        image.thumbnail(size)
        out = io.BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=80, optimize=True)
    return out.getvalue()


def thumbnail_of(attachment: Attachment) -> bytes:
    key = f"legal_education:thumb:{attachment.pk}:{attachment.size}"
    data = cache.get(key)
    if data is None:
        data = make_thumbnail(image_bytes(attachment))
        cache.set(key, data, CACHE_SECONDS)
    return data
