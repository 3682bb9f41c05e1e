"""The Infobutton request: which parameters are read, what each may hold, and the 400s.

Parameters this service does not use (patientPerson…, taskContext…, performer…) are ignored,
as the Infobutton guide allows."""

import re
from dataclasses import dataclass

from articles.codes import systems
from articles.translation import languages

CODE_SYSTEM = "mainSearchCriteria.v.cs"
CODE = "mainSearchCriteria.v.c"
DISPLAY_NAME = "mainSearchCriteria.v.dn"
LANGUAGE = "informationRecipient.languageCode.c"
RESPONSE_TYPE = "knowledgeResponseType"
CALLBACK = "callback"

XML, JSON, JSONP = "text/xml", "application/json", "application/javascript"
RESPONSE_TYPES = (XML, JSON, JSONP)
# Longer than any code or display name a record sends: refused, not read.
MAX_VALUE = 200
# A JavaScript name (or dotted path) and nothing else: the callback is written into the answer.
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$]{0,63}(?:\.[A-Za-z_$][\w$]{0,63}){0,3}$")


class BadRequest(ValueError):
    """A request this service cannot answer: a plain message, status 400."""


def acceptable(value: str) -> bool:
    """A value the service will read (the page cache keeps only these): printable and short."""
    return len(value) <= MAX_VALUE and value.isprintable()


@dataclass(frozen=True)
class Request:
    oid: str
    code: str
    display_name: str
    language: str
    response_type: str
    callback: str

    @property
    def system(self) -> systems.System | None:
        return systems.BY_OID.get(self.oid)


def parse(params, raw=None) -> Request:
    """The request from its (already filtered) parameters; `raw`, the query as sent, tells a
    missing parameter from a refused one."""
    raw = raw if raw is not None else params

    def value(name: str, required: bool = False) -> str:
        got = params.get(name)
        if got is None and name in raw:
            raise BadRequest(f"{name} is too long or holds characters that are not allowed.")
        if required and not (got or "").strip():
            raise BadRequest(f"{name} is required.")
        return (got or "").strip()

    oid = value(CODE_SYSTEM, required=True)
    code = value(CODE, required=True)
    response_type = value(RESPONSE_TYPE) or XML
    if response_type not in RESPONSE_TYPES:
        raise BadRequest(f"{RESPONSE_TYPE} must be one of {', '.join(RESPONSE_TYPES)}.")
    callback = value(CALLBACK)
    if response_type == JSONP and not _CALLBACK.match(callback):
        raise BadRequest(f"{CALLBACK} must be a JavaScript function name for {JSONP}.")
    language = value(LANGUAGE).lower()[:2]
    if language not in languages.codes():
        language = languages.DEFAULT  # as MedlinePlus Connect: English unless asked otherwise
    return Request(oid, code, value(DISPLAY_NAME), language, response_type, callback)
