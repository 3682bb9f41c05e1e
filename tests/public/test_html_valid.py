"""Every public page type is valid HTML according to the Nu Html Checker (vnu.jar).

CI installs the checker (.ci/run: npm install in .ci/); elsewhere the test is skipped
unless VNU_JAR points at a copy."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

JAR = Path(os.environ.get("VNU_JAR", Path(settings.BASE_DIR) / ".ci/node_modules/vnu-jar/build/dist/vnu.jar"))
PAGES = {
    "home": "/",
    "topics": "/topics/",
    "topic": "/topics/nerve-blocks/",
    "procedure": "/articles/epidural-steroid-injection/",
    "condition": "/articles/spinal-stenosis/",
    "faq": "/articles/sedation-and-numbing/",
    "glossary": "/glossary/",
    "a-z": "/a-z/",
    "search": "/search/?q=back+shot",
    "no-results": "/search/?q=zzzz",
    "not-found": "/articles/nope/",
    "es-home": "/es/",
    "es-topics": "/es/temas/",
    "es-topic": "/es/temas/nerve-blocks/",
    "es-procedure": "/es/articulos/epidural-steroid-injection/",
    "es-glossary": "/es/glosario/",
    "es-search": "/es/buscar/?q=inyeccion",
    "es-handout": "/es/articulos/epidural-steroid-injection/hoja/",
    "es-not-translated": "/es/articulos/nope/",
    "es-a-z": "/es/a-z/",
    "connect": "/connect/?system=icd10cm&code=M54.16",
}


@pytest.mark.slow  # starts real processes
@pytest.mark.django_db
def test_public_pages_are_valid_html(client, tmp_path):
    if not JAR.exists() or not shutil.which("java"):
        if os.environ.get("CI"):
            pytest.fail(f"the Nu Html Checker is missing at {JAR}; .ci/run installs it")
        pytest.skip("Nu Html Checker not installed (npm install --prefix .ci)")
    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0)
    files = []
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(JAR), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == []
