"""The app served by an account that may not read its HOME (a service account started with
another's HOME, as ``sudo -u`` leaves it on some systems): it serves, and the scenario
database is said where it is used.

The server runs without the privilege to pass permissions (as root, its capabilities
dropped with ``setpriv``), so the folder's own permissions decide.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_server import _free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def closed_home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "home-of-another"
    (home / ".streamlit").mkdir(parents=True)
    (home / ".streamlit" / "secrets.toml").write_text("", encoding="utf-8")
    home.chmod(0)
    yield home
    home.chmod(0o700)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.mark.parametrize("entry", ["app.py", "serve.py"])
def test_a_home_that_may_not_be_read_does_not_stop_the_server(
    unprivileged, closed_home, tmp_path, entry
):
    """Streamlit reads ~/.streamlit/secrets.toml and takes only a missing one in its stride:
    ``streamlit run app.py`` ended in "PermissionError: ... '/root/.streamlit/secrets.toml'"
    before it served, and serve.py (``make run``) answered every page "Internal Server
    Error" (500). The app keeps no secrets: only its own folder's file is read."""
    port = _free_port()
    command = [*unprivileged, sys.executable, "-m", "streamlit", "run", str(ROOT / entry)]
    command += ["--server.headless", "true", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1"]
    env = {**os.environ, "HOME": str(closed_home), "PLANNER_DB": str(tmp_path / "p.duckdb")}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            try:
                if _status(f"{url}/_stcore/health") == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        assert _status(f"{url}/") == 200
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
