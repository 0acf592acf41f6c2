#!/usr/bin/env bash
# Create .venv (Python 3.11), upgrade its pip (the bundled one is too old for
# some resolvers) and install ProlifWatch with the extras named in $1 ("test").
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
[ -x .venv/bin/python ] || "$python" -m venv .venv
pip() { .venv/bin/python -m pip --disable-pip-version-check --quiet "$@" 2> >(grep -v "^WARNING: Location" >&2); }
extras=${1:+[$1]}
# Run again, it only installs what pyproject.toml changed since (the editable
# install follows src/ by itself): the stamp is the pyproject.toml it installed.
stamp=".venv/.installed${1:+-$1}"
if ! cmp -s pyproject.toml "$stamp"; then
    pip install --upgrade "pip>=25"
    pip install -e ".${extras}"
    cp pyproject.toml "$stamp"
fi
# The browser tests drive Debian's chromium through Playwright (never
# `playwright install`, which downloads a browser): install it when missing.
# The tests launch /usr/bin/chromium, so that is the path checked.
if [ "${1:-}" = "test" ] && [ ! -x /usr/bin/chromium ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "installing Debian's chromium for the browser tests ..." >&2
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
