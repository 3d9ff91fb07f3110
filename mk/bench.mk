# Benchmark against Hugo.
#
#   make bench                 N = 1,000 and 10,000; tmpfs and disk; 3 runs each → bench/RESULTS.md
#   make bench BIG=1           also N = 100,000 (Briefing only)
#   make bench BENCH_RUNS=5 BENCH_ARGS='--storages tmpfs'
#   make bench BENCH_SCRATCH=.build-bench    build in a separate folder (while another build holds .build)
#   make bench-corpus BENCH_N=1000 BENCH_OUT=/tmp/corpus  only generate a corpus (Briefing content + Hugo sites)
#   make bench-serve           serve on N = 10,000: time to take in an edit → bench/SERVE-RESULTS.md

BENCH_RUNS ?= 3
BENCH_SEED ?= 6
BENCH_ARGS ?=
BENCH_SCRATCH ?=
BENCH_BIN = $(if $(BENCH_SCRATCH),$(BENCH_SCRATCH)/release/briefing,$(RELEASE_BIN))
BENCH_BIG = $(if $(filter 1 yes true on,$(BIG)),--big)

.PHONY: bench bench-deps bench-release bench-corpus bench-serve

# Hugo (Debian ships 0.111), GNU time (/usr/bin/time -v for peak RSS) and python3, when missing.
bench-deps:
	@missing=""; \
	command -v hugo >/dev/null 2>&1 || missing="$$missing hugo"; \
	[ -x /usr/bin/time ] || missing="$$missing time"; \
	command -v python3 >/dev/null 2>&1 || missing="$$missing python3"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

bench-release: deps embed
	$(SWIFT) build -c release --product briefing $(if $(BENCH_SCRATCH),--scratch-path $(BENCH_SCRATCH))

bench: bench-deps bench-release
	python3 bench/run_bench.py --briefing $(BENCH_BIN) --runs $(BENCH_RUNS) --seed $(BENCH_SEED) $(BENCH_BIG) $(BENCH_ARGS)

BENCH_N ?= 1000
BENCH_OUT ?= /tmp/briefing-corpus-n$(BENCH_N)
bench-corpus:
	python3 bench/gen_corpus.py -n $(BENCH_N) --seed $(BENCH_SEED) --out $(BENCH_OUT)

SERVE_N ?= 10000
SERVE_EDITS ?= 5
bench-serve: bench-release
	python3 bench/serve_edit.py -n $(SERVE_N) --edits $(SERVE_EDITS) --briefing $(BENCH_BIN) --seed $(BENCH_SEED)
