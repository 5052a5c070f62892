#!/usr/bin/env python3
"""The locks match the requirements: every pin of requirements.txt is in requirements.lock and
requirements-dev.lock at the same version, every pin of requirements-dev.txt in
requirements-dev.lock, the two locks agree on every shared package, and every locked package
carries hashes. Offline and fast; `make lock` regenerates the locks when this fails."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path, *, follow: bool = True) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if follow and line.startswith("-r "):
            found.update(pins(path.parent / line[3:].strip()))
        elif match := PIN.match(line):
            found[canonical(match[1])] = match[2]
    return found


def lock(path: Path) -> tuple[dict[str, str], list[str]]:
    text = path.read_text()
    entries, unhashed = {}, []
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        if match := PIN.match(block):
            entries[canonical(match[1])] = match[2]
            if "--hash=sha256:" not in block:
                unhashed.append(match[1])
    return entries, unhashed


def main() -> int:
    errors = []
    runtime_lock, runtime_unhashed = lock(ROOT / "requirements.lock")
    dev_lock, dev_unhashed = lock(ROOT / "requirements-dev.lock")
    for lock_name, unhashed in (
        ("requirements.lock", runtime_unhashed),
        ("requirements-dev.lock", dev_unhashed),
    ):
        errors += [f"{lock_name}: {name} has no hash" for name in unhashed]
    checks = [
        ("requirements.txt", pins(ROOT / "requirements.txt"), "requirements.lock", runtime_lock),
        (
            "requirements-dev.txt",
            pins(ROOT / "requirements-dev.txt"),
            "requirements-dev.lock",
            dev_lock,
        ),
    ]
    for req_name, wanted, lock_name, locked in checks:
        for name, version in sorted(wanted.items()):
            if locked.get(name) != version:
                errors.append(
                    f"{req_name} pins {name}=={version}, {lock_name} has "
                    f"{locked.get(name, 'nothing')}"
                )
    for name, version in sorted(runtime_lock.items()):
        if dev_lock.get(name) != version:
            errors.append(
                f"requirements.lock has {name}=={version}, requirements-dev.lock "
                f"{dev_lock.get(name, 'nothing')}"
            )
    if errors:
        print("The locks do not match the requirements; run `make lock`:", file=sys.stderr)
        print("\n".join(f"  {e}" for e in errors), file=sys.stderr)
        return 1
    print(f"locks match: {len(runtime_lock)} runtime, {len(dev_lock)} dev packages, all hashed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
