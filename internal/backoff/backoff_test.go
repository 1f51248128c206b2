package backoff

import (
	"testing"
	"time"
)

func TestDelaysDoubleAndAreCapped(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		p      Policy
		delays []time.Duration // for retries 1, 2, 3 ...
	}{
		{"notifications: 1s, 2s, 4s … at most a minute", Policy{First: time.Second, Max: time.Minute},
			[]time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 32 * time.Second, time.Minute, time.Minute}},
		{"the bridge's pushes: 250ms doubling to 5s", Policy{First: 250 * time.Millisecond, Max: 5 * time.Second},
			[]time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}},
	}
	for _, tt := range tests {
		for i, want := range tt.delays {
			if got := tt.p.Delay(i + 1); got != want {
				t.Errorf("%s: retry %d waits %v, want %v", tt.name, i+1, got, want)
			}
		}
	}
	// Far past the cap, no overflow.
	if got := (Policy{First: time.Second, Max: time.Minute}).Delay(1000); got != time.Minute {
		t.Errorf("retry 1000 waits %v", got)
	}
}

// The supervisor's restarts: the configured delay first, then doubling
// with jitter, capped.
func TestDelayGrowsWithJitterAndIsCapped(t *testing.T) {
	t.Parallel()
	p := Policy{First: 5 * time.Second, Max: time.Minute, Jitter: 0.2}
	if d := p.Delay(1); d != 5*time.Second {
		t.Errorf("first restart waits %v, want the configured 5s", d)
	}
	for range 100 {
		if d := p.Delay(2); d < 8*time.Second || d > 12*time.Second {
			t.Fatalf("second restart waits %v, want 10s ± 20%%", d)
		}
		if d := p.Delay(10); d > time.Minute || d < 48*time.Second {
			t.Fatalf("tenth restart waits %v, want at most the 60s cap", d)
		}
	}
}
