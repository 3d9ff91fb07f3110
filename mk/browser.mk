# Browser tests (Selenium driving Debian's headless Chromium) and the Pagefind search index.
#
#   make search-index   index site/ for its search page, into site/pagefind/ (not committed)
#   make browser-test   search-index and the PDFs (make pdf), then the tests in tests/browser/
#                       (screenshots: build/screenshots/, axe-core results: build/axe/)
#
# `make test` runs browser-test last (EXTRA_TESTS). What is missing is installed: Debian's
# chromium, chromium-driver and fonts-noto-cjk; from PyPI selenium, pytest,
# pagefind-bin-extended (Pagefind with Chinese word segmentation) and axe-selenium-python
# (which bundles axe-core, so the accessibility checks run offline).
# test_cjk.py builds a small site of its own with $(BIN) (env BRIEFING_BIN).
# BROWSER_SITE=DIR tests another folder; PYTEST_BROWSER_ARGS="-k search" picks tests.

EXTRA_TESTS += browser-test

PYTHON ?= python3
BROWSER_SITE ?= site
BROWSER_APT_PACKAGES := chromium chromium-driver fonts-noto-cjk
BROWSER_PIP_PACKAGES := "selenium>=4.11" pytest "axe-selenium-python>=2.1"
SEARCH_PIP_PACKAGES := "pagefind-bin-extended>=1.5,<2"
PYTEST_BROWSER_ARGS ?=

# pip, and again with --break-system-packages where the Python is Debian's own.
BROWSER_PIP = $(PYTHON) -m pip install -q $(1) 2>/dev/null || $(PYTHON) -m pip install -q --break-system-packages $(1)

.PHONY: search-deps browser-deps search-index browser-test

search-deps:
	@$(PYTHON) -c 'import pagefind_bin_extended' 2>/dev/null || { \
		echo "Installing pagefind-bin-extended…"; $(call BROWSER_PIP,$(SEARCH_PIP_PACKAGES)); }

browser-deps: search-deps
	@missing=""; \
	for p in $(BROWSER_APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@$(PYTHON) -c 'import selenium, pytest, axe_selenium_python' 2>/dev/null || { \
		echo "Installing selenium, pytest, axe-selenium-python…"; $(call BROWSER_PIP,$(BROWSER_PIP_PACKAGES)); }

# The index lives inside the site it searches. `briefing build` replaces site/ whole, so
# run this after every build that is to be published: make site search-index.
search-index: search-deps
	@test -f $(BROWSER_SITE)/index.html || { echo "$(BROWSER_SITE)/index.html is missing: run 'make site' first"; exit 1; }
	rm -rf $(BROWSER_SITE)/pagefind
	$(PYTHON) -m pagefind_bin_extended --site $(BROWSER_SITE) --output-subdir pagefind --keep-index-url --silent

# The pages link their PDFs, so they are made first.
browser-test: browser-deps search-index
	$(MAKE) --no-print-directory pdf PDF_SITE=$(BROWSER_SITE)
	BRIEFING_SITE="$(abspath $(BROWSER_SITE))" BRIEFING_BIN="$(abspath $(BIN))" SE_OFFLINE=true PYTHONDONTWRITEBYTECODE=1 \
		$(PYTHON) -m pytest tests/browser -q -p no:cacheprovider $(PYTEST_BROWSER_ARGS)
