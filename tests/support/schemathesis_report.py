"""How much the in-process schemathesis run (tests/api/test_schemathesis.py) covered, said
after the tests: operations and generated cases per run, and responses by status.

With pytest-xdist the tests run in worker processes: each hands its counts to the controller,
which adds them up.
"""

import sys
from collections import Counter

SCHEMATHESIS = "tests.api.test_schemathesis"
schemathesis_counts = {"cases": Counter(), "statuses": Counter()}


def _add_schemathesis_counts_of_this_process():
    module = sys.modules.get(SCHEMATHESIS)
    if module is not None:
        schemathesis_counts["cases"].update(module.CASES)
        schemathesis_counts["statuses"].update(module.STATUSES)


def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput"):  # an xdist worker: to the controller
        _add_schemathesis_counts_of_this_process()
        session.config.workeroutput["schemathesis"] = {
            name: [[*key, n] for key, n in counts.items()]
            for name, counts in schemathesis_counts.items()
        }


def pytest_testnodedown(node, error):
    """A worker's counts, added up by the controller."""
    for name, rows in getattr(node, "workeroutput", {}).get("schemathesis", {}).items():
        schemathesis_counts[name].update({tuple(row[:-1]): row[-1] for row in rows})


def pytest_terminal_summary(terminalreporter):
    """Say how much the schemathesis run covered: operations and generated cases per run."""
    _add_schemathesis_counts_of_this_process()  # when they ran here, without xdist
    cases, statuses = schemathesis_counts["cases"], schemathesis_counts["statuses"]
    for run in ("anonymous", "token"):
        counts = {op: n for (r, op), n in cases.items() if r == run}
        by_status = {s: n for (r, s), n in sorted(statuses.items()) if r == run}
        if counts:
            terminalreporter.write_line(
                f"schemathesis ({run}): {len(counts)} operations, "
                f"{sum(counts.values())} generated cases; responses by status: {by_status}"
            )
