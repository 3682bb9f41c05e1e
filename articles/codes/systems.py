"""The code systems an article may carry, each with its HL7 OID, a check, and its hierarchy.

- ICD-10-CM (diagnoses): every code is checked against the maintained code set of the
  `simple-icd-10-cm` package (the CDC/CMS release it ships). A request for a code no article
  carries falls back up the code's hierarchy: M54.16, then M54.1, then M54.
- CPT (procedures): five characters, digits, or four digits and "T" (Category III). Only the
  numbers: the descriptions are the AMA's copyright and never enter the repository. Whether a
  code exists cannot be checked here (the code set is licensed): a code goes into a content
  file only with a public source that lists it for that procedure (docs/codes.md).
- SNOMED CT (concepts): an SCTID's form and its Verhoeff check digit.
"""

import re
from dataclasses import dataclass
from functools import cache

import simple_icd_10_cm as icd


@dataclass(frozen=True)
class System:
    key: str  # as in the front matter: codes: {icd10cm: [...]}
    name: str
    oid: str


ICD10CM = System("icd10cm", "ICD-10-CM", "2.16.840.1.113883.6.90")
SNOMED = System("snomed", "SNOMED CT", "2.16.840.1.113883.6.96")
CPT = System("cpt", "CPT", "2.16.840.1.113883.6.12")
SYSTEMS = (ICD10CM, CPT, SNOMED)
BY_KEY = {s.key: s for s in SYSTEMS}
BY_OID = {s.oid: s for s in SYSTEMS}
# FHIR names the same systems by URI.
FHIR_URI = {
    "icd10cm": "http://hl7.org/fhir/sid/icd-10-cm",
    "snomed": "http://snomed.info/sct",
    "cpt": "http://www.ama-assn.org/go/cpt",
}
BY_FHIR_URI = {uri: BY_KEY[key] for key, uri in FHIR_URI.items()}
# The most codes of one system an article carries.
MAX_CODES = 12

_CPT = re.compile(r"^\d{4}[0-9T]$")
_SCTID = re.compile(r"^[1-9]\d{5,17}$")
_ICD_FORM = re.compile(r"^[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?$")


def normalise(system: System, code: object) -> str:
    """A code as stored and compared: upper case, spaces gone, ICD-10-CM with its dot."""
    text = str(code).strip().upper().replace(" ", "")
    if system is ICD10CM and "." not in text and len(text) > 3:
        text = f"{text[:3]}.{text[3:]}"
    return text


@cache
def _icd_valid(code: str) -> bool:
    return bool(_ICD_FORM.match(code)) and icd.is_valid_item(code)


# Verhoeff's tables: SNOMED CT identifiers end with a Verhoeff check digit.
_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)


def verhoeff_ok(number: str) -> bool:
    check = 0
    for position, digit in enumerate(reversed(number)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[position % 8][int(digit)]]
    return check == 0


def problem(system: System, code: str) -> str | None:
    """Why a (normalised) code is not one of its system's, or None."""
    if system is ICD10CM:
        return None if _icd_valid(code) else f"{code!r} is not an ICD-10-CM code"
    if system is CPT:
        return None if _CPT.match(code) else f"{code!r} is not a CPT code (five characters: digits, or four digits and T)"
    if not _SCTID.match(code) or not verhoeff_ok(code):
        return f"{code!r} is not a SNOMED CT identifier (its check digit is wrong)"
    return None


def broader(system: System, code: str) -> list[str]:
    """The code and then each broader code above it, most specific first (ICD-10-CM only):
    M54.16 -> [M54.16, M54.1, M54]."""
    if system is not ICD10CM:
        return [code]
    found = [code]
    while "." in found[-1]:
        head, tail = found[-1].split(".")
        found.append(f"{head}.{tail[:-1]}" if len(tail) > 1 else head)
    return found
