"""`planner checkin` with arguments missing names all it needs, with an example.

It read "the following arguments are required: --baseline, --checkin": its data folder
(optional to argparse, so that `--unlock A data/` can take it) went unnamed, and nothing
said what the three files are or how a command that has them reads.
"""

from __future__ import annotations

import pytest

from planner.interfaces.cli import main

EXAMPLE = "planner checkin data/sample --baseline plan.csv --checkin checkin.toml"


def _error(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    with pytest.raises(SystemExit) as exited:
        main(["checkin", *words])
    assert exited.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


def test_checkin_alone_names_the_data_folder_and_both_files_with_an_example(capsys):
    err = _error(capsys)
    assert "required: DATA_DIR, --baseline, --checkin;" in err, err
    assert EXAMPLE in err and "checkin-template" in err, err


def test_a_data_folder_given_is_not_named_as_missing(capsys):
    err = _error(capsys, "data/sample", "--baseline", "plan.csv")
    assert "required: --checkin;" in err and "DATA_DIR," not in err, err
    assert EXAMPLE in err, err
