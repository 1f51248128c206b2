# The two commands a new user needs: `make demo` runs tidewatch for real on
# this machine; `make test` runs the whole test suite.
FUZZTIME ?= 1m

.PHONY: demo test build bench fuzz

demo:
	scripts/demo.sh

test:
	scripts/test.sh

build:
	go build -o bin/tidewatch .

# Benchmarks against a real member: each job, a run's SQLite write, the
# bridge (file to Hazelcast, a burst of 1,000 files, crash to replacement),
# and reports, status and pruning on 90 days of history (generated once,
# in about two and a half minutes, and cached in .cache/history).
bench:
	scripts/test-setup.sh
	go test -run '^$$' -bench . -benchtime 2000x ./jobs ./db
	go test -run '^$$' -bench . -benchtime 200x ./bridge
	go test -run '^$$' -bench . -benchtime 5x ./report

# Every fuzz target for FUZZTIME each (make fuzz FUZZTIME=10m).
fuzz:
	FUZZTIME=$(FUZZTIME) scripts/fuzz.sh
