# Shared by scripts/test, scripts/chat, scripts/bench, scripts/chaos and
# scripts/fuzz: install what is missing, find what cargo built, and provide a
# Postgres. Sourced, not run.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1
  fi
}

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_rust() {
  command -v cargo >/dev/null || { echo "cargo is missing: install Rust (https://rustup.rs)" >&2; exit 1; }
  for component in rustfmt clippy; do
    if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
      say "installing the Rust component $component"
      rustup component add "$component"
    fi
  done
  target_dir=$(cargo_target_dir "$repo_root/Cargo.toml")
  # The bot as `cargo build --bin resilience-bot` leaves it.
  bot="$target_dir/debug/resilience-bot"
}

# Where cargo puts what it builds for the package of manifest $1: target/
# next to it, unless CARGO_TARGET_DIR or a cargo config says otherwise. Read
# from `cargo metadata` (one line of JSON) with sed, so no JSON tool is needed.
cargo_target_dir() {
  local dir
  dir=$(cargo metadata --format-version 1 --no-deps --manifest-path "$1" |
    sed -n 's/.*"target_directory":"\(\([^"\\]\|\\.\)*\)".*/\1/p' | sed 's/\\\(["\\]\)/\1/g')
  [ -n "$dir" ] || { echo "cargo metadata did not say where cargo builds $1" >&2; exit 1; }
  printf '%s' "$dir"
}

# Debian keeps the server binaries (initdb, pg_ctl) in /usr/lib/postgresql/<version>/bin.
has_postgres_server() {
  compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || command -v pg_ctl >/dev/null ||
    { [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/pg_ctl" ]; }
}

ensure_postgres_binaries() {
  if ! has_postgres_server; then
    say "installing Debian's postgresql (server binaries for a private cluster)"
    apt_install postgresql
  fi
}

# The operator desk's browser tests drive Debian's headless Chromium through
# chromedriver (WebDriver); they start chromedriver themselves.
ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver (the desk's browser tests)"
    apt_install chromium chromium-driver
  fi
}

# A data directory the cluster can use, wherever cargo's target directory
# is. As root the cluster runs as `postgres`, which cannot enter e.g. /root;
# and the Unix socket's path (DATA_DIR/postgres/run/.s.PGSQL.5432) must fit
# in 104 bytes. Otherwise fall back to a directory under /var/tmp named
# after the wanted one.
choose_data_dir() {
  local wanted=$1 fallback
  case $wanted in /*) ;; *) wanted="$PWD/$wanted" ;; esac
  fallback="/var/tmp/resilience-bot-$(printf '%s' "$wanted" | sha1sum | cut -c1-12)"
  if [ $(( ${#wanted} + ${#socket_suffix} )) -ge 104 ]; then
    wanted=$fallback
  elif [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    mkdir -p "$wanted"
    runuser -u postgres -- test -x "$wanted" || wanted=$fallback
  fi
  if [ "$wanted" = "$fallback" ]; then
    mkdir -p "$wanted" && chmod 755 "$wanted"
  fi
  printf '%s' "$wanted"
}
socket_suffix=/postgres/run/.s.PGSQL.5432

# Starts the private cluster (in $1, or DATA_DIR if set) unless DATABASE_URL
# is set; exports DATABASE_URL and stops the cluster when the calling script
# exits. Needs the bot built (`$bot`, set by ensure_rust).
ensure_database() {
  if [ -n "${DATABASE_URL:-}" ]; then
    say "using DATABASE_URL from the environment"
    return
  fi
  ensure_postgres_binaries
  DATA_DIR=$(choose_data_dir "${DATA_DIR:-$1}")
  export DATA_DIR
  say "starting a private Postgres cluster in $DATA_DIR"
  # Stop it at exit only if this script started it: another scripts/chat may
  # be using a cluster that was already running.
  local already_running=
  [ -f "$DATA_DIR/postgres/data/postmaster.pid" ] && already_running=1
  DATABASE_URL=$("$bot" db start)
  export DATABASE_URL
  if [ -z "$already_running" ]; then
    trap '"$bot" db stop' EXIT
  fi
}
