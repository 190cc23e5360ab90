"""CPU seconds of reading and checking a data folder (``load_with_warnings``), before and now.

Folders are written by ``planner generate`` into a temporary folder: L (150 teams x 3,000
projects, with and without ``--weeks``) and M (40 x 500), for each seed. Each folder is read
by a fresh child process per checkout: this one, and ``--ref``'s when given (a checkout of
an earlier commit, e.g. made by ``git worktree add``), the two taken in turn and their order
swapped each round, since the machine is shared. A child imports the planner, reads the
folder once (``cold``: the modules read on first use included), then ``--repeat`` times more
(``warm``: their median), timing CPU seconds (``time.process_time``, which the machine's
load moves less than the wall). It also prints a hash of the result's repr (the whole
problem and its warnings): the reference and this checkout must give the same one.
``--stages`` adds, for each checkout, the cumulative CPU of the reading's stages under
cProfile (inflated by the profiler: read them as shares). The load is printed before and
after.

Usage::

    python bench/load_speed.py --seeds 0-2 --repeat 5 [--ref OTHER_CHECKOUT] [--stages]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Each size's name, teams, projects and whether its calendar and weeks are written.
SIZES = (("L", 150, 3000, False), ("L+weeks", 150, 3000, True), ("M", 40, 500, False))

_CHILD = """
import cProfile, hashlib, pstats, statistics, sys, time, warnings
warnings.simplefilter("ignore")
from planner.core.loading import load_with_warnings
folder, repeat, stages = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
began = time.process_time()
result = load_with_warnings(folder)
cold = time.process_time() - began
warm = []
for _ in range(repeat):
    began = time.process_time()
    load_with_warnings(folder)
    warm.append(time.process_time() - began)
print("cold", cold)
print("warm", statistics.median(warm))
print("hash", hashlib.sha256(repr(result).encode()).hexdigest()[:12])
if stages:
    profile = cProfile.Profile()
    profile.enable()
    load_with_warnings(folder)
    profile.disable()
    found = pstats.Stats(profile).stats
    for name in ("load_with_warnings", "collect_folder", "tables_for_build", "build",
                 "_projects", "_weeks", "_say_efforts_past_every_team"):
        cumulative = sum(v[3] for k, v in found.items() if k[2] == name)
        print(f"stage:{name} {cumulative:.3f}")
"""


def _seeds(text: str) -> list[int]:
    low, _, high = text.partition("-")
    return list(range(int(low), int(high or low) + 1))


def _run(checkout: Path, folder: Path, repeat: int, stages: bool) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    child = [sys.executable, "-c", _CHILD, str(folder), str(repeat), "1" if stages else "0"]
    done = subprocess.run(child, env=env, cwd=checkout, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{folder}: the child failed:\n{done.stderr}")
    lines = [line.split(" ", 1) for line in done.stdout.splitlines()]
    return {key: value for key, value in lines}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-2", help="e.g. 0-2")
    parser.add_argument("--repeat", type=int, default=5, help="warm reads per child")
    parser.add_argument("--rounds", type=int, default=2, help="children per checkout")
    parser.add_argument("--ref", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--stages", action="store_true", help="this checkout's stages")
    args = parser.parse_args()
    print(f"load before: {os.getloadavg()}", flush=True)
    checkouts = {"now": ROOT} if args.ref is None else {"ref": args.ref, "now": ROOT}
    with tempfile.TemporaryDirectory() as scratch:
        print(f"| size | seed | {' | '.join(f'{c} cold / warm' for c in checkouts)} | same |")
        print(f"|---|---|{'---|' * len(checkouts)}---|", flush=True)
        for label, teams, projects, weeks in SIZES:
            for seed in _seeds(args.seeds):
                folder = Path(scratch) / f"{label}-{seed}"
                command = [sys.executable, "-m", "planner", "generate", str(folder)]
                command += ["--teams", str(teams), "--projects", str(projects)]
                command += ["--seed", str(seed), *(["--weeks"] if weeks else [])]
                subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
                cold: dict[str, list[float]] = defaultdict(list)
                warm: dict[str, list[float]] = defaultdict(list)
                hashes: set[str] = set()
                for turn in range(args.rounds):
                    order = list(checkouts) if turn % 2 == 0 else list(checkouts)[::-1]
                    for name in order:
                        stages = args.stages and turn == 0
                        said = _run(checkouts[name], folder, args.repeat, stages)
                        cold[name].append(float(said["cold"]))
                        warm[name].append(float(said["warm"]))
                        hashes.add(said["hash"])
                        if stages:
                            shown = [f"{k[6:]} {v}" for k, v in said.items() if k[:6] == "stage:"]
                            said_stages = ", ".join(shown)
                            print(f"<!-- {label} {seed} {name}, profiled CPU s: {said_stages} -->")
                cells = [
                    f"{statistics.median(cold[c]):.3f} / {statistics.median(warm[c]):.3f}"
                    for c in checkouts
                ]
                same = "yes" if len(hashes) == 1 else "NO"
                print(f"| {label} | {seed} | {' | '.join(cells)} | {same} |", flush=True)
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
