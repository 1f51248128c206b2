// Command tidewatch keeps watch over the hot path of a trading-data
// pipeline: it checks what Hazelcast holds against what was persisted and
// how fresh it is, records every verdict in SQLite, and reports. Its
// commands are in package cli; this file hands them the world.
package main

import (
	"context"
	"os"
	"time"
	_ "time/tzdata" // quiet hours name time zones; do not depend on the host's tz database

	"tidewatch/cli"
	"tidewatch/internal/buildinfo"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], cli.Env{
		Stdout: os.Stdout, Stderr: os.Stderr, Now: time.Now, Getenv: os.Getenv, Version: buildinfo.Read().String(),
	}))
}
