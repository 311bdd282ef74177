"""Small real pictures for tests (made with Pillow, so their bytes are those of the format)."""

from __future__ import annotations

import io

from PIL import Image


def picture(fmt: str = "JPEG", size: tuple[int, int] = (8, 6), color: str = "teal") -> bytes:
    """A picture of `size` pixels in one `color`, saved as `fmt` (JPEG, PNG, GIF, WEBP…)."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    return out.getvalue()


def padded(fmt: str, total: int) -> bytes:
    """A picture of `fmt` made `total` bytes long (a big photo, without encoding one)."""
    head = picture(fmt)
    return head + b"\x00" * max(0, total - len(head))
