"""Printing a document page from the browser (Chromium's Page.printToPDF, A4).

* A printed report stays short: new-energy at most 12 A4 pages, talent at most 8; every
  report and case is printed and its page count printed (and, where `make pdf` has run,
  the page count of the WeasyPrint PDF the page links as 下载PDF).
* The 下载PDF file (`make pdf`, WeasyPrint) keeps the document itself within the same limits:
  the pages before its appendix (附录　数据与核验) count; the appendix lists every figure.
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


def pdf_text(pdf: bytes, first: int | None = None, last: int | None = None) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        args = ["pdftotext", "-enc", "UTF-8"]
        if first:
            args += ["-f", str(first), "-l", str(last or first)]
        return subprocess.run(args + [f.name, "-"], capture_output=True, text=True, check=True).stdout


def test_pdf_pages_counts_pages():
    one = b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R] >> endobj 2 0 obj << /Type /Page >> endobj"
    assert len(re.findall(rb"/Type\s*/Page(?!s)", one)) == 1


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_printed_length(driver, base_url, site_dir, doc):
    set_viewport(driver, 1280, 900)
    driver.get(base_url + doc + "/index.html")
    driver.execute_script("return document.fonts.ready.then(() => true)")
    pdf = print_a4(driver)
    pages = pdf_pages(pdf)
    slug = doc.split("/")[-1]
    weasy = site_dir / doc / f"{slug}.pdf"
    weasy_pages = pdf_pages(weasy.read_bytes()) if weasy.is_file() else None
    print(f"\n{doc}: browser print {pages} A4 pages" + (f"; 下载PDF ({weasy.name}) {weasy_pages} pages" if weasy_pages else ""))
    assert pages >= 1
    if shutil.which("pdftotext"):
        title = driver.execute_script("return document.querySelector('h1').textContent.trim()")
        text = re.sub(r"\s+", "", pdf_text(pdf))
        assert re.sub(r"\s+", "", title)[:10] in text, f"{doc}: the printed PDF lacks the title {title}"
        assert "研究报告案例指标" not in text and "下一篇" not in text, f"{doc}: the menu or pager was printed"
    limit = MAX_PAGES.get(doc)
    if limit is not None:
        assert pages <= limit, f"{doc} prints on {pages} A4 pages, at most {limit} wanted"


@pytest.mark.parametrize("doc", sorted(MAX_PAGES))
def test_downloadable_pdf_body_length(site_dir, doc):
    slug = doc.split("/")[-1]
    pdf = site_dir / doc / f"{slug}.pdf"
    if not pdf.is_file():
        pytest.skip(f"{pdf} missing: run `make pdf`")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    data = pdf.read_bytes()
    total = pdf_pages(data)
    appendix = next((p for p in range(1, total + 1) if re.search(r"^附录", pdf_text(data, p), re.M)), None)
    assert appendix is not None, f"{pdf.name}: no page starts the appendix (附录)"
    body = appendix - 1
    print(f"\n{pdf.name}: document on {body} pages, appendix from page {appendix} of {total}")
    assert body <= MAX_PAGES[doc], f"{pdf.name}: the document takes {body} A4 pages before its appendix, at most {MAX_PAGES[doc]} wanted"


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
