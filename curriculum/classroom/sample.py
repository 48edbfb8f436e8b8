"""Made-up class results (seeded), for trying the class report, its tests and its benchmark.

The learners are invented pseudonyms like ``sample-007``; answers are drawn from the real
quiz questions with a seeded random generator, so the same seed gives the same files.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from curriculum.classroom.export import EXPORT_FORMAT, EXPORT_VERSION
from curriculum.course.model import Course, Quiz


def sample_export(course: Course, number: int, rng: random.Random) -> dict:
    """One learner's export: each quiz question tried (or skipped), wrong answers retried."""
    base = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc) + timedelta(minutes=number)
    attempts = []
    ability = rng.uniform(0.35, 0.95)
    for lid, lesson in course.lessons.items():
        for act in lesson.activities.values():
            if not isinstance(act, Quiz):
                continue
            for qi, q in enumerate(act.questions):
                if rng.random() < 0.15:
                    continue  # not reached
                right = tuple(sorted(o.id for o in q.options if o.correct))
                wrong = [o.id for o in q.options if not o.correct] or [q.options[0].id]
                hard = 0.25 * (qi % 3)
                for n in (1, 2, 3):
                    ok = rng.random() < ability - hard + 0.25 * (n - 1)
                    answer = right if ok else (rng.choice(wrong),)
                    attempts.append({
                        "lesson": lid, "activity": act.id, "kind": "quiz", "item": q.id,
                        "answer": list(answer), "correct": ok, "attempt": n,
                        "at": (base + timedelta(seconds=len(attempts) * 20)).isoformat()})
                    if ok:
                        break
    return {"format": EXPORT_FORMAT, "schema_version": EXPORT_VERSION,
            "exported_at": (base + timedelta(hours=1)).isoformat(),
            "learner": {"pseudonym": f"sample-{number:03d}", "key": f"sample-key-{number:06d}"},
            "includes_reflections": False, "attempts": attempts}


def write_sample(folder: Path, course: Course, learners: int = 30, seed: int = 2026) -> list[Path]:
    """Write ``learners`` export files into ``folder`` (created if needed); return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for number in range(1, learners + 1):
        path = folder / f"progress-sample-{number:05d}.json"
        path.write_text(json.dumps(sample_export(course, number, rng)), encoding="utf-8")
        paths.append(path)
    return paths
