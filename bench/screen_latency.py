"""One `prolifwatch screen NAME` from start to exit: with the warm screener, and without it.

Usage: .venv/bin/python bench/screen_latency.py STORE [--runs 5]

STORE must have lists loaded (`prolifwatch lists load FILE --db STORE`).  The
warm case first starts the store's screener (screen/server.py) with one
`screen` and waits until it answers, then times `screen` calls with
farm-bench (the whole process: interpreter start, imports, store, answer).
The cold case times the same call with PROLIFWATCH_SCREEN_SERVER=off, every
call building its own screener, as before issue 20.  The server is stopped
at the end.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from prolifwatch.screen import server

NAME = "Iran Matin"


def _prolifwatch() -> str:
    found = Path(sys.executable).with_name("prolifwatch")
    return str(found) if found.exists() else (shutil.which("prolifwatch") or "prolifwatch")


def _farm_bench(command: list[str], runs: int, env: dict[str, str] | None = None) -> None:
    line = " ".join(f"'{part}'" for part in command)
    subprocess.run(["farm-bench", "-n", str(runs), "--timeout", "300", "--", "sh", "-c", f"exec {line} >/dev/null"],
                   env=env, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    command = [_prolifwatch(), "screen", NAME, "--db", args.store]
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)  # answers, and starts the warm screener
    request = {"ping": True}
    for _ in range(600):
        if server.ask(args.store, request):
            break
        time.sleep(0.5)
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)  # the server builds its screener once
    print(f"warm: {NAME!r} answered by the store's screener")
    _farm_bench(command, args.runs)
    server.stop(args.store)
    print(f"cold: {NAME!r} screened in its own process ({server.ENVIRONMENT}=off)")
    _farm_bench(command, args.runs, {**os.environ, server.ENVIRONMENT: "off"})


if __name__ == "__main__":
    main()
