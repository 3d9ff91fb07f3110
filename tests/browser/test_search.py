"""The search page (Pagefind with Chinese word segmentation) finds the right page first."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SCREENSHOTS, set_viewport
from test_site import SCREENSHOT_WIDTHS, save_screenshot

# term → the page that must be the first result (site-relative, without index.html)
SEARCHES = {
    "光伏": "reports/new-energy/",
    "人才公寓": "reports/talent/",
    "网格": "reports/urban-governance/",
    "挂钩联系": "reports/project-liaison/",
    "乡村振兴": "reports/rural-dalad/",
    '"党员中心户"': "cases/xilingol-shuangzhua/",  # in quotes: the exact phrase
    # Each document's subject: the document comes before the data pages that repeat the word.
    "新能源": "reports/new-energy/",
    "人才": "reports/talent/",
    "集体经济": "cases/dongsheng-collective-economy/",
    "网格化": "cases/dalad-grid/",
    "军民共建": "cases/wuhai-military-civilian/",
    # Words of the titles.
    "挂钩联系制度": "reports/project-liaison/",
    "城市基层社会治理": "reports/urban-governance/",
    "企民": "cases/jungar-co-construction/",
    "双抓共促": "cases/xilingol-shuangzhua/",
    "行动学习": "reports/overview/",
}

RESULTS_JS = r"""
const results = Array.from(document.querySelectorAll('.pagefind-ui__results > .pagefind-ui__result'));
const message = document.querySelector('.pagefind-ui__message');
return {
  message: message ? message.textContent.trim() : '',
  // A result shows a grey placeholder until its page's data has loaded.
  loading: document.querySelectorAll('.pagefind-ui__results .pagefind-ui__loading').length,
  count: results.length,
  links: results.map(r => { const a = r.querySelector('.pagefind-ui__result-title > a.pagefind-ui__result-link'); return a ? a.href : null; }),
};
"""


def site_path(url: str, base_url: str) -> str:
    path = urlsplit(url).path[len(urlsplit(base_url).path):]
    return path[: -len("index.html")] if path.endswith("index.html") else path


def wait_for_results(driver, term: str) -> list[str]:
    def done(d):
        r = d.execute_script(RESULTS_JS)
        # The message names the term once the search for it has finished; the result
        # titles arrive a moment later.
        if term.strip('"') not in r["message"] or "正在搜索" in r["message"]:
            return False
        if "没有找到" in r["message"]:
            return r
        return r if r["count"] and not r["loading"] and all(r["links"]) else False

    return WebDriverWait(driver, 15, poll_frequency=0.1).until(done)["links"]


@pytest.fixture(scope="module")
def search_page(driver, base_url):
    driver.get(base_url + "search/index.html")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__search-input"))
    return driver


def test_search_ui_is_in_chinese(search_page):
    box = search_page.find_element(By.CSS_SELECTOR, ".pagefind-ui__search-input")
    assert box.get_attribute("placeholder") == "搜索报告、案例和指标"
    form = search_page.find_element(By.CSS_SELECTOR, ".pagefind-ui__form")
    assert form.get_attribute("role") == "search"
    assert not search_page.find_element(By.ID, "search-missing").is_displayed()


@pytest.mark.parametrize("term", list(SEARCHES))
def test_search_finds_the_right_page_first(search_page, base_url, term):
    box = search_page.find_element(By.CSS_SELECTOR, ".pagefind-ui__search-input")
    box.clear()
    box.send_keys(term)
    links = wait_for_results(search_page, term)
    assert links, f"no results for {term}"
    found = [site_path(u, base_url) for u in links]
    assert found[0] == SEARCHES[term], f"first result for {term}: {found[0]} (all: {found[:5]})"
    # Result links lead to pages of the site.
    assert all(u.startswith(base_url) for u in links)


@pytest.mark.parametrize("width", SCREENSHOT_WIDTHS)
def test_search_from_the_address_bar(driver, base_url, width):
    """search/index.html?q=… opens with the results for that term (screenshot: search-WIDTH.png)."""
    term = "人才公寓"
    set_viewport(driver, width, 900, mobile=width < 600)
    driver.get(base_url + "search/index.html?q=" + quote(term))
    links = wait_for_results(driver, term)
    assert links and site_path(links[0], base_url) == SEARCHES[term]
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, errors
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    save_screenshot(driver, SCREENSHOTS / f"search-{width}.png")
    overflow = driver.execute_script("const d = document.documentElement; return d.scrollWidth - d.clientWidth")
    assert overflow <= 0, f"the search page scrolls sideways by {overflow} px at {width} px"
    set_viewport(driver, 1280, 900)


def test_search_result_opens_the_page(driver, base_url):
    term = "光伏"
    driver.get(base_url + "search/index.html?q=" + quote(term))
    links = wait_for_results(driver, term)
    driver.get(links[0])
    assert driver.find_element(By.TAG_NAME, "h1").text
    assert site_path(driver.current_url, base_url) == SEARCHES[term]
