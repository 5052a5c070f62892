"""Load test: gunicorn (2 workers, production settings) on loopback against PostgreSQL holding
the demo data plus 100,000 disputes, driven by wrk through a bounded mix of requests.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hh_bench_load .venv/bin/python bench/load.py

Builds the data once (the 100,000 cases of bench/disputes_list.py, then `load_demo`), starts
gunicorn with deploy/gunicorn.conf.py on a free loopback port, checks every URL answers 200,
then runs wrk per scenario (LOAD_SECONDS each, default 15; LOAD_CONNECTIONS, default 8) and
prints throughput, p50/p95/p99 latency and errors as a Markdown table, beside a bare Django view
measured in the same run. Stops gunicorn by its pid at the end. Needs `wrk` (Debian package).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hh_bench_load")
os.environ["DEBUG"] = "true"  # for the set-up in this process; gunicorn runs with DEBUG off
os.environ.setdefault("REDIS_URL", "")
SECRET_KEY = "bench-load-secret-key-" + "x" * 40  # noqa: S105 - shared with gunicorn: sessions
os.environ["SECRET_KEY"] = SECRET_KEY
SECONDS = int(os.environ.get("LOAD_SECONDS", "15"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "8"))
GUNICORN_LOG = Path(tempfile.gettempdir()) / "bench-load-gunicorn.log"

import disputes_list  # noqa: E402 - sets Django up on DATABASE_URL and knows the 100,000 cases
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

LUA = """
local paths = {%(paths)s}
%(headers)s
local counter = 0
request = function()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def prepare() -> dict:
    call_command("migrate", verbosity=0)
    User = get_user_model()
    mediators = disputes_list.bench_mediators()
    if not User.objects.filter(username="leader").exists():
        call_command("load_demo")
    disputes_list.build(mediators)  # the 100,000 cases, after the demo's
    from rest_framework.authtoken.models import Token

    from disputes.models import Dispute
    from huanghe_portal.models import StaffProfile

    leader = User.objects.get(username="leader")
    StaffProfile.objects.filter(user=leader).update(must_change_password=False)
    client = Client()
    client.force_login(leader)
    token, _created = Token.objects.get_or_create(user=leader)
    rng = random.Random(7)
    ids = list(
        Dispute.objects.values_list("pk", flat=True)[:: max(1, Dispute.objects.count() // 200)]
    )
    return {
        "session": client.cookies["sessionid"].value,
        "token": token.key,
        "dispute_ids": rng.sample(ids, min(40, len(ids))),
        "disputes": Dispute.objects.count(),
    }


def scenarios(data: dict) -> list[tuple[str, list[str], str]]:
    """(name, paths, auth) with auth one of "", "session", "token"."""
    details = [f"/disputes/{pk}/" for pk in data["dispute_ids"]]
    return [
        ("bare Django view (same middleware)", ["/bench/bare/"], ""),
        (
            "public: home, catalogue, events, drafts",
            [
                "/",
                "/disclosure/public/",
                "/disclosure/public/?page=2",
                "/legal-education/public/events/",
                "/decisions/public/drafts/",
                "/petitions/public/reception-days/",
            ],
            "",
        ),
        (
            "public: catalogue search",
            [
                "/disclosure/public/?q=公开",
                "/disclosure/public/?q=年度报告",
                "/disclosure/public/?q=法治政府建设",
                "/disclosure/public/?q=预算",
            ],
            "",
        ),
        (
            "public API lists",
            ["/api/v1/disclosure/items/", "/api/v1/villages/", "/api/v1/disclosure/items/?page=2"],
            "",
        ),
        (
            "staff lists (leader, 100,000 cases)",
            [
                "/staff/",
                "/disputes/",
                "/disputes/?page=500",
                "/disputes/?status=accepted",
                "/disputes/?q=谭明",
                "/petitions/",
                "/disclosure/",
                "/decisions/",
            ],
            "session",
        ),
        ("staff details (leader)", details, "session"),
        (
            "API lists (token)",
            [
                "/api/v1/disputes/",
                "/api/v1/disputes/?page=300",
                "/api/v1/disputes/?search=谭明",
                "/api/v1/petitions/",
                "/api/v1/decisions/",
            ],
            "token",
        ),
    ]


def encoded(paths: list[str]) -> list[str]:
    return [urllib.parse.quote(p, safe="/?=&") for p in paths]


def headers_for(auth: str, data: dict) -> dict:
    if auth == "session":
        return {"Cookie": f"sessionid={data['session']}"}
    if auth == "token":
        return {"Authorization": f"Token {data['token']}"}
    return {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "FIELD_ENCRYPTION_KEY": "dGhpcy1pcy1hLWRldmVsb3BtZW50LW9ubHkta2V5ISE=",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "THROTTLE_ANON": "100000000/minute",
        "LOG_LEVEL": "INFO",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "deploy/gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
            "huanghe_portal.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=GUNICORN_LOG.open("w"),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(GUNICORN_LOG.read_text())
        # Ready when both workers have booted (the arbiter listens before that).
        if GUNICORN_LOG.read_text().count("Booting worker") >= 2:
            time.sleep(2)
            return process
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start within 60 s")


def check(base: str, paths: list[str], headers: dict) -> list[str]:
    """The paths that answer 200 (warming each worker up); the others are reported."""
    good = []
    for path in paths:
        request = urllib.request.Request(base + path, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
                code = response.status
        except urllib.error.HTTPError as exc:
            code = exc.code
        if code == 200:
            good.append(path)
        else:
            print(f"  skipped {path}: HTTP {code}", file=sys.stderr)
    return good


def run_wrk(base: str, paths: list[str], headers: dict) -> dict:
    lua_paths = ", ".join('"' + p.replace('"', '\\"') + '"' for p in paths)
    lua_headers = "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in headers.items())
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": lua_paths, "headers": lua_headers})
    try:
        result = subprocess.run(
            [
                "wrk",
                "-t",
                "2",
                "-c",
                str(CONNECTIONS),
                "-d",
                f"{SECONDS}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=SECONDS + 60,
        )
    finally:
        os.unlink(script.name)
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", result.stdout)
    assert match is not None, result.stdout
    requests, duration_us, p50, p95, p99, socket_errors, status_errors = map(int, match.groups())
    return {
        "rps": requests / (duration_us / 1e6),
        "requests": requests,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": socket_errors + status_errors,
    }


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install --no-install-recommends wrk")
    started = time.monotonic()
    data = prepare()
    print(
        f"data ready in {time.monotonic() - started:.0f} s: {data['disputes']:,} disputes",
        file=sys.stderr,
    )
    port = free_port()
    server = start_gunicorn(port)
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for name, paths, auth in scenarios(data):
            headers = headers_for(auth, data)
            good = check(base, encoded(paths), headers)
            if not good:
                continue
            print(f"  {name}: {len(good)} URLs, {SECONDS} s", file=sys.stderr)
            rows.append((name, len(good), run_wrk(base, good, headers)))
    except Exception:
        print(GUNICORN_LOG.read_text()[-3000:], file=sys.stderr)
        raise
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    load = os.getloadavg()[0]
    print(
        f"\ngunicorn 2 sync workers, DEBUG off, {data['disputes']:,} disputes; wrk 2 threads, "
        f"{CONNECTIONS} connections, {SECONDS} s per row; load average {load:.1f}\n"
    )
    print("| scenario | URLs | requests/s | p50 ms | p95 ms | p99 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, count, r in rows:
        print(
            f"| {name} | {count} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['p99']:.1f} | {r['errors']} |"
        )


if __name__ == "__main__":
    main()
