package checks

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"tidewatch/config"
	"tidewatch/record"
)

var t0 = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) // a Monday, US market hours

func defaults(t *testing.T) *config.Config {
	t.Helper()
	cfg, err := config.Parse("test.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// fullRecord is a healthy exf_latest: every expected indicator, fresh,
// pushed at pushedAt, with extra keys merged over it (nil deletes a key).
func fullRecord(pushedAt time.Time, extra map[string]any) map[string]any {
	m := map[string]any{}
	stale := map[string]any{}
	for i, name := range config.ExpectedIndicators {
		m[name] = 1.0 + float64(i)
		stale[name] = 10.0
	}
	m["fng"] = 50.0
	m["_staleness_s"] = stale
	m["_acb_ready"] = true
	m["_pushed_at"] = float64(pushedAt.UnixMilli()) / 1000
	for k, v := range extra {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	return m
}

// read turns a record into what a job would have read, through the real
// decoder; values given as raw JSON tokens (NaN, Infinity) are spliced in.
func read(t *testing.T, m map[string]any, raw map[string]string) ExFRead {
	t.Helper()
	for k := range raw {
		delete(m, k)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for k, tok := range raw {
		s = strings.Replace(s, "{", fmt.Sprintf("{%q: %s, ", k, tok), 1)
	}
	rec, err := record.DecodeExF([]byte(s))
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return ExFRead{Record: rec}
}

type want struct {
	sev       Severity
	cat       string
	indicator string
}

func got(fs []Finding) []want {
	var out []want
	for _, f := range fs {
		out = append(out, want{f.Severity, f.Category, f.Indicator})
	}
	return out
}

func sameFindings(t *testing.T, fs []Finding, expect ...want) {
	t.Helper()
	g := got(fs)
	key := func(w want) string { return string(w.sev) + "/" + w.cat + "/" + w.indicator }
	gs, es := make([]string, len(g)), make([]string, len(expect))
	for i := range g {
		gs[i] = key(g[i])
	}
	for i := range expect {
		es[i] = key(expect[i])
	}
	sort.Strings(gs)
	sort.Strings(es)
	if !slices.Equal(gs, es) {
		t.Errorf("findings:\n got %v\nwant %v", gs, es)
		for _, f := range fs {
			t.Logf("  %s %s %s: %s", f.Severity, f.Category, f.Indicator, f.Message)
		}
	}
}

func TestIntegrity(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	tests := []struct {
		name    string
		extra   map[string]any
		raw     map[string]string
		want    []want
		overall Status
	}{
		{name: "every indicator present", overall: StatusHealthy},
		{
			// Listed once, as missing_critical: not also as a missing warning.
			name: "NaN token in a critical indicator", raw: map[string]string{"vix": "NaN"},
			want:    []want{{Critical, CatMissingCritical, "vix"}, {Warning, CatACBMismatch, ""}},
			overall: StatusCritical,
		},
		{
			name: "Infinity and -Infinity tokens", raw: map[string]string{"basis": "Infinity", "spread": "-Infinity"},
			want:    []want{{Warning, CatMissing, "basis"}, {Warning, CatMissing, "spread"}},
			overall: StatusHealthy,
		},
		{
			name: "wrong types count as absent", extra: map[string]any{"dxy": "104.2", "tvl": true, "hashrate": []int{1}, "us10y": map[string]any{}},
			raw:     map[string]string{"sp500": "null"},
			want:    []want{{Warning, CatMissing, "dxy"}, {Warning, CatMissing, "tvl"}, {Warning, CatMissing, "hashrate"}, {Warning, CatMissing, "us10y"}, {Warning, CatMissing, "sp500"}},
			overall: StatusHealthy,
		},
		{
			name: "absent critical indicator without the readiness claim", extra: map[string]any{"taker": nil, "_acb_ready": false},
			want:    []want{{Critical, CatMissingCritical, "taker"}},
			overall: StatusCritical,
		},
		{
			name: "not ready although every critical indicator is there", extra: map[string]any{"_acb_ready": false},
			want:    []want{{Info, CatACBNotReady, ""}},
			overall: StatusHealthy,
		},
		{
			name: "no readiness flag at all", extra: map[string]any{"_acb_ready": nil},
			want: []want{{Warning, CatACBReadyInvalid, ""}}, overall: StatusHealthy,
		},
		{
			name: "a readiness flag that is not a bool", extra: map[string]any{"_acb_ready": "true"},
			want: []want{{Warning, CatACBReadyInvalid, ""}}, overall: StatusHealthy,
		},
		{
			name: "range boundaries are inside", extra: map[string]any{"fng": 100.0}, overall: StatusHealthy,
		},
		{
			name: "range exceeded", extra: map[string]any{"fng": 100.5},
			want: []want{{Warning, CatOutOfRange, "fng"}}, overall: StatusHealthy,
		},
		{
			name:    "ten missing is still healthy",
			extra:   map[string]any{"oi_eth": nil, "ls_eth": nil, "ls_top": nil, "basis": nil, "imbal_btc": nil, "imbal_eth": nil, "spread": nil, "fund_dbt_btc": nil, "fund_dbt_eth": nil, "dxy": nil},
			want:    missingWants("oi_eth", "ls_eth", "ls_top", "basis", "imbal_btc", "imbal_eth", "spread", "fund_dbt_btc", "fund_dbt_eth", "dxy"),
			overall: StatusHealthy,
		},
		{
			name:    "eleven missing is degraded",
			extra:   map[string]any{"oi_eth": nil, "ls_eth": nil, "ls_top": nil, "basis": nil, "imbal_btc": nil, "imbal_eth": nil, "spread": nil, "fund_dbt_btc": nil, "fund_dbt_eth": nil, "dxy": nil, "us10y": nil},
			want:    missingWants("oi_eth", "ls_eth", "ls_top", "basis", "imbal_btc", "imbal_eth", "spread", "fund_dbt_btc", "fund_dbt_eth", "dxy", "us10y"),
			overall: StatusDegraded,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := *cfg
			c.Indicators.Ranges = map[string][]float64{"fng": {0, 100}}
			r := Integrity(read(t, fullRecord(t0, tt.extra), tt.raw), &c)
			sameFindings(t, r.Findings, tt.want...)
			if s := Overall(r.Findings, c.Health); s != tt.overall {
				t.Errorf("overall %s, want %s", s, tt.overall)
			}
		})
	}
}

func missingWants(names ...string) []want {
	var w []want
	for _, n := range names {
		w = append(w, want{Warning, CatMissing, n})
	}
	return w
}

func TestIntegrityHealthRow(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	r := Integrity(read(t, fullRecord(t0, map[string]any{"vix": "x", "oi_eth": nil}), nil), cfg)
	h := r.Health
	if !h.HazelcastConnected || *h.IndicatorsPresent != 26 || *h.IndicatorsExpected != 28 || *h.MissingCount != 2 || *h.ACBReady || !slices.Equal(h.MissingCritical, []string{"vix"}) {
		t.Errorf("health: %+v", h)
	}
}

func TestUnavailableRecordIsCriticalAndEveryIndicatorMissing(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	tests := []struct {
		in    ExFRead
		cat   string
		cause string
	}{
		{ExFRead{Unreachable: errors.New("not connected")}, CatConnectivity, "hazelcast_unreachable"},
		{ExFRead{Absent: true}, CatRecordAbsent, "record_absent"},
		{ExFRead{Invalid: errors.New("offset 0: unexpected end of input")}, CatRecordInvalid, "record_invalid"},
	}
	for _, tt := range tests {
		r := Integrity(tt.in, cfg)
		var crit, missing, missingCrit int
		for _, f := range r.Findings {
			switch f.Category {
			case tt.cat:
				crit++
				if f.Severity != Critical {
					t.Errorf("%s is %s", f.Category, f.Severity)
				}
			case CatMissing:
				missing++
				if f.Details["cause"] != tt.cause {
					t.Errorf("%s: cause %v", f.Indicator, f.Details["cause"])
				}
			case CatMissingCritical:
				missingCrit++
			default:
				t.Errorf("unexpected %s", f.Category)
			}
		}
		// Each indicator once: the nine critical ones as missing_critical.
		if crit != 1 || missing != 19 || missingCrit != 9 {
			t.Errorf("%s: %d, %d missing, %d critical missing", tt.cat, crit, missing, missingCrit)
		}
		if *r.Health.MissingCount != 28 {
			t.Errorf("%s: missing count %d, want all 28", tt.cat, *r.Health.MissingCount)
		}
		if r.Health.HazelcastConnected != (tt.in.Unreachable == nil) {
			t.Errorf("%s: hazelcast_connected %v", tt.cat, r.Health.HazelcastConnected)
		}
	}
}

// An empty object is a record with nothing in it: every indicator
// missing, no readiness flag, no staleness, and its age what tidewatch saw.
func TestEmptyRecordIsNothingButFindings(t *testing.T) {
	t.Parallel()
	cfg := defaults(t)
	rec, err := record.DecodeExF([]byte(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	in := ExFRead{Record: rec, Seen: Seen{Since: t0.Add(-10 * time.Minute)}}
	r := Integrity(in, cfg)
	c := map[string]int{}
	for _, f := range r.Findings {
		c[f.Category]++
	}
	if c[CatMissing] != 19 || c[CatMissingCritical] != 9 || c[CatACBReadyInvalid] != 1 || Overall(r.Findings, cfg.Health) != StatusCritical {
		t.Errorf("integrity: %v", c)
	}
	r, _ = Freshness(t0, in, ScanRead{Absent: true}, FreshnessState{}, cfg)
	c = map[string]int{}
	for _, f := range r.Findings {
		c[f.Category]++
	}
	if c[CatStalenessInvalid] != 1 || c[CatRecordTime] != 1 || c[CatRecordStale] != 1 || c[CatStale] != 28 {
		t.Errorf("freshness: %v", c)
	}
}

func TestOverallFollowsTheSeedRule(t *testing.T) {
	t.Parallel()
	n := func(count int, f Finding) []Finding {
		out := make([]Finding, count)
		for i := range out {
			out[i] = f
		}
		return out
	}
	stale := Finding{Severity: Warning, Category: CatStale}
	missing := Finding{Severity: Warning, Category: CatMissing}
	limits := config.Health{DegradedStaleCount: 3, DegradedMissingCount: 10}
	tests := []struct {
		name     string
		findings []Finding
		limits   config.Health
		want     Status
	}{
		{"nothing", nil, limits, StatusHealthy},
		{"a lone warning", []Finding{{Severity: Warning, Category: CatDivergence}}, limits, StatusHealthy},
		{"three stale", n(3, stale), limits, StatusHealthy},
		{"four stale", n(4, stale), limits, StatusDegraded},
		{"ten missing", n(10, missing), limits, StatusHealthy},
		{"eleven missing", n(11, missing), limits, StatusDegraded},
		{"counts are configurable", n(2, stale), config.Health{DegradedStaleCount: 1, DegradedMissingCount: 10}, StatusDegraded},
		{"any critical", append(n(4, stale), Finding{Severity: Critical, Category: CatScanStale}), limits, StatusCritical},
		{"a critical after the counts", append(n(11, missing), Finding{Severity: Critical, Category: CatMissingCritical}), limits, StatusCritical},
		{"a check that failed", []Finding{CheckFailed(errors.New("boom"))}, limits, StatusCritical},
	}
	for _, tt := range tests {
		if got := Overall(tt.findings, tt.limits); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	for s, code := range map[Status]int{StatusHealthy: 0, StatusDegraded: 1, StatusCritical: 2, StatusError: 2, StatusUnknown: 3} {
		if s.ExitCode() != code {
			t.Errorf("%s: %d, want %d", s, s.ExitCode(), code)
		}
	}
}
