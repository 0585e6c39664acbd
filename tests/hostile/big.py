"""Large realistic bundles for the parse-cost and memory measurements (written at test time, never committed).

``python -m tests.hostile.big OUT.json MB`` writes a single-file bundle of about MB megabytes: the
golden tenant plus generated users, eligibilities and sign-ins.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.builders import GA, USER_ADMIN, gid, hardened

_BATCH = 500


def write_big_bundle(path: Path, megabytes: float) -> int:
    """Write a bundle of roughly ``megabytes`` MB to ``path``; returns its size in bytes."""
    t = hardened()
    target = int(megabytes * 1024 * 1024)
    size = len(json.dumps(t.bundle()))
    n = 0
    while size < target:
        before = {name: len(records) for name, records in t.sections.items()}
        for _ in range(_BATCH):
            uid = t.user(f"user-{n:07d}", licensed=n % 3 == 0)
            if n % 10 == 0:
                t.eligible(uid, USER_ADMIN if n % 20 else GA)
            t.sign_in(uid, "Office 365", f"2026-11-{1 + n % 19:02d}T08:{n % 60:02d}:00Z", app_id=gid(f"app-{n % 7}"))
            n += 1
        size += sum(len(json.dumps(r)) + 2 for name, records in t.sections.items() for r in records[before[name]:])
    text = json.dumps(t.bundle())
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


if __name__ == "__main__":
    print(write_big_bundle(Path(sys.argv[1]), float(sys.argv[2])))
