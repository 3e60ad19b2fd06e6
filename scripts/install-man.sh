#!/bin/sh
# Generates verdant's man page, verdant(1), from its help with swift-argument-parser's generate-manual plugin and
# installs it into ${PREFIX:-/usr/local}/share/man/man1 (then `man verdant`).
#
#   scripts/install-man.sh                    # /usr/local/share/man/man1/verdant.1 (may need sudo)
#   PREFIX=$HOME/.local scripts/install-man.sh
#
# CONFIGURATION=debug builds the page from a debug build (faster; the plugin's default is release);
# VERDANT_MAN_PAGE=FILE installs that page instead of generating one.
set -eu
cd "$(dirname "$0")/.."
prefix="${PREFIX:-/usr/local}"
page="${VERDANT_MAN_PAGE:-}"
if [ -z "$page" ]; then
    swift package generate-manual --configuration "${CONFIGURATION:-release}"
    page=".build/plugins/GenerateManual/outputs/VerdantCLI/verdant.1"
fi
if [ ! -s "$page" ]; then
    echo "install-man.sh: no man page at $page" >&2
    exit 1
fi
install -d "$prefix/share/man/man1"
install -m 0644 "$page" "$prefix/share/man/man1/verdant.1"
echo "installed $prefix/share/man/man1/verdant.1"
