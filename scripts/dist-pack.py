#!/usr/bin/env python3
"""Packs dist/NAME (the program) into dist/NAME.tar.gz with the README's download section
and LICENSE when there is one, and writes dist/SHA256SUMS over every dist/briefing-* file.

The archive is the same bytes for the same inputs: names sorted, owner root, times taken
from SOURCE_DATE_EPOCH or the last commit, gzip without a name or time.
"""
import gzip
import hashlib
import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BEGIN, END = "<!-- dist:begin -->", "<!-- dist:end -->"


def source_date() -> int:
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "-c", f"safe.directory={ROOT}", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True)
        return int(out.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 0


def readme_excerpt() -> bytes:
    """Every part of README.md between the dist markers, so the archive says how to start."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    parts, rest = [], text
    while BEGIN in rest:
        _, _, rest = rest.partition(BEGIN)
        part, found, rest = rest.partition(END)
        if not found:
            sys.exit(f"dist-pack: README.md has {BEGIN} without {END}")
        parts.append(part.strip("\n"))
    if not parts:
        sys.exit(f"dist-pack: README.md has no section between {BEGIN} and {END}")
    return ("\n\n".join(parts) + "\n").encode("utf-8")


def add(tar: tarfile.TarFile, name: str, data: bytes, mode: int, mtime: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), mode, mtime
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    tar.addfile(info, io.BytesIO(data))


def pack(name: str) -> Path:
    mtime = source_date()
    files = {f"{name}/briefing": ((DIST / name).read_bytes(), 0o755), f"{name}/README.md": (readme_excerpt(), 0o644)}
    for license_name in ("LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING"):
        if (ROOT / license_name).is_file():
            files[f"{name}/{license_name}"] = ((ROOT / license_name).read_bytes(), 0o644)
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for path in sorted(files):
            data, mode = files[path]
            add(tar, path, data, mode, mtime)
    out = DIST / f"{name}.tar.gz"
    with open(out, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
        gz.write(raw.getvalue())
    return out


def write_sums() -> Path:
    lines = []
    for path in sorted(DIST.glob("briefing-*")):
        if path.is_file():
            lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n")
    out = DIST / "SHA256SUMS"
    out.write_text("".join(lines), encoding="utf-8")
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2 or not (DIST / sys.argv[1]).is_file():
        sys.exit("usage: dist-pack.py NAME  (with the program at dist/NAME)")
    archive = pack(sys.argv[1])
    sums = write_sums()
    print(f"{archive.relative_to(ROOT)}\n{sums.relative_to(ROOT)}:")
    print(sums.read_text(encoding="utf-8"), end="")
