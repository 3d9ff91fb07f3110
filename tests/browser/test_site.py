"""Every page of the generated site in a real browser (headless Chromium).

The crawl (conftest.py) starts at the home page, follows every internal link and
visits each page once at 360 px width. These tests then check what it collected.
"""

from __future__ import annotations

import base64
import csv
import json
import re
from pathlib import Path

import pytest

from conftest import SCREENSHOTS, is_page, new_driver, set_viewport, url_to_path

# Pages whose screenshots are written to build/screenshots/ (home, report, its data page, region, checks).
SCREENSHOT_PAGES = {
    "home": "index.html",
    "report": "reports/new-energy/index.html",
    "data": "reports/project-liaison/data/index.html",
    "region": "regions/ordos/index.html",
    "checks": "checks/index.html",
}
SCREENSHOT_WIDTHS = (1280, 390)
# Full-page screenshots stop here (the checks page is very long).
SCREENSHOT_MAX_HEIGHT = 12000
MIN_CHARTS = 7


def failures_message(what: str, failures: list[str], limit: int = 25) -> str:
    shown = "\n  ".join(failures[:limit])
    more = f"\n  … and {len(failures) - limit} more" if len(failures) > limit else ""
    return f"{len(failures)} {what}:\n  {shown}{more}"


def all_pages(site_dir: Path) -> set[str]:
    """Every index.html under the site, except the search index's own folder."""
    return {
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("index.html")
        if p.relative_to(site_dir).parts[0] != "pagefind"
    }


# --------------------------------------------------------------------------- crawl


def test_crawl_reaches_every_page(crawl, site_dir):
    unreachable = sorted(all_pages(site_dir) - set(crawl.pages))
    assert crawl.pages, "the crawl found no page"
    assert not unreachable, failures_message("pages not linked from anywhere (orphans)", unreachable)


def test_pages_load(crawl):
    broken = [f"{p.path}: {p.error}" for p in crawl.pages.values() if p.error]
    assert not broken, failures_message("pages failed to load", broken)


def test_no_console_errors(crawl):
    errors = [f"{p.path}: {e['message']}" for p in crawl.pages.values() for e in p.console]
    assert not errors, failures_message("console errors", errors)


def test_internal_links_and_anchors_resolve(crawl):
    problems = []
    checked = 0
    for source, href in crawl.links():
        target = url_to_path(href, crawl.base_url)
        if target is None:
            continue
        rel, fragment = target
        checked += 1
        file = crawl.site_dir / rel
        if not file.is_file():
            problems.append(f"{source}: link to missing {rel} ({href})")
            continue
        if fragment and is_page(rel, crawl.site_dir):
            page = crawl.pages.get(rel)
            if page is None:
                problems.append(f"{source}: link to {rel}, which the crawl did not load")
            elif fragment not in page.info.get("ids", []) and fragment not in page.info.get("names", []):
                problems.append(f"{source}: no element with id “{fragment}” on {rel}")
    for page in crawl.pages.values():
        for href in page.info.get("resources", []):
            target = url_to_path(href, crawl.base_url)
            if target and not (crawl.site_dir / target[0]).is_file():
                problems.append(f"{page.path}: missing resource {target[0]}")
    print(f"\nchecked {checked} internal links on {len(crawl.pages)} pages")
    assert checked > 0
    assert not problems, failures_message("broken internal links or anchors", problems)


def test_no_horizontal_overflow_at_360px(crawl):
    wide = [
        f"{p.path}: scrollWidth {p.info['scrollWidth']} > {p.info['clientWidth']}; " + ", ".join(p.info["wide"])
        for p in crawl.pages.values()
        if p.info and p.info["scrollWidth"] > p.info["clientWidth"]
    ]
    assert not wide, failures_message("pages scroll sideways at 360 px", wide)


def test_html_lang_is_zh_cn(crawl):
    wrong = [f"{p.path}: lang={p.info.get('lang')!r}" for p in crawl.pages.values() if p.info.get("lang") != "zh-CN"]
    assert not wrong, failures_message("pages without <html lang=\"zh-CN\">", wrong)


def test_exactly_one_h1(crawl):
    wrong = []
    for p in crawl.pages.values():
        h1 = [text for level, text in p.info.get("headings", []) if level == 1]
        if len(h1) != 1:
            wrong.append(f"{p.path}: {len(h1)} h1 {h1[:3]}")
    assert not wrong, failures_message("pages without exactly one h1", wrong)


def test_headings_do_not_skip_levels(crawl):
    wrong = []
    for p in crawl.pages.values():
        previous = 0
        for level, text in p.info.get("headings", []):
            if level > previous + 1:
                wrong.append(f"{p.path}: h{level} “{text}” follows h{previous or '-'}")
                break
            previous = level
    assert not wrong, failures_message("pages whose headings skip a level", wrong)


def test_landmarks(crawl):
    wrong = []
    for p in crawl.pages.values():
        marks = p.info.get("landmarks", {})
        for name in ("main", "banner", "contentinfo"):
            if marks.get(name) != 1:
                wrong.append(f"{p.path}: {marks.get(name)} {name} landmarks")
        if not marks.get("nav"):
            wrong.append(f"{p.path}: no navigation landmark")
    assert not wrong, failures_message("landmark problems", wrong)


def test_badges_and_text_are_rendered(crawl):
    """Status badges read in Chinese (一致, 原文不一致（已说明）…), and no Mustache tag is left over."""
    wrong = []
    for p in sorted(crawl.pages.values(), key=lambda p: p.path):
        bad = sorted({b for b in p.info.get("badges", []) if not re.search(r"[\u4e00-\u9fff]", b)})
        if bad:
            wrong.append(f"{p.path}: badges {bad}")
        if p.info.get("mustache"):
            wrong.append(f"{p.path}: unrendered {p.info['mustache']}")
    assert not wrong, failures_message("pages with untranslated badges or template tags", wrong)


# --------------------------------------------------------------------------- consistency
# A row or list entry is rendered by the same partial everywhere. If it reads differently on
# some page, the partial picked up a value from the page around it (Mustache looks names up
# through the enclosing contexts: a row without `stated` shows the page's own `stated`).


def _inconsistent(crawl, key: str, canonical_pages: list[str]) -> list[str]:
    canonical = {}
    for rel in canonical_pages:
        page = crawl.pages.get(rel)
        assert page is not None, f"{rel} was not crawled"
        canonical.update({k: v for k, v in page.info.get(key, [])})
    wrong = []
    for p in sorted(crawl.pages.values(), key=lambda p: p.path):
        if p.path in canonical_pages:
            continue
        for k, v in p.info.get(key, []):
            if k in canonical and canonical[k] != v:
                wrong.append(f"{p.path}: {k}\n      here: {v}\n      list: {canonical[k]}")
    return wrong


def test_value_rows_match_the_data(crawl, site_dir):
    """A figure or indicator row shows that item's own stated value and status, nothing else."""
    indicators = {x["id"]: x for x in json.loads((site_dir / "data" / "indicators.json").read_text("utf-8"))}
    with open(site_dir / "data" / "figures.csv", encoding="utf-8", newline="") as f:
        figures = {r["id"]: r for r in csv.DictReader(f)}
    wrong, rows = [], 0
    for p in sorted(crawl.pages.values(), key=lambda p: p.path):
        for item, row in p.info.get("valueRows", []):
            if item in indicators:
                stated, status = "stated" in indicators[item], indicators[item].get("status")
            elif item in figures:
                stated, status = False, None
            else:
                wrong.append(f"{p.path}: row for unknown id {item}")
                continue
            rows += 1
            if row["stated"] != stated:
                wrong.append(f"{p.path}: {item} {'shows' if row['stated'] else 'lacks'} a stated value: {row['value']}")
            if row["status"] != status:
                wrong.append(f"{p.path}: {item} shows status {row['status']}, its own is {status}")
    seen = {}
    for p in sorted(crawl.pages.values(), key=lambda p: p.path):
        for item, row in p.info.get("valueRows", []):
            first = seen.setdefault(item, (p.path, row))
            if first[1]["source"] != row["source"]:
                wrong.append(f"{p.path}: {item} source “{row['source']}”, on {first[0]} “{first[1]['source']}”")
    print(f"\nchecked {rows} figure and indicator rows")
    assert not wrong, failures_message("figure/indicator rows showing another item's data", wrong, 15)


def test_check_rows_read_the_same_on_every_page(crawl):
    wrong = _inconsistent(crawl, "checkRows", ["checks/index.html"])
    assert not wrong, failures_message("check rows that differ from checks/index.html", wrong, 10)


def test_document_entries_read_the_same_on_every_page(crawl):
    wrong = _inconsistent(crawl, "docItems", ["reports/index.html", "cases/index.html"])
    assert not wrong, failures_message("report/case list entries that differ from the list pages", wrong, 10)


# --------------------------------------------------------------------------- charts


def test_charts_have_title_description_and_table(crawl):
    wrong = []
    for p in crawl.pages.values():
        for i, chart in enumerate(p.info.get("charts", [])):
            name = f"{p.path} chart {chart['id'] or i + 1}"
            if not chart["svgs"]:
                wrong.append(f"{name}: no <svg>")
            for svg in chart["svgs"]:
                if not svg["title"]:
                    wrong.append(f"{name}: <svg> without a non-empty <title>")
                if not svg["desc"]:
                    wrong.append(f"{name}: <svg> without a non-empty <desc>")
            if not chart["table"]:
                wrong.append(f"{name}: no data <table> in the figure")
    assert not wrong, failures_message("chart problems", wrong)


def test_site_has_charts(crawl):
    # A chart shown on several pages (a report and its region, say) counts once by its id.
    charts = {
        c["id"] or f"{p.path}#{i}" for p in crawl.pages.values() for i, c in enumerate(p.info.get("charts", []))
    }
    if not charts:
        pytest.xfail("charts not yet rendered")
    assert len(charts) >= MIN_CHARTS, f"expected at least {MIN_CHARTS} charts, found {len(charts)}: {sorted(charts)}"


# --------------------------------------------------------------------------- screenshots


def save_screenshot(driver, path: Path) -> None:
    """A full-page PNG (up to SCREENSHOT_MAX_HEIGHT px) of the current page."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    width = driver.execute_script("return document.documentElement.clientWidth")
    height = min(int(size["height"]) + 1, SCREENSHOT_MAX_HEIGHT)
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))


@pytest.fixture(scope="module")
def screenshot_driver():
    d = new_driver(1280, 900)
    yield d
    d.quit()


@pytest.mark.parametrize("width", SCREENSHOT_WIDTHS)
@pytest.mark.parametrize("name", list(SCREENSHOT_PAGES))
def test_screenshot(screenshot_driver, base_url, site_dir, name, width):
    rel = SCREENSHOT_PAGES[name]
    assert (site_dir / rel).is_file(), f"{rel} is missing"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    set_viewport(screenshot_driver, width, 900, mobile=width < 600)
    screenshot_driver.get(base_url + rel)
    screenshot_driver.execute_script("return document.fonts.ready.then(() => true)")
    out = SCREENSHOTS / f"{name}-{width}.png"
    save_screenshot(screenshot_driver, out)
    assert out.stat().st_size > 1000
    overflow = screenshot_driver.execute_script(
        "const d = document.documentElement; return d.scrollWidth - d.clientWidth"
    )
    assert overflow <= 0, f"{rel} scrolls sideways by {overflow} px at {width} px"
