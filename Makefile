# The two commands a new user needs: `make demo` runs tidewatch for real on
# this machine; `make test` runs the whole test suite.
FUZZTIME ?= 1m

.PHONY: demo test build bench fuzz

demo:
	scripts/demo.sh

test:
	scripts/test.sh

# The version, revision and commit time come from git and are stamped with
# -ldflags, so that `tidewatch version` names its commit even where Go's
# own VCS stamping is off (GOFLAGS=-buildvcs=false). BIN is where the binary
# goes.
BIN ?= bin/tidewatch
GIT_VERSION := $(shell git describe --tags --always --dirty 2>/dev/null)
GIT_REVISION := $(shell git rev-parse HEAD 2>/dev/null)
GIT_TIME := $(shell TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ 2>/dev/null)
BUILDINFO := tidewatch/internal/buildinfo
LDFLAGS := -X $(BUILDINFO).Version=$(GIT_VERSION) -X $(BUILDINFO).Revision=$(GIT_REVISION) \
	-X $(BUILDINFO).Time=$(GIT_TIME)

build:
	go build -ldflags "$(LDFLAGS)" -o $(BIN) .

# The benchmark suite against a real member, a table of figures with the
# targets checked; SHORT=1 for a run under five minutes. Results are kept
# in bench-results/.
bench:
	SHORT=$(SHORT) scripts/bench.sh

# Every fuzz target for FUZZTIME each (make fuzz FUZZTIME=10m).
fuzz:
	FUZZTIME=$(FUZZTIME) scripts/fuzz.sh
