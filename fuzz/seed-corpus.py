#!/usr/bin/env python3
"""Regenerates fuzz/corpus/<target>/ from the real content/ (run from the repository root).

front-matter/  every report and case file as it is
formula/       every formula in the front matter, one per file, plus a few that use the
               fuzz project's own ids (fuzz/Sources/FuzzFormula) so evaluation goes deep
links/         every Markdown body, plus snippets with each link scheme the rewriter knows
"""
import hashlib, pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fuzz" / "corpus"


def put(target: str, data: bytes) -> None:
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


files = sorted((root / "content").glob("*/*.md"))
formulas = set()
for f in files:
    raw = f.read_bytes()
    put("front-matter", raw)
    text = raw.decode("utf-8")
    parts = text.split("\n---\n", 1)
    # A short but complete version (first figures, closed front matter, some body), so the
    # fuzzer reaches YAML decoding at a small -max_len instead of mutating 100 KB files.
    fm = parts[0].split("\n")
    cut = next((i for i in range(40, len(fm)) if re.match(r"^  [a-z]", fm[i])), len(fm))
    body = parts[1][:600] if len(parts) == 2 else ""
    put("front-matter", ("\n".join(fm[:cut]) + "\n---\n" + body).encode())
    if len(parts) == 2:
        put("links", parts[1].encode())
    in_indicators = False
    for line in parts[0].splitlines():
        if re.match(r"^indicators:\s*$", line):
            in_indicators = True
            continue
        if re.match(r"^\S", line):
            in_indicators = False
        m = re.match(r"^\s+formula:\s*(.+)$", line)
        if m:
            formulas.add(m.group(1).strip())
        m = re.match(r"^  [a-z0-9_.]+:\s+(\S.*)$", line)
        if in_indicators and m and not re.match(r"^[\d.]+\s*\S*$", m.group(1)):
            formulas.add(m.group(1).strip())
hostile = root / "Tests" / "SiteTests" / "HostileInputTests.swift"
if hostile.exists():
    # The hostile-input suite's small fixture files (reports/energy.md, cases/grid.md).
    src = hostile.read_text()
    for name in ("energy", "grid"):
        m = re.search(r"static let %s = \"\"\"\n(.*?)\n        \"\"\"" % name, src, re.S)
        if m:
            put("front-matter", "\n".join(l[8:] for l in m.group(1).split("\n")).encode() + b"\n")
for f in sorted(formulas):
    put("formula", f.encode())
for f in [
    "ordos.capacity.pv + ordos.capacity.wind + ordos.capacity.hydro",
    "sum(banner.*.capacity.pv)\nfz.a / ordos.capacity.pv\nshare(fz.a, ordos.capacity.pv)\ngrowth(fz.a, fz.b)",
    "ordos.money.total / ordos.pop.total\nfz.a * 10 万人\nmax(ordos.count, 3 个) - min(ordos.count, 1 个)",
    "fz.b + 1\nfz.a * 2",
    "ordos.energy / ordos.capacity.pv\navg(banner.*.capacity.pv, ordos.capacity.pv)",
    "ordos.count / ordos.zero\nshare(ordos.count, ordos.zero)",
    "(ordos.share * 100 - 1) × 2 ÷ 4\n-ordos.none + ４１３．８",
    "10万元/个 * ordos.count\n1,445,835 人 / ordos.pop.total",
]:
    put("formula", f.encode())
# Extreme numbers: 30-digit values, 1e-29 decimals, long products and quotients, count words.
TINY, BIG = "0.00000000000000000000000000001", "999999999999999999999999999999"
for f in [
    " * ".join([TINY] * 5),
    f"{BIG} * {BIG} * {BIG}\nordos.big * ordos.big\nordos.big + 0.01 元 - ordos.big\nordos.tiny * ordos.tiny * ordos.tiny",
    "1/3*3\n2 万元 / 3\nfz.a - 1\n(1/3 + 100000000000000000000) - 100000000000000000000",
    "ordos.money.total" + " / 7" * 7 + " * 7" * 7 + "\nshare(ordos.tiny, ordos.big)\ngrowth(ordos.big, ordos.tiny)\navg(ordos.third, ordos.third, 1)",
    "35 万元 * 40 个\nordos.per * ordos.count\nordos.people / ordos.households\nordos.count + ordos.firms + 5",
    "ordos.people + ordos.count\nordos.people + 2 万人\n3 个 + 50%\nmax(ordos.count, ordos.people)",
    "ordos.daily * 10 天\n48 元/天 / 1 元/天\n1 元/户/年 * ordos.households\n10 万元/个 * 3 个 / 3 个",
    f"1e400 + 1\n1234567890123456789012345678901 + 1\n0.123456789012345678901234567890 / 0.000000000000000000000000000007\n-ordos.tiny / ordos.big",
    f"123456789012345678901234567890 * 123456789012345678901234567890 / {BIG}\n0.999999999999999999999999999999 - 0.999999999999999999999999999998\nfz.b * 1000000000000000000000000000\nfz.c / {TINY}",
    " * ".join(["ordos.third"] * 20) + "\n1" + " / ordos.third" * 12 + "\nfz.a * fz.b - 1\nfz.c - fz.c",
    "万亿万亿千瓦时/斤 * 1\n1 万元/万元/万元/万元/万元/万元/万元/万元\n413.85 万千瓦 / 19 * 19\nordos.big / 3 * 3 - ordos.big",
]:
    put("formula", f.encode())
for s in [
    "## 一、发展现状\n\n总装机[413.8万千瓦](fig:ordos.capacity.total)，占[7.6%](fig:ordos.share)。\n",
    "[](fig:ordos.capacity.total) [](fig:ordos.count) [约1.6亿元](fig:ordos.money) [3](fig:x.none)\n",
    "见[报告](report:new-energy#一发展现状)和[案例](report:grid)，[达拉特旗](region:dalad)。\n",
    "[](chart:c1)\n\n段落[](chart:c1)。\n",
    "# 概况\n\n> [超过400万千瓦](fig:ordos.capacity.total)\n\n- [x](report:nothing)\n- [y](region:nowhere)\n",
    "[a](javascript:alert(1)) <script>x</script> ![i](data:text/html,x) [b][r]\n\n[r]: fig:ordos.share\n",
    # Pipe tables (cmark-gfm's extension), soft breaks between Chinese characters, full-width
    # brackets that are not links, and numbers no link binds.
    "| 旗区 | 装机 |\n| --- | ---: |\n| [达拉特旗](region:dalad) | [115.8万千瓦](fig:ordos.capacity.total) |\n| 合计 | [](fig:ordos.count) |\n",
    "第一段文字，\n接着写[7.6%](fig:ordos.share)。\nLatin\nwords 2022年 增长3.5%，共12个项目。\n",
    "见[20万元]（fig:ordos.money）和【报告】(report:new-energy)，约1.6亿元。\n",
]:
    put("links", s.encode())
