#!/usr/bin/env python3
"""claimtrack's benchmark: claimtrack against the sqlite3 shell doing the same work.

usage: python3 bench/run.py [--sizes 10000,100000,1000000] [--runs 3] [--quick-runs 15] [--work DIR] [--no-build]

For each size N it generates N claims (cargo run --example gen), then measures, each as the
median of several runs and as a ratio against the reference in bench/reference/:

  import   `claimtrack import claims.csv` into an empty database  vs  import.sql in sqlite3
  export   `claimtrack export csv` of every claim                 vs  export.sql in sqlite3 -csv
  memory   peak resident memory of both claimtrack commands
  growth   import seconds per claim, against the smallest size
  archive  every whole-archive command (disputes, the exports, check) on the database with its
           relations imported (a tenth of the claims linked, claim 1 with 10,000 relations), each
           against the sqlite3 shell running the same queries where there is such a thing, and
           disputes' time per relation against the smallest size (flat is linear)

and on the largest database the interactive commands, each a fresh process against the sqlite3
shell running the same queries as a fresh process. sqlite-utils `insert --csv` is timed too when
it is installed. Last, `extract` reads 20 MB of articles (the labelled ones in tests/extraction,
repeated) to give the extractor's throughput. Results print as Markdown tables for BENCHMARKS.md.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "claimtrack"
GEN = ROOT / "target" / "release" / "examples" / "gen"
REFERENCE = ROOT / "bench" / "reference"
SEARCH_WORD = "pledged"


def measure(cmd, stdin_text=None, env=None):
    """Run a command; return (wall seconds, peak RSS in MB). Fails loudly on a non-zero exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    if stdin_text is not None:
        proc.stdin.write(stdin_text.encode())
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace")
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{stderr}")
    return seconds, usage.ru_maxrss / 1024


def median_of(runs, make):
    """Median seconds and peak MB over `runs` calls of make() -> (cmd, stdin, prepare)."""
    times, peaks = [], []
    for _ in range(runs):
        cmd, stdin_text, prepare = make()
        if prepare:
            prepare()
        seconds, peak = measure(cmd, stdin_text)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def fresh(db):
    def remove():
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    return remove


def sql(name, **values):
    text = (REFERENCE / name).read_text()
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def query_one(db, statement):
    out = subprocess.run(["sqlite3", str(db), statement], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3, help="runs per import/export figure (median)")
    parser.add_argument("--quick-runs", type=int, default=15, help="runs per interactive command (median)")
    parser.add_argument("--work", default=str(ROOT / "target" / "bench"))
    parser.add_argument("--no-build", action="store_true", help="use the release build already in target/")
    parser.add_argument("--extract-only", action="store_true", help="only the extractor's throughput")
    args = parser.parse_args()
    if args.extract_only:
        if not args.no_build:
            subprocess.run(["cargo", "build", "--release", "--bin", "claimtrack"], cwd=ROOT, check=True)
        Path(args.work).mkdir(parents=True, exist_ok=True)
        extract_throughput(Path(args.work), args.runs)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if not shutil.which("sqlite3"):
        sys.exit("the sqlite3 shell is needed for the reference runs (apt install sqlite3)")

    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--bin", "claimtrack", "--example", "gen"], cwd=ROOT, check=True)
    sqlite_version = query_one(":memory:", "select sqlite_version()")
    print(f"# claimtrack benchmark, {time.strftime('%Y-%m-%d')}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
          f"reference: sqlite3 shell {sqlite_version}\n")

    results = {}
    for n in sizes:
        data = work / f"data-{n}"
        claims_csv, relations_csv = data / "claims.csv", data / "relations.csv"
        if not claims_csv.exists():
            subprocess.run([str(GEN), str(n), str(data)], check=True)
        ours, ref = work / f"claimtrack-{n}.db", work / f"reference-{n}.db"

        imp = median_of(args.runs, lambda: ([str(BIN), "--db", str(ours), "import", str(claims_csv)], None, fresh(ours)))
        imp_ref = median_of(args.runs, lambda: (["sqlite3", str(ref)],
                                                sql("import.sql", SCHEMA=ROOT / "schema.sql", CLAIMS=claims_csv), fresh(ref)))
        rel = measure([str(BIN), "--db", str(ours), "import", str(relations_csv), "--relations"])
        exp = median_of(args.runs, lambda: ([str(BIN), "--db", str(ours), "export", "csv"], None, None))
        exp_ref = median_of(args.runs, lambda: (["sqlite3", "-csv", "-header", str(ours)], sql("export.sql"), None))
        utils = None
        if shutil.which("sqlite-utils"):
            utils_db = work / f"sqlite-utils-{n}.db"
            utils = median_of(args.runs, lambda: (["sqlite-utils", "insert", str(utils_db), "claims", str(claims_csv), "--csv"],
                                                  None, fresh(utils_db)))
        # The interchange path: the whole database as one JSON document, read into a new one.
        document, from_document = work / f"document-{n}.json", work / f"from-document-{n}.db"
        exp_json = measure([str(BIN), "--db", str(ours), "export", "json", "-o", str(document)])
        imp_json = median_of(args.runs, lambda: ([str(BIN), "--db", str(from_document), "import", str(document)],
                                                 None, fresh(from_document)))
        results[n] = dict(imp=imp, imp_ref=imp_ref, rel=rel, exp=exp, exp_ref=exp_ref, utils=utils,
                          exp_json=exp_json, imp_json=imp_json, archive=archive_commands(ours, args.runs))
        print(f"N={n}: import {imp[0]:.2f}s vs {imp_ref[0]:.2f}s, export {exp[0]:.2f}s vs {exp_ref[0]:.2f}s", file=sys.stderr)

    print("## Import and export\n")
    print("| claims | import | sqlite3 | ratio | export csv | sqlite3 -csv | ratio | import peak | export peak | import s/claim vs smallest | sqlite-utils insert --csv |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    base = results[sizes[0]]["imp"][0] / sizes[0]
    for n in sizes:
        r = results[n]
        per_claim = r["imp"][0] / n
        utils = f"{r['utils'][0]:.2f} s" if r["utils"] else "not installed"
        print(f"| {n:,} | {r['imp'][0]:.2f} s | {r['imp_ref'][0]:.2f} s | {r['imp'][0] / r['imp_ref'][0]:.2f} "
              f"| {r['exp'][0]:.2f} s | {r['exp_ref'][0]:.2f} s | {r['exp'][0] / r['exp_ref'][0]:.2f} "
              f"| {r['imp'][1]:.0f} MB | {r['exp'][1]:.0f} MB | {per_claim / base:.2f} | {utils} |")
    print(f"\n(relations import at {sizes[-1]:,} claims: {results[sizes[-1]]['rel'][0]:.2f} s)\n")

    print("## JSON document round trip\n")
    print("`export json` of the whole database, then `import` of that document into a new one (every claim")
    print("matched by uid, with its history entry); the reference is sqlite3 loading the same claims from CSV.\n")
    print("| claims | export json | import json | sqlite3 import.sql | ratio | import peak |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        r = results[n]
        print(f"| {n:,} | {r['exp_json'][0]:.2f} s | {r['imp_json'][0]:.2f} s | {r['imp_ref'][0]:.2f} s "
              f"| {r['imp_json'][0] / r['imp_ref'][0]:.2f} | {r['imp_json'][1]:.0f} MB |")
    print()

    print("## Whole-archive commands, with the relations\n")
    print("Each a fresh process on the database above after importing its relations; the reference is the")
    print("sqlite3 shell running the same queries (for `check`: also `PRAGMA integrity_check` alone).\n")
    print("| claims | relations | command | claimtrack | peak | sqlite3 shell | ratio |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    for n in sizes:
        a = results[n]["archive"]
        for label, (ours_t, peak), ref in a["rows"]:
            ref_cell = f"{ref[0]:.2f} s | {ours_t / ref[0]:.2f}" if ref else "| "
            print(f"| {n:,} | {a['relations']:,} | `{label}` | {ours_t:.2f} s | {peak:.0f} MB | {ref_cell} |")
    print()
    base = results[sizes[0]]["archive"]
    base_per_edge = base["disputes"] / base["relations"]
    growth = ", ".join(f"{n:,}: {results[n]['archive']['disputes'] / results[n]['archive']['relations'] / base_per_edge:.2f}"
                       for n in sizes)
    print(f"`disputes` time per relation against {sizes[0]:,}: {growth}\n")

    n = sizes[-1]
    db = work / f"claimtrack-{n}.db"
    actor = query_one(db, "SELECT actor_a FROM contested_pairs ORDER BY relation_id LIMIT 1").replace("'", "''")
    claim_id = n // 2
    by_actor = f"WHERE c.actor_id = (SELECT id FROM actors WHERE name_key = lower('{actor}'))"
    commands = [
        ("list --limit 20", ["list", "--limit", "20"], sql("list.sql", WHERE="")),
        ("list --by ACTOR --limit 20", ["list", "--by", actor.replace("''", "'"), "--limit", "20"], sql("list.sql", WHERE=by_actor)),
        ("show ID", ["show", str(claim_id)], sql("list.sql", WHERE=f"WHERE c.id = {claim_id}") + sql("show_links.sql", ID=claim_id)),
        ("show 1 (10,000 relations)", ["show", "1"], sql("list.sql", WHERE="WHERE c.id = 1") + sql("show_links.sql", ID=1)),
        ("history ID", ["history", str(claim_id)], None),
        (f"search {SEARCH_WORD}", ["search", SEARCH_WORD], sql("search.sql", WORD=SEARCH_WORD)),
        ("disputes --by ACTOR", ["disputes", "--by", actor.replace("''", "'")], sql("disputes.sql", ACTOR=actor)),
        ("add", ["add", "A claim added by the benchmark, officials said", "--by", actor.replace("''", "'")],
         sql("add.sql", ACTOR=actor)),
    ]
    print(f"## Interactive commands on {n:,} claims (fresh process each; median of {args.quick_runs})\n")
    print("| command | claimtrack | sqlite3 shell | ratio |")
    print("|---|---:|---:|---:|")
    for label, argv, reference in commands:
        # Listings print as TSV (no table fitting); `add` prints none and takes no --format.
        listing = [] if argv[0] == "add" else ["--format", "tsv"]
        ours_t, _ = median_of(args.quick_runs, lambda: ([str(BIN), "--db", str(db), *listing, *argv], None, None))
        if reference is None:
            print(f"| `{label}` | {ours_t * 1000:.1f} ms | | |")
            continue
        ref_t, _ = median_of(args.quick_runs, lambda: (["sqlite3", str(db)], reference, None))
        print(f"| `{label}` | {ours_t * 1000:.1f} ms | {ref_t * 1000:.1f} ms | {ours_t / ref_t:.2f} |")
    print()
    extract_throughput(work, args.runs)


def archive_commands(db, runs):
    """Every whole-archive command on one database: (label, (seconds, peak MB), reference or None)."""
    def ours(*argv):
        return median_of(runs, lambda: ([str(BIN), "--db", str(db), *argv], None, None))

    def shell(text, *flags):
        return median_of(runs, lambda: (["sqlite3", *flags, str(db)], text, None))

    disputes = ours("disputes", "--format", "json")
    check = ours("check")
    rows = [
        ("disputes --format json", disputes, shell(sql("disputes_all.sql"), "-json")),
        ("export csv", ours("export", "csv"), shell(sql("export.sql"), "-csv", "-header")),
        ("export markdown", ours("export", "markdown"), None),
        ("export json", ours("export", "json"), None),
        ("export jsonl", ours("export", "jsonl"), None),
        ("check", check, shell(sql("check.sql"))),
        ("check, against PRAGMA integrity_check alone", check, shell("PRAGMA integrity_check;")),
    ]
    # A graph of more than 1,000 claims is refused at once; measured as the refusal it is.
    refused = measure_refusal([str(BIN), "--db", str(db), "export", "dot"])
    rows.append(("export dot (refused: more than 1,000 claims)", refused, None))
    relations = int(query_one(db, "SELECT count(*) FROM relations"))
    return dict(rows=rows, relations=relations, disputes=disputes[0])


def measure_refusal(cmd):
    """Time a command that is meant to fail, and check that it did."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True)
    seconds = time.perf_counter() - start
    if proc.returncode == 0:
        sys.exit(f"expected a refusal: {' '.join(cmd)}")
    return seconds, 0


def extract_throughput(work, runs):
    """Megabytes of article text `claimtrack extract` reads per second (it uses one core)."""
    import json
    articles = [json.loads(p.read_text())["text"] for p in sorted((ROOT / "tests" / "extraction").glob("*.json"))]
    body = "\n\n".join(articles) + "\n\n"
    path = work / "articles.txt"
    repeats = (20 * 2**20) // len(body.encode()) + 1
    path.write_text(body * repeats)
    size = path.stat().st_size / 2**20
    # On a shared machine the wall clock counts other processes' time too: CPU time is the
    # extractor's own (it runs on one core).
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen([str(BIN), "extract", str(path), "--format", "json"], stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit("extract failed")
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(f"## Extraction\n\n`claimtrack extract` on {size:.0f} MB of articles: {cpu:.2f} s of CPU "
          f"({wall:.2f} s wall), **{size / cpu:.1f} MB/s** on one core (peak {max(peaks):.0f} MB).\n")


if __name__ == "__main__":
    main()
