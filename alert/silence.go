package alert

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"tidewatch/db"
)

// NewSilence makes an ad-hoc silence as `tidewatch silence add` takes it,
// refusing what cannot be meant: a matcher that names no job of this
// tidewatch (a fingerprint is "job/category/indicator"; "*" stands for
// anything), a silence that ends before it starts, one without a reason.
func NewSilence(matcher string, jobs []string, starts time.Time, d time.Duration, by, comment string, now time.Time) (db.Silence, error) {
	s := db.Silence{Matcher: strings.TrimSpace(matcher), Starts: starts, Ends: starts.Add(d), CreatedBy: by,
		Comment: strings.TrimSpace(comment), Created: now}
	switch {
	case s.Matcher == "":
		return s, fmt.Errorf("--match: give a fingerprint pattern such as %q or %q", "divergence/*", "*/stale/vix")
	case d <= 0:
		return s, fmt.Errorf("--for %s: a silence must last", d)
	case s.Comment == "":
		return s, fmt.Errorf("--comment: say why (it is shown with the silence)")
	case !s.Ends.After(now):
		return s, fmt.Errorf("the silence would end at %s UTC, in the past", s.Ends.UTC().Format(time.DateTime))
	}
	job, _, _ := strings.Cut(s.Matcher, "/")
	if !slices.ContainsFunc(jobs, glob(job).MatchString) && !strings.Contains(job, "*") {
		return s, fmt.Errorf("--match %q: no job %q here; a fingerprint is job/category/indicator, and the jobs are %s",
			matcher, job, strings.Join(jobs, ", "))
	}
	if !strings.Contains(s.Matcher, "/") && !strings.Contains(s.Matcher, "*") {
		return s, fmt.Errorf("--match %q matches no problem: a fingerprint is job/category/indicator (%q silences all of %s)",
			matcher, s.Matcher+"/*", s.Matcher)
	}
	return s, nil
}

// SilenceFor returns the first of the silences whose matcher matches a
// fingerprint; nil when none does.
func SilenceFor(silences []db.Silence, fingerprint string) *db.Silence {
	for i := range silences {
		if glob(silences[i].Matcher).MatchString(fingerprint) {
			return &silences[i]
		}
	}
	return nil
}
