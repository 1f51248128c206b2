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

# The benchmark suite against a real member, a table of figures with the
# targets checked; SHORT=1 for a run under five minutes. Results are kept
# in bench-results/.
bench:
	SHORT=$(SHORT) scripts/bench.sh

# Every fuzz target for FUZZTIME each (make fuzz FUZZTIME=10m).
fuzz:
	FUZZTIME=$(FUZZTIME) scripts/fuzz.sh
