#!/usr/bin/env bash
# Runs the whole test suite against a throwaway PostgreSQL cluster.
#
#   ./test.sh                                                # everything
#   TEST_FILTER='FullyQualifiedName~Workflow' ./test.sh      # passed to `dotnet test --filter`
#   TEST_FILTER='FullyQualifiedName~\(Postgres\)' ./test.sh  # only the fixtures on PostgreSQL
#   CLEARANCE_TEST_SQLSERVER='Server=...' ./test.sh          # also on that SQL Server
#
# What it does:
#   0. installs the test tools when missing: `npm ci` in tests/tools (@redocly/cli, oidc-provider; Debian's
#      `nodejs` and `npm` packages first when npm is missing), `dotnet tool restore` (dotnet-ef, kiota), and
#      Debian's `chromium` for the workspace's browser tests (Playwright drives /usr/bin/chromium);
#   1. finds pg_ctl/initdb/postgres (/usr/lib/postgresql/<highest>/bin, then PATH); when they are
#      missing it installs Debian's `postgresql` package (as root, or through `sudo -n`);
#   2. creates a cluster in a temporary directory (owned by the `postgres` user when run as root),
#      with a random password (scram-sha-256), listening on 127.0.0.1 on a free port only;
#      the Debian service and pg_ctlcluster are not used;
#   3. exports CLEARANCE_TEST_POSTGRES (tests create their own databases from it) and runs
#      `dotnet test ClearanceWorkflow.sln -c Release` with a TRX logger; the SQL Server fixtures
#      exist only when CLEARANCE_TEST_SQLSERVER names a server the tests may create databases on
#      (none is started here);
#   4. generates the idempotent SQL Server migration script with the local dotnet-ef tool;
#   5. counts passed/failed/skipped from the TRX files, stops the cluster and removes the
#      directory (also on failure or Ctrl-C), and prints, as the last two lines, whether the
#      SQL Server tests ran and the counts: `N passed, N failed` or `N passed, N failed, N skipped`.
# Exits non-zero when the build or any test fails, any test is skipped, no test ran, or the
# SQL Server migration script cannot be generated.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [[ -n "${CI:-}" ]]; then
    # No MSBuild node left running after the build on CI machines.
    export MSBUILDDISABLENODEREUSE=1
fi

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'test.sh: error: %s\n' "$*" >&2; exit 1; }

command -v python3 >/dev/null 2>&1 || die "python3 is required (free port, password, TRX parsing)"
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is required"

IS_ROOT=0
if [[ "$(id -u)" -eq 0 ]]; then
    IS_ROOT=1
fi

# Runs a command as root: directly, or through passwordless sudo.
as_root() {
    if [[ $IS_ROOT -eq 1 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        die "a missing package needs root to install: run as root, allow passwordless sudo, or install it yourself ('postgresql'; 'nodejs' and 'npm'; 'chromium')"
    fi
}

# Runs a command as the cluster owner: `postgres` when we are root (the server refuses to run as
# root), ourselves otherwise.
as_pg() {
    if [[ $IS_ROOT -eq 1 ]]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

PG_BIN=""
find_pg_bin() {
    PG_BIN=""
    local dir best="" best_ver=-1 ver
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x "$dir/pg_ctl" && -x "$dir/initdb" && -x "$dir/postgres" ]] || continue
        ver="$(basename "$(dirname "$dir")")"
        ver="${ver%%.*}"
        [[ "$ver" =~ ^[0-9]+$ ]] || continue
        if (( ver > best_ver )); then
            best_ver=$ver
            best=$dir
        fi
    done
    if [[ -n "$best" ]]; then
        PG_BIN="$best"
        return 0
    fi
    local pg_ctl
    if pg_ctl="$(command -v pg_ctl)" && command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1; then
        PG_BIN="$(dirname "$pg_ctl")"
        return 0
    fi
    return 1
}

# While apt installs the package, a temporary policy-rc.d keeps the Debian service (and its
# `main` cluster) from starting: this script runs its own cluster.
POLICY_RC_D=/usr/sbin/policy-rc.d
POLICY_RC_D_OURS=0
install_postgres() {
    log "PostgreSQL server binaries not found; installing the 'postgresql' package"
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is not available: install PostgreSQL (pg_ctl, initdb, postgres) and re-run"
    as_root true
    trap remove_policy_rc_d EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    if [[ ! -e $POLICY_RC_D ]]; then
        POLICY_RC_D_OURS=1
        printf '#!/bin/sh\nexit 101\n' | as_root tee "$POLICY_RC_D" >/dev/null
        as_root chmod 755 "$POLICY_RC_D"
    fi
    as_root apt-get update || die "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql \
        || die "apt-get install postgresql failed"
    remove_policy_rc_d
    trap - EXIT
}
remove_policy_rc_d() {
    if [[ $POLICY_RC_D_OURS -eq 1 ]]; then
        as_root rm -f "$POLICY_RC_D" || true
        POLICY_RC_D_OURS=0
    fi
}

# --- test tools ----------------------------------------------------------------------------
# The OpenAPI tests run @redocly/cli (npm, tests/tools/package-lock.json) and Kiota (a local dotnet tool).
install_node() {
    log "npm not found; installing Debian's 'nodejs' and 'npm' packages"
    command -v apt-get >/dev/null 2>&1 || die "npm is not installed and apt-get is not available: install Node.js (20 or later) with npm and re-run"
    as_root true
    as_root apt-get update || die "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
        || die "apt-get install nodejs npm failed"
}
TOOLS_DIR=tests/tools
TOOLS_STALE=0
if [[ ! -x "$TOOLS_DIR/node_modules/.bin/redocly" || "$TOOLS_DIR/package-lock.json" -nt "$TOOLS_DIR/node_modules/.package-lock.json" ]]; then
    TOOLS_STALE=1
    command -v npm >/dev/null 2>&1 || install_node
fi
# The tests run both tools with node: @redocly/cli and oidc-provider need Node.js 20 or later (Debian 12's package is 18).
node_major=$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/' || true)
[[ "$node_major" =~ ^[0-9]+$ && $node_major -ge 20 ]] \
    || die "Node.js 20 or later is needed for the test tools (found: $(node --version 2>/dev/null || echo none)); install it (for example from NodeSource) and re-run"
if [[ $TOOLS_STALE -eq 1 ]]; then
    log "npm ci in $TOOLS_DIR (@redocly/cli, oidc-provider)"
    (cd "$TOOLS_DIR" && npm ci --no-audit --no-fund </dev/null >&2) || die "npm ci in $TOOLS_DIR failed"
fi
# The workspace's browser tests drive Debian's Chromium; Playwright cannot download its own browser here.
if [[ ! -x /usr/bin/chromium ]]; then
    log "/usr/bin/chromium not found; installing Debian's 'chromium' package"
    command -v apt-get >/dev/null 2>&1 || die "chromium is not installed and apt-get is not available: install Chromium at /usr/bin/chromium and re-run"
    as_root true
    as_root apt-get update || die "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
        || die "apt-get install chromium failed"
fi
log "dotnet tool restore (dotnet-ef, kiota)"
dotnet tool restore </dev/null >&2 || die "dotnet tool restore failed"

if ! find_pg_bin; then
    install_postgres
    find_pg_bin || die "the 'postgresql' package was installed but pg_ctl/initdb/postgres were not found under /usr/lib/postgresql/*/bin or on PATH"
fi
log "PostgreSQL binaries: $PG_BIN ($("$PG_BIN/postgres" --version))"

if [[ $IS_ROOT -eq 1 ]] && ! id postgres >/dev/null 2>&1; then
    log "creating the 'postgres' system user to own the throwaway cluster"
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
fi

# The cluster owner must be able to reach the directory; /tmp always works.
TMP_BASE="${TMPDIR:-/tmp}"
if [[ $IS_ROOT -eq 1 ]] && ! as_pg test -x "$TMP_BASE" 2>/dev/null; then
    TMP_BASE=/tmp
fi
WORK_DIR="$(mktemp -d "$TMP_BASE/clearance-test.XXXXXX")"
PG_DATA="$WORK_DIR/pgdata"
RESULTS_DIR="$WORK_DIR/results"
PG_LOG="$WORK_DIR/postgres.log"
PG_STARTED=0
SUMMARY=""
SQLSERVER_NOTE=""

# Silent cleanup; the summary line is printed last, after it.
cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    if [[ $PG_STARTED -eq 1 ]]; then
        (cd "$WORK_DIR" && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop) >/dev/null 2>&1
        if [[ -f "$PG_DATA/postmaster.pid" ]]; then
            # pg_ctl could not stop it: end the postmaster we started, by its pid.
            local pid
            pid="$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null)"
            if [[ "$pid" =~ ^[0-9]+$ ]]; then
                kill -9 "$pid" >/dev/null 2>&1
            fi
        fi
    fi
    remove_policy_rc_d >/dev/null 2>&1
    if [[ -n "${CI:-}" ]]; then
        dotnet build-server shutdown >/dev/null 2>&1
    fi
    rm -rf "$WORK_DIR" >/dev/null 2>&1
    if [[ -n "$SUMMARY" ]]; then
        if [[ -n "$SQLSERVER_NOTE" ]]; then
            printf '%s\n' "$SQLSERVER_NOTE"
        fi
        printf '%s\n' "$SUMMARY"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$RESULTS_DIR"

# --- cluster -------------------------------------------------------------------------------
PG_PASSWORD="$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
printf '%s\n' "$PG_PASSWORD" >"$WORK_DIR/pwfile"
chmod 600 "$WORK_DIR/pwfile"
if [[ $IS_ROOT -eq 1 ]]; then
    chown -R postgres: "$WORK_DIR"
fi
chmod 700 "$WORK_DIR"

log "initdb in $PG_DATA"
(cd "$WORK_DIR" && as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$WORK_DIR/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --no-locale --no-sync >"$WORK_DIR/initdb.log" 2>&1) \
    || { cat "$WORK_DIR/initdb.log" >&2; die "initdb failed"; }
rm -f "$WORK_DIR/pwfile"

free_port() {
    python3 - <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

# Our settings live in their own file, included last, so they override initdb's defaults.
printf "include 'clearance-test.conf'\n" >>"$PG_DATA/postgresql.conf"

# A port found free can be taken before the server binds it: try a few.
PG_PORT=""
for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    cat >"$PG_DATA/clearance-test.conf" <<EOF
# Throwaway test cluster (test.sh): no durability needed.
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK_DIR'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    if [[ $IS_ROOT -eq 1 ]]; then
        chown postgres: "$PG_DATA/clearance-test.conf"
    fi
    PG_STARTED=1
    if (cd "$WORK_DIR" && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null); then
        PG_PORT=$port
        break
    fi
    log "PostgreSQL did not start on port $port (attempt $attempt)"
done
if [[ -z "$PG_PORT" ]]; then
    cat "$PG_LOG" >&2 || true
    die "could not start the throwaway PostgreSQL cluster"
fi
log "PostgreSQL listening on 127.0.0.1:$PG_PORT (data in $PG_DATA)"

if [[ -x "$PG_BIN/psql" ]]; then
    PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
        -X -A -t -w -c 'select version()' >&2 \
        || die "cannot connect to the throwaway cluster with the generated password"
fi

export CLEARANCE_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD;Database=postgres;Pooling=true;Maximum Pool Size=50"

# SQL Server is not started here: its fixtures run only against a server named from outside.
if [[ -n "${CLEARANCE_TEST_SQLSERVER:-}" ]]; then
    export CLEARANCE_TEST_SQLSERVER
    SQLSERVER_NOTE="SQL Server: tests ran against CLEARANCE_TEST_SQLSERVER"
else
    unset CLEARANCE_TEST_SQLSERVER
    SQLSERVER_NOTE="SQL Server: CLEARANCE_TEST_SQLSERVER not set, its tests were not run"
fi

# --- tests ---------------------------------------------------------------------------------
test_args=(test ClearanceWorkflow.sln -c Release
    --results-directory "$RESULTS_DIR"
    --logger "trx"
    --logger "console;verbosity=normal")
if [[ -n "${TEST_FILTER:-}" ]]; then
    test_args+=(--filter "$TEST_FILTER")
fi

log "dotnet ${test_args[*]}"
dotnet_rc=0
dotnet "${test_args[@]}" </dev/null || dotnet_rc=$?

# --- SQL Server migration script -----------------------------------------------------------
# Proves the SQL Server migrations still script, although no SQL Server runs here.
script_rc=0
SQLSERVER_MIGRATIONS=src/ClearanceWorkflow.Migrations.SqlServer
log "generating the idempotent SQL Server migration script"
if dotnet ef migrations script --idempotent --configuration Release \
        --project "$SQLSERVER_MIGRATIONS" --startup-project "$SQLSERVER_MIGRATIONS" \
        -o "$WORK_DIR/sqlserver-migrations.sql" </dev/null >&2 \
    && [[ -s "$WORK_DIR/sqlserver-migrations.sql" ]]; then
    log "SQL Server migration script: $(wc -l <"$WORK_DIR/sqlserver-migrations.sql") lines"
else
    script_rc=1
    log "the SQL Server migration script could not be generated"
fi

# --- counts --------------------------------------------------------------------------------
counts="$(python3 - "$RESULTS_DIR" <<'PY'
# Counts from every TRX file. The ResultSummary <Counters> leave notExecuted at 0 for NUnit's
# ignored and inconclusive tests (they show only as total > executed), so the outcomes of the
# individual <UnitTestResult>s are counted too and the larger figure wins.
import pathlib
import sys
import xml.etree.ElementTree as ET

def local(tag):
    return tag.rsplit("}", 1)[-1]

passed = failed = skipped = files = 0
for trx in sorted(pathlib.Path(sys.argv[1]).rglob("*.trx")):
    try:
        root = ET.parse(trx).getroot()
    except ET.ParseError as e:
        print(f"unreadable TRX {trx}: {e}", file=sys.stderr)
        failed += 1
        continue
    counters = next((el for el in root.iter() if local(el.tag) == "Counters"), None)
    if counters is None:
        print(f"no <Counters> in {trx}", file=sys.stderr)
        failed += 1
        continue
    files += 1
    c = lambda name: int(counters.get(name, "0") or 0)
    c_failed = c("failed") + c("error") + c("timeout") + c("aborted")
    c_skipped = max(c("notExecuted") + c("inconclusive") + c("notRunnable"), c("total") - c("executed"))

    r_failed = r_skipped = 0
    for results in (el for el in root if local(el.tag) == "Results"):
        for result in results:  # top level only: data-driven InnerResults are not counted twice
            outcome = result.get("outcome", "")
            if outcome in ("Passed", "PassedButRunAborted"):
                pass
            elif outcome in ("Failed", "Error", "Timeout", "Aborted"):
                r_failed += 1
                # Named on stderr, so the tail of a long log still says which test failed and why.
                message = next((el.text or "" for el in result.iter() if local(el.tag) == "Message"), "")
                first = message.strip().splitlines()[0][:400] if message.strip() else ""
                print(f"==> failed: {result.get('testName', '?')}: {first}", file=sys.stderr)
            else:  # NotExecuted, Inconclusive, NotRunnable, ...
                r_skipped += 1

    passed += c("passed")
    failed += max(c_failed, r_failed)
    skipped += max(c_skipped, r_skipped)
print(passed, failed, skipped, files)
PY
)" || counts="0 1 0 0"
read -r n_passed n_failed n_skipped n_files <<<"$counts"

if [[ $n_files -eq 0 ]]; then
    log "no TRX file was produced (build failure?)"
    if [[ $n_failed -lt 1 ]]; then
        n_failed=1
    fi
fi
if [[ $dotnet_rc -ne 0 && $n_failed -eq 0 ]]; then
    # dotnet test failed without a failed test in the TRX (a build error in one project, a
    # crashed test host): count that as a failure so the summary agrees with the exit code.
    log "dotnet test exited with $dotnet_rc"
    n_failed=1
fi
if [[ $script_rc -ne 0 ]]; then
    # Not a test, but the run fails: the summary counts it so it agrees with the exit code.
    n_failed=$((n_failed + 1))
fi

SUMMARY="$n_passed passed, $n_failed failed"
if [[ $n_skipped -gt 0 ]]; then
    SUMMARY="$SUMMARY, $n_skipped skipped"
fi

status=0
if [[ $dotnet_rc -ne 0 || $script_rc -ne 0 || $n_failed -gt 0 ]]; then
    status=1
elif [[ $n_skipped -gt 0 ]]; then
    log "skipped tests are not allowed"
    status=1
elif [[ $n_passed -eq 0 ]]; then
    log "no test ran"
    status=1
fi
exit "$status"
