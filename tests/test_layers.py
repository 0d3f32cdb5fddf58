"""The apps' layers (.importlinter) hold: no module imports from a layer above its own."""

import os
import sys
from pathlib import Path

from importlinter import cli

ROOT = Path(__file__).resolve().parent.parent


def test_import_layers_are_kept(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(sys, "path", [str(ROOT), *sys.path])
    assert os.path.exists(ROOT / ".importlinter")
    assert cli.lint_imports(config_filename=str(ROOT / ".importlinter"), no_cache=True) == cli.EXIT_STATUS_SUCCESS
