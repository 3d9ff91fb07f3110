"""Accessibility: axe-core (bundled by axe-selenium-python, so it runs offline) on the five
screenshot pages, and a visible focus indicator for keyboard users.

axe's results are written to build/axe/NAME.json; the test fails on any violation.
"""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SCREENSHOTS, set_viewport
from test_site import SCREENSHOT_PAGES

axe_selenium_python = pytest.importorskip("axe_selenium_python")

AXE_DIR = SCREENSHOTS.parent / "axe"
# WCAG 2.0/2.1 A and AA rules and axe's best practices (landmarks, one h1, heading order …).
AXE_OPTIONS = json.dumps({"resultTypes": ["violations"]})


def describe(violations: list[dict]) -> list[str]:
    out = []
    for v in violations:
        targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])]
        out.append(f"{v['id']} ({v.get('impact')}): {v['help']} — {len(targets)} nodes, e.g. {targets[:3]}")
    return out


AXE_PAGES = {**SCREENSHOT_PAGES, "search": "search/index.html?q=%E5%85%89%E4%BC%8F"}  # with the results for 光伏


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe(driver, base_url, name):
    set_viewport(driver, 1280, 900)
    driver.get(base_url + AXE_PAGES[name])
    if name == "search":
        WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link"))
    axe = axe_selenium_python.Axe(driver)
    axe.inject()
    results = axe.run(options=AXE_OPTIONS)
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    (AXE_DIR / f"{name}.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    violations = results.get("violations", [])
    assert not violations, f"axe {results.get('testEngine', {}).get('version', '')} on {name}:\n  " + "\n  ".join(
        describe(violations)
    )


FOCUS_PROBE = r"""
const el = document.activeElement;
if (!el || el === document.body) return null;
const s = getComputedStyle(el);
const r = el.getBoundingClientRect();
return {
  tag: el.tagName.toLowerCase(), text: (el.textContent || '').trim().slice(0, 30),
  outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
  shadow: s.boxShadow !== 'none',
  visible: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth,
};
"""


@pytest.mark.parametrize("name", ["home", "report"])
def test_keyboard_focus_is_visible(driver, base_url, name):
    set_viewport(driver, 1280, 900)
    driver.get(base_url + SCREENSHOT_PAGES[name])
    problems = []
    for i in range(12):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        f = driver.execute_script(FOCUS_PROBE)
        if f is None:
            problems.append(f"tab {i + 1}: nothing focused")
            continue
        if not f["visible"]:
            problems.append(f"tab {i + 1}: focused <{f['tag']}> “{f['text']}” is off screen")
        if not (f["outline"] or f["shadow"]):
            problems.append(f"tab {i + 1}: focused <{f['tag']}> “{f['text']}” has no visible focus indicator")
    assert not problems, "\n".join(problems)


def test_skip_link_comes_first_and_works(driver, base_url):
    set_viewport(driver, 1280, 900)
    driver.get(base_url + SCREENSHOT_PAGES["report"])
    ActionChains(driver).send_keys(Keys.TAB).perform()
    first = driver.switch_to.active_element
    assert first.get_attribute("class") == "skip" and first.text == "跳到正文"
    assert first.is_displayed() and first.rect["x"] >= 0
    first.send_keys(Keys.ENTER)
    assert driver.execute_script("return location.hash") == "#main"
