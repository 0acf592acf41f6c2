#!/usr/bin/env bash
# Set up with the test extras and run the whole suite on both cores.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
exec .venv/bin/python -m pytest -n 2 --dist loadgroup "$@"
