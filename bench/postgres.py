#!/usr/bin/env python3
"""claimtrack on PostgreSQL against psql doing the same work, on a throwaway local server.

usage: python3 bench/postgres.py [--sizes 10000] [--runs 3] [--quick-runs 15] [--no-build]

Starts a durable server (scripts/test-postgres.sh start --durable), then for each size N:
  import   `claimtrack import claims.csv` into a new story  vs  bench/reference/postgres/import.sql
           (\\copy into a staging table, then the same set-based SQL) in psql, into a story
           `claimtrack init` made
and `list --limit 20` and `search WORD`, each a fresh process, against psql running the same
query as a fresh process; on the largest, with the claims' relations imported, `show ID`,
`show 1` (10,000 relations) and `disputes --by ACTOR` too (claimtrack alone: the issue's bound
is 50 ms). Prints a Markdown table for BENCHMARKS.md.
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BIN, GEN, ROOT, SEARCH_WORD, median_of  # noqa: E402

REFERENCE = ROOT / "bench" / "reference" / "postgres"


def sql(name, **values):
    text = (REFERENCE / name).read_text()
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick-runs", type=int, default=15)
    parser.add_argument("--work", default=str(ROOT / "target" / "bench"))
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--bin", "claimtrack", "--example", "gen"], cwd=ROOT, check=True)
    server = subprocess.run([str(ROOT / "scripts" / "test-postgres.sh"), "start", "--durable"],
                            capture_output=True, text=True, check=True).stdout
    env = dict(line.removeprefix("export ").split("=", 1) for line in server.splitlines())
    env = {k: v.strip("'") for k, v in env.items()}
    url = env["CLAIMTRACK_TEST_POSTGRES"]
    try:
        run(args, url)
    finally:
        subprocess.run([str(ROOT / "scripts" / "test-postgres.sh"), "stop", env["TEST_POSTGRES_DIR"]], check=False)


def psql(url, schema=None):
    return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url]


def drop_and_init(url, schema):
    def prepare():
        subprocess.run(["psql", "-X", "-q", url, "-c", f"DROP SCHEMA IF EXISTS {schema} CASCADE"], check=True,
                       capture_output=True)
        subprocess.run([str(BIN), "--db", f"{url}?schema={schema}", "init"], check=True, capture_output=True)
    return prepare


def run(args, url):
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    print("| claims | command | claimtrack | psql | ratio | claimtrack peak |")
    print("|---:|---|---:|---:|---:|---:|")
    for n in sizes:
        data = work / f"data-{n}"
        claims_csv = data / "claims.csv"
        if not claims_csv.exists():
            subprocess.run([str(GEN), str(n), str(data)], check=True)
        ours, ref = f"bench_{n}", f"reference_{n}"
        location = f"{url}?schema={ours}"
        imp = median_of(args.runs, lambda: ([str(BIN), "--db", location, "import", str(claims_csv)], None,
                                            drop_and_init(url, ours)))
        imp_ref = median_of(args.runs, lambda: (psql(url), sql("import.sql", SCHEMA=ref, CLAIMS=claims_csv),
                                                drop_and_init(url, ref)))
        print(f"| {n:,} | `import` | {imp[0]:.2f} s | {imp_ref[0]:.2f} s | {imp[0] / imp_ref[0]:.2f} | {imp[1]:.0f} MB |")
        sys.stdout.flush()
        commands = [
            ("list --limit 20", ["list", "--limit", "20"], sql("list.sql", SCHEMA=ours)),
            (f"search {SEARCH_WORD}", ["search", SEARCH_WORD], sql("search.sql", SCHEMA=ours, WORD=SEARCH_WORD)),
        ]
        if n == sizes[-1]:
            # The claims' relations too (not timed), for the commands that read them.
            subprocess.run([str(BIN), "--db", location, "import", "--relations", str(data / "relations.csv")],
                           check=True, capture_output=True)
            actor = subprocess.run(psql(url) + ["-At", "-c", f"SELECT actor_a FROM {ours}.contested_pairs "
                                                "ORDER BY relation_id LIMIT 1"],
                                   check=True, capture_output=True, text=True).stdout.strip()
            commands += [
                ("show ID", ["show", str(n // 2)], None),
                ("show 1 (10,000 relations)", ["show", "1"], None),
                ("disputes --by ACTOR", ["disputes", "--by", actor], None),
            ]
        for label, argv, reference in commands:
            t, peak = median_of(args.quick_runs, lambda: ([str(BIN), "--db", location, "--format", "tsv", *argv], None, None))
            if reference is None:
                print(f"| {n:,} | `{label}` | {t * 1000:.1f} ms | | | {peak:.0f} MB |")
                continue
            r, _ = median_of(args.quick_runs, lambda: (psql(url), reference, None))
            print(f"| {n:,} | `{label}` | {t * 1000:.1f} ms | {r * 1000:.1f} ms | {t / r:.2f} | {peak:.0f} MB |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
