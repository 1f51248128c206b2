// Package backoff is tidewatch's one wait between retries: doubling from a
// first delay, capped, with jitter when asked for. The supervisor's
// restarts, the bridge's pushes and the notifications' retries use it.
package backoff

import (
	"math/rand/v2"
	"time"
)

// Policy waits First before the first retry and twice the wait before
// each later one, never more than Max. Jitter spreads the later waits by
// that fraction either way (0.2: ±20%), so that what failed together does
// not retry in step; the first wait is exact.
type Policy struct {
	First, Max time.Duration
	Jitter     float64
}

// Delay is the wait before retry n, counting from 1.
func (p Policy) Delay(n int) time.Duration {
	d := p.First
	if n <= 1 {
		return d
	}
	for range n - 1 {
		d *= 2
		if d >= p.Max {
			d = p.Max
			break
		}
	}
	if p.Jitter > 0 {
		d = time.Duration(float64(d) * (1 - p.Jitter + 2*p.Jitter*rand.Float64()))
	}
	return min(d, p.Max)
}
