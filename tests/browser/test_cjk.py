"""A line break typed between two Chinese characters is no space in the browser.

Markdown keeps a soft line break as a newline, and Chromium shows a newline between two
Chinese characters as a space (“一致， 程序会核对”). The site joins such lines when it renders
the body. This test makes a small site with the briefing binary (env BRIEFING_BIN, which
`make browser-test` sets; default .build/debug/briefing): `briefing init`, `briefing new report`,
a paragraph typed with such breaks, `briefing build`, and reads the paragraphs in Chromium.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

BIN = Path(os.environ.get("BRIEFING_BIN", REPO / ".build" / "debug" / "briefing"))

# Typed with a newline after “，” and after “成”; the link's line ends with “，” too.
PARAGRAPH = "两处数字一致，\n程序会核对每个数字是否一致，并把结果写\n成核验记录。"
JOINED = "两处数字一致，程序会核对每个数字是否一致，并把结果写成核验记录。"


def run(args: list[str], cwd: Path) -> str:
    r = subprocess.run([str(BIN), *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"briefing {' '.join(args)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}"
    return r.stdout + r.stderr


@pytest.fixture(scope="module")
def cjk_site(tmp_path_factory) -> Path:
    if not BIN.is_file():
        pytest.skip(f"no briefing binary at {BIN} (set BRIEFING_BIN or run `make debug`)")
    root = tmp_path_factory.mktemp("cjk") / "x"
    run(["init", str(root), "--title", "测试"], cwd=root.parent)
    run(["new", "report", "cjk", "--title", "换行"], cwd=root)
    md = root / "content" / "reports" / "cjk.md"
    text = md.read_text("utf-8")
    assert "\n程序会核对" in text, "the new report's body changed: it no longer has a line starting 程序会核对"
    md.write_text(text.rstrip("\n") + "\n\n" + PARAGRAPH + "\n", "utf-8")
    out = root / "site"
    run(["build", "--no-search", "--output", str(out)], cwd=root)
    page = out / "reports" / "cjk" / "index.html"
    assert page.is_file(), f"{page} was not built"
    return out


def test_soft_line_breaks_between_chinese_characters_vanish(driver, cjk_site):
    driver.get((cjk_site / "reports" / "cjk" / "index.html").as_uri())
    paragraphs = driver.execute_script(
        "return Array.from(document.querySelectorAll('.prose p')).map(p => p.innerText)"
    )
    ours = [p for p in paragraphs if "两处数字" in p]
    assert ours, f"the typed paragraph is missing: {paragraphs}"
    assert JOINED in ours[0], f"rendered as {ours[0]!r}"
    # The template's own paragraph: a link, then “，” at the end of the line, then 程序会核对.
    linked = [p for p in paragraphs if "程序会核对所写数字" in p]
    assert linked, f"the template paragraph is missing: {paragraphs}"
    assert "，程序会核对所写数字" in linked[0], f"rendered as {linked[0]!r}"
    for p in ours + linked:
        assert "\n" not in p and "， " not in p, f"a break shows as a space: {p!r}"
