"""Render the HTML report of sample_exports/fabrikam-smb and screenshot it into docs/report.png.

Usage: ``python scripts/screenshot_report.py [--out docs/report.png] [--height 2000]``. Needs a
headless Chromium (Debian: ``apt-get install chromium``); nothing is fetched from the network.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pimlint import api  # noqa: E402
from pimlint.config import load_settings  # noqa: E402
from pimlint.reporting import render  # noqa: E402

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         "--force-device-scale-factor=1")


def browser() -> str:
    """The first headless-capable Chromium on PATH."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no Chromium found (apt-get install chromium)")


def screenshot(html: str, out: Path, width: int, height: int) -> None:
    """Write ``html`` to a temporary file and let headless Chromium photograph it."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        command = [browser(), *FLAGS, f"--user-data-dir={tmp}/profile", f"--window-size={width},{height}",
                   f"--screenshot={out.resolve()}", page.as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", default="fabrikam-smb")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "report.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2000)
    args = parser.parse_args()
    bundle = REPO / "sample_exports" / args.sample
    settings, _ = load_settings(bundle, None, {})
    result = api.check(bundle, settings, api.CheckOptions(display=f"sample_exports/{args.sample}"))
    screenshot(render(result, "html"), args.out, args.width, args.height)
    print(f"wrote {args.out} (score {result.score.value if result.score else 'n/a'})")


if __name__ == "__main__":
    main()
