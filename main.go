// Command tidewatch keeps watch over the hot path of a trading-data
// pipeline: it checks what Hazelcast holds against what was persisted and
// how fresh it is, records every verdict in SQLite, and reports. Its
// commands are in package cli; this file hands them the world.
package main

import (
	"context"
	"os"
	"runtime/debug"
	"time"
	_ "time/tzdata" // quiet hours name time zones; do not depend on the host's tz database

	"tidewatch/cli"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], cli.Env{
		Stdout: os.Stdout, Stderr: os.Stderr, Now: time.Now, Getenv: os.Getenv, Version: buildVersion(),
	}))
}

// buildVersion is the version set at build time, else the module's.
func buildVersion() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}
