"""HTTP load for the benchmark: wrk when installed (Debian's `wrk`), else a Python generator.

Both keep `connections` keep-alive connections busy for `seconds` and report requests per
second; any answer other than 200 (or 304) fails the run, so an error page is never measured
as a fast page.
"""

import http.client
import re
import shutil
import subprocess
import threading
import time
from urllib.parse import urlsplit


class LoadError(RuntimeError):
    pass


def tool() -> str:
    return "wrk" if shutil.which("wrk") else "python"


def requests_per_second(url: str, *, seconds: float, connections: int) -> float:
    if tool() == "wrk":
        return _wrk(url, seconds=seconds, connections=connections)
    return _python(url, seconds=seconds, connections=connections)


def _wrk(url: str, *, seconds: float, connections: int) -> float:
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", url],
        capture_output=True,
        text=True,
        check=True,
    )
    if "Non-2xx or 3xx responses" in result.stdout:
        raise LoadError(f"{url} answered errors under load:\n{result.stdout}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    if not match:
        raise LoadError(f"Unreadable wrk output for {url}:\n{result.stdout}{result.stderr}")
    return float(match.group(1))


def _python(url: str, *, seconds: float, connections: int) -> float:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + seconds
    counts = [0] * connections
    errors: list[str] = []

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            while time.monotonic() < deadline:
                conn.request("GET", target)
                response = conn.getresponse()
                response.read()
                if response.status not in (200, 304):
                    errors.append(f"{url}: {response.status}")
                    return
                counts[index] += 1
        finally:
            conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise LoadError(errors[0])
    return sum(counts) / (time.monotonic() - started)
