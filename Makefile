# kamp: `make demo` and `make test` work on a fresh Debian machine with only
# the Swift toolchain: each installs what is missing first.

SWIFT      ?= swift
OUT        ?= kamp-out
NOTEBOOKS  := $(notdir $(patsubst %/,%,$(wildcard Notebooks-as-scripts/*/)))
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libgsl-dev pkg-config

.PHONY: deps build demo test notebooks report-check bench clean

# GSL (with its CBLAS) comes from Debian; pkg-config tells SwiftPM where it is.
deps:
	@if ! pkg-config --exists gsl 2>/dev/null; then \
		echo "installing $(APT_PACKAGES) (apt-get)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release --product kamp

demo: build
	.build/release/kamp demo --out $(OUT)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) notebooks
	$(MAKE) report-check

# report.html of `kamp demo` in a real browser: headless Chromium (installed
# from Debian when missing) must render every section, with no console
# message, no network request and no blank page (Tests/browser/).
report-check:
	bash Tests/browser/check_report.sh

# Every notebook is an executable target; each must run to the end. The
# dataset generator is run into a scratch folder and must reproduce the
# committed sample byte for byte.
notebooks:
	@set -e; for notebook in $(NOTEBOOKS); do \
		echo "== notebook $$notebook"; \
		if [ "$$notebook" = generate-datasets ]; then \
			rm -rf .build/notebook-datasets; \
			$(SWIFT) run --skip-build $$notebook --out .build/notebook-datasets --quiet; \
			for file in accounts.csv managers.csv survey.csv; do \
				cmp Datasets/$$file .build/notebook-datasets/$$file || { echo "Datasets/$$file differs from the generator's output"; exit 1; }; \
			done; \
		else \
			$(SWIFT) run --skip-build $$notebook; \
		fi; \
	done

bench: deps
	bash Benchmarks/run.sh

clean:
	rm -rf .build $(OUT)
