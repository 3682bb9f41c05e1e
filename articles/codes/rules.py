"""Which codes an article must carry: a procedure page a procedure code (CPT), a condition
page a diagnosis code (ICD-10-CM), so a health record can find both by code. A procedure whose
code could not be confirmed from a public source says why (`cpt_pending`) instead."""

from articles.library.schema import PENDING


def problems(kind: str, codes: object) -> tuple[list[str], list[str]]:
    """(failures, warnings) for an article of `kind` carrying `codes`."""
    codes = codes if isinstance(codes, dict) else {}
    failures, warnings = [], []
    if kind == "procedure" and not codes.get("cpt"):
        if isinstance(codes.get(PENDING), str) and codes[PENDING].strip():
            warnings.append(f"no procedure (CPT) code yet: {codes[PENDING].strip()}")
        else:
            failures.append("a procedure needs a procedure code: codes: {cpt: [...]} (or cpt_pending: why none is confirmed)")
    if kind == "condition" and not codes.get("icd10cm"):
        failures.append("a condition needs a diagnosis code: codes: {icd10cm: [...]}")
    return failures, warnings
