# The two commands of the README: `make demo` and `make test`. Every target installs what it
# needs (scripts/ensure-*.sh) and skips what is present.
.PHONY: demo test pkg lint test-rust test-wasm test-pkg test-www tools browser pkg-tests-deps

demo: pkg
	node www/serve.mjs

test: lint test-rust test-wasm pkg test-pkg test-www

pkg:
	scripts/build-pkg.sh

tools:
	scripts/ensure-tools.sh

browser:
	scripts/ensure-browser.sh

pkg-tests-deps:
	cd pkg-tests && npm ci --no-audit --no-fund --loglevel=error

lint: tools
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

test-rust:
	cargo test

test-wasm: tools
	cargo test --target wasm32-unknown-unknown --test wasm --test time_wasm

test-pkg: pkg browser pkg-tests-deps
	node pkg-tests/run.mjs

test-www: pkg browser pkg-tests-deps
	node --test pkg-tests/www.test.mjs
