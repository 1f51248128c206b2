// Package buildinfo says which tidewatch this is: its version, the commit
// it was built from and that commit's time. `make build` stamps them from
// git with -ldflags, so that they are there even where Go's own VCS
// stamping is off (GOFLAGS=-buildvcs=false, common on CI machines, or a
// build outside a checkout); otherwise Go's stamping fills them in.
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Set by make build (-X tidewatch/internal/buildinfo.Version=…).
var (
	// Version is git describe's: the last tag, the commits since, the
	// short revision, and -dirty for uncommitted changes.
	Version string
	// Revision is the commit's full hash.
	Revision string
	// Time is the commit's time, RFC 3339 in UTC.
	Time string
)

// Info is what a build knows about itself.
type Info struct {
	Version   string `json:"version"`
	Revision  string `json:"revision"`
	Time      string `json:"time"`
	Modified  bool   `json:"modified"`
	GoVersion string `json:"go_version"`
}

// Read returns the stamped values, filled in from Go's build information
// where make build did not stamp them. A version nobody stamped is "dev".
func Read() Info {
	info := Info{Version: Version, Revision: Revision, Time: Time, GoVersion: runtime.Version(),
		Modified: strings.HasSuffix(Version, "-dirty")}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			info.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && info.Revision == "":
				info.Revision = s.Value
			case s.Key == "vcs.time" && info.Time == "":
				info.Time = s.Value
			case s.Key == "vcs.modified" && Revision == "":
				info.Modified = s.Value == "true"
			}
		}
	}
	if info.Version == "" {
		info.Version = "dev"
	}
	return info
}

// String is the version line: "v1.2.0-3-gabc1234 (revision abc1234…, built
// from a commit of 2026-11-30T12:00:00Z, go1.26.8)".
func (i Info) String() string {
	var parts []string
	if i.Revision != "" {
		rev := "revision " + i.Revision
		if i.Modified {
			rev += " with uncommitted changes"
		}
		parts = append(parts, rev)
	}
	if i.Time != "" {
		parts = append(parts, "committed "+i.Time)
	}
	parts = append(parts, i.GoVersion)
	return fmt.Sprintf("%s (%s)", i.Version, strings.Join(parts, ", "))
}
