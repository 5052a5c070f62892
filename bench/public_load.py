"""Throughput of the public site under gunicorn, beside a bare Django view in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hh_bench_public \
    REDIS_URL=redis://127.0.0.1:6379/10 .venv/bin/python bench/public_load.py [--duration 5 --rounds 3]

Prepares its own database once (migrate + load_demo) and static files in a temporary directory,
then starts gunicorn with 2 workers on 127.0.0.1 with production settings (DEBUG=false; the
required secrets set to test values; no TLS redirect on loopback) and the portal's URLs plus one
bare view (`/bench/bare/`: `HttpResponse("ok")` through the same middleware). Each public URL is
driven by `wrk` for `--duration` seconds right after the bare view, `--rounds` times; the median
of these paired ratios is reported (each pair compares two neighbouring runs on the same
machine). Prints a Markdown table; stops gunicorn by its pid.

Goal (issue 16): every public URL at >= 0.5x the bare view's requests/s, p99 < 100 ms, no errors.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PORT = int(os.environ.get("BENCH_PORT", "6491"))
BASE = f"http://127.0.0.1:{PORT}"

# Settings of the benchmark's server: production (DEBUG off) with throw-away secrets.
SERVER_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdef",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "FIELD_ENCRYPTION_KEY": "dGhpcy1pcy1hLWRldmVsb3BtZW50LW9ubHkta2V5ISE=",
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "WARNING",
}


def prepare(static_root: str) -> None:
    """Database with the demo data (once) and collected static files."""
    env = {**os.environ, "DEBUG": "true", "STATIC_ROOT": static_root}
    python = str(ROOT / ".venv/bin/python")
    subprocess.run([python, "-m", "huanghe_portal.dbsetup"], cwd=ROOT, env=env, check=True)
    for command in (["migrate", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(
            [python, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def fetch(path: str, timeout: float = 10):
    return urllib.request.urlopen(BASE + path, timeout=timeout)  # noqa: S310 (http, loopback)


def start_server(static_root: str) -> subprocess.Popen:
    env = {**os.environ, **SERVER_ENV, "STATIC_ROOT": static_root, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "bench.public_load_wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            fetch("/bench/bare/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.send_signal(signal.SIGTERM)
    raise SystemExit("gunicorn did not answer")


def public_urls() -> list[tuple[str, str]]:
    """The URLs of the goal; the item is the newest published one of the demo data."""
    with fetch("/api/v1/disclosure/items/?page_size=1") as answer:
        item = json.load(answer)["results"][0]["id"]
    return [
        ("home", "/"),
        ("catalogue", "/disclosure/public/"),
        ("item page", f"/disclosure/public/items/{item}/"),
        ("search 调解", "/disclosure/public/?q=%E8%B0%83%E8%A7%A3"),
        ("items API", "/api/v1/disclosure/items/"),
    ]


def wrk(path: str, duration: int, connections: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", BASE + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps_match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    assert rps_match is not None and p99 is not None, output
    rps = float(rps_match.group(1))
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non2xx.group(1)) if non2xx else 0
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    return {"rps": rps, "p99": p99_ms, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="bare/page pairs per URL")
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hh_bench_public")
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL: production serves the page cache from Redis.")
    load_at_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as static_root:
        prepare(static_root)
        server = start_server(static_root)
        try:
            rows = []
            for name, path in public_urls():
                fetch(path).read()  # the first visitor fills the cache
                pairs = []
                for _round in range(args.rounds):
                    bare = wrk("/bench/bare/", args.duration, args.connections)
                    page = wrk(path, args.duration, args.connections)
                    pairs.append((page["rps"] / bare["rps"], bare, page))
                # The median pair: the other sessions on the machine make single runs jumpy.
                ratio, bare, page = sorted(pairs, key=lambda pair: pair[0])[len(pairs) // 2]
                page["p99"] = max(p["p99"] for _r, _b, p in pairs)
                page["errors"] = sum(p["errors"] + b["errors"] for _r, b, p in pairs)
                rows.append((name, path, bare, page))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    print(
        f"wrk -t1 -c{args.connections} -d{args.duration}s, {args.rounds} bare/page pairs per URL "
        "(median ratio; p99 the worst, errors the sum of all runs), gunicorn 2 sync workers, "
        f"load average {load_at_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end\n"
    )
    print(
        "| URL | req/s | bare view req/s (run just before) | ratio | worst p99 ms | errors | goal |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for name, path, bare, page in rows:
        ratio = page["rps"] / bare["rps"]
        ok = ratio >= 0.5 and page["p99"] < 100 and page["errors"] == 0 and bare["errors"] == 0
        print(
            f"| {name} `{path}` | {page['rps']:.0f} | {bare['rps']:.0f} | {ratio:.2f}× | "
            f"{page['p99']:.1f} | {page['errors']} | {'✓' if ok else '✗'} |"
        )


if __name__ == "__main__":
    main()
