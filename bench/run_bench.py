#!/usr/bin/env python3
"""Briefing vs Hugo benchmark.

For each N (default 1,000 and 10,000; --big adds 100,000 for Briefing alone) it generates
the synthetic corpus (bench/gen_corpus.py), then on tmpfs (/dev/shm) and on disk runs,
interleaved, several times each:

    briefing build --content C --templates T --output O [--timings]
    briefing check --content C
    hugo --quiet -s hugo-single -d O      (single pages only)
    hugo --quiet -s hugo-tax -d O         (single pages + topics and regions taxonomies)

each under /usr/bin/time -v (peak RSS), and prints a Markdown table of median wall time,
input reports per second, peak RSS and the ratio Briefing/Hugo in reports per second
(from the same invocation). The table, the machine, the targets (met/missed) and
Briefing's per-phase timings go to bench/RESULTS.md.

    python3 bench/run_bench.py                      # N = 1000, 10000; 3 runs
    python3 bench/run_bench.py --big                # also N = 100000 (Briefing only)
    python3 bench/run_bench.py --sizes 200 --runs 1 --results /tmp/r.md   # smoke test
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no bench/__pycache__ in the work tree
import gen_corpus  # noqa: E402

TOOLS = ["briefing build", "briefing check", "hugo single", "hugo taxonomies"]
HUGO_SITE = {"hugo single": "hugo-single", "hugo taxonomies": "hugo-tax"}


def log(msg: str):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# Machine.

def sh(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def fs_type(path: str) -> str:
    path = os.path.realpath(path)
    best, kind = "", "?"
    with open("/proc/mounts") as f:
        for line in f:
            parts = line.split()
            mnt, t = parts[1], parts[2]
            if (path == mnt or path.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best):
                best, kind = mnt, t
    return f"{kind} ({best})"


def loadavg() -> str:
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def busy_processes(own: set[int]) -> list[str]:
    """Other processes using CPU right now (they skew a 2-core benchmark)."""
    out = sh(["ps", "-eo", "pid=,ppid=,pcpu=,args="])
    busy = []
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) < 4:
            continue
        pid, ppid, pcpu, args = int(parts[0]), int(parts[1]), float(parts[2]), parts[3]
        if pid in own or ppid in own or pcpu < 20:
            continue
        busy.append(f"{args[:80]} ({pcpu:.0f}% CPU)")
    return busy


def machine(briefing: str, tmpfs: str, disk: str) -> dict:
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    commit = sh(["git", "-C", REPO, "rev-parse", "--short", "HEAD"])
    dirty = sh(["git", "-C", REPO, "status", "--porcelain", "--", "Sources", "Package.swift", "templates"])
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(len(os.sched_getaffinity(0))),
        "memory": mem,
        "cpu": cpu,
        "kernel": f"{platform.system()} {platform.release()}",
        "swift": sh(["swift", "--version"]).splitlines()[0] if sh(["swift", "--version"]) else "?",
        "hugo": sh(["hugo", "version"]) or "not installed",
        "python": platform.python_version(),
        "briefing": os.path.relpath(briefing, REPO) if briefing.startswith(REPO) else briefing,
        "commit": (commit or "?") + (" + uncommitted changes in Sources/templates" if dirty else ""),
        "tmpfs": f"{tmpfs} — {fs_type(tmpfs)}",
        "disk": f"{disk} — {fs_type(disk)}",
    }


# ---------------------------------------------------------------------------------------
# Runs.

class Run:
    def __init__(self, wall: float, rss_kb: int, rc: int | None, stderr: str, cpu: float = 0.0):
        self.wall, self.rss_kb, self.rc, self.stderr, self.cpu = wall, rss_kb, rc, stderr, cpu

    @property
    def ok(self) -> bool:
        return self.rc == 0


def timed(cmd: list[str], timeout: float, cwd: str | None = None) -> Run:
    """Runs cmd under /usr/bin/time -v; wall time from perf_counter, peak RSS from time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        tpath = tf.name
    full = ["/usr/bin/time", "-v", "-o", tpath] + cmd
    t0 = time.perf_counter()
    try:
        p = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           timeout=timeout, cwd=cwd)
        wall = time.perf_counter() - t0
        rc, err = p.returncode, p.stderr
    except subprocess.TimeoutExpired as e:
        wall, rc = time.perf_counter() - t0, None
        err = (e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")) + \
            f"\n(timed out after {timeout:.0f} s)"
    rss, cpu = 0, 0.0
    try:
        with open(tpath) as f:
            for line in f:
                line = line.strip()
                if line.startswith("Maximum resident set size"):
                    rss = int(line.rsplit(":", 1)[1])
                elif line.startswith(("User time", "System time")):
                    cpu += float(line.rsplit(":", 1)[1])
                elif line.startswith("Exit status") and rc is not None:
                    rc = int(line.rsplit(":", 1)[1])
    finally:
        os.unlink(tpath)
    return Run(wall, rss, rc, err, cpu)


def rmtree(path: str):
    if os.path.lexists(path):
        shutil.rmtree(path, ignore_errors=True)


def document_files(path: str) -> tuple[int, int]:
    """(documents, files inside their folders): reports/SLUG/… and cases/SLUG/…, i.e. every file
    a document brings outside the list pages (reports/page/N/ is a list page, not a document)."""
    docs, files = 0, 0
    for kind in ("reports", "cases"):
        top = os.path.join(path, kind)
        if not os.path.isdir(top):
            continue
        for slug in os.listdir(top):
            folder = os.path.join(top, slug)
            if slug == "page" or not os.path.isdir(folder):
                continue
            docs += 1
            files += sum(len(fs) for _, _, fs in os.walk(folder))
    return docs, files


def files_per_report_text(counts: tuple[int, int, int, int], n: int) -> str:
    files, _, docs, doc_files = counts
    if not docs:
        return "no documents found"
    return (f"{doc_files / docs:.2f} files per document ({doc_files:,} files in {docs:,} document folders: "
            f"page + data page); {files:,} files in all")


def du(path: str) -> tuple[int, int]:
    """(files, bytes allocated) under path."""
    count, total = 0, 0
    for root, _, files in os.walk(path):
        for f in files:
            count += 1
            try:
                total += os.lstat(os.path.join(root, f)).st_blocks * 512
            except OSError:
                pass
    return count, total


def mem_available() -> int:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable"):
                return int(line.split()[1]) * 1024
    return 1 << 62


def free_bytes(path: str) -> int:
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def parse_timings(stderr: str) -> str:
    """The `--timings` block of briefing build's stderr (everything from its first phase line)."""
    lines = stderr.strip("\n").splitlines()
    for k, line in enumerate(lines):
        if re.search(r"\b(load|timings?)\b", line, re.I):
            return "\n".join(lines[k:])
    return "\n".join(lines[-12:])


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


# ---------------------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Briefing vs Hugo benchmark")
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated N (default 1000,10000)")
    ap.add_argument("--big", action="store_true", help="also N = 100000 (Briefing only)")
    ap.add_argument("--runs", type=int, default=3, help="runs per tool, N and storage (default 3; median)")
    ap.add_argument("--big-runs", type=int, default=1, help="runs at N = 100000 (default 1: a build takes many minutes)")
    ap.add_argument("--big-n", type=int, default=100_000, help="N of the big run (default 100000; smaller to try the script)")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--briefing", default=os.path.join(REPO, ".build", "release", "briefing"))
    ap.add_argument("--templates", default=os.path.join(REPO, "templates"))
    ap.add_argument("--hugo", default=shutil.which("hugo") or "", help="hugo binary ('' to skip Hugo)")
    ap.add_argument("--tmpfs-dir", default="/dev/shm/briefing-bench")
    ap.add_argument("--disk-dir", default="/tmp/briefing-bench")
    ap.add_argument("--storages", default="tmpfs,disk", help="tmpfs, disk or both (default)")
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds per run before giving up (default: 900, or 30 ms per report if more)")
    ap.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"), help="Markdown output ('' for none)")
    ap.add_argument("--keep", action="store_true", help="keep corpora and outputs")
    a = ap.parse_args(argv)

    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    big = a.big_n
    if a.big and big not in sizes:
        sizes.append(big)
    storages = [s.strip() for s in a.storages.split(",") if s.strip()]
    briefing = os.path.abspath(a.briefing)
    templates = os.path.abspath(a.templates)
    if not os.access(briefing, os.X_OK):
        log(f"error: no Briefing binary at {briefing}; run `swift build -c release --product briefing`")
        return 2
    if not os.access("/usr/bin/time", os.X_OK):
        log("error: /usr/bin/time is missing (apt-get install time)")
        return 2
    hugo = a.hugo if a.hugo and os.access(a.hugo, os.X_OK) else ""
    if not hugo:
        log("note: hugo not found, Hugo rows are skipped (apt-get install hugo)")
    help_text = subprocess.run([briefing, "build", "--help"], capture_output=True, text=True).stdout
    has_timings = "--timings" in help_text
    base = {"tmpfs": a.tmpfs_dir, "disk": a.disk_dir}
    for s in storages:
        os.makedirs(base[s], exist_ok=True)
    info = machine(briefing, base.get("tmpfs", a.tmpfs_dir), base.get("disk", a.disk_dir))
    info["load_start"] = loadavg()
    own = {os.getpid(), os.getppid()}
    busy0 = busy_processes(own)
    log(f"machine: {info['nproc']} cores, {info['memory']}, {info['cpu']}; {info['swift']}; {info['hugo']}")

    results: dict[tuple, list[Run]] = {}      # (N, storage, tool) → runs
    notes: list[str] = []
    corpus_stats: dict[int, dict] = {}
    timings: dict[tuple, str] = {}            # (N, storage) → timings text of the median build
    out_size: dict[str, tuple] = {}           # storage → (N, bytes) of Briefing's output at the last N
    out_files: dict[tuple, tuple] = {}        # (N, tool) → (files, bytes) written
    given_up: set[tuple] = set()              # (storage, tool) that timed out at a smaller N

    for n in sizes:
        with_hugo = bool(hugo) and n < big
        tools = [t for t in TOOLS if with_hugo or not t.startswith("hugo")]
        # Corpus: generated on the first storage, copied to the others (identical bytes).
        corpora: dict[str, str] = {}
        for k, s in enumerate(storages):
            corpus = os.path.join(base[s], f"corpus-n{n}")
            if k == 0:
                t0 = time.perf_counter()
                st = gen_corpus.generate(n, a.seed, corpus, hugo=with_hugo)
                st["seconds"] = time.perf_counter() - t0
                corpus_stats[n] = st
                log(f"N={n}: corpus generated in {st['seconds']:.1f} s ({corpus})")
            else:
                prev = corpora[storages[0]]
                rmtree(corpus)
                shutil.copytree(prev, corpus, symlinks=True)
            corpora[s] = corpus
        for s in storages:
            corpus = corpora[s]
            out = os.path.join(base[s], f"out-n{n}")
            # Skip the storage if Briefing's output (and, on tmpfs, which is RAM, its peak RSS too)
            # would not fit, scaled linearly from the previous N.
            if s in out_size and n == big:
                n0 = out_size[s][0]
                need = out_size[s][1] * n / n0 * 1.3
                free = free_bytes(base[s])
                if fs_type(base[s]).startswith("tmpfs"):
                    rss0 = max((x.rss_kb for x in results.get((n0, s, "briefing build"), [])), default=0) * 1024
                    need += rss0 * n / n0
                    free = min(free, mem_available())
                if free < need:
                    msg = (f"N={n} on {s}: skipped, Briefing's output{' and memory' if s == 'tmpfs' else ''} would "
                           f"need about {need / 2**30:.1f} GiB and {free / 2**30:.1f} GiB are free")
                    log(msg)
                    notes.append(msg)
                    continue
            runs = a.big_runs if n == big else a.runs
            for r in range(runs):
                for tool in tools:
                    if (s, tool) in given_up:
                        continue
                    rmtree(out)
                    os.sync()
                    if tool == "briefing build":
                        cmd = [briefing, "build", "--content", os.path.join(corpus, "content"),
                               "--templates", templates, "--output", out, "--no-search"] + (["--timings"] if has_timings else [])
                    elif tool == "briefing check":
                        cmd = [briefing, "check", "--content", os.path.join(corpus, "content")]
                    else:
                        cmd = [hugo, "--quiet", "-s", os.path.join(corpus, HUGO_SITE[tool]), "-d", out]
                    run = timed(cmd, a.timeout or max(900.0, n * 0.03))
                    results.setdefault((n, s, tool), []).append(run)
                    state = "ok" if run.ok else ("TIMEOUT" if run.rc is None else f"exit {run.rc}")
                    log(f"N={n} {s:5} run {r + 1}/{runs} {tool:16} {run.wall:8.2f} s "
                        f"{run.rss_kb / 1024:7.0f} MB  {state}")
                    if run.ok and r == 0 and tool != "briefing check" and (n, tool) not in out_files:
                        out_files[(n, tool)] = du(out)
                        if tool == "briefing build":
                            out_files[(n, tool)] = out_files[(n, tool)] + document_files(out)
                            out_size[s] = (n, out_files[(n, tool)][1])
                    elif tool == "briefing build" and run.ok and r == 0:
                        out_size[s] = (n, out_files[(n, tool)][1])
                    if not run.ok:
                        tail = "\n".join(run.stderr.strip().splitlines()[-5:])
                        notes.append(f"N={n} {s} {tool} run {r + 1}: {state}: {tail}")
                        if run.rc is None:
                            given_up.add((s, tool))
                            notes.append(f"{tool} on {s}: not run again (timed out at N={n}) for larger N")
            rmtree(out)
            builds = [x for x in results.get((n, s, "briefing build"), []) if x.ok]
            if has_timings and builds:
                med = sorted(builds, key=lambda x: x.wall)[len(builds) // 2]
                timings[(n, s)] = parse_timings(med.stderr)
        if not a.keep:
            for s in storages:
                rmtree(corpora[s])

    info["load"] = f"{info['load_start']} at start, {loadavg()} at end (1/5/15 min)"
    busy1 = busy_processes(own)
    if busy0 or busy1:
        notes.append("Other processes were using CPU during the benchmark, so absolute times are pessimistic: "
                     + "; ".join(sorted(set(busy0 + busy1))[:6]))

    # --- table
    rows = []
    for n in sizes:
        for s in storages:
            bruns = [x for x in results.get((n, s, "briefing build"), []) if x.ok]
            b_rate = n / median([x.wall for x in bruns]) if bruns else None
            for tool in TOOLS:
                runs = results.get((n, s, tool))
                if not runs:
                    continue
                good = [x for x in runs if x.ok]
                if not good:
                    rows.append((n, s, tool, None, None, None, None, runs, None))
                    continue
                wall = median([x.wall for x in good])
                rate = n / wall
                rss = median([x.rss_kb for x in good]) / 1024
                ratio = b_rate / rate if tool.startswith("hugo") and b_rate else None
                cores = median([x.cpu / x.wall for x in good if x.wall > 0])
                rows.append((n, s, tool, wall, rate, rss, ratio, runs, cores))

    corpus_name = f"gen_corpus seed {a.seed}"
    head = ("| corpus | N | storage | tool | median wall s | reports/s | peak RSS MB | Briefing/Hugo | CPU/wall "
            "| files written | runs (s) |\n"
            "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
    lines = []
    for n, s, tool, wall, rate, rss, ratio, runs, cores in rows:
        fw = out_files.get((n, tool))
        files_s = f"{fw[0]:,} ({fw[1] / 2**20:,.0f} MB)" if fw else ""
        runs_s = ", ".join(f"{x.wall:.2f}" if x.ok else ("timeout" if x.rc is None else f"exit {x.rc}") for x in runs)
        if wall is None:
            lines.append(f"| {corpus_name} | {n} | {s} | {tool} | failed | – | – | – | – | {files_s} | {runs_s} |")
        else:
            lines.append(f"| {corpus_name} | {n} | {s} | {tool} | {wall:.3f} | {rate:,.0f} | {rss:.0f} | "
                         f"{'%.2f×' % ratio if ratio else ''} | {cores:.2f} | {files_s} | {runs_s} |")
    table = head + "\n".join(lines) + "\n"
    print(table)

    # --- targets
    def get(n, s, tool):
        for row in rows:
            if row[:3] == (n, s, tool):
                return row
        return None

    targets = []
    b10 = get(10_000, "tmpfs", "briefing build")
    for tool, need in (("hugo single", 1.0),):
        h = get(10_000, "tmpfs", tool)
        if b10 and h and b10[3] is not None and h[3] is not None:
            ratio = h[6]
            verdict = "met" if ratio >= need else f"missed: {ratio:.2f}× (needs {need / ratio:.1f}× faster)"
            targets.append((f"N=10,000 tmpfs: full build at least as fast as Hugo {tool[5:]} (goal beyond: 3×)",
                            f"{b10[4]:,.0f} vs {h[4]:,.0f} reports/s = {ratio:.2f}×", verdict))
        else:
            targets.append((f"N=10,000 tmpfs: full build at least as fast as Hugo {tool[5:]}", "not measured", "–"))
    if b10 and b10[5] is not None:
        targets.append(("Peak RSS of briefing build at N=10,000 ≤ 250 MB", f"{b10[5]:.0f} MB",
                        "met" if b10[5] <= 250 else f"missed by {b10[5] - 250:.0f} MB ({b10[5] / 250:.1f}×)"))
    else:
        targets.append(("Peak RSS of briefing build at N=10,000 ≤ 250 MB", "not measured", "–"))
    c10 = get(10_000, "tmpfs", "briefing check")
    if c10 and c10[3] is not None:
        targets.append(("briefing check at N=10,000 ≤ 2 s", f"{c10[3]:.2f} s",
                        "met" if c10[3] <= 2 else f"missed by {c10[3] - 2:.2f} s ({c10[3] / 2:.1f}×)"))
    else:
        targets.append(("briefing check at N=10,000 ≤ 2 s", "not measured", "–"))
    bf = out_files.get((10_000, "briefing build")) or out_files.get((sizes[-1], "briefing build"))
    if bf:
        nn = 10_000 if out_files.get((10_000, "briefing build")) else sizes[-1]
        targets.append((f"Files per report outside list pages ≤ 3 (N={nn:,})", files_per_report_text(bf, nn),
                        "met" if len(bf) > 3 and bf[2] and bf[3] / bf[2] <= 3 else "missed or not counted"))
    b100 = get(big, "disk", "briefing build") or get(big, "tmpfs", "briefing build")
    if b100 and b100[5] is not None:
        targets.append(("Peak RSS at N=100,000 ≤ 1.5 GB", f"{b100[5]:.0f} MB",
                        "met" if b100[5] <= 1536 else f"missed by {b100[5] - 1536:.0f} MB"))
    # Linear cost compares one storage: tmpfs when N=100,000 ran there, else disk (where it fits).
    lin_storage = next((s for s in ("tmpfs", "disk") if (get(big, s, "briefing build") or (0, 0, 0, None))[3] is not None),
                       "tmpfs")
    per = {}
    for n in sizes:
        row = get(n, lin_storage, "briefing build")
        if row and row[3] is not None:
            per[n] = row[3] / n * 1000
    per_txt = ", ".join(f"{n:,}: {v:.2f} ms" for n, v in per.items()) or "not measured"
    lin_target = "N=100,000: build time per report within 1.3× of N=10,000"
    if big in per and len(per) >= 2:
        spread = max(per.values()) / min(per.values())
        targets.append((lin_target, f"{lin_storage}: {per_txt} (spread {spread:.2f}×)",
                        "met" if per[big] / per.get(10_000, per[big]) <= 1.3 else f"missed: {per[big] / per.get(10_000, per[big]):.2f}× of N=10,000"))
    else:
        b100 = results.get((big, lin_storage, "briefing build"))
        spread = max(per.values()) / min(per.values()) if len(per) >= 2 else None
        why = "not run (make bench BIG=1)" if not b100 else "did not complete"
        targets.append((lin_target, f"{lin_storage}: " + per_txt + (f" (1k→10k spread {spread:.2f}×)" if spread else ""), why))
    ttable = "| target | measured | verdict |\n| --- | --- | --- |\n" + \
        "".join(f"| {t} | {m} | {v} |\n" for t, m, v in targets)
    print(ttable)
    where = where_time_goes(rows, out_files, timings, sizes, storages)
    if where:
        print(where)

    if a.results:
        write_results(a, info, sizes, corpus_stats, table, ttable, timings, notes, has_timings, where)
        log(f"wrote {a.results}")
    return 0


def phases(text: str) -> dict[str, float]:
    """Seconds per phase from `--timings` lines such as `  render     55.118 s  …`."""
    out = {}
    for m in re.finditer(r"^\s*([a-z][a-z ]*?)\s+([0-9.]+) s\b", text, re.M):
        out[m.group(1).strip()] = float(m.group(2))
    return out


def where_time_goes(rows, out_files, timings, sizes, storages) -> str:
    """A few derived numbers for the largest N with Hugo rows (tmpfs first): files written per
    report, time per file written, and the phase shares of Briefing's median build."""
    byk = {row[:3]: row for row in rows}
    for n in sorted(sizes, reverse=True):
        for s in sorted(storages, key=lambda x: x != "tmpfs"):
            b, h = byk.get((n, s, "briefing build")), byk.get((n, s, "hugo single"))
            if not b or not h or b[3] is None or h[3] is None:
                continue
            bf, hf = out_files.get((n, "briefing build")), out_files.get((n, "hugo single"))
            md = [f"## Where the time goes (N={n:,}, {s})\n\n"]
            if bf and hf:
                md.append(f"- Files written per input report: Briefing {bf[0] / n:.1f} ({bf[0]:,} files, "
                          f"{bf[1] / 2**20:,.0f} MB), Hugo single {hf[0] / n:.1f} ({hf[0]:,} files, "
                          f"{hf[1] / 2**20:,.0f} MB): {bf[0] / hf[0]:.0f}× the files and {bf[1] / hf[1]:.0f}× the bytes.\n")
                md.append(f"- Wall time per file written: Briefing {b[3] / bf[0] * 1000:.2f} ms, "
                          f"Hugo single {h[3] / hf[0] * 1000:.2f} ms")
                ht = byk.get((n, s, "hugo taxonomies"))
                tf = out_files.get((n, "hugo taxonomies"))
                if ht and tf and ht[3] is not None:
                    md.append(f", Hugo taxonomies {ht[3] / tf[0] * 1000:.2f} ms")
                md.append(".\n")
            ph = phases(timings.get((n, s), ""))
            ph.pop("total", None)
            if ph:
                tot = sum(ph.values())
                md.append("- Phases of the median build (sum of phase times, which may overlap): " + ", ".join(
                    f"{k} {v:.1f} s ({v / tot:.0%})" for k, v in sorted(ph.items(), key=lambda kv: -kv[1])) + ".\n")
                c = byk.get((n, s, "briefing check"))
                pre = sum(ph.get(k, 0) for k in ("load", "evaluate", "check"))
                if c and c[3] is not None:
                    md.append(f"- `briefing check` took {c[3]:.1f} s; the load + evaluate + check phases of a build "
                              f"take {pre:.1f} s.\n")
            return "".join(md) + "\n"
    return ""


def write_results(a, info, sizes, corpus_stats, table, ttable, timings, notes, has_timings, where=""):
    md = ["# Benchmark: Briefing vs Hugo\n\n",
          "Generated by `make bench` (`bench/run_bench.py`); rerun to refresh. "
          f"Each cell is the median of {a.runs} run(s) ({a.big_runs} at N = 100,000); runs of the four tools are interleaved, so the "
          "ratios come from the same invocation. Wall time is measured around the process, peak RSS by "
          "`/usr/bin/time -v`. Reports/s = input reports ÷ median wall time. "
          "Briefing/Hugo = Briefing build's reports/s ÷ that Hugo build's reports/s (same N and storage). "
          "CPU/wall = (user + system CPU seconds) ÷ wall seconds, i.e. cores kept busy.\n\n",
          "## Machine\n\n"]
    for k in ("date", "nproc", "memory", "cpu", "kernel", "swift", "hugo", "python", "briefing", "commit",
              "tmpfs", "disk", "load"):
        md.append(f"- **{k}**: {info[k]}\n")
    md.append("\n## Corpus\n\n")
    md.append("`bench/gen_corpus.py` (seed {}): Briefing's own schema, and the same prose for Hugo with "
              "`fig:` links replaced by their text or value and `report:`/`region:` links by plain links.\n\n".format(a.seed))
    md.append("| N | generated in s | figures | indicators | acknowledged discrepancies | prose KB/report |\n"
              "| ---: | ---: | ---: | ---: | ---: | ---: |\n")
    for n in sizes:
        st = corpus_stats.get(n)
        if st:
            md.append(f"| {n} | {st['seconds']:.1f} | {st['figures']} | {st['indicators']} | {st['ack']} | "
                      f"{st['body_bytes'] / n / 1024:.1f} |\n")
    md.append("\nHugo layouts: *single* renders single pages and a minimal home page (taxonomy, term, section, "
              "RSS, sitemap, robots.txt and 404 disabled); *taxonomies* adds topics and regions taxonomies "
              "(term and taxonomy list pages), the section list and a home list (RSS and sitemap off). "
              "Briefing build writes every page kind (each report and case with its data page, paginated lists of "
              "reports, cases, indicators, regions and topics, checks, feed, sitemap, JSON/CSV) and runs all checks; "
              "`--no-search` leaves Pagefind out, as Hugo builds no search index.\n\n")
    md.append("## Results\n\n" + table + "\n## Targets\n\n" + ttable + "\n")
    md.append(where)
    md.append("## Per-phase timings (`briefing build --timings`, median run)\n\n")
    if not has_timings:
        md.append("Not available: this `briefing build` has no `--timings` option.\n\n")
    elif not timings:
        md.append("No successful build to take timings from.\n\n")
    for (n, s), text in sorted(timings.items(), key=lambda kv: (kv[0][0] != 10_000, kv[0])):
        md.append(f"N={n:,}, {s}:\n\n```\n{text}\n```\n\n")
    if notes:
        md.append("## Notes\n\n" + "".join(f"- {x}\n" for x in notes) + "\n")
    # A hand-written analysis below the marker is kept across runs.
    kept = ""
    if os.path.exists(a.results):
        with open(a.results, encoding="utf-8") as f:
            old = f.read()
        if ANALYSIS_MARKER in old:
            kept = old[old.index(ANALYSIS_MARKER):]
    with open(a.results, "w", encoding="utf-8") as f:
        f.write("".join(md) + kept)


ANALYSIS_MARKER = "<!-- analysis: written by hand, kept by run_bench.py -->"


if __name__ == "__main__":
    sys.exit(main())
