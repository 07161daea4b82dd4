"""The apps' layers (pyproject.toml, `[tool.importlinter]`): an app imports only from the
layers below it. import-linter reads every import of every module, so a new upward import
fails here, with the chain of modules that makes it."""

import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def test_no_app_imports_from_a_layer_above_it():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [lint_imports, "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_app_of_the_project_has_its_layer():
    local_apps = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == ROOT
    }
    layered = {
        name.strip() for layer in CONFIG["contracts"][0]["layers"] for name in layer.split("|")
    }
    assert local_apps | {"marketplace"} == layered == set(CONFIG["root_packages"])
