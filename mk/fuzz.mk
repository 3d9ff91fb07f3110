# Fuzzing with libFuzzer: three targets in the separate package fuzz/, built from the main
# package's own sources (symlinks in fuzz/Sources/).
#
#   make fuzz                    build, then run each target for FUZZ_SECONDS (default 60)
#   make fuzz FUZZ_SECONDS=600   longer; FUZZ_TARGETS='formula' runs only that one
#   make fuzz-build              only build (fuzz/.build/release/Fuzz…)
#
# Targets (fuzz/Sources/…):
#   front-matter  any bytes as a report file: SourceText.decode, then DocumentDecoder.decode;
#                 a document or a Diagnostic, with every line it names inside the file.
#   formula       up to four lines as the formulas of indicators beside fixed figures:
#                 FormulaParser.parse and Evaluator.evaluate, then Checker on every value
#                 (no NaN, nothing beyond the limits, each value checks equal to its display).
#   links         any Markdown body: BodyFacts.collect and BodyHTML.render with fig:, report:,
#                 region: and chart: targets, and InlineText as a summary; lines inside the
#                 body, the two passes numbering fig: links alike, no markup from the input.
# Seeds: fuzz/corpus/<target>/ (from content/, regenerate with fuzz/seed-corpus.py) and
# fuzz/regressions/<target>/ (inputs that once crashed or hung; `swift test` replays them in
# Tests/{Content,Calc,Markup}Tests/FuzzRegressionTests.swift). New corpus entries and crash
# artifacts go to fuzz/.build/work/<target>/.
# With Swift 6.3 on Linux: -sanitize=fuzzer,address works for Swift code; the executables
# start libFuzzer through LLVMFuzzerRunDriver from an @main type, since SwiftPM links its own
# entry point as `main` (so -parse-as-library is needed, and libFuzzer's main is not used).

FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= front-matter formula links
FUZZ_FLAGS := -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
FUZZ_BIN := fuzz/.build/release
FUZZ_WORK := fuzz/.build/work
# Leak checking would report the Swift runtime's and Foundation's process-lifetime caches.
FUZZ_ENV := ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1

# Longest input per target: the real files are up to 100 KB, but mutating inputs that long is
# slow; the seeds include short complete files (see fuzz/seed-corpus.py).
FUZZ_MAX_LEN ?= 16384

.PHONY: fuzz fuzz-build

fuzz-build: deps
	cd fuzz && $(SWIFT) build $(FUZZ_FLAGS)

fuzz: fuzz-build
	@failed=""; \
	for t in $(FUZZ_TARGETS); do \
		case $$t in front-matter) exe=FuzzFrontMatter;; formula) exe=FuzzFormula;; links) exe=FuzzLinks;; \
			*) echo "unknown fuzz target $$t"; exit 2;; esac; \
		work=$(FUZZ_WORK)/$$t; mkdir -p $$work/corpus $$work/artifacts; \
		seeds="fuzz/corpus/$$t"; [ -d fuzz/regressions/$$t ] && seeds="$$seeds fuzz/regressions/$$t"; \
		echo "== $$t ($$exe) for $(FUZZ_SECONDS) s; seeds: $$seeds"; \
		$(FUZZ_ENV) $(FUZZ_BIN)/$$exe -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) -timeout=10 -rss_limit_mb=4096 \
			-print_final_stats=1 -artifact_prefix=$$work/artifacts/ $$work/corpus $$seeds 2>&1 | tee $$work/last.log \
			| grep -E '^#[0-9]+[[:space:]]+DONE|stat::|ERROR|SUMMARY|Test unit written|Done [0-9]+ runs' ; \
		[ $${PIPESTATUS[0]} -eq 0 ] || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: crashes in:$$failed (inputs in $(FUZZ_WORK)/<target>/artifacts/; keep them in fuzz/regressions/<target>/)"; exit 1; fi
