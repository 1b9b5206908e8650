#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, starts PostgreSQL, then runs `dotnet test`.
#
#   ./test.sh                                   every test project in AiPlusTasks.sln
#   ./test.sh --filter "FullyQualifiedName~Inbox"   any `dotnet test` arguments are passed through
#   ./test.sh tests/AiPlusTasks.Host.Tests ...  a first argument that is not an option names the project to test
#
# What it sets up, through apt-get (as root, or with sudo):
# - Chromium at /usr/bin/chromium, a CJK font (fonts-wqy-microhei) and Chromium's Latin font (fonts-liberation) for the
#   browser tests (tests/AiPlusTasks.Browser.Tests, driven through Playwright's NuGet package, no `playwright install`);
# - Node.js and npm, for the `npx` tools some tests run;
# - PostgreSQL for the scale-out tests (tests/AiPlusTasks.Reliability.Tests): a cluster, started, where the user postgres
#   has the password postgres, max_connections is 300 and synchronous_commit is off. AIPLUSTASKS_POSTGRES names it; when
#   AIPLUSTASKS_POSTGRES is already set, that server is used as it is and nothing is installed or started for it.
# What is present already is left alone, so a second run installs nothing and starts the tests at once.
set -euo pipefail
cd "$(dirname "$0")"

fail() {
  echo "test.sh: $*" >&2
  exit 1
}

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    fail "needs root to run '$*': run as root or install sudo"
  fi
}

command -v dotnet >/dev/null || fail "the .NET 10 SDK is missing: install it (https://dotnet.microsoft.com/download), see README.md"

missing_packages=()
[ -x /usr/bin/chromium ] || missing_packages+=(chromium)
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing_packages+=(fonts-wqy-microhei fontconfig)
# The Latin font Chromium recommends: the browser tests measure English text (a top bar that must not overflow) in it,
# and the wider DejaVu Sans a bare Chromium falls back to makes those pages overflow.
[ -n "$(fc-list 'Liberation Sans' 2>/dev/null)" ] || missing_packages+=(fonts-liberation)
command -v node >/dev/null && command -v npm >/dev/null || missing_packages+=(nodejs npm)
[ -n "${AIPLUSTASKS_POSTGRES:-}" ] || command -v pg_lsclusters >/dev/null || missing_packages+=(postgresql)

if [ ${#missing_packages[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    fail "missing: ${missing_packages[*]}. This script installs them with apt-get (Debian, Ubuntu); elsewhere install them
yourself: Chromium at /usr/bin/chromium (or set AIPLUSTASKS_BROWSER_TESTS_OPTIONAL=1 to skip the browser tests, e.g. on
macOS), a CJK font, Node.js with npm, and PostgreSQL (e.g. \`brew install postgresql node\`), then set
AIPLUSTASKS_POSTGRES=\"Host=127.0.0.1;Username=postgres;Password=postgres\" to a server whose user may create databases."
  fi
  echo "test.sh: installing ${missing_packages[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing_packages[@]}"
fi

# Answers "max_connections synchronous_commit" when the server takes the tests' password, else nothing.
postgres_settings() {
  PGPASSWORD=postgres psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -tA \
    -c "SELECT current_setting('max_connections') || ' ' || current_setting('synchronous_commit')" 2>/dev/null || true
}

if [ -z "${AIPLUSTASKS_POSTGRES:-}" ]; then
  if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    as_root pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main
  fi
  read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters -h | head -1)
  if [ "$pg_status" != online ] || [ "$(postgres_settings "$pg_port")" != "300 off" ]; then
    echo "test.sh: configuring and starting PostgreSQL $pg_version/$pg_cluster on port $pg_port"
    # Several Host processes share the server in the scale-out tests.
    as_root pg_conftool "$pg_version" "$pg_cluster" set max_connections 300
    # The tests kill Host processes, never the server: a commit need not wait for its WAL flush (a server crash could
    # lose the last commits, which these tests do not do). It keeps the 5,000-instance runs inside the time budget.
    as_root pg_conftool "$pg_version" "$pg_cluster" set synchronous_commit off
    as_root pg_ctlcluster "$pg_version" "$pg_cluster" restart || as_root pg_ctlcluster "$pg_version" "$pg_cluster" start
    # From /: the user postgres may not be allowed into the checkout (psql warns).
    (cd / && as_root su postgres -c "psql -q -p $pg_port -c \"ALTER USER postgres PASSWORD 'postgres';\"")
    [ "$(postgres_settings "$pg_port")" = "300 off" ] || fail "PostgreSQL $pg_version/$pg_cluster did not take the settings"
  fi
  export AIPLUSTASKS_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres"
fi

target=AiPlusTasks.sln
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  target=$1
  shift
fi
exec dotnet test "$target" "$@"
