"""The image library as files, beside the articles that use it as `![](image:ID)`.

    images.yaml      - id: 7
                       file: 7.png
                       alt_text: A needle guided by live X-ray
                       caption: ""
    _images/7.png    (no topic can be called "_images": a slug has no "_")

export_content writes the pictures and the list; load_content reads them back before the
articles and creates each picture under its own id, so the articles' references still point
at it (ids are not shared between databases). A file from the folder is checked and encoded
again exactly as an upload is (editorial/uploads.checked_file): a folder is no more trusted
than a browser. An id the database already holds must hold the same picture: then only its
alt text and caption can differ, which is reported like an article edited in the admin (kept,
unless --force). A different picture under that id is refused, and nothing is loaded.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection
from PIL import Image as Pillow
from PIL import ImageChops, ImageStat

from articles.library.files import (
    OUTSIDE_MESSAGE,
    Problem,
    column_limit,
    is_outside,
    read_optional,
    shown,
    text_problem,
    yaml_list,
)

MANIFEST = "images.yaml"
FOLDER = "_images"
KEYS = ("id", "file", "alt_text", "caption")
# Encoding a JPEG or WebP again moves its pixels by a level or two, never more on average; a
# different picture of the same size differs by tens of levels.
SAME_PICTURE_LEVELS = 4.0


@dataclass
class Picture:
    id: int
    alt_text: str
    caption: str
    content: ContentFile  # as an upload is stored: checked, encoded again, under a fresh name
    display: str  # where problems point: images.yaml
    line: int


@dataclass
class ImageFolder:
    pictures: dict[int, Picture] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)  # filled by write(): "images.yaml:4 (image 7)"
    created: int = 0
    updated: int = 0

    def alt_texts(self, with_database: bool = True) -> dict[int, str]:
        """The alt text of every picture a body may name: the database's, then the folder's."""
        from articles.models import Image

        stored = dict(Image.objects.values_list("pk", "alt_text")) if with_database else {}
        return {**stored, **{pk: picture.alt_text for pk, picture in self.pictures.items()}}


def _entry_problems(entry: object, seen: set[int]) -> list[str]:
    if not isinstance(entry, dict):
        return ["each picture needs id, file and alt_text"]
    found = [f"unknown field {shown(key)}" for key in sorted(set(entry) - set(KEYS), key=str)[:4]]
    pk = entry.get("id")
    if not isinstance(pk, int) or isinstance(pk, bool) or not 1 <= pk <= 2**31 - 1:
        found.append("'id' must be a whole number from 1")
    elif pk in seen:
        found.append(f"image {pk} is listed twice")
    name = entry.get("file")
    if not isinstance(name, str) or not name or Path(name).name != name or name.startswith("."):
        found.append(f"'file' must be the name of a file in {FOLDER}/, not {shown(name)}")
    for key in ("alt_text", "caption"):
        value = entry.get(key) or ""
        if not isinstance(value, str):
            found.append(f"'{key}' must be text")
        elif message := text_problem(key, value, column_limit("Image", key)):
            found.append(message)
    return found


def _checked(path: Path, root: Path) -> ContentFile:
    """The file as an upload of it would be stored; ValidationError if it would be refused."""
    if is_outside(path, root):
        raise ValidationError(OUTSIDE_MESSAGE)
    if not path.is_file():
        raise ValidationError("no such file")
    from articles.editorial.uploads import checked_file

    with path.open("rb") as handle:
        return checked_file(File(handle, name=path.name))


def read_images(root: str | Path, problems: list[Problem]) -> ImageFolder:
    """The pictures under root (none without images.yaml); problems with file and line."""
    root = Path(root)
    folder = ImageFolder()
    path = root / MANIFEST
    not_a_list = "the image list must be a list of pictures with id, file and alt_text"
    found = yaml_list(read_optional(path, root, problems), path, root, problems, not_a_list)
    if found is None:
        return folder
    display, node, data = found
    for index, entry in enumerate(data):
        line = node.value[index].start_mark.line + 1
        messages = _entry_problems(entry, set(folder.pictures))
        if not messages:
            try:
                content = _checked(root / FOLDER / entry["file"], root)
            except ValidationError as error:
                messages = [f"{FOLDER}/{entry['file']}: {' '.join(error.messages)}"]
        if messages:
            problems.extend(Problem(display, line, message) for message in messages)
            continue
        pk = entry["id"]
        alt, caption = (entry.get("alt_text") or "").strip(), (entry.get("caption") or "").strip()
        folder.pictures[pk] = Picture(pk, alt, caption, content, display, line)
    return folder


def same_picture(one: bytes, other: bytes) -> bool:
    """The same picture, perhaps encoded again: equal bytes, or the same size and pixels within
    a level or two of each other on average."""
    if one == other:
        return True
    try:
        with Pillow.open(io.BytesIO(one)) as a, Pillow.open(io.BytesIO(other)) as b:
            if a.size != b.size:
                return False
            difference = ImageChops.difference(a.convert("RGBA"), b.convert("RGBA"))
            return max(ImageStat.Stat(difference).mean) <= SAME_PICTURE_LEVELS
    except (OSError, ValueError, SyntaxError):
        return False


def _stored_bytes(image: Any) -> bytes | None:
    try:
        with image.file.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def check_ids(folder: ImageFolder, problems: list[Problem]) -> None:
    """Refuse a picture whose id the database gives to a different picture (or to a picture
    whose file is gone): the articles there that use the id would show the wrong one."""
    from articles.models import Image

    for image in Image.objects.filter(pk__in=list(folder.pictures)):
        picture = folder.pictures[image.pk]
        stored = _stored_bytes(image)
        if stored is None or not same_picture(stored, picture.content.read()):
            what = "has lost its file" if stored is None else f"is a different picture ({image.alt_text[:60] or 'no alt text'})"
            message = (
                f"image {image.pk} in the database {what}; an id names one picture in a database, so load this "
                "folder into an empty database, or remove the picture from the folder and its uses from the articles"
            )
            problems.append(Problem(picture.display, picture.line, message))
        picture.content.seek(0)


def write(folder: ImageFolder, force: bool) -> None:
    """Create the folder's pictures under their own ids (inside the loader's transaction)."""
    from articles.models import Image

    stored = Image.objects.in_bulk(list(folder.pictures))
    for pk, picture in folder.pictures.items():
        image = stored.get(pk)
        if image is None:
            Image.objects.create(pk=pk, file=picture.content, alt_text=picture.alt_text, caption=picture.caption)
            folder.created += 1
        elif (image.alt_text, image.caption) != (picture.alt_text, picture.caption):
            if not force:
                folder.conflicts.append(f"{picture.display}:{picture.line} (image {pk})")
                continue
            image.alt_text, image.caption = picture.alt_text, picture.caption
            image.save(update_fields=["alt_text", "caption", "modified_at"])
            folder.updated += 1
    if folder.created:
        # PostgreSQL's id sequence does not follow ids given by hand: the next upload would
        # take an id now in use. (SQLite's AUTOINCREMENT follows them; the list is empty there.)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Image]):
                cursor.execute(sql)


def export(target: Path) -> tuple[int, list[str]]:
    """Write every picture of the library and images.yaml under target: (count, problems)."""
    from articles.models import Image

    entries, missing = [], []
    images = list(Image.objects.order_by("pk"))
    if images:
        (target / FOLDER).mkdir(parents=True, exist_ok=True)
    for image in images:
        data = _stored_bytes(image)
        if data is None:
            missing.append(f"image {image.pk} ({image.alt_text[:60]}): its file {image.file.name} is missing; not exported")
            continue
        name = f"{image.pk}{Path(image.file.name or '').suffix.lower()}"
        (target / FOLDER / name).write_bytes(data)
        entries.append({"id": image.pk, "file": name, "alt_text": image.alt_text, "caption": image.caption})
    if entries or (target / MANIFEST).exists():  # an earlier export's list must not bring deleted pictures back
        text = yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=1000)
        (target / MANIFEST).write_text(text, encoding="utf-8")
    return len(entries), missing
