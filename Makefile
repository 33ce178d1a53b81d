# HuabeiBot developer tasks. `make run` and `make test` are the README's quick start.
SWIFT ?= swift
BIN := .build/debug/huabei-bot
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run repl test deps build build-release bench test-browser test-matrix check-intents clean

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

## The bot's main job on local defaults: the chat relay and the bot daemon on loopback, sharing $(DATA)/ (the
## generated bot token, the relay's chats, the daemon's state and turn logs). Open the address it prints; Ctrl-C
## stops both. The daemon waits (with backoff) until the relay answers, so the order they start in does not matter.
RELAY_LISTEN ?= 127.0.0.1:8080
DATA ?= data
run: build
	@$(BIN) relay --listen $(RELAY_LISTEN) --data $(DATA) & relay=$$!; \
	$(BIN) run --data $(DATA) --base-url http://$(RELAY_LISTEN) & daemon=$$!; \
	trap 'kill -TERM $$relay $$daemon 2>/dev/null; wait $$relay $$daemon; exit 0' INT TERM; \
	echo "HuabeiBot is starting: open the chat page at http://$(RELAY_LISTEN)/  (Ctrl-C stops the relay and the daemon)"; \
	wait $$daemon; status=$$?; kill -TERM $$relay 2>/dev/null; wait $$relay; exit $$status

## Chat with the bot in the terminal (REPL) on Intents/ and Config/.
repl: build
	$(BIN) repl

## Builds and runs every test: Swift Testing suites, the browser test, then the daemon against a real Synapse.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(BIN) intents check
	$(MAKE) test-browser
	$(MAKE) test-matrix

test-browser:
	@if [ -x Tests/Browser/run.sh ]; then Tests/Browser/run.sh; else echo "no browser tests yet"; fi

## The daemon against a local Synapse (installed into .build/synapse-venv on first use): Tests/Matrix/run.sh.
test-matrix:
	Tests/Matrix/run.sh

check-intents: build
	$(BIN) intents check

bench: build-release
	.build/release/huabei-bot bench

clean:
	rm -rf .build
