# Thin wrapper over CMake presets. The two commands a person needs are `make run` and `make test`.
SHELL := /bin/bash
PRESET ?= debug
RUN_PRESET ?= release
DATABASE ?= sqlite:var/shequ.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all bootstrap build build-release web run test bench format clean

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET)

# The release tree defines the tests and benchmarks too (`make bench` uses it), but `make run`
# needs only the server: building just that target spares a first run most of its compile time.
build-release: bootstrap
	@cmake --preset $(RUN_PRESET) >/dev/null
	@cmake --build --preset $(RUN_PRESET) --target shequ

# The web console (web/dist): npm ci and vite build, each only when something changed.
web: bootstrap
	@scripts/web-build

run: build-release web
	@scripts/run-server build/$(RUN_PRESET)/src/cli/shequ "$(DATABASE)" "$(LISTEN)"

# C++ tests first, then the console's type check, lint, unit and browser tests against this build.
test: build web
	@scripts/run-tests build/$(PRESET)
	@scripts/web-test build/$(PRESET)/src/cli/shequ

bench: build-release
	@cmake --build --preset $(RUN_PRESET) --target circle-bench shelters-bench matching-bench write-baseline audit-list-bench indicator-bench residents-bench volunteer-bench
	@bench/run build/$(RUN_PRESET)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	@rm -rf build
