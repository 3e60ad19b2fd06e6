#!/usr/bin/env bash
# Makes sure GDAL's development files (headers, pkg-config file, library) are installed; installs them with
# apt-get (Debian/Ubuntu) when they are missing. Says what to do when it cannot.
set -euo pipefail

if pkg-config --exists gdal 2>/dev/null; then
    version=$(pkg-config --modversion gdal)
    if ! printf '3.6.2\n%s\n' "$version" | sort -V -C; then
        echo "verdant: GDAL $version is older than 3.6.2, the oldest GDAL Verdant supports." >&2
        exit 1
    fi
    exit 0
fi

echo "verdant: GDAL development files are missing; installing libgdal-dev ..." >&2
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "verdant: cannot install GDAL without root. Run: sudo apt-get update && sudo apt-get install -y libgdal-dev pkg-config" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq libgdal-dev pkg-config >/dev/null
else
    echo "verdant: no apt-get here. Install GDAL >= 3.6.2 with its headers and pkg-config file" >&2
    echo "         (macOS: brew install gdal pkg-config; Fedora: dnf install gdal-devel), then run this again." >&2
    exit 1
fi

if ! pkg-config --exists gdal; then
    echo "verdant: libgdal-dev was installed but pkg-config still cannot find gdal." >&2
    exit 1
fi
echo "verdant: GDAL $(pkg-config --modversion gdal) is installed." >&2
