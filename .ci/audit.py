"""pip-audit over the locked packages (requirements/dev.txt), telling "vulnerable" apart from "could not be checked".

    .venv/bin/python .ci/audit.py            (make audit; .ci/run calls it)

A known vulnerability in any locked package fails. pip-audit needs a vulnerability database
over the network (PyPI's JSON API, else OSV's). Where neither answers, as on a build machine
whose package mirror serves only the simple index, nothing was audited: that is printed as a
loud warning and, unless AUDIT_REQUIRED=1, does not fail the build. A package that one
service could check and another could not is never counted as clean.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "dev.txt"
AUDIT = [sys.executable, "-m", "pip_audit", "--no-deps", "--disable-pip", "-r", str(LOCK), "-f", "json"]


def run(service):
    result = subprocess.run([*AUDIT, "--vulnerability-service", service], capture_output=True, text=True, timeout=600)  # noqa: S603 (fixed argv)
    try:
        return json.loads(result.stdout)["dependencies"]
    except (ValueError, KeyError):
        return None  # the service was unreachable: pip-audit stopped before writing its report


def main():
    locked = [line for line in LOCK.read_text().splitlines() if "==" in line and not line.startswith("#")]
    for service in ("pypi", "osv"):
        deps = run(service)
        if deps is None:
            print(f"pip-audit: the {service} vulnerability service did not answer")
            continue
        audited = [d for d in deps if "skip_reason" not in d]
        if not audited:
            print(f"pip-audit: the {service} vulnerability service knew none of the {len(deps)} packages")
            continue
        vulnerable = [d for d in audited if d.get("vulns")]
        for dep in vulnerable:
            for vuln in dep["vulns"]:
                fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
                print(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
        skipped = [d for d in deps if "skip_reason" in d]
        for dep in skipped:
            print(f"NOT CHECKED {dep['name']}: {dep['skip_reason']}")
        print(f"pip-audit ({service}): {len(audited)} of {len(locked)} locked packages checked, {len(vulnerable)} vulnerable")
        return 1 if vulnerable or skipped else 0
    print(
        f"WARNING: no vulnerability database was reachable; none of the {len(locked)} locked packages were audited.\n"
        "Run `make audit` where PyPI's JSON API or OSV answers."
    )
    return 1 if os.environ.get("AUDIT_REQUIRED") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
