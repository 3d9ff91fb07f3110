# Printed briefings: one A4 PDF per report and case (`briefing pdf`, through WeasyPrint).
#
#   make pdf               install WeasyPrint and the Noto CJK fonts when missing, then write
#                          site/reports/SLUG/SLUG.pdf and site/cases/SLUG/SLUG.pdf into the built site
#   make pdf-screenshots   the first page and two appendix pages of the new-energy PDF as PNG
#                          (build/screenshots/pdf-*.png), to look at the layout
#
# `make site` makes the PDFs when WeasyPrint is installed; `make browser-test` runs `make pdf`
# first, so the 下载PDF links of the pages resolve. PDF_SITE=DIR writes into another built site.
# PDFs are build outputs: not committed, and left out of the freshness comparison.

PDF_SITE ?= site
# Debian's WeasyPrint (57 in Debian 12); poppler-utils gives pdftotext (tests) and pdftoppm.
PDF_APT_PACKAGES := weasyprint fonts-noto-cjk poppler-utils
PDF_SHOTS := build/screenshots
PDF_SAMPLE = $(PDF_SITE)/reports/new-energy/new-energy.pdf

.PHONY: pdf-deps pdf pdf-if-available pdf-screenshots

# The Swift tests convert the real content too (skipped when WeasyPrint cannot run).
test: pdf-deps

pdf-deps:
	@missing=""; \
	for p in $(PDF_APT_PACKAGES); do \
		if [ $$p = weasyprint ] && { [ -n "$$BRIEFING_WEASYPRINT" ] || command -v weasyprint >/dev/null 2>&1; }; then continue; fi; \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing…"; \
		{ $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; } \
		|| echo "$$missing could not be installed: no PDFs, and the PDF tests are skipped"; \
	fi

# BIN is the release build unless a caller (make test) passes the debug one.
pdf: pdf-deps
	@[ -x "$(BIN)" ] || $(MAKE) --no-print-directory $(if $(filter $(DEBUG_BIN),$(BIN)),debug,release)
	$(BIN) pdf --output $(PDF_SITE)

# For `make site`: PDFs only where WeasyPrint is already installed (installing needs root).
pdf-if-available:
	@if [ -n "$$BRIEFING_WEASYPRINT" ] || command -v weasyprint >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory pdf; \
	else echo "WeasyPrint is not installed: no PDFs made (make pdf installs it and makes them)"; fi

# The appendix pages are found by their headings in the text of each page.
pdf-screenshots: pdf
	@mkdir -p $(PDF_SHOTS)
	pdftoppm -singlefile -r 110 -png -f 1 -l 1 $(PDF_SAMPLE) $(PDF_SHOTS)/pdf-new-energy-first
	@pages=$$(pdfinfo $(PDF_SAMPLE) | awk '/^Pages:/ {print $$2}'); \
	for heading in 附录 全部核验记录; do \
		for p in $$(seq 1 $$pages); do \
			if pdftotext -f $$p -l $$p $(PDF_SAMPLE) - | grep -q "^$$heading"; then \
				name=$$([ $$heading = 附录 ] && echo appendix || echo checks); \
				pdftoppm -singlefile -r 110 -png -f $$p -l $$p $(PDF_SAMPLE) $(PDF_SHOTS)/pdf-new-energy-$$name; \
				echo "$(PDF_SHOTS)/pdf-new-energy-$$name.png: page $$p of $$pages"; break; \
			fi; \
		done; \
	done
