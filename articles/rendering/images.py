"""Each picture in an article gets its size and is loaded only when the reader nears it.

A picture without width and height takes no room until it arrives, so the text a patient
is reading jumps down when it does (on a slow phone, seconds later). With the size given
(the drawing's own viewBox, or the stored picture's pixels) the browser keeps its room from
the start; CSS (`img { max-width: 100%; height: auto }`) still scales it to the screen.
Pictures sit in the body, below the first screen, so `loading="lazy"` lets a phone fetch
them only on the way down.
"""

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from PIL import Image as Pillow
from PIL import UnidentifiedImageError

_IMG = re.compile(r"<img\b([^>]*?)\s*/?>")
_SRC = re.compile(r'\ssrc="([^"]*)"')
_VIEWBOX = re.compile(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"')


def sized(html: str) -> str:
    """`html` (already sanitised) with width, height, loading and decoding on every <img>."""
    return _IMG.sub(_with_size, html)


def _with_size(match: re.Match[str]) -> str:
    attrs = match.group(1)
    if " width=" not in attrs and " height=" not in attrs:
        src = _SRC.search(attrs)
        size = _size(src.group(1)) if src else None
        if size:
            attrs += f' width="{size[0]}" height="{size[1]}"'
    if " loading=" not in attrs:
        attrs += ' loading="lazy" decoding="async"'
    return f"<img{attrs}>"


def _size(src: str) -> tuple[int, int] | None:
    """The picture's width and height, or None when it cannot be read (the tag is left as is)."""
    if src.startswith(settings.STATIC_URL):
        found = finders.find(src.removeprefix(settings.STATIC_URL))
        drawing = Path(found) if isinstance(found, str) else None
        return _file_size(str(drawing), drawing.stat().st_mtime) if drawing else None
    if src.startswith(settings.MEDIA_URL):
        name = src.removeprefix(settings.MEDIA_URL)
        try:
            upload = default_storage.path(name)
        except NotImplementedError:  # storage without local files: no size, as before
            return None
        # An upload is stored under a fresh name, so its name alone is a version.
        return _file_size(upload, 0.0) if Path(upload).is_file() else None
    return None


@lru_cache(maxsize=256)
def _file_size(path: str, mtime: float) -> tuple[int, int] | None:
    """Read once per file version (mtime is in the key so an edited drawing is read again)."""
    if path.endswith(".svg"):
        with open(path, encoding="utf-8", errors="replace") as svg:
            box = _VIEWBOX.search(svg.read(4096))
        return (round(float(box.group(1))), round(float(box.group(2)))) if box else None
    try:
        with Pillow.open(path) as picture:
            return picture.size
    except (OSError, UnidentifiedImageError):
        return None
