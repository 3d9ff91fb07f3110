# Briefing — the two commands: `make site` and `make test` (DESIGN §8).
SHELL := /bin/bash
.DEFAULT_GOAL := site
SWIFT ?= swift
RELEASE_BIN := .build/release/briefing
DEBUG_BIN := .build/debug/briefing
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test deps release debug check freshness clean

# Optional parts (fuzzing, benchmark, browser tests) live in their own files.
-include mk/*.mk

# Installs the system packages the generator links against, when missing.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark; then \
		echo "Installing libcmark-dev and pkg-config…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev pkg-config; \
	fi

release: deps
	$(SWIFT) build -c release --product briefing

debug: deps
	$(SWIFT) build --product briefing

# Builds the generator, checks every number, renders content/ into site/ and indexes it
# for the search page (site/pagefind/, rebuilt each time, not committed).
site: release
	$(RELEASE_BIN) build
	$(MAKE) --no-print-directory search-index

# Every test: unit and integration tests, the check of the real content, and the
# freshness of the committed site/.
test: deps
	$(SWIFT) test
	$(MAKE) --no-print-directory debug
	$(MAKE) --no-print-directory check BIN=$(DEBUG_BIN)
	$(MAKE) --no-print-directory freshness BIN=$(DEBUG_BIN)
	$(if $(strip $(EXTRA_TESTS)),$(MAKE) --no-print-directory $(EXTRA_TESTS))

# Further test steps (browser tests …) add themselves here from mk/*.mk.
EXTRA_TESTS ?=

BIN ?= $(RELEASE_BIN)

check:
	$(BIN) check

# Rebuilds into a temporary folder and fails if the committed site/ differs.
freshness:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(BIN) build --output "$$tmp/site" >/dev/null && \
	if diff -r -x pagefind site "$$tmp/site" >"$$tmp/diff.txt"; then echo "site/ is fresh: identical to a new build"; \
	else echo "site/ differs from a fresh build; run 'make site' and commit site/:"; head -40 "$$tmp/diff.txt"; exit 1; fi

clean:
	rm -rf .build
