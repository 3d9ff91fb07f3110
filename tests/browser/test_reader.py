"""What a reader sees on a phone: every report and case at 360×740 CSS pixels.

* The first screen (scrolled to the top, nothing tapped) holds the summary and at least
  three key numbers (the 要点 box), each linking to the document's own data page
  (…/data/#ID). A screenshot of that screen goes to build/screenshots/phone-first-SLUG.png.
* Neither the document page nor its data page shows a figure or indicator ID
  (ordos.capacity.total), a Markdown file name (new-energy.md) or a file:line location in
  its visible text (document.body.innerText): where a number comes from reads as Chinese.
"""

from __future__ import annotations

import base64
import csv
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import SCREENSHOTS, new_driver

PHONE_WIDTH, PHONE_HEIGHT = 360, 740
MIN_KEYS_ON_FIRST_SCREEN = 3

# An ID as the data files spell them: lowercase words joined by at least two dots.
ID_PATTERN = re.compile(r"(?<![A-Za-z0-9_.])[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*\.[a-z0-9_.]*[a-z0-9_]")
MD_PATTERN = re.compile(r"[\w.\-\u4e00-\u9fff]+\.md\b", re.IGNORECASE)
FILE_LINE_PATTERN = re.compile(r"[\w.\-]+\.(?:md|ya?ml|csv|json):\d+")


def documents(site_dir: Path) -> list[str]:
    """Site-relative folders of every report and case: those with a data page."""
    found = []
    for section in ("reports", "cases"):
        for data in sorted((site_dir / section).glob("*/data/index.html")):
            found.append(data.parent.parent.relative_to(site_dir).as_posix())
    return found


def _site_documents() -> list[str]:
    from conftest import SITE

    return documents(SITE) if (SITE / "index.html").is_file() else []


DOCUMENTS = _site_documents()


@pytest.fixture(scope="module")
def known_ids(site_dir: Path) -> set[str]:
    ids = {x["id"] for x in json.loads((site_dir / "data" / "indicators.json").read_text("utf-8"))}
    with open(site_dir / "data" / "figures.csv", encoding="utf-8", newline="") as f:
        ids |= {r["id"] for r in csv.DictReader(f)}
    assert ids, "no figure or indicator IDs in data/"
    return ids


@pytest.fixture(scope="module")
def phone():
    d = new_driver(PHONE_WIDTH, PHONE_HEIGHT, mobile=True)
    yield d
    d.quit()


def load(driver, url: str) -> None:
    driver.get(url)
    driver.execute_script("return document.fonts.ready.then(() => true)")
    driver.execute_script("window.scrollTo(0, 0)")


FIRST_SCREEN_PROBE = r"""
const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, height: r.height}; };
const lead = document.querySelector('.doc-header .lead');
return {
  viewport: [document.documentElement.clientWidth, window.innerHeight],
  scrollY: window.scrollY,
  lead: lead ? box(lead) : null,
  keys: Array.from(document.querySelectorAll('.key-numbers .key')).map(li => {
    const a = li.querySelector('a.key-link');
    return {text: li.innerText.replace(/\s+/g, ' ').trim(), href: a ? a.href : null, ...box(li)};
  }),
  // The first few things on the screen, top to bottom, to say what came before the summary.
  order: Array.from(document.querySelectorAll('body *')).filter(el => {
    const r = el.getBoundingClientRect();
    return el.children.length === 0 && r.height > 0 && r.bottom <= window.innerHeight && el.innerText && el.innerText.trim();
  }).slice(0, 12).map(el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') + ' ' + el.innerText.trim().slice(0, 16)),
};
"""


def first_screen_shot(driver, path: Path) -> None:
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "clip": {"x": 0, "y": 0, "width": PHONE_WIDTH, "height": PHONE_HEIGHT, "scale": 1}},
    )
    path.write_bytes(base64.b64decode(shot["data"]))


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_first_screen_has_summary_and_key_numbers(phone, base_url, site_dir, known_ids, doc):
    load(phone, base_url + doc + "/index.html")
    info = phone.execute_script(FIRST_SCREEN_PROBE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    slug = doc.split("/")[-1]
    first_screen_shot(phone, SCREENSHOTS / f"phone-first-{slug}.png")

    assert info["viewport"] == [PHONE_WIDTH, PHONE_HEIGHT], f"viewport is {info['viewport']}"
    assert info["scrollY"] == 0
    assert info["lead"] is not None, f"{doc}: no summary (.doc-header .lead)"
    assert info["lead"]["bottom"] <= PHONE_HEIGHT, (
        f"{doc}: the summary ends at {info['lead']['bottom']:.0f} px, below the first screen; "
        f"before it: {info['order']}"
    )
    data_path = urlsplit(base_url).path + doc + "/data/"
    linked = []
    for key in info["keys"]:
        if not key["href"]:
            continue
        parts = urlsplit(key["href"])
        if parts.path in (data_path, data_path + "index.html") and unquote(parts.fragment) in known_ids:
            linked.append(key)
    on_screen = [k for k in linked if k["bottom"] <= PHONE_HEIGHT and k["height"] > 0]
    print(
        f"\n{slug}: summary bottom {info['lead']['bottom']:.0f} px, {len(on_screen)} of {len(info['keys'])} key numbers"
        f" on the first screen (bottoms {[round(k['bottom']) for k in info['keys']]})"
    )
    assert len(linked) >= MIN_KEYS_ON_FIRST_SCREEN, (
        f"{doc}: {len(linked)} key numbers link to {data_path}#ID, {MIN_KEYS_ON_FIRST_SCREEN} wanted: "
        f"{[(k['text'], k['href']) for k in info['keys']]}"
    )
    assert len(on_screen) >= MIN_KEYS_ON_FIRST_SCREEN, (
        f"{doc}: only {len(on_screen)} key numbers within the first {PHONE_HEIGHT} px: "
        f"{[(k['text'], round(k['bottom'])) for k in linked]}"
    )


def visible_problems(text: str, known_ids: set[str]) -> list[str]:
    problems = []
    words = set(re.findall(r"[A-Za-z0-9_.]+", text))
    ids = sorted(words & known_ids)
    if ids:
        problems.append(f"IDs {ids[:5]}{' …' if len(ids) > 5 else ''}")
    shaped = sorted(set(ID_PATTERN.findall(text)) - set(ids))
    if shaped:
        problems.append(f"ID-like words {shaped[:5]}")
    md = sorted(set(MD_PATTERN.findall(text)))
    if md:
        problems.append(f"Markdown file names {md[:5]}")
    located = sorted(set(FILE_LINE_PATTERN.findall(text)))
    if located:
        problems.append(f"file:line locations {located[:5]}")
    return problems


def test_visible_problems_finds_what_it_should():
    ids = {"ordos.capacity.total"}
    assert visible_problems("装机 413.8 万千瓦", ids) == []
    assert visible_problems("见 https://example.org/a.b 与 figures.csv", ids) == []
    assert visible_problems("定义于 new-energy.md:123", ids)
    assert visible_problems("ordos.capacity.total", ids)
    assert visible_problems("league.ulanqab.capacity", ids)
    assert visible_problems("新能源.md", ids)


@pytest.mark.parametrize("page", ["index.html", "data/index.html"], ids=["document", "data"])
@pytest.mark.parametrize("doc", DOCUMENTS)
def test_no_ids_or_file_names_visible(phone, base_url, known_ids, doc, page):
    load(phone, base_url + doc + "/" + page)
    # Collapsed <details> hide their text from innerText; a reader can open them.
    phone.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    text = phone.execute_script("return document.body.innerText")
    assert len(text) > 200, f"{doc}/{page}: almost no text"
    problems = visible_problems(text, known_ids)
    assert not problems, f"{doc}/{page} shows a reader " + "; ".join(problems)


DERIVED_JS = r"""
return Array.from(document.querySelectorAll('a.derived')).map(a => {
  const mark = a.querySelector('.mark');
  const r = mark ? mark.getBoundingClientRect() : null;
  const style = mark ? getComputedStyle(mark) : null;
  return {
    title: a.getAttribute('title') || '',
    mark: mark ? mark.textContent.trim() : '',
    visible: !!(r && r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none'),
  };
});
"""


def test_derived_values_are_marked_with_their_formula(driver, base_url):
    """A value the site computed (50家: the listed kinds added up) shows a visible 推算 mark, and its
    tooltip gives the formula in words; the source's own 57家 has no mark."""
    driver.set_window_size(1280, 900)
    driver.get(base_url + "reports/new-energy/index.html")
    derived = driver.execute_script(DERIVED_JS)
    assert len(derived) >= 10, f"only {len(derived)} derived values marked on new-energy"
    for d in derived:
        assert d["mark"] == "推算" and d["visible"], d
        assert "（推算：" in d["title"], d
    listed = driver.execute_script(
        "const a = document.querySelector('a[href$=\"#imar.chain.enterprises_calc\"]');"
        "return a ? [a.className, a.getAttribute('title')] : null;")
    assert listed and "derived" in listed[0] and "风电整机" in listed[1], listed
    source = driver.execute_script(
        "const a = document.querySelector('a[href$=\"#imar.chain.enterprises\"]');"
        "return a ? [a.className, a.textContent] : null;")
    assert source and "derived" not in source[0] and "推算" not in source[1], source
    # The checks page explains the mark.
    driver.get(base_url + "checks/index.html")
    assert "本站按公式计算、原文没有写出的数" in driver.find_element("tag name", "body").text
