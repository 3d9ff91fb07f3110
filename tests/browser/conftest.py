"""Fixtures for the browser tests: a static server for site/, headless Chromium, one crawl.

The site is served from BRIEFING_SITE (default: site/ of this repository) on 127.0.0.1
at a free port. Chromium and chromedriver are Debian's; Selenium runs offline
(SE_OFFLINE=true), so it never tries to download a browser or a driver.
"""

from __future__ import annotations

import functools
import http.server
import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

os.environ.setdefault("SE_OFFLINE", "true")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("BRIEFING_SITE", REPO / "site")).resolve()
SCREENSHOTS = Path(os.environ.get("BRIEFING_SCREENSHOTS", REPO / "build" / "screenshots")).resolve()
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
# Two browsers crawl side by side (the machines here have two cores).
CRAWL_WORKERS = int(os.environ.get("BRIEFING_CRAWL_WORKERS", "2"))
MOBILE_WIDTH = 360


# --------------------------------------------------------------------------- server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".xml": "application/xml",
        ".csv": "text/csv; charset=utf-8",
        ".svg": "image/svg+xml",
    }

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.exit(f"no site to test: {SITE}/index.html is missing (run `make site`)", returncode=2)
    return SITE


@pytest.fixture(scope="session")
def search_index(site_dir: Path) -> Path:
    """site/pagefind/, built here when `make search-index` has not been run."""
    out = site_dir / "pagefind"
    if not (out / "pagefind-ui.js").is_file():
        subprocess.run(
            [sys.executable, "-m", "pagefind_bin_extended", "--site", str(site_dir), "--output-subdir", "pagefind", "--keep-index-url", "--silent"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return out


@pytest.fixture(scope="session")
def base_url(site_dir: Path, search_index: Path):
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- browser


def new_driver(width: int = 1280, height: int = 900, mobile: bool = False) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-extensions",
        "--no-first-run",
        "--hide-scrollbars",
        "--lang=zh-CN",
        f"--window-size={width},{height}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    set_viewport(driver, width, height, mobile)
    return driver


def set_viewport(driver: webdriver.Chrome, width: int, height: int = 900, mobile: bool = False) -> None:
    """Emulates a viewport of exactly `width` CSS pixels (a window can't be made that narrow)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


@pytest.fixture(scope="session")
def driver():
    d = new_driver()
    yield d
    d.quit()


# --------------------------------------------------------------------------- crawl

# One round trip per page collects everything the tests look at.
PAGE_PROBE = r"""
const de = document.documentElement;
const abs = (el, attr) => { const v = el.getAttribute(attr); return v === null ? null : new URL(v, location.href).href; };
const wide = [];
if (de.scrollWidth > de.clientWidth) {
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > de.clientWidth + 0.5 && r.width > 0) {
      wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
        ' right=' + Math.round(r.right));
      if (wide.length >= 5) break;
    }
  }
}
return {
  url: location.href,
  lang: de.getAttribute('lang'),
  title: document.title,
  scrollWidth: de.scrollWidth,
  clientWidth: de.clientWidth,
  wide: wide,
  headings: Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)]),
  links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
  resources: Array.from(document.querySelectorAll('link[href]')).map(l => abs(l, 'href'))
    .concat(Array.from(document.querySelectorAll('script[src],img[src]')).map(e => abs(e, 'src'))),
  ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id),
  names: Array.from(document.querySelectorAll('a[name]')).map(e => e.getAttribute('name')),
  landmarks: {
    main: document.querySelectorAll('main, [role=main]').length,
    banner: document.querySelectorAll('body > header, [role=banner]').length,
    contentinfo: document.querySelectorAll('body > footer, [role=contentinfo]').length,
    nav: document.querySelectorAll('nav, [role=navigation]').length,
  },
  charts: Array.from(document.querySelectorAll('figure.chart')).map(f => ({
    id: f.id || '',
    svgs: Array.from(f.querySelectorAll('svg')).map(s => ({
      title: !!s.querySelector(':scope > title') && s.querySelector(':scope > title').textContent.trim() !== '',
      desc: !!s.querySelector(':scope > desc') && s.querySelector(':scope > desc').textContent.trim() !== '',
    })),
    table: f.querySelectorAll('table').length,
    caption: !!f.querySelector('figcaption'),
  })),
  // Rows and list entries that must read the same on every page that shows them.
  valueRows: Array.from(document.querySelectorAll('table.values > tbody > tr')).filter(tr => tr.id && tr.cells.length >= 4)
    .map(tr => [tr.id, {
      value: tr.cells[1].textContent.replace(/\s+/g, ' ').trim(),
      stated: tr.cells[1].textContent.includes('文中'),
      status: (tr.cells[2].querySelector('.badge') || {className: ''}).className.replace('badge', '').trim() || null,
      source: tr.cells[3].textContent.replace(/\s+/g, ' ').trim(),
    }]),
  checkRows: Array.from(document.querySelectorAll('table.checks > tbody > tr:not(.note-row)')).map(tr => {
    const next = tr.nextElementSibling;
    const note = next && next.classList.contains('note-row') ? next.textContent.replace(/\s+/g, ' ').trim() : '';
    const cells = Array.from(tr.cells).map(td => td.textContent.replace(/\s+/g, ' ').trim());
    const where = tr.cells.length ? (tr.cells[tr.cells.length - 1].dataset.source || cells[cells.length - 1]) : '';
    return [cells[0] + ' @ ' + where, cells.join(' | ') + (note ? ' || ' + note : '')];
  }),
  // The entry itself (title, meta line, summary): region pages list the region's figures below it.
  docItems: Array.from(document.querySelectorAll('.doc-list > li')).filter(li => li.querySelector('a.doc-title'))
    .map(li => [li.querySelector('a.doc-title').href,
                Array.from(li.querySelectorAll(':scope > .doc-title, :scope > .doc-meta, :scope > .doc-summary'))
                  .map(e => e.textContent.replace(/\s+/g, ' ').trim()).join(' | ')]),
  badges: Array.from(document.querySelectorAll('.badge')).map(b => b.textContent.trim()),
  mustache: (document.body.innerText.match(/\{\{[^}]*\}\}?/g) || []).slice(0, 3),
  svgsOutsideCharts: Array.from(document.querySelectorAll('svg')).filter(s => !s.closest('figure.chart')).length,
};
"""


@dataclass
class Page:
    path: str  # site-relative path of the HTML file, e.g. "reports/new-energy/index.html"
    info: dict
    console: list = field(default_factory=list)  # SEVERE browser-log entries
    error: str | None = None


@dataclass
class Crawl:
    base_url: str
    site_dir: Path
    pages: dict  # path -> Page
    seconds: float

    def links(self):
        """(from page, absolute url) for every internal link on every page."""
        for p in self.pages.values():
            for href in p.info.get("links", []):
                if href.startswith(self.base_url):
                    yield p.path, href


def url_to_path(url: str, base_url: str) -> tuple[str, str] | None:
    """Maps an internal URL to (site-relative file path, fragment); None for external URLs."""
    if not url.startswith(base_url):
        return None
    clean, frag = urldefrag(url)
    rel = unquote(urlsplit(clean).path)[len(urlsplit(base_url).path):]
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return rel, unquote(frag)


def is_page(rel: str, site_dir: Path) -> bool:
    return rel.endswith(".html") and (site_dir / rel).is_file()


@pytest.fixture(scope="session")
def crawl(base_url: str, site_dir: Path) -> Crawl:
    """Visits every page reachable from the home page at 360 px width."""
    started = time.monotonic()
    todo: queue.Queue = queue.Queue()
    seen = {"index.html"}
    lock = threading.Lock()
    pages: dict[str, Page] = {}
    todo.put("index.html")

    def worker(driver):
        while True:
            rel = todo.get()
            if rel is None:
                return
            try:
                page = Page(rel, {})
                try:
                    driver.get(base_url + rel)
                    page.info = driver.execute_script(PAGE_PROBE)
                    page.console = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
                except Exception as exc:  # a page that fails to load is reported, not fatal
                    page.error = f"{type(exc).__name__}: {exc}"
                with lock:
                    pages[rel] = page
                    for href in page.info.get("links", []) + page.info.get("resources", []):
                        target = url_to_path(href, base_url)
                        if target and target[0] not in seen and is_page(target[0], site_dir):
                            seen.add(target[0])
                            todo.put(target[0])
            finally:
                todo.task_done()

    drivers = [new_driver(MOBILE_WIDTH, 780, mobile=True) for _ in range(CRAWL_WORKERS)]
    threads = [threading.Thread(target=worker, args=(d,), daemon=True) for d in drivers]
    try:
        for t in threads:
            t.start()
        todo.join()
        for _ in threads:
            todo.put(None)
        for t in threads:
            t.join()
    finally:
        for d in drivers:
            d.quit()
    result = Crawl(base_url, site_dir, pages, time.monotonic() - started)
    print(f"\ncrawled {len(pages)} pages in {result.seconds:.1f} s with {CRAWL_WORKERS} browsers")
    return result
