# The two commands a new user needs: `make demo` runs tidewatch for real on
# this machine; `make test` runs the whole test suite.
.PHONY: demo test build bench

demo:
	scripts/demo.sh

test:
	scripts/test.sh

build:
	go build -o bin/tidewatch .

# Benchmarks against a real member: each job, and a run's SQLite write.
bench:
	scripts/test-setup.sh
	go test -run '^$$' -bench . -benchtime 2000x ./jobs ./db
