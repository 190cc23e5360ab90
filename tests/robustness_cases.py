"""What the issue-12 tests share (tests/test_robustness.py and the modules it names):
the command line run in process, the check that it answered in words, and the
generated settings.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from hypothesis import strategies as st

from planner.core import ranges
from planner.core.ranges import Range
from planner.interfaces.cli import main

ROOT = Path(__file__).resolve().parent.parent


SAMPLE = ROOT / "data" / "sample"


# ---------------------------------------------------------------------------
# Running the CLI in process
# ---------------------------------------------------------------------------


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """``planner ARGS`` in this process: exit code, stdout, stderr (argparse exits too)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def assert_in_words(code: int, out: str, err: str) -> None:
    """No traceback, an exit code SPEC knows, and no raw control character on the terminal."""
    assert "Traceback" not in out + err, err
    assert "internal error" not in err, err
    assert code in (0, 2, 3), (code, err)
    for text in (out, err):
        assert not any(c in text for c in "\x1b\x00\x07\x9b\u202e"), repr(text)


# ---------------------------------------------------------------------------
# Generated values: inside every range (edges first), and outside it
# ---------------------------------------------------------------------------


def inside(accepted: Range, high: float | None = None) -> st.SearchStrategy:
    """Values ``accepted`` takes, its edges included (``high`` caps slow ones)."""
    top = accepted.high if high is None else high
    if accepted.integer:
        return st.sampled_from([int(accepted.low), int(top)]) | st.integers(
            int(accepted.low), int(top)
        )
    return st.sampled_from([accepted.low, top]) | st.floats(
        accepted.low, top, allow_nan=False, allow_infinity=False
    ).filter(lambda value: not 0 < value < accepted.smallest)


@st.composite
def accepted_settings(draw, team_ids: tuple[str, ...] = (), fast: bool = True) -> str:
    """A settings.toml the loader accepts, drawn from the edges and insides of every range."""
    weights = {
        name: draw(inside(ranges.WEIGHT))
        for name in ("attainment", "value", "balance", "fit", "stability", "confidence")
        if draw(st.booleans())
    }
    solve = {
        # A tiny problem is solved to optimality long before any limit; the cap keeps the
        # odd long proof of a weight-heavy model from slowing the suite.
        "time_limit_s": draw(inside(ranges.TIME_LIMIT, 2.0 if fast else None)),
        "workers": draw(inside(ranges.WORKERS, 8 if fast else None)),
        "seed": draw(inside(ranges.SEED)),
    }
    targets = ("sales", "marketing", *team_ids)
    multipliers = draw(st.dictionaries(st.sampled_from(targets), inside(ranges.MULTIPLIER)))
    lines = ["[solve]"] + [f"{k} = {v!r}" for k, v in solve.items()]
    lines += ["[capacity]", f"max_utilization = {draw(inside(ranges.MAX_UTILIZATION))!r}"]
    lines += ["[capacity.multipliers]"] + [f'"{k}" = {v!r}' for k, v in multipliers.items()]
    lines += ["[weights]"] + [f"{k} = {v!r}" for k, v in weights.items()]
    return "\n".join(lines) + "\n"
