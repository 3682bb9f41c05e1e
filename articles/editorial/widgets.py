"""The article form's structured fields, so staff never type JSON: the at-a-glance facts as
one labelled box each, "also called" as one name per line, and the sources as rows that can
be added, removed and reordered with plain form posts (no JavaScript needed).

These fields only turn what was typed into the format's values; whether those values are
allowed is the article format's rule (library/schema.check, run by the form's
_check_format), so the admin and the loader refuse the same things with the same words.
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from articles.library import schema

# The widgets' templates are in templates/editorial/widgets/, found through settings.TEMPLATES
# (Django's default form renderer looks only inside installed apps).
RENDERER = TemplatesSetting()
BLANK_SOURCE_ROWS = 2  # empty rows under the sources, for adding new ones
SOURCE_PARTS = ("title", "publisher", "year", "url")
CSS = {"all": ("css/admin-fields.css",)}

# What to type in each at-a-glance box: an example from the library.
FACT_HINTS = {
    "treats": "The problem it is used for, in plain words. For example: Leg pain from a pinched nerve in the low back.",
    "duration": "For example: About 15 to 30 minutes.",
    "anesthesia": "For example: Numbing medicine in the skin; some clinics offer light sedation.",
    "imaging": "For example: Live X-ray (fluoroscopy) or ultrasound.",
    "same_day_home": "For example: Yes, with a driver.",
    "relief_starts": "For example: Within a few days; it can take up to 2 weeks.",
    "relief_lasts": "For example: Often several months.",
    "repeatable": "For example: Yes, if it helped; usually no more than a few times a year.",
}


def looks_like_json(text: str) -> bool:
    """A value that is a JSON list or object, as staff used to type into these fields."""
    text = text.strip()
    return len(text) >= 2 and text[0] in "[{" and text[-1] in "]}"


def _refuse(texts: dict[str, str], json_message: str) -> None:
    """What no box may hold: JSON typed out of habit, and the NUL character (which PostgreSQL
    cannot store in a JSON column), as Django's own text fields refuse it."""
    messages = [json_message.format(where=where) for where, text in texts.items() if looks_like_json(text)]
    if any("\x00" in text for text in texts.values()):
        messages.append("Null characters are not allowed.")
    if messages:
        raise ValidationError([ValidationError(message) for message in dict.fromkeys(messages)])


def _text(value: Any) -> str:
    """A posted value as one trimmed line of text (a test may post a number, a list's last item)."""
    return "" if value is None else str(value).strip()


class _Widget(forms.Widget):
    """A widget rendered from the project's templates, whose value is never "missing": an empty
    group of boxes means "none", and that is what gets saved."""

    class Media:
        css = CSS

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, attrs, RENDERER)

    def value_omitted_from_data(self, data, files, name):
        return False


# --- at a glance --------------------------------------------------------------------------


class FactsWidget(_Widget):
    template_name = "editorial/widgets/facts.html"
    use_fieldset = True

    def id_for_label(self, id_):
        return ""  # a group of boxes, each with its own label

    def value_from_datadict(self, data, files, name):
        # Each box is a two-line textarea, so a long fact shows whole; browsers send CR LF.
        return {key: _text(data.get(f"{name}-{key}")).replace("\r\n", "\n") for key in schema.AT_A_GLANCE}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        facts = value if isinstance(value, dict) else {}
        base = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["base_id"] = base
        context["widget"]["max_length"] = schema.AT_A_GLANCE_MAX
        context["widget"]["facts"] = [
            {
                "name": f"{name}-{key}",
                "id": f"{base}-{key}",
                "label": label,
                "hint": FACT_HINTS.get(key, ""),
                "value": _shown(facts.get(key)),
            }
            for key, label in schema.AT_A_GLANCE.items()
        ]
        return context


def _shown(value: Any) -> str:
    """A stored value as the box shows it (a number typed into the old form shows as text)."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    return ""


class FactsField(forms.Field):
    """The at-a-glance facts: {key: text} in the format's order; an empty box is left out."""

    widget = FactsWidget

    def to_python(self, value):
        if not isinstance(value, dict):
            return {}
        return {key: text for key in schema.AT_A_GLANCE if (text := _text(value.get(key)))}

    def validate(self, value):
        super().validate(value)
        facts = {schema.AT_A_GLANCE[key]: fact for key, fact in value.items()}
        _refuse(facts, "'{where}' looks like JSON. Type the fact itself, in plain words.")

    def has_changed(self, initial, data):
        return self.to_python(data) != (initial or {})


# --- also called ---------------------------------------------------------------------------


class NamesWidget(_Widget):
    template_name = "editorial/widgets/names.html"

    def __init__(self, attrs=None):
        super().__init__({"cols": 40, "class": "vLargeTextField", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        lines = (context["widget"]["value"] or "").count("\n") + 1
        context["widget"]["attrs"].setdefault("rows", min(max(lines + 1, 3), 12))  # every name in view
        return context

    def format_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(name) for name in value)
        return "" if value is None else str(value)


class NamesField(forms.Field):
    """Other names for the topic, one a line; blank lines are left out."""

    widget = NamesWidget

    def to_python(self, value):
        return [line.strip() for line in _lines(value) if line.strip()]

    def validate(self, value):
        super().validate(value)
        _refuse({name: name for name in value}, "Type one name per line, in plain words, not a JSON list.")

    def has_changed(self, initial, data):
        return self.to_python(data) != (initial or [])


def _lines(value: Any) -> list[str]:
    if isinstance(value, list):
        return [_text(v) for v in value]
    return ("" if value is None else str(value)).splitlines()


# --- sources -------------------------------------------------------------------------------

_NUMBER = re.compile(r"\s*-?\d{1,6}\s*")


class SourcesWidget(_Widget):
    """One row per source, and blank rows to add more. Each row has a position number (1 is
    first) and a "remove" box. The value read back is the rows kept, in their new order, as
    trimmed text; a row with nothing typed in it is left out."""

    template_name = "editorial/widgets/sources.html"
    use_fieldset = True

    class Media:
        css = CSS
        js = ("js/admin-fields.js",)

    def id_for_label(self, id_):
        return ""

    def value_from_datadict(self, data, files, name):
        pattern = re.compile(rf"{re.escape(name)}-(\d{{1,4}})-(?:{'|'.join(SOURCE_PARTS)}|position)")
        indexes = sorted({int(match[1]) for key in data if (match := pattern.fullmatch(str(key)))})
        kept = []
        for index in indexes:
            row = {part: _text(data.get(f"{name}-{index}-{part}")) for part in SOURCE_PARTS}
            if _text(data.get(f"{name}-{index}-remove")) or not any(row.values()):
                continue
            kept.append((_place(_text(data.get(f"{name}-{index}-position")), index), row))
        return [row for _, row in sorted(kept, key=lambda pair: pair[0])]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        stored = [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
        base = context["widget"]["attrs"].get("id") or f"id_{name}"
        rows = [{part: _shown(item.get(part)) for part in SOURCE_PARTS} for item in stored]
        rows += [dict.fromkeys(SOURCE_PARTS, "") for _ in range(BLANK_SOURCE_ROWS)]
        context["widget"]["base_id"] = base
        context["widget"]["rows"] = [
            {
                **row,
                "number": index + 1,
                "new": index >= len(stored),
                "name": f"{name}-{index}",
                "id": f"{base}-{index}",
            }
            for index, row in enumerate(rows)
        ]
        return context


def _place(position: str, index: int) -> tuple[int, int, int]:
    """Where a row goes: by its position number, and among rows given the same number, one
    moved up goes before the row it was put on, one moved down after it. A row's number is
    index + 1 as shown, so moving the third source to 1 makes it first, the first to 3 last."""
    shown = index + 1
    wanted = int(position) if _NUMBER.fullmatch(position) else shown
    return (wanted, (wanted > shown) - (wanted < shown), index)


class SourcesField(forms.Field):
    """The sources: [{title, publisher, year, url?}], in the rows' order. A year of digits
    becomes a number; anything else is kept as typed, for the format's check to refuse."""

    widget = SourcesWidget

    def to_python(self, value):
        if not isinstance(value, list):
            return []
        return [_source(row) for row in value if isinstance(row, dict)]

    def validate(self, value):
        super().validate(value)
        texts = {
            f"Source {number}: the {part}": source[part]
            for number, source in enumerate(value, 1)
            for part in SOURCE_PARTS
            if isinstance(source.get(part), str)
        }
        _refuse(texts, "{where} looks like JSON. Type it in plain words.")

    def has_changed(self, initial, data):
        return self.to_python(data) != (initial or [])


def _source(row: dict[str, Any]) -> dict[str, Any]:
    year = _text(row.get("year"))
    source: dict[str, Any] = {
        "title": _text(row.get("title")),
        "publisher": _text(row.get("publisher")),
        "year": int(year) if year.isascii() and year.isdigit() and len(year) <= 6 else year or None,
    }
    if url := _text(row.get("url")):
        source["url"] = url
    return source


# --- codes -----------------------------------------------------------------------------------


class CodesWidget(_Widget):
    """A box per code system, one code a line, and why a procedure has no code yet."""

    template_name = "editorial/widgets/codes.html"
    use_fieldset = True

    def id_for_label(self, id_):
        return ""

    def value_from_datadict(self, data, files, name):
        from articles.codes import systems

        value = {key: [line.strip() for line in _lines(data.get(f"{name}-{key}")) if line.strip()] for key in systems.BY_KEY}
        value[schema.PENDING] = _text(data.get(f"{name}-{schema.PENDING}"))
        return value

    def get_context(self, name, value, attrs):
        from articles.codes import systems

        context = super().get_context(name, value, attrs)
        codes = value if isinstance(value, dict) else {}
        base = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["base_id"] = base
        context["widget"]["systems"] = [
            {
                "name": f"{name}-{s.key}",
                "id": f"{base}-{s.key}",
                "label": s.name,
                "value": "\n".join(str(c) for c in codes.get(s.key, []) if isinstance(c, str | int)),
            }
            for s in systems.SYSTEMS
        ]
        context["widget"]["pending"] = {
            "name": f"{name}-{schema.PENDING}",
            "id": f"{base}-{schema.PENDING}",
            "value": codes.get(schema.PENDING, "") if isinstance(codes.get(schema.PENDING), str) else "",
        }
        return context


class CodesField(forms.Field):
    """The article's codes: {icd10cm: [...], cpt: [...], snomed: [...]} (checked by the format)."""

    widget = CodesWidget

    def to_python(self, value):
        if not isinstance(value, dict):
            return {}
        return {key: codes for key, codes in value.items() if codes}

    def has_changed(self, initial, data):
        return self.to_python(data) != (initial or {})
