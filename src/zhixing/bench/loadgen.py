"""Load generator for the event-to-alert latency benchmark, run as its own process:

    python -m zhixing.bench.loadgen URL TOKEN TARGETS.json RATE SECONDS

posts money arrivals (到账) at a fixed rate (open loop: a slow answer does not slow the
sending) and prints p50/p99 latency in milliseconds as JSON, measured from the moment each
request was due, so queueing in the server counts. Requests that time out or are dropped
because the server fell too far behind are counted as failed."""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

REQUEST_TIMEOUT = 30
# A request that could not even start this long after it was due is dropped and counted:
# the server has fallen behind, and sending it anyway would only lengthen the run.
MAX_LAG = 5.0


def _post(url: str, token: str, body: dict) -> int:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request(
            "POST", parts.path, json.dumps(body),
            {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def run(url: str, token: str, targets: list[dict], rate: float, seconds: float) -> dict:
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    total = int(rate * seconds)
    start = time.perf_counter() + 0.5

    def send(index: int) -> None:
        due = start + index / rate
        if time.perf_counter() - due > MAX_LAG:
            with lock:
                failures.append("dropped: server fell behind")
            return
        target = targets[index % len(targets)]
        body = {
            "case_no": target["case_no"], "txn_id": f"BENCH-{rate:g}-{index}", "amount": "100.00",
            "occurred_at": "2025-06-30T10:00:00+08:00", "beneficiary_key": target["party_key"],
        }
        try:
            status = _post(url, token, body)
        except OSError as exc:
            with lock:
                failures.append(type(exc).__name__)
            return
        elapsed = (time.perf_counter() - due) * 1000
        with lock:
            if status == 200:
                latencies.append(elapsed)
            else:
                failures.append(str(status))

    with ThreadPoolExecutor(max_workers=64) as pool:
        for index in range(total):
            delay = start + index / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, index)
    ordered = sorted(latencies)
    return {
        "rate_per_second": rate,
        "sent": total,
        "answered": len(ordered),
        "failed": len(failures),
        "failures": sorted(set(failures)),
        "p50_ms": round(statistics.median(ordered), 1) if ordered else None,
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 1) if ordered else None,
    }


def main(argv: list[str]) -> None:
    url, token, targets_file, rate, seconds = argv
    with open(targets_file, encoding="utf-8") as handle:
        targets = json.load(handle)
    print(json.dumps(run(url, token, targets, float(rate), float(seconds))))


if __name__ == "__main__":
    main(sys.argv[1:])
