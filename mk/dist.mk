# The program staff download (not part of `make test`; a release build, about 10 minutes on 2 cores):
#
#   make dist        dist/briefing-OS-ARCH: the Swift runtime, Foundation and cmark-gfm linked in,
#                    so it runs where no Swift is installed; with a .tar.gz and dist/SHA256SUMS.
#   make dist-test   runs it with the Swift toolchain hidden (tests/dist/run-without-toolchain.sh),
#                    after showing that a normal debug build does not start there; the site it
#                    builds from content/ must equal the debug build's.

DIST_BIN := dist/briefing-$(shell uname -s | sed 's/Linux/linux/;s/Darwin/macos/')-$(shell uname -m)

.PHONY: dist dist-test

dist: deps embed
	SWIFT=$(SWIFT) PYTHON=$(PYTHON) bash scripts/dist.sh

dist-test: debug
	@[ -x $(DIST_BIN) ] || { echo "$(DIST_BIN) is missing: run 'make dist' first"; exit 1; }
	bash tests/dist/run-without-toolchain.sh --expect-missing-runtime $(DEBUG_BIN)
	bash tests/dist/run-without-toolchain.sh --reference $(DEBUG_BIN) $(DIST_BIN)
