"""No domain logic in signals: workflows call what must follow a change (counters, cache
versions, emails) explicitly. The few receivers the project keeps are plumbing, listed here
with their reasons; any other receiver fails this test."""

import ast
from pathlib import Path

from django.db.models import signals

ROOT = Path(__file__).resolve().parent.parent
APP_FOLDERS = [path.parent for path in ROOT.glob("*/apps.py")] + [ROOT / "marketplace"]

# module -> why its receivers are not domain logic
PLUMBING = {
    # The request id (logs) is forgotten when a request ends.
    "marketplace/request_id.py": "per-request log context",
    # The request id travels with the tasks a request queues, and is restored in the worker.
    "marketplace/celery.py": "per-task log context",
    # Tests (and deployments) may change STORAGES: the private storage is looked up again.
    "uploads/storage.py": "settings changed in tests",
}


def _listens(tree: ast.Module) -> bool:
    """Whether a module connects a receiver: `@receiver(...)`, or `<signal>.connect` (called
    or as a decorator) on a signal imported from a `signals` module."""
    signal_names = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("signals")
        for alias in node.names
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "receiver":
            return True
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "connect"
            and isinstance(node.value, ast.Name)
            and node.value.id in signal_names
        ):
            return True
    return False


def _modules_with_receivers() -> set[str]:
    return {
        str(path.relative_to(ROOT))
        for folder in APP_FOLDERS
        for path in folder.rglob("*.py")
        if "migrations" not in path.parts and _listens(ast.parse(path.read_text()))
    }


def test_only_plumbing_listens_to_signals():
    assert _modules_with_receivers() == set(PLUMBING)


def test_no_model_signal_has_a_receiver_of_the_project():
    model_signals = [
        signals.pre_init,
        signals.post_init,
        signals.pre_save,
        signals.post_save,
        signals.pre_delete,
        signals.post_delete,
        signals.m2m_changed,
    ]
    ours = [
        receiver.__module__
        for signal in model_signals
        for _, weak_or_strong in signal.receivers
        if (receiver := weak_or_strong() if callable(weak_or_strong) else weak_or_strong)
        and (ROOT / receiver.__module__.split(".")[0]).is_dir()
    ]
    assert ours == []
