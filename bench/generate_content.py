"""Write N synthetic article files in the content format, for loader scale tests.

    .venv/bin/python bench/generate_content.py /tmp/library 10000

Never into content/: the folder must be empty or not exist. Topics and glossary are
copied from content/ so the files validate like real ones.
"""

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "back neck knee nerve joint spine injection block numbing steroid doctor needle pain relief "
    "treatment recovery walking sleep exercise therapy heat test signal bone disc muscle"
).split()


def main(target, count, seed=7):
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        sys.exit(f"{target} is not empty")
    rng = random.Random(seed)
    source = ROOT / "content"
    topics = sorted(p.name for p in source.iterdir() if (p / "_topic.md").exists())
    for topic in topics:
        (target / topic).mkdir(parents=True)
        shutil.copy(source / topic / "_topic.md", target / topic / "_topic.md")
    shutil.copy(source / "glossary.yaml", target / "glossary.yaml")
    sentences = [
        s.strip()
        for p in source.rglob("*.md")
        for s in p.read_text().split(". ")
        if 6 < len(s.split()) < 25
        and "\n" not in s.strip()
        and "](" not in s
        and not s.strip().startswith(("-", "!", "#", "|", "["))
    ]
    for n in range(count):
        topic = topics[n % len(topics)]
        words = rng.sample(WORDS, 3)
        body = "\n\n".join(
            f"## {' '.join(rng.sample(WORDS, 3)).capitalize()}\n\n" + ". ".join(rng.sample(sentences, 4)) + "." for _ in range(5)
        )
        (target / topic / f"synthetic-{n:05d}.md").write_text(
            f"---\ntitle: {' '.join(words).capitalize()} {n}\nsummary: A synthetic article for load tests.\nkind: guide\n"
            f"sources:\n  - title: Synthetic source\n    publisher: Load test\n    year: 2026\nupdated: 2026-01-01\n---\n{body}\n",
            encoding="utf-8",
        )
        if (n + 1) % 1000 == 0:
            print(f"  wrote {n + 1}/{count}", end="\r")
    print(f"wrote {count} articles in {len(topics)} topics to {target}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
