"""Printing a document page from the browser (Chromium's Page.printToPDF, A4).

* A printed report stays short: new-energy at most 12 A4 pages, talent at most 8; every
  report and case is printed and its page count printed (and, where `make pdf` has run,
  the page count of the WeasyPrint PDF the page links as 下载PDF).
* In print media the site's navigation is gone: the header with its menu, the breadcrumbs,
  the 上一篇/下一篇 pager, the footer, and every other <nav>.
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.print_page_options import PrintOptions

from conftest import set_viewport
from test_reader import DOCUMENTS

MAX_PAGES = {"reports/new-energy": 12, "reports/talent": 8}


def pdf_pages(pdf: bytes) -> int:
    try:
        from pypdf import PdfReader  # type: ignore
        import io

        return len(PdfReader(io.BytesIO(pdf)).pages)
    except ImportError:
        pass
    if shutil.which("pdfinfo"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            out = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    # Without either: count the page objects.
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def print_a4(driver) -> bytes:
    options = PrintOptions()
    options.page_width = 21.0
    options.page_height = 29.7
    options.background = True
    return base64.b64decode(driver.print_page(options))


def test_pdf_pages_counts_pages():
    one = b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R] >> endobj 2 0 obj << /Type /Page >> endobj"
    assert len(re.findall(rb"/Type\s*/Page(?!s)", one)) == 1


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_printed_length(driver, base_url, site_dir, doc):
    set_viewport(driver, 1280, 900)
    driver.get(base_url + doc + "/index.html")
    driver.execute_script("return document.fonts.ready.then(() => true)")
    pages = pdf_pages(print_a4(driver))
    slug = doc.split("/")[-1]
    weasy = site_dir / doc / f"{slug}.pdf"
    weasy_pages = pdf_pages(weasy.read_bytes()) if weasy.is_file() else None
    print(f"\n{doc}: browser print {pages} A4 pages" + (f"; 下载PDF ({weasy.name}) {weasy_pages} pages" if weasy_pages else ""))
    assert pages >= 1
    limit = MAX_PAGES.get(doc)
    if limit is not None:
        assert pages <= limit, f"{doc} prints on {pages} A4 pages, at most {limit} wanted"


NAV_PROBE = r"""
const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
const navs = Array.from(document.querySelectorAll(
  'nav, [role=navigation], .site-header, .site-nav, .site-footer, .breadcrumbs, .pager, .skip'));
return {
  media: matchMedia('print').matches,
  total: navs.length,
  visible: navs.filter(shown).map(el => name(el) + ' display=' + getComputedStyle(el).display),
};
"""


@pytest.mark.parametrize("doc", [d for d in DOCUMENTS if d in MAX_PAGES] or DOCUMENTS[:1])
def test_navigation_hidden_in_print(driver, base_url, doc):
    set_viewport(driver, 1280, 900)
    driver.get(base_url + doc + "/index.html")
    screen = driver.execute_script(NAV_PROBE)
    assert not screen["media"] and screen["total"] >= 3 and len(screen["visible"]) >= 3, (
        f"on screen the navigation should show: {screen}"
    )
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        printed = driver.execute_script(NAV_PROBE)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert printed["media"], "print media was not emulated"
    assert not printed["visible"], f"{doc}: navigation visible in print: {printed['visible']}"
