package fence_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tidewatch/fence"
	"tidewatch/hz"
	"tidewatch/internal/hztest"
)

func TestMain(m *testing.M) { os.Exit(hztest.Main(m)) }

var quiet = slog.New(slog.DiscardHandler)

func TestStampAndEpoch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		object string
		want   string
	}{
		{`{"scan_number":7}`, `{"leader_epoch":42,"scan_number":7}`},
		{` { "a" : 1 }`, `{"leader_epoch":42,"a" : 1 }`},
		{`{}`, `{"leader_epoch":42}`},
		{"{ \n}", `{"leader_epoch":42}`},
	}
	for _, tt := range tests {
		got, err := fence.Stamp([]byte(tt.object), 42)
		if err != nil || got != tt.want {
			t.Errorf("Stamp(%q) = %q, %v; want %q", tt.object, got, err, tt.want)
		}
		if !json.Valid([]byte(got)) {
			t.Errorf("Stamp(%q) = %q: not JSON", tt.object, got)
		}
		if e := fence.Epoch([]byte(got)); e != 42 {
			t.Errorf("Epoch(%q) = %d", got, e)
		}
	}
	if _, err := fence.Stamp([]byte(`[1]`), 1); err == nil {
		t.Error("stamped an array")
	}
	for _, text := range []string{`{"a":{"leader_epoch":9},"b":[1,2]}`, `[]`, `"x"`, `{"leader_epoch":"9"}`, `{`} {
		if e := fence.Epoch([]byte(text)); e != 0 {
			t.Errorf("Epoch(%q) = %d; want 0 (no top-level epoch)", text, e)
		}
	}
	if e := fence.Epoch([]byte(`{"a":[{"b":1}],"leader_epoch":3}`)); e != 3 {
		t.Errorf("an epoch after other fields: %d", e)
	}
}

type scan struct {
	Epoch  int64 `json:"leader_epoch"`
	Number int64 `json:"scan_number"`
}

// newer accepts a scan number above the current one's.
func newer(n int64) func([]byte) error {
	return func(cur []byte) error {
		var s scan
		if err := json.Unmarshal(cur, &s); err != nil {
			return err
		}
		if s.Number >= n {
			return fmt.Errorf("scan %d is not newer than %d", n, s.Number)
		}
		return nil
	}
}

func TestALowerEpochNeverOverwritesAHigherOne(t *testing.T) {
	t.Parallel()
	c := hztest.Shared(t).Client(t, quiet)
	ctx := context.Background()
	m := fmt.Sprint("fence-order-", time.Now().UnixNano())
	old, cur := fence.NewWriter(c, m, "k"), fence.NewWriter(c, m, "k")
	if err := old.Write(ctx, 1, []byte(`{"scan_number":1}`), newer(1)); err != nil {
		t.Fatalf("first write (absent key): %v", err)
	}
	if err := old.Write(ctx, 1, []byte(`{"scan_number":2}`), newer(2)); err != nil {
		t.Fatalf("second write (known value): %v", err)
	}
	if err := cur.Write(ctx, 2, []byte(`{"scan_number":1}`), newer(1)); err == nil || errors.Is(err, fence.ErrFenced) {
		t.Fatalf("an older scan at a higher epoch: %v; want the caller's refusal", err)
	}
	if err := cur.Write(ctx, 2, []byte(`{"scan_number":3}`), newer(3)); err != nil {
		t.Fatalf("a newer scan at a higher epoch: %v", err)
	}
	// The old writer thinks it knows the value; it finds out, and stops.
	err := old.Write(ctx, 1, []byte(`{"scan_number":4}`), newer(4))
	if !errors.Is(err, fence.ErrFenced) {
		t.Fatalf("a lower epoch over a higher one: %v; want fenced off", err)
	}
	v, _ := c.Get(ctx, m, "k")
	if v != `{"leader_epoch":2,"scan_number":3}` {
		t.Errorf("holds %v", v)
	}

	// A value written before fencing counts as epoch 0.
	if err := c.Put(ctx, m, "legacy", `{"scan_number":9}`); err != nil {
		t.Fatal(err)
	}
	if err := fence.NewWriter(c, m, "legacy").Write(ctx, 1, []byte(`{"scan_number":10}`), newer(10)); err != nil {
		t.Errorf("over an unfenced value: %v", err)
	}
}

// TestRacingWritersNeverGoBackwards: writers of epochs 1 to 4 race on one
// key with rising scan numbers drawn from one counter (as leaders push the
// latest scan, whoever leads), each starting once the one before it has
// written 20: a reader sampling the key never sees the epoch or the scan
// number fall, and each lower writer is fenced off at its first write
// after a higher epoch's.
func TestRacingWritersNeverGoBackwards(t *testing.T) {
	t.Parallel()
	c := hztest.Shared(t).Client(t, quiet)
	ctx, cancel := context.WithCancel(context.Background())
	// The writers' bound, should a writer never be fenced off.
	wctx, wcancel := context.WithTimeout(ctx, time.Minute)
	defer wcancel()
	m := fmt.Sprint("fence-race-", time.Now().UnixNano())
	var wg sync.WaitGroup
	var mu sync.Mutex
	written, fenced := map[int64]int{}, map[int64]bool{}
	started := map[int64]chan struct{}{}
	for epoch := int64(0); epoch <= 4; epoch++ {
		started[epoch] = make(chan struct{})
	}
	close(started[0])
	var number atomic.Int64
	for epoch := int64(1); epoch <= 4; epoch++ {
		wg.Go(func() {
			<-started[epoch-1]
			w := fence.NewWriter(c, m, "k")
			// Until fenced off; the highest epoch stops after its 20.
			for mine := 0; mine < 20 || epoch < 4; {
				if wctx.Err() != nil {
					return
				}
				n := number.Add(1)
				err := w.Write(wctx, epoch, fmt.Appendf(nil, `{"scan_number":%d}`, n), newer(n))
				mu.Lock()
				switch {
				case errors.Is(err, fence.ErrFenced):
					fenced[epoch] = true
				case err == nil:
					written[epoch]++
					mine++
				}
				off := fenced[epoch]
				if written[epoch] == 20 || off {
					select {
					case <-started[epoch]:
					default:
						close(started[epoch])
					}
				}
				mu.Unlock()
				if off {
					return
				}
			}
		})
	}
	var seen []scan
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			v, err := c.Get(ctx, m, "k")
			if err != nil || v == nil {
				continue
			}
			text, _ := hz.Text(v)
			var s scan
			if json.Unmarshal(text, &s) == nil {
				seen = append(seen, s)
			}
		}
	}()
	wg.Wait()
	cancel()
	<-done
	for i := 1; i < len(seen); i++ {
		if seen[i].Epoch < seen[i-1].Epoch || seen[i].Number < seen[i-1].Number {
			t.Fatalf("went backwards: %+v after %+v", seen[i], seen[i-1])
		}
	}
	for epoch := int64(1); epoch <= 3; epoch++ {
		if !fenced[epoch] || written[epoch] < 20 {
			t.Errorf("epoch %d: %d written, fenced off: %v; want 20 or more, then fenced off", epoch, written[epoch], fenced[epoch])
		}
	}
	if fenced[4] {
		t.Error("the highest epoch was fenced off")
	}
	t.Logf("%d samples; writes by epoch %v", len(seen), written)
}

func TestGuardWritesOnlyForAConfirmedTenure(t *testing.T) {
	t.Parallel()
	c := hztest.Shared(t).Client(t, quiet)
	ctx := context.Background()
	m := fmt.Sprint("fence-guard-", time.Now().UnixNano())
	var epoch int64 = 7
	notLeader := errors.New("not the leader: following")
	var confirmed error
	write := fence.Guard(func(context.Context) (int64, error) { return epoch, confirmed }, fence.NewWriter(c, m, "verdict"))
	if err := write(ctx, []byte(`{"ready":true}`)); err != nil {
		t.Fatal(err)
	}
	confirmed = notLeader
	if err := write(ctx, []byte(`{"ready":false}`)); !errors.Is(err, notLeader) {
		t.Errorf("a write without the tenure: %v", err)
	}
	if v, _ := c.Get(ctx, m, "verdict"); v != `{"leader_epoch":7,"ready":true}` {
		t.Errorf("holds %v", v)
	}
}
