#!/usr/bin/env python3
"""How fast `briefing serve` takes in an edit on a large corpus.

Generates the synthetic corpus (bench/gen_corpus.py, default N = 10,000) on tmpfs, starts
`briefing serve` on it, then edits one report at a time — a figure's value, a paragraph of
prose, a formula — and measures

  * the rebuild time serve reports in its log ("已更新（N ms …）"), and
  * the time from saving the file to the new value being served (polling the page).

    python3 bench/serve_edit.py                         # N = 10000, 5 edits of each kind
    python3 bench/serve_edit.py -n 1000 --edits 3 --results ''
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import gen_corpus  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(pred, limit: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if pred():
            return time.monotonic() - start
        time.sleep(0.002)
    return None


def save(path: str, text: str):
    """Saves through a temporary file and a rename, as editors do."""
    tmp = path + ".tmp~"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="serve: time to take in an edit")
    ap.add_argument("-n", type=int, default=10000, help="reports in the corpus (default 10000)")
    ap.add_argument("--edits", type=int, default=5, help="edits of each kind (default 5)")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--briefing", default=os.path.join(REPO, ".build", "release", "briefing"))
    ap.add_argument("--templates", default=os.path.join(REPO, "templates"))
    ap.add_argument("--dir", default="/dev/shm/briefing-serve-bench")
    ap.add_argument("--results", default=os.path.join(HERE, "SERVE-RESULTS.md"), help="Markdown output ('' for none)")
    a = ap.parse_args(argv)

    shutil.rmtree(a.dir, ignore_errors=True)
    gen_corpus.generate(a.n, a.seed, a.dir, hugo=False)
    content = os.path.join(a.dir, "content")
    port = free_port()
    log_path = os.path.join(a.dir, "serve.log")
    logf = open(log_path, "w")
    start = time.monotonic()
    p = subprocess.Popen([a.briefing, "serve", "--content", content, "--templates", a.templates, "--port", str(port)],
                         stdout=logf, stderr=subprocess.STDOUT)
    results: dict[str, list[tuple[float, float]]] = {}
    try:
        def logged() -> str:
            # serve may be halfway through writing a line: its last character can be cut.
            with open(log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        if wait_for(lambda: "预览地址" in logged(), 600) is None:
            print(logged(), file=sys.stderr)
            return 1
        first = time.monotonic() - start
        first_build = re.search(r"已生成（(\d+) ms）", logged())
        print(f"serve up after {first:.1f} s (first build {first_build.group(1) if first_build else '?'} ms)", file=sys.stderr)

        def edit(kind: str, i: int, change, marker: str):
            slug = f"r{i:05d}"
            path = os.path.join(content, "reports", slug + ".md")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            new = change(text)
            assert new != text, (kind, slug)
            before = logged().count("已更新") + logged().count("已全部重新生成")
            url = f"http://127.0.0.1:{port}/reports/{slug}/"
            fetch(url)
            t0 = time.monotonic()
            save(path, new)
            seen = wait_for(lambda: marker in fetch(url), 30) if marker else None
            wait_for(lambda: logged().count("已更新") + logged().count("已全部重新生成") > before, 30)
            if not marker:
                fetch(url)
                seen = time.monotonic() - t0
            entries = re.findall(r"已(更新|全部重新生成)（(\d+) ms", logged())
            ms = float(entries[-1][1]) if entries else float("nan")
            if entries and entries[-1][0] != "更新":
                print(f"  {kind} {slug}: full rebuild", file=sys.stderr)
            results.setdefault(kind, []).append((ms, (seen or float("nan")) * 1000))
            print(f"  {kind} {slug}: rebuild {ms:.0f} ms, new page served after {(seen or float('nan')) * 1000:.0f} ms",
                  file=sys.stderr)

        for k in range(a.edits):
            i = 1 + k * max(1, a.n // max(1, a.edits))
            edit("figure value", i,
                 lambda t: re.sub(r"(\n    value: )(\d+)(\.\d+)?\n", lambda m: f"{m.group(1)}{int(m.group(2)) + 7}{m.group(3) or ''}\n", t, count=1),
                 "")
            marker = f"编辑测试段落{k}"
            edit("prose", i + 1, lambda t, m=marker: t + f"\n\n{m}。\n", marker)
            edit("formula", i + 2, lambda t: re.sub(r"(\n    formula: )([^\n]+)", r"\1(\2) * 1", t, count=1), "")
    finally:
        p.terminate()
        p.wait(timeout=10)
        logf.close()

    lines = ["| edit | edits | rebuild median (ms) | rebuild max (ms) | save → new page served, median (ms) |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for kind, xs in results.items():
        rebuilds = [x[0] for x in xs]
        seen = [x[1] for x in xs]
        lines.append(f"| {kind} | {len(xs)} | {statistics.median(rebuilds):.0f} | {max(rebuilds):.0f} | {statistics.median(seen):.0f} |")
    table = "\n".join(lines)
    print(table)
    if a.results:
        with open(a.results, "w", encoding="utf-8") as f:
            f.write(f"# serve: taking in an edit\n\n`python3 bench/serve_edit.py -n {a.n} --edits {a.edits}` "
                    f"on tmpfs, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}.\n\n"
                    f"Corpus: {a.n} reports (bench/gen_corpus.py, seed {a.seed}). First build when serve starts: "
                    f"{first_build.group(1) if first_build else '?'} ms.\n\n"
                    "*Rebuild* is the time serve logs for the update (decode the edited file, evaluate and check what "
                    "depends on it, render the affected bodies, patch the indexes). *Served* is from saving the file "
                    "(write to a temporary file and rename, as editors do) to the page with the new content being "
                    "served; it includes the change notification (inotify, 5 ms pause to collect a save's writes) "
                    "and rendering the page. For value and formula edits the page is fetched once the update is logged.\n\n"
                    + table + "\n")
    shutil.rmtree(a.dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
