package report

import (
	"testing"
	"time"
)

func TestParseWhen(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"24h", now.Add(-24 * time.Hour)},
		{"90m", now.Add(-90 * time.Minute)},
		{"7d", now.AddDate(0, 0, -7)},
		{"1.5d", now.Add(-36 * time.Hour)},
		{"2026-11-01", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)},
		{"2026-11-01 08:00", time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)},
		{"2026-11-01T08:00:00+01:00", time.Date(2026, 11, 1, 7, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := ParseWhen(tt.in, now)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("%q: %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "-5h", "d"} {
		if _, err := ParseWhen(bad, now); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
