#!/usr/bin/env python3
"""How often `claimtrack extract`'s proposals are right at each confidence, on labelled articles.

usage: python3 bench/calibrate.py [--bin target/release/claimtrack] [DIR...]   (default: tests/extraction)

Each DIR/*.json article ({"text", "gold": [...]}) is extracted and its proposals matched one to one
with the gold attributions, as tests/cli/extract.rs and score.py match them (the speaker contains one
of the gold speaker_forms; the text shares at least half of the gold words and is at least half gold
words; best overlap first). Proposals matched to an optional item are left out. Prints, for each
confidence, how many proposals there were and what share was right, then the same for each
`--min-confidence` threshold: the table in README.md.
"""
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def norm_speaker(s):
    s = s.lower().replace(".", "").replace("\u2019", "'")
    return " " + re.sub(r"[^\w']+", " ", s).strip() + " "


def tokens(s):
    return set(re.findall(r"\w+", s.lower()))


def matches(gold, proposals):
    """{proposal index: gold index}, one to one, best overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        forms = [norm_speaker(f) for f in g.get("speaker_forms", [g["speaker"]])]
        gt = tokens(g["text"])
        for pi, p in enumerate(proposals):
            pt = tokens(p.get("text") or "")
            if not gt or not pt:
                continue
            both = len(gt & pt)
            cov, pur = both / len(gt), both / len(pt)
            if cov >= 0.5 and pur >= 0.5 and any(f in norm_speaker(p.get("speaker") or "") for f in forms):
                pairs.append((cov + pur, gi, pi))
    pairs.sort(reverse=True)
    used_g, found = set(), {}
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in found:
            used_g.add(gi)
            found[pi] = gi
    return found


def main(argv):
    binary = str(ROOT / "target" / "release" / "claimtrack")
    dirs = []
    it = iter(argv)
    for a in it:
        if a == "--bin":
            binary = next(it)
        else:
            dirs.append(Path(a))
    dirs = dirs or [ROOT / "tests" / "extraction"]
    right, total = defaultdict(int), defaultdict(int)
    for d in dirs:
        for f in sorted(d.glob("*.json")):
            article = json.loads(f.read_text())
            run = subprocess.run([binary, "extract", "-", "--format", "json"], input=article["text"],
                                 capture_output=True, text=True, check=False)
            proposals = json.loads(run.stdout) if run.returncode == 0 else []
            found = matches(article["gold"], proposals)
            for pi, p in enumerate(proposals):
                gi = found.get(pi)
                if gi is not None and article["gold"][gi].get("optional"):
                    continue
                c = round(p["confidence"], 2)
                total[c] += 1
                right[c] += gi is not None
    print("| confidence | proposals | right |")
    print("|---|---|---|")
    for c in sorted(total, reverse=True):
        print(f"| {c:.2f} | {total[c]} | {right[c] / total[c]:.0%} |")
    print()
    print("| --min-confidence | proposals kept | right |")
    print("|---|---|---|")
    for threshold in sorted({0.5, 0.6, 0.7, 0.8, 0.9} | set()):
        kept = [c for c in total if c >= threshold]
        n = sum(total[c] for c in kept)
        if n:
            print(f"| {threshold:.1f} | {n / sum(total.values()):.0%} | {sum(right[c] for c in kept) / n:.1%} |")


if __name__ == "__main__":
    main(sys.argv[1:])
