"""Without ``--output``, every command uses the ``build/`` folder beside its configuration file, whatever
folder it is run from: ``bulletin issue 3 --config examples/dien-bien/sources.yaml`` no longer writes into
the current folder's ``build/``, where two configurations' issue 3 would share one edition folder."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import FIXTURES, ROOT, read_tsv

COMMANDS = read_tsv(FIXTURES / "cli" / "output_folder.tsv", 2)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> tuple[Path, dict[str, subprocess.CompletedProcess]]:
    """Each command of the table, in order, as a real process run from an unrelated folder."""
    tmp = tmp_path_factory.mktemp("output-folder")
    project, elsewhere = tmp / "so-khac", tmp / "elsewhere"
    shutil.copytree(ROOT / "examples" / "dien-bien", project)
    elsewhere.mkdir()
    fill = {"www": str(tmp / "www"), "subscribers": str(FIXTURES / "mail" / "subscribers.csv")}
    done = {}
    for line, _ in COMMANDS:
        argv = [sys.executable, "-m", "bulletin", *line.format(**fill).split(), "--config", str(project / "sources.yaml")]
        done[line] = subprocess.run(argv, cwd=elsewhere, capture_output=True, text=True, timeout=300, check=False,
                                    env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert not any(elsewhere.iterdir()), "nothing is written where the command was run from"
    return tmp, done


@pytest.mark.parametrize("line, written", COMMANDS, ids=[line.split()[0] for line, _ in COMMANDS])
def test_a_command_without_output_uses_the_build_folder_beside_its_configuration(runs, line, written):
    tmp, done = runs
    assert done[line].returncode == 0, done[line].stderr[-3000:]
    assert (tmp / "so-khac" / written.format(www=tmp / "www")).is_file()
