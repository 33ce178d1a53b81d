# HuabeiBot developer tasks. `make run` and `make test` are the README's quick start.
SWIFT ?= swift
BIN := .build/debug/huabei-bot
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps build build-release bench test-browser check-intents clean

## Installs the system packages the build needs (libcurl headers, pkg-config, SQLite headers) when missing.
deps:
	@if ! pkg-config --exists libcurl 2>/dev/null || ! [ -f /usr/include/sqlite3.h ] || ! [ -f /usr/include/zlib.h ]; then \
		echo "Installing libcurl4-openssl-dev, pkg-config, libsqlite3-dev and zlib1g-dev"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcurl4-openssl-dev pkg-config libsqlite3-dev zlib1g-dev; \
	fi

build: deps
	$(SWIFT) build

build-release: deps
	$(SWIFT) build -c release

## The bot's main job on local defaults: for now, the REPL on Intents/ and Config/.
run: build
	$(BIN) repl

## Builds and runs every test: Swift Testing suites, then the browser test.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(BIN) intents check
	$(MAKE) test-browser

test-browser:
	@if [ -x Tests/Browser/run.sh ]; then Tests/Browser/run.sh; else echo "no browser tests yet"; fi

check-intents: build
	$(BIN) intents check

bench: build-release
	.build/release/huabei-bot bench

clean:
	rm -rf .build
