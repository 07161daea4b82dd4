"""No domain logic in signals: workflows call what must follow a change (counters, cache
versions, emails) explicitly. The few receivers the project keeps are plumbing, listed here
with their reasons; any other receiver fails this test."""

import ast
import weakref
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
    # allauth's own workflows (sign-in, second factors, password and email changes) tell the
    # site about them only through its signals: they are written to the audit trail here.
    # Django's admin records staff changes as LogEntry rows: each is copied to the trail.
    "accounts/security_events.py": "allauth's and the admin's events to the audit trail",
}


def _listens(tree: ast.Module) -> bool:
    """Whether a module connects a receiver: `@receiver(...)`, or `<signal>.connect` (called
    or as a decorator) on a signal imported from a `signals` module."""
    signal_names = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if (node.module or "").endswith("signals") or alias.name == "signals"
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "receiver":
            return True
        if isinstance(node, ast.Attribute) and node.attr == "connect":
            root = node.value
            while isinstance(root, ast.Attribute):  # `signals.password_changed.connect`
                root = root.value
            if isinstance(root, ast.Name) and root.id in signal_names:
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
        for entry in signal.receivers
        # (lookup key, weak or strong reference, ...): a weak reference is called for its target
        if (receiver := entry[1]() if isinstance(entry[1], weakref.ReferenceType) else entry[1])
        and (ROOT / receiver.__module__.split(".")[0]).is_dir()
        and receiver.__module__.replace(".", "/") + ".py" not in PLUMBING
    ]
    assert ours == []
