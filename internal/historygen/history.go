// Package historygen generates a realistic tidewatch history: days of runs at
// the default cadences, with faults now and then, judged by the real checks
// and written through the real store. Benchmarks and report tests use it.
package historygen

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/npz"
	"tidewatch/record"
	"tidewatch/supervise"
)

// Fault kinds, as the demo producer injects them, and a few more.
const (
	nanVIX       = "nan_vix"
	staleFive    = "stale"
	dropTwelve   = "drop"
	hazelcastOut = "hazelcast_down"
	producerStop = "producer_stall"
	scanStall    = "scan_stall"
	bridgeCrash  = "bridge_crash"
	extraKeys    = "divergence"
)

var kinds = []string{nanVIX, staleFive, dropTwelve, hazelcastOut, producerStop, scanStall, bridgeCrash, extraKeys}

type fault struct {
	kind     string
	from, to time.Time
}

// Generate writes the span before end into store and returns how many runs
// it wrote. The same seed gives the same history.
func Generate(ctx context.Context, store *db.Store, cfg *config.Config, end time.Time, span time.Duration, seed uint64) (int, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	start := end.Add(-span).Truncate(time.Minute)
	var faults []fault
	for t := start; t.Before(end); {
		t = t.Add(time.Duration(rng.ExpFloat64() * float64(4*time.Hour)))
		d := time.Minute + time.Duration(rng.Float64()*float64(19*time.Minute))
		faults = append(faults, fault{kinds[rng.IntN(len(kinds))], t, t.Add(d)})
	}
	active := func(t time.Time) string {
		for _, f := range faults {
			if !t.Before(f.from) && t.Before(f.to) {
				return f.kind
			}
			if f.from.After(t) {
				break
			}
		}
		return ""
	}

	g := &gen{cfg: cfg, rng: rng, statuses: map[string]checks.Status{}, scan: 1}
	written := 0
	var batch []*db.Run
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := store.WriteRuns(ctx, batch)
		written += len(batch)
		batch = batch[:0]
		return err
	}
	for t, tick := start, 0; t.Before(end); t, tick = t.Add(30*time.Second), tick+1 {
		kind := active(t)
		if kind != scanStall {
			g.scan += 15
		}
		exf := g.exf(t, kind)
		scan := checks.ScanRead{Head: record.ScanHead{Number: g.scan, Timestamp: t.Add(-time.Duration(rng.Float64() * 3e9)), Assets: 412,
			BridgedAt: t.Add(-time.Second), Source: fmt.Sprintf("scan_%07d.arrow", g.scan)}}
		if kind == scanStall {
			scan.Head.Timestamp = g.stalledAt
		} else {
			g.stalledAt = scan.Head.Timestamp
		}
		if kind == hazelcastOut {
			scan = checks.ScanRead{Unreachable: errors.New("not connected to 127.0.0.1:5701")}
		}

		res, next := checks.Freshness(t, exf, scan, g.fresh, cfg)
		g.fresh = next
		batch = append(batch, g.run(config.JobFreshness, t, res))

		proc := checks.BridgeProcess{Snapshot: supervise.Snapshot{State: supervise.Running, PID: 4242, StartedAt: start, ReadyAt: start, Restarts: g.restarts}}
		if kind == bridgeCrash {
			proc.State, proc.PID, proc.LastExit = supervise.Backoff, 0, "exit status 1"
			if !g.crashed {
				g.crashed = true
				g.restarts++
				code := 1
				for _, e := range []supervise.Event{
					{At: t, Kind: supervise.EventExit, PID: 4242, ExitCode: &code, Reason: "crash: exit status 1", Output: []string{"panic: runtime error"}},
					{At: t, Kind: supervise.EventRestart, Reason: "crash: exit status 1", Attempt: 1, MaxAttempts: 3, Delay: 5 * time.Second},
				} {
					if err := store.WriteBridgeEvent(ctx, e); err != nil {
						return written, err
					}
				}
			}
		} else {
			g.crashed = false
		}
		newest := &checks.NewestFile{Path: filepath.Join("scans", scan.Head.Source), ModTime: t.Add(-time.Second)}
		res, g.bridge, _ = checks.Bridge(t, proc, scan, newest, g.bridge, cfg)
		batch = append(batch, g.run(config.JobBridge, t, res))

		if tick%2 == 0 {
			batch = append(batch, g.run(config.JobIntegrity, t, checks.Integrity(exf, cfg)))
			batch = append(batch, g.run(config.JobDivergence, t, checks.Divergence(t, exf, g.snapshot(t, kind), cfg)))
		}
		if len(batch) >= 480 {
			if err := flush(); err != nil {
				return written, err
			}
		}
	}
	return written, flush()
}

type gen struct {
	cfg       *config.Config
	rng       *rand.Rand
	fresh     checks.FreshnessState
	bridge    checks.BridgeState
	statuses  map[string]checks.Status
	scan      int64
	stalledAt time.Time
	pushedAt  time.Time
	restarts  int
	crashed   bool
}

// run makes a recorded run of a check's result, with the health changes it
// makes, as the daemon's runner does.
func (g *gen) run(job string, t time.Time, res checks.Result) *db.Run {
	st := checks.Overall(res.Findings, g.cfg.Health)
	r := &db.Run{Job: job, Started: t, Finished: t.Add(time.Duration(300+g.rng.IntN(1500)) * time.Microsecond),
		Status: st, Overall: st, Findings: res.Findings, Health: res.Health, Bridge: res.Bridge, Staleness: res.Staleness}
	if g.statuses[job] != st {
		r.Changes = append(r.Changes, db.HealthChange{Job: job, Status: st})
		g.statuses[job] = st
	}
	var latest []checks.Status
	for _, j := range g.cfg.Jobs() {
		latest = append(latest, g.statuses[j.Name])
	}
	if overall := checks.Worst(latest...); g.statuses[db.Overall] != overall {
		r.Changes = append(r.Changes, db.HealthChange{Job: db.Overall, Status: overall})
		g.statuses[db.Overall] = overall
	}
	return r
}

func (g *gen) exf(t time.Time, kind string) checks.ExFRead {
	if kind == hazelcastOut {
		return checks.ExFRead{Unreachable: errors.New("not connected to 127.0.0.1:5701")}
	}
	if kind != producerStop {
		g.pushedAt = t.Add(-time.Duration(g.rng.Float64() * 5e9))
	}
	rec := &record.ExF{Values: map[string]record.Value{}, Staleness: map[string]record.Value{}, ACBReady: true, PushedAt: g.pushedAt}
	for i, ind := range g.cfg.Indicators.Expected {
		rec.Values[ind] = record.Value{Number: 1 + float64(i) + g.rng.Float64()}
		rec.Staleness[ind] = record.Value{Number: 1 + g.rng.Float64()*20}
	}
	rec.Values["fng"] = record.Value{Number: 40 + g.rng.Float64()*20}
	switch kind {
	case nanVIX:
		rec.Values["vix"] = record.Value{Number: math.NaN()}
	case staleFive:
		for _, ind := range []string{"basis", "spread", "taker", "imbal_btc", "imbal_eth"} {
			rec.Staleness[ind] = record.Value{Number: 300 + g.rng.Float64()*60}
		}
	case dropTwelve:
		for _, ind := range g.cfg.Indicators.Expected[4:16] {
			delete(rec.Values, ind)
			delete(rec.Staleness, ind)
		}
	case extraKeys:
		for _, k := range []string{"exp_a", "exp_b", "exp_c", "exp_d"} {
			rec.Values[k] = record.Value{Number: 1}
		}
	}
	return checks.ExFRead{Record: rec}
}

// snapshot is the persistence's newest snapshot: written every five
// minutes, or a bad one during a fault.
func (g *gen) snapshot(t time.Time, kind string) checks.SnapshotRead {
	written := t.Truncate(5 * time.Minute)
	s := &npz.Snapshot{Numbers: map[string]float64{}, Strings: map[string]string{}, Refused: map[string]string{}}
	for i, ind := range g.cfg.Indicators.Expected {
		s.Keys = append(s.Keys, ind)
		s.Numbers[ind] = 1 + float64(i)
	}
	s.Keys = append(s.Keys, "_pushed_at")
	s.Numbers["_pushed_at"] = float64(written.Unix())
	return checks.SnapshotRead{Path: "data/exf/" + written.Format("2006-01-02/exf_150405.npz"), ModTime: written, Data: s}
}
