#!/usr/bin/env bash
# Set up a machine for CommunityDesk; safe to run again (it only does what is missing).
#   scripts/bootstrap.sh            libraries for offscreen Qt (tests), the venv, the catalogs
#   scripts/bootstrap.sh --window   also the libraries a real window needs
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

packages="libgl1 libegl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libxkbcommon0"
if [ "${1:-}" = "--window" ]; then
  packages="$packages libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0"
fi

python_bin="${PYTHON:-python3}"
# Debian's python3 may lack venv and pip: they come from python3-venv.
if ! "$python_bin" -c "import venv, ensurepip" >/dev/null 2>&1; then
  packages="$packages python3-venv"
fi

if command -v dpkg >/dev/null 2>&1; then
  missing=""
  for package in $packages; do
    dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
  done
  if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
    if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
      echo "Installing system libraries:$missing"
      $sudo apt-get update -q >/dev/null
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null
    else
      echo "Please install these Debian packages (as root):$missing" >&2
      exit 1
    fi
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv"
  "$python_bin" -m venv .venv
fi

# Reinstall only when the project's declared dependencies changed.
stamp=".venv/.communitydesk-installed"
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "Installing CommunityDesk and its dependencies into .venv"
  .venv/bin/python -m pip install -q -e ".[dev]" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
  echo "$wanted" > "$stamp"
fi

# Message catalogs edited since the install are compiled again (only the changed ones).
.venv/bin/python scripts/compile_catalogs.py "$root"
