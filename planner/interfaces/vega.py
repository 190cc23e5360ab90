"""An Altair chart as the Vega-Lite spec a page draws, without re-checking it against the schema.

Altair checks a chart against the whole Vega-Lite JSON schema each time it is
converted (``to_dict()``), and Streamlit's ``altair_chart`` converts on every
script run: 10-20 ms a chart, a third of the Plan page's time at 150 teams.
The charts are the same few builders every run, and the tests check them
against the schema (the builders in tests/interfaces, and every spec a page
sends in the page tests), so a page draws :func:`vega_lite_spec` instead:
the same spec, unchecked, with each chart's data left as a frame under a
name that follows its content (as Streamlit names the data it converts), for
Streamlit to send as Arrow.
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

import altair as alt
import pandas as pd

#: Where a chart's parts may carry data of their own.
_PARTS = ("layer", "hconcat", "vconcat", "concat")
#: What Altair's default theme adds to every spec, and Streamlit's own conversion leaves
#: out (it draws with the theme "none" and its own theme on top).
_DEFAULT_VIEW = ("continuousWidth", "continuousHeight")


def _name(frame: pd.DataFrame) -> str:
    """A dataset name that changes when the frame's content (or columns) change."""
    digest = hashlib.md5(usedforsecurity=False)
    digest.update("\x1f".join(map(str, frame.columns)).encode())
    try:
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    except TypeError:  # cells pandas cannot hash (lists, dicts): their text
        digest.update(frame.to_csv(index=False).encode())
    return f"data-{digest.hexdigest()}"


def _named(chart: Any, frames: dict[str, pd.DataFrame]) -> Any:
    """``chart`` with every frame it (or a part of it) carries replaced by a dataset name."""
    copy = chart.copy(deep=False)
    data = getattr(chart, "data", alt.Undefined)
    if isinstance(data, pd.DataFrame):
        name = _name(data)
        frames[name] = data
        copy.data = alt.NamedData(name=name)
    for part in _PARTS:
        parts = getattr(chart, part, alt.Undefined)
        if isinstance(parts, list):
            setattr(copy, part, [_named(sub, frames) for sub in parts])
    return copy


def vega_lite_spec(chart: Any) -> dict[str, Any]:
    """The Vega-Lite spec of an Altair chart, its frames under ``datasets``, not re-validated.

    The same spec Streamlit's ``altair_chart`` draws (dataset names aside):
    no default theme sizes, data as frames Streamlit turns into Arrow.
    """
    frames: dict[str, pd.DataFrame] = {}
    spec: dict[str, Any] = _named(chart, frames).to_dict(validate=False)
    if alt.theme.active == "default":
        view = spec.get("config", {}).get("view", {})
        for key in _DEFAULT_VIEW:
            view.pop(key, None)
        if "view" in spec.get("config", {}) and not view:
            del spec["config"]["view"]
        if "config" in spec and not spec["config"]:
            del spec["config"]
    if frames:
        spec["datasets"] = {**spec.get("datasets", {}), **frames}
    return spec


#: A chart's data in a template for :func:`spec_on`: the frame comes in its place.
FRAME = alt.NamedData(name="frame")


def spec_on(template: dict[str, Any], frame: pd.DataFrame) -> dict[str, Any]:
    """``template`` (:func:`vega_lite_spec` of a chart whose data is :data:`FRAME`) drawn
    on ``frame``.

    The spec :func:`vega_lite_spec` gives the same chart with ``frame`` as its data,
    for a builder that keeps its chart's structure (Altair's objects and their
    conversion, 0.03 s a chart) while only the data changes: a capacity slider move
    changes the load chart's bars, not its teams, tooltips or height.
    """
    name = _name(frame)
    spec = copy.deepcopy(template)  # Streamlit may change the spec it is given
    spec["data"] = {"name": name}
    spec["datasets"] = {**spec.get("datasets", {}), name: frame}
    return spec
