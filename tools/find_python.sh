#!/usr/bin/env bash
# Find a Python that the course's lock supports and print its path; or stop, saying what was found and how
# to get a supported one. The Makefile runs this before it creates .venv, so nothing is installed on a
# machine that cannot run the course. Usage: bash tools/find_python.sh   (or PYTHON=python3.12 bash ...)
# `bash tools/find_python.sh --versions` prints the supported versions (e.g. "3.11 3.12 3.13") and stops: the
# Makefile asks it, so this is the shell's one reader of the range (tools/lockfile.py is Python's; a test holds
# the two to the same answer).
#
# The supported versions are pyproject.toml's requires-python (">=3.11,<3.14"): the versions every package in
# requirements.lock has wheels for (TensorFlow 2.21: 3.10-3.13; numpy 2.4, matplotlib 3.11, Pillow 13,
# ipykernel 7.4: 3.11 and newer; h5py and TensorFlow: no 3.14 wheels).
# Only bash built-ins and `uname` are used, so the tests can run it with nothing but stand-ins on PATH.
set -u

root="${BASH_SOURCE[0]%/*}/.."
lo="" hi=""
while IFS= read -r line; do
    if [[ $line =~ ^requires-python\ *=\ *\"\>=3\.([0-9]+),\ *\<3\.([0-9]+)\" ]]; then
        lo=${BASH_REMATCH[1]} hi=${BASH_REMATCH[2]}
    fi
done <"$root/pyproject.toml"
if [ -z "$lo" ]; then
    echo "tools/find_python.sh: pyproject.toml has no requires-python of the form \">=3.X,<3.Y\"." >&2
    exit 2
fi
supported=()
for ((minor = lo; minor < hi; minor++)); do supported+=("3.$minor"); done
if [ "${1:-}" = --versions ]; then
    echo "${supported[*]}"
    exit 0
fi
wanted="${supported[*]}"
wanted="${wanted// /, }"
wanted="${wanted%, *} or ${supported[-1]}"

hosted="Or run the course with nothing to install: Binder or Google Colab (README.md, \"Running elsewhere\")."

os=$(uname -s 2>/dev/null || echo unknown)
arch=$(uname -m 2>/dev/null || echo unknown)
case "$os" in
Darwin)
    if [ "$arch" = x86_64 ]; then
        if [ "$(sysctl -n sysctl.proc_translated 2>/dev/null)" = 1 ]; then
            echo "This terminal runs under Rosetta (Intel emulation) on an Apple Silicon Mac. TensorFlow 2.21" >&2
            echo "has no wheels for Intel Macs: open a native (arm64) terminal and run the same command again." >&2
        else
            echo "Set-up stopped before installing anything: this is an Intel Mac (macOS on x86_64), and" >&2
            echo "TensorFlow 2.21, which notebook 06 needs, publishes no wheels for Intel Macs (the last were for 2.16)." >&2
            echo "$hosted" >&2
        fi
        exit 1
    fi
    ;;
MINGW* | MSYS* | CYGWIN*)
    echo "Set-up stopped before installing anything: this is a Windows shell ($os). The course runs on Windows" >&2
    echo "in WSL2 (Ubuntu): open an Ubuntu terminal and run the same two commands there (README.md, \"Windows\")." >&2
    echo "$hosted" >&2
    exit 1
    ;;
esac

# What each candidate is: "3.12 venv" when it can make a virtual environment, "3.12 novenv" when it cannot.
probe='import sys
try:
    import ensurepip, venv
    ok = "venv"
except ImportError:
    ok = "novenv"
print("%d.%d %s" % (sys.version_info[0], sys.version_info[1], ok))'

if [ -n "${PYTHON:-}" ]; then
    candidates=("$PYTHON")
else
    candidates=(python3)
    for ((i = ${#supported[@]} - 1; i >= 0; i--)); do candidates+=("python${supported[i]}"); done
fi

found=() missing=()
for name in "${candidates[@]}"; do
    path=$(command -v "$name" 2>/dev/null) || { missing+=("$name"); continue; }
    answer=$("$path" -c "$probe" 2>/dev/null) || { found+=("$name ($path): does not run"); continue; }
    version=${answer%% *} has_venv=${answer##* }
    for ok in "${supported[@]}"; do
        if [ "$version" = "$ok" ]; then
            if [ "$has_venv" = venv ]; then
                echo "$path"
                exit 0
            fi
            found+=("$name ($path): Python $version, but without its venv module")
            continue 2
        fi
    done
    found+=("$name ($path): Python $version")
done

{
    echo "Set-up stopped before installing anything: the course needs Python $wanted"
    echo "(the versions that every package in requirements.lock has wheels for)."
    echo "Found:"
    for line in "${found[@]}"; do echo "  $line"; done
    if [ ${#missing[@]} -gt 0 ]; then
        list="${missing[*]}"
        echo "  not on PATH: ${list// /, }"
    fi
    if [ -n "${PYTHON:-}" ]; then
        echo "PYTHON=$PYTHON was asked for; leave PYTHON unset to let the set-up look for python3, python3.13, ..."
    fi
    echo "Get Python $wanted (3.12 is a good choice), then run the same command again:"
    echo "  Debian or Ubuntu:  sudo apt install python3.12 python3.12-venv   (older releases: the deadsnakes PPA)"
    echo "  macOS (Apple Silicon):  brew install python@3.12, or the installer from python.org"
    echo "  any system:  uv python install 3.12, or pyenv install 3.12"
    echo "  an interpreter the set-up cannot find by name:  make lab PYTHON=/path/to/python3.12"
    echo "$hosted"
} >&2
exit 1
