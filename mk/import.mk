# `briefing import` reads Word files through pandoc (Debian's pandoc: 2.17 in Debian 12).
#
#   make import-deps   install pandoc when it is missing
#
# `make test` runs import-deps first, so the import tests (Tests/ImportTests) run on a fresh
# machine. If pandoc cannot be installed (no package source), a note is printed and the tests
# that convert Word files are skipped; nothing else depends on pandoc.

.PHONY: import-deps

test: import-deps

import-deps:
	@command -v pandoc >/dev/null 2>&1 || { \
		echo "Installing pandoc…"; \
		{ $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pandoc; } \
		|| echo "pandoc could not be installed: the tests of briefing import will be skipped"; \
	}
