# Soak test of `briefing serve` (not part of `make test`; about 65 s after the build, loopback only):
#
#   make soak   hostile clients (1 MB request lines and headers, slowloris, silent
#               connections), an edit storm and a normal client for 60 s; fails when a
#               normal request is not answered 200 within 1 s or Ctrl-C does not stop it.
#
# It soaks the release build, which people run (`make site` builds it): in a debug build
# LiveSite's rebuilds during the edit storm alone hold requests for up to 0.4-0.8 s.
# SOAK_BIN=.build/debug/briefing soaks the debug build; SOAK_SECONDS=N changes the length.

PYTHON ?= python3
SOAK_BIN ?= $(RELEASE_BIN)
SOAK_SECONDS ?= 60

.PHONY: soak

soak: $(if $(filter $(DEBUG_BIN),$(SOAK_BIN)),debug,release)
	PYTHONDONTWRITEBYTECODE=1 $(PYTHON) tests/soak/soak.py --binary $(SOAK_BIN) --duration $(SOAK_SECONDS)
