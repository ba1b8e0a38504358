"""`make ui` serves the Dagster UI on port 3000 unless PORT says otherwise (test_ui.py starts it
for real on a free port)."""
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("arguments, port", [([], "3000"), (["PORT=3123"], "3123")])
def test_make_ui_passes_the_port_to_dagster_dev(arguments, port):
    commands = subprocess.run(["make", "-n", "-C", str(PROJECT), "ui", *arguments],
                              capture_output=True, text=True, check=True).stdout.splitlines()
    [dev] = [line for line in commands if " dev -m pipeline.definitions" in line]
    assert dev.split()[-4:] == ["-h", "127.0.0.1", "-p", port]
