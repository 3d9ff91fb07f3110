# Briefing — the two commands: `make site` and `make test` (DESIGN §8).
SHELL := /bin/bash
.DEFAULT_GOAL := site
SWIFT ?= swift
PYTHON ?= python3
RELEASE_BIN := .build/release/briefing
DEBUG_BIN := .build/debug/briefing
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test deps embed release debug check freshness clean

# Optional parts (fuzzing, benchmark, browser tests) live in their own files.
-include mk/*.mk

# Installs the system packages the generator links against, when missing.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark-gfm || [ ! -e /usr/include/cmark-gfm-core-extensions.h ]; then \
		echo "Installing libcmark-gfm-dev, libcmark-gfm-extensions-dev and pkg-config…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config; \
	fi

# The default templates are built into the program (DESIGN §2): their Swift source is made
# from templates/ before every build, and rewritten only when templates/ changed.
embed:
	$(PYTHON) scripts/embed-templates.py

release: deps embed
	$(SWIFT) build -c release --product briefing

debug: deps embed
	$(SWIFT) build --product briefing

# Builds the generator, checks every number, renders content/ into site/ and indexes it
# for the search page (site/pagefind/, rebuilt each time, not committed); with WeasyPrint
# installed, also the PDF of every report and case (site/**/*.pdf, not committed).
site: release search-deps
	$(RELEASE_BIN) build
	$(MAKE) --no-print-directory pdf-if-available

# Every test: unit and integration tests, the check of the real content, and the
# freshness of the committed site/.
test: deps embed search-deps
	$(SWIFT) test
	$(MAKE) --no-print-directory debug
	$(MAKE) --no-print-directory check BIN=$(DEBUG_BIN)
	$(MAKE) --no-print-directory freshness BIN=$(DEBUG_BIN)
	$(if $(strip $(EXTRA_TESTS)),$(MAKE) --no-print-directory BIN=$(DEBUG_BIN) $(EXTRA_TESTS))

# Further test steps (browser tests …) add themselves here from mk/*.mk.
EXTRA_TESTS ?=

BIN ?= $(RELEASE_BIN)

check:
	$(BIN) check

# Rebuilds into a temporary folder and fails if the committed site/ differs (the search
# index and the PDFs are made after a build and not committed).
freshness:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(BIN) build --no-search --output "$$tmp/site" >/dev/null && \
	if diff -r -x pagefind -x '*.pdf' site "$$tmp/site" >"$$tmp/diff.txt"; then echo "site/ is fresh: identical to a new build"; \
	else echo "site/ differs from a fresh build; run 'make site' and commit site/:"; head -40 "$$tmp/diff.txt"; exit 1; fi

clean:
	rm -rf .build
