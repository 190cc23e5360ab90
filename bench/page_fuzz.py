"""Every page under random edits, for as long as asked: seeded sequences of what a user can do
(``tests/page_fuzz.py``), through AppTest, each step checked (no exception, no "Traceback",
"None", "nan" or "inf" shown, no optimizer word outside an Advanced panel, the headline cards
alike on every page), on the bundled sample and on small generated quarters in weeks with
ranges (``planner generate --weeks --ranges``), one in two.

Usage::

    python bench/page_fuzz.py --seeds 0-199 --steps 20         # 200 sequences
    python bench/page_fuzz.py --seeds 7 --steps 20 --data sample # one, on the sample

Prints one line a sequence and, at the end, each failure's kind with the seeds that met it
(each with its steps, to replay with ``--seeds N``); exits 1 if any failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def seeds(text: str) -> list[int]:
    """``3`` or ``0-9`` or ``0-4,8``: the seeds."""
    found: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        found += list(range(int(low), int(high or low) + 1))
    return found


def quarter(seed: int, folder: Path) -> Path:
    """A small generated quarter in weeks with ranges (6 teams, 30 projects), written once."""
    out = folder / f"quarter-{seed}"
    if not out.exists():
        command = [sys.executable, "-m", "planner", "generate", "--teams", "6", "--projects"]
        command += ["30", "--weeks", "--ranges", "--seed", str(seed), str(out)]
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return out


def routed() -> None:
    """AppTest routed as the server routes (tests/conftest.py), each file a download makes
    made when asked (tests/page_fuzz.py)."""
    import streamlit as st
    from page_fuzz import made_downloads
    from streamlit.delta_generator import DeltaGenerator
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        PagesManager.uses_pages_directory = False
        original(self, *args, **kwargs)

    PagesManager.__init__ = init  # type: ignore[method-assign]
    DeltaGenerator.download_button = made_downloads()  # type: ignore[method-assign]
    st.download_button = partial(DeltaGenerator.download_button, st._main)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=seeds, default=seeds("0-9"))
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--data", choices=("both", "sample", "generated"), default="both")
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    routed()
    from page_fuzz import walk

    failures: dict[str, list[Any]] = defaultdict(list)
    folder = Path(tempfile.mkdtemp(prefix="page-fuzz-"))
    started, steps = time.perf_counter(), 0
    for seed in args.seeds:
        generated = args.data == "generated" or (args.data == "both" and seed % 2 == 1)
        os.environ["PLANNER_DB"] = str(folder / f"db-{seed}.duckdb")
        if generated:
            os.environ["PLANNER_DATA"] = str(quarter(seed, folder))
        else:
            os.environ.pop("PLANNER_DATA", None)
        clock = time.perf_counter()
        failure = walk(seed, args.steps)
        steps += args.steps if failure is None else len(failure.steps)
        said = "ok" if failure is None else f"{failure.kind}: {failure.detail[:120]}"
        data = "generated" if generated else "sample"
        print(f"seed {seed} ({data}) {time.perf_counter() - clock:.1f} s: {said}", flush=True)
        if failure is not None:
            failures[failure.kind].append(failure)
    print(
        f"\n{len(args.seeds)} sequences, about {steps} steps, {sum(map(len, failures.values()))}"
        f" failed, in {time.perf_counter() - started:.0f} s; load {os.getloadavg()[0]:.1f}"
    )
    for kind, found in sorted(failures.items()):
        print(f"\n{kind}: seeds {[f.seed for f in found]}\n{found[0]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
