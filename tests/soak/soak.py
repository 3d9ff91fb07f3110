#!/usr/bin/env python3
"""Soak test of `briefing serve` on loopback (standard library only).

Starts the server on a copy of content/ in a temporary folder and, for DURATION seconds,
runs at once: clients sending 1 MB request lines and 1 MB headers, slowloris clients
trickling bytes, clients that connect and never send, an edit storm rewriting a report 50
times a second (temporary file + rename, as editors save), and a normal client that GETs
pages every 100 ms. Every normal request must be answered with 200 within 1 s, and Ctrl-C
must stop the server afterwards. Prints a summary; exits 1 on failure.
"""
import argparse
import multiprocessing as mp
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import http.client

NORMAL_PAGES = ["/", "/reports/new-energy/", "/reports/new-energy/data/", "/indicators/", "/assets/style.css", "/reports/"]
REPORT = "reports/new-energy.md"
LATENCY_LIMIT = 1.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(port, proc, limit=60):
    end = time.time() + limit
    while time.time() < end and proc.poll() is None:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", "/")
            if c.getresponse().status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def status_of(data):
    """The status code at the start of a raw response, or None."""
    parts = data.split(b" ", 2)
    if len(parts) >= 2 and parts[0].startswith(b"HTTP/") and parts[1].isdigit():
        return int(parts[1])
    return None


# Each role runs in its own process, so that no role's work (or Python's GIL) delays the
# normal client's measurements. Each puts one dict of results on the queue when done.

def normal_client(port, stop_at, queue):
    latencies, statuses, slow = [], {}, []
    i = 0
    while time.time() < stop_at:
        path = NORMAL_PAGES[i % len(NORMAL_PAGES)]
        i += 1
        start = time.time()
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            status = r.status
            c.close()
        except OSError as e:
            status = "error: %s" % type(e).__name__
        took = time.time() - start
        latencies.append(took)
        statuses[status] = statuses.get(status, 0) + 1
        if status != 200 or took > LATENCY_LIMIT:
            slow.append((round(start - stop_at, 1), path, status, round(took, 3)))
        time.sleep(max(0, 0.1 - took))
    queue.put({"role": "normal", "latencies": latencies, "statuses": statuses, "bad": slow})


def long_line_client(port, stop_at, queue, kind):
    big = b"a" * (1 << 20)
    if kind == "url":
        request = b"GET /" + big + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    else:
        request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + big + b"\r\n\r\n"
    statuses, worst = {}, 0.0
    while time.time() < stop_at:
        start = time.time()
        status = None
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                try:
                    s.sendall(request)
                except OSError:
                    pass  # the server answered and closed before taking it all
                data = b""
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                status = status_of(data)
        except OSError:
            pass
        worst = max(worst, time.time() - start)
        statuses[status] = statuses.get(status, 0) + 1
    queue.put({"role": "long-" + kind, "statuses": statuses, "worst": worst})


def slowloris_client(port, stop_at, queue, count=20):
    """`count` connections, each sending one byte of an endless header every 0.5 s."""
    head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
    conns = []
    lifetimes, answers = [], {}

    def open_one():
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.setblocking(False)
        return [s, time.time(), 0]

    while time.time() < stop_at:
        while len(conns) < count:
            try:
                conns.append(open_one())
            except OSError:
                break
        for c in list(conns):
            s, opened, sent = c
            byte = head[sent:sent + 1] or b"s"
            try:
                s.send(byte)
                c[2] += 1
            except OSError:
                pass
            try:
                data = s.recv(4096)
                # An answer or the end of the connection: the server cut it off.
                status = status_of(data) if data else "closed"
                answers[status] = answers.get(status, 0) + 1
                lifetimes.append(time.time() - opened)
                s.close()
                conns.remove(c)
            except BlockingIOError:
                pass
            except OSError:
                answers["reset"] = answers.get("reset", 0) + 1
                lifetimes.append(time.time() - opened)
                s.close()
                conns.remove(c)
        time.sleep(0.5)
    for c in conns:
        c[0].close()
    queue.put({"role": "slowloris", "answers": answers, "lifetimes": lifetimes})


def silent_client(port, stop_at, queue, count=20):
    """`count` connections that never send; each is reopened when the server closes it."""
    conns, lifetimes = [], []
    while time.time() < stop_at:
        while len(conns) < count:
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=5)
                s.setblocking(False)
                conns.append((s, time.time()))
            except OSError:
                break
        for c in list(conns):
            try:
                if c[0].recv(1) == b"":
                    raise ConnectionResetError
            except BlockingIOError:
                continue
            except OSError:
                pass
            lifetimes.append(time.time() - c[1])
            c[0].close()
            conns.remove(c)
        time.sleep(0.2)
    for s, _ in conns:
        s.close()
    queue.put({"role": "silent", "lifetimes": lifetimes})


def edit_storm(content, stop_at, queue, rate=50):
    """Saves the report `rate` times a second, alternating two valid versions."""
    path = os.path.join(content, REPORT)
    with open(path, encoding="utf-8") as f:
        original = f.read()
    versions = [original, original.rstrip("\n") + "\n\n编辑风暴追加的一段文字，不含数字。\n"]
    tmp = os.path.join(os.path.dirname(path), ".new-energy.md.soak-tmp")
    writes = 0
    next_at = time.time()
    while time.time() < stop_at:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(versions[writes % 2])
        os.replace(tmp, path)
        writes += 1
        next_at += 1.0 / rate
        time.sleep(max(0, next_at - time.time()))
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(original)
    os.replace(tmp, path)
    queue.put({"role": "storm", "writes": writes})


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * p))] if s else 0.0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(root, ".build/release/briefing"))
    ap.add_argument("--duration", type=float, default=60)
    args = ap.parse_args()
    # Never more than about two minutes in all: past that, stop the server and fail.
    def overtime(*_):
        raise TimeoutError("soak overran its time")
    signal.signal(signal.SIGALRM, overtime)
    signal.alarm(int(args.duration) + 55)

    work = tempfile.mkdtemp(prefix="briefing-soak-")
    content = os.path.join(work, "content")
    shutil.copytree(os.path.join(root, "content"), content)
    port = free_port()
    log_path = os.path.join(work, "serve.log")
    log = open(log_path, "w")
    server = subprocess.Popen([args.binary, "serve", "--port", str(port), "--content", content,
                               "--templates", os.path.join(root, "templates")], stdout=log, stderr=log)
    failures = []
    try:
        if not wait_until_serving(port, server):
            print("soak: the server did not start; log: " + log_path)
            return 1
        stop_at = time.time() + args.duration
        queue = mp.Queue()
        roles = [mp.Process(target=normal_client, args=(port, stop_at, queue)),
                 mp.Process(target=long_line_client, args=(port, stop_at, queue, "url")),
                 mp.Process(target=long_line_client, args=(port, stop_at, queue, "header")),
                 mp.Process(target=slowloris_client, args=(port, stop_at, queue)),
                 mp.Process(target=silent_client, args=(port, stop_at, queue)),
                 mp.Process(target=edit_storm, args=(content, stop_at, queue))]
        for r in roles:
            r.start()
        results = {}
        for _ in roles:
            d = queue.get(timeout=args.duration + 30)
            results[d["role"]] = d
        for r in roles:
            r.join(5)

        n = results["normal"]
        lat = n["latencies"]
        print("soak: %.0f s, port %d" % (args.duration, port))
        print("  normal GETs: %d, statuses %s, max latency %.3f s, p99 %.3f s, median %.3f s"
              % (len(lat), n["statuses"], max(lat), percentile(lat, 0.99), percentile(lat, 0.5)))
        for kind in ("url", "header"):
            d = results["long-" + kind]
            print("  1 MB %s requests: answers %s, slowest %.3f s" % (kind, d["statuses"], d["worst"]))
        s = results["slowloris"]
        print("  slowloris connections cut off: %d, answers %s, lifetime max %.1f s"
              % (len(s["lifetimes"]), s["answers"], max(s["lifetimes"] or [0])))
        si = results["silent"]
        print("  silent connections closed: %d, lifetime max %.1f s" % (len(si["lifetimes"]), max(si["lifetimes"] or [0])))
        # LiveSite answers a broken build's HTML pages with its error page, status 500.
        print("  edit storm: %d saves; error pages seen by the normal client: %d"
              % (results["storm"]["writes"], n["statuses"].get(500, 0)))

        if n["bad"]:
            failures.append("%d normal requests were not 200 within %.0f s, first ones: %s"
                            % (len(n["bad"]), LATENCY_LIMIT, n["bad"][:10]))
        for kind, code in (("url", 414), ("header", 431)):
            other = {k: v for k, v in results["long-" + kind]["statuses"].items() if k != code}
            if other:
                failures.append("1 MB %s requests answered otherwise than %d: %s" % (kind, code, other))
        if not s["lifetimes"] or max(s["lifetimes"]) > 15:
            failures.append("slowloris connections were not cut off within 15 s")
        if not si["lifetimes"] or max(si["lifetimes"]) > 20:
            failures.append("silent connections were not closed within 20 s")
    finally:
        # Ctrl-C, as a person stops it.
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(5)
            if code != 0:
                failures.append("serve exited with %d after Ctrl-C" % code)
        except subprocess.TimeoutExpired:
            server.kill()
            failures.append("serve still running 5 s after Ctrl-C")
        log.close()
    with open(log_path, encoding="utf-8") as f:
        text = f.read()
    rebuilds, failed = text.count("已更新") + text.count("已全部重新生成"), text.count("生成失败")
    print("  server log: %d rebuilds, %d failed builds" % (rebuilds, failed))
    # Saves by rename never expose a half-written file: a failed build means one was read.
    if failed:
        failures.append("%d builds failed during the edit storm" % failed)
    if not rebuilds:
        failures.append("the edit storm caused no rebuild: the server did not see the saves")
    if failures:
        print("soak FAILED:\n  " + "\n  ".join(failures) + "\n  server log: " + log_path)
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("soak passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
