#!/usr/bin/env python3
"""End-to-end speed of `sayso extract`, and of a peer extractor on the same articles, in one run.

Usage (from the repository root):

    python3 scripts/bench.py                      # sayso only
    python3 scripts/bench.py --peer textacy       # and textacy on the first 100 articles

What it measures, each the best of --runs runs, one thread, output to /dev/null:
  - `sayso extract --threads 1` on the 840 PolNeAR train texts as JSON Lines, with the built-in
    model and with --rules: articles/s, wall clock including process start and model load;
  - peak memory (max RSS) on that input and on the same input repeated 8 times, to show that
    memory stays flat in input size;
  - start-up: one short article through the whole binary (process start, model load, output);
  - with --peer textacy: ../shared/peers/textacy_quotes.py on the first --peer-articles articles
    (its own timing, model load excluded) and sayso on exactly those articles, once (start-up
    and model load included) and ten times over in one process (load amortised, as the
    peer's is excluded), and the ratios.

The corpus is read from ../shared/data/polnear/train beside the repository; it is never copied
into the repository (the JSON Lines files go to target/bench/). Install the peer once with
`bash ../shared/peers/setup.sh` (its default venv is what --peer-python defaults to).
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
TRAIN = os.path.join(SHARED, "data", "polnear", "train", "text")
OUT = os.path.join(ROOT, "target", "bench")
SAYSO = os.path.join(ROOT, "target", "release", "sayso")
DEFAULT_PEER_PYTHON = os.path.expanduser("~/.cache/sayso-peers/venv/bin/python")


def write_jsonl(path, articles, repeat=1):
    with open(path, "w", encoding="utf-8") as f:
        for r in range(repeat):
            for name, text in articles:
                doc_id = name if repeat == 1 else "%s#%d" % (name, r)
                f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")


def run(cmd, stdin=None):
    """Runs cmd with stdout to /dev/null; returns (seconds, stderr)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        p = subprocess.run(cmd, input=stdin, stdout=devnull, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("%s failed (%s): %s" % (cmd[0], p.returncode, p.stderr.decode(errors="replace")))
    return seconds, p.stderr.decode(errors="replace")


def best(cmd, runs, stdin=None):
    """The fastest of `runs` runs, and the peak memory of one more."""
    seconds = min(run(cmd, stdin)[0] for _ in range(runs))
    return seconds, max_rss(cmd, stdin)


def max_rss(cmd, stdin=None):
    """Peak resident memory of one run of cmd, in MiB, by GNU time (Debian's `time`), or None
    without it. Not by this script's own wait4: Linux counts a parent's pages in a child's
    max RSS across exec, so a child of this Python process would report at least its size."""
    if not os.path.exists("/usr/bin/time"):
        return None
    with open(os.devnull, "wb") as devnull:
        p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, input=stdin, stdout=devnull,
                           stderr=subprocess.PIPE)
    return int(p.stderr.decode().strip().splitlines()[-1]) / 1024


def mib(x):
    return "%.1f MiB" % x if x is not None else "n/a (no /usr/bin/time)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement (best kept)")
    ap.add_argument("--peer", choices=["textacy"], help="also run this peer")
    ap.add_argument("--peer-python", default=DEFAULT_PEER_PYTHON,
                    help="the peer venv's python (default: %(default)s)")
    ap.add_argument("--peer-articles", type=int, default=100,
                    help="articles given to the peer and to sayso for the ratio")
    ap.add_argument("--no-build", action="store_true", help="use target/release/sayso as it is")
    args = ap.parse_args()

    if not os.path.isdir(TRAIN):
        sys.exit("PolNeAR train not found at %s (it lives in ../shared)" % TRAIN)
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "sayso-cli"], cwd=ROOT,
                       check=True)
    names = sorted(n for n in os.listdir(TRAIN) if n.endswith(".txt"))
    articles = []
    for n in names:
        with open(os.path.join(TRAIN, n), encoding="utf-8") as f:
            articles.append((n[:-4], f.read()))
    os.makedirs(OUT, exist_ok=True)
    train = os.path.join(OUT, "train.jsonl")
    train8 = os.path.join(OUT, "train-x8.jsonl")
    subset = os.path.join(OUT, "peer.jsonl")
    write_jsonl(train, articles)
    write_jsonl(train8, articles, repeat=8)
    write_jsonl(subset, articles[: args.peer_articles])
    subset10 = os.path.join(OUT, "peer-x10.jsonl")
    write_jsonl(subset10, articles[: args.peer_articles], repeat=10)
    n = len(articles)
    mb = os.path.getsize(train) / 1e6

    rows = []
    for engine, flags in (("model", []), ("rules", ["--rules"])):
        cmd = [SAYSO, "extract", "--threads", "1"] + flags
        seconds, rss = best(cmd + [train], args.runs)
        rss8 = max_rss(cmd + [train8])
        rows.append((engine, n / seconds, mb / seconds, rss, rss8))
    print("sayso extract --threads 1, %d PolNeAR train articles (%.1f MB), best of %d:" % (
        n, mb, args.runs))
    print("| engine | articles/s | MB/s | max RSS | max RSS, input x8 |")
    print("|---|---|---|---|---|")
    for engine, aps, mbs, rss, rss8 in rows:
        print("| %s | %.0f | %.2f | %s | %s |" % (engine, aps, mbs, mib(rss), mib(rss8)))

    one = "“We will win,” Ms Okafor said.\n".encode()
    startup, _ = best([SAYSO, "extract", "-"], max(args.runs, 10), stdin=one)
    print("\nstart-up to first output (one short article, model load included): %.1f ms" % (
        startup * 1000))

    if args.peer:
        if not os.path.exists(args.peer_python):
            sys.exit("peer venv not found at %s: run bash ../shared/peers/setup.sh first" %
                     args.peer_python)
        script = os.path.join(SHARED, "peers", "textacy_quotes.py")
        _, err = run([args.peer_python, script, subset, "--no-output", "--timing"])
        timing = json.loads([line for line in err.splitlines() if line.startswith("{")][-1])
        peer_aps = timing["docs_per_s"]
        k = len(articles[: args.peer_articles])
        print("\nsame %d articles, one core:" % k)
        print("| extractor | articles/s | sayso's ratio |")
        print("|---|---|---|")
        print("| %s (load %.1f s excluded) | %.2f | |" % (timing["peer"], timing["load_s"],
                                                       peer_aps))
        for engine, flags in (("model", []), ("rules", ["--rules"])):
            cmd = [SAYSO, "extract", "--threads", "1"] + flags
            seconds, _ = best(cmd + [subset], args.runs)
            aps = k / seconds
            print("| sayso, %s (start-up and load included) | %.0f | %.0fx |" % (
                engine, aps, aps / peer_aps))
            seconds, _ = best(cmd + [subset10], args.runs)
            aps = 10 * k / seconds
            print("| sayso, %s (the same articles 10 times: load amortised) | %.0f | %.0fx |" % (
                engine, aps, aps / peer_aps))


if __name__ == "__main__":
    main()
