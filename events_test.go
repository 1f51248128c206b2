package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hazelcast/hazelcast-go-client"

	"tidewatch/internal/hztest"
)

// eventDaemon runs tidewatch run with every schedule set to an hour (and
// their first runs at the start), so that only change events can move
// the verdict after that; no bridge.
func eventDaemon(t *testing.T, m *hztest.Member, mapName string) (*daemon, string) {
	t.Helper()
	dir := t.TempDir()
	conf := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(`[hazelcast]
addresses = [%q]
cluster_name = %q
map = %q
heartbeat_timeout = "5s"
[database]
path = "tw.db"
[http]
listen = "127.0.0.1:0"
[integrity]
schedule = "@every 1h"
[divergence]
schedule = "@every 1h"
snapshot_dir = "exf"
[freshness]
schedule = "@every 1h"
[bridge]
enabled = false
[gate]
verdict_map = "TIDEWATCH_%s"
`, m.Addr(), m.Cluster, mapName, mapName)), 0o644); err != nil {
		t.Fatal(err)
	}
	return startDaemon(t, conf), filepath.Join(dir, "tw.db")
}

// untilFast polls an endpoint every millisecond until it answers code.
func (d *daemon) untilFast(t *testing.T, path string, code int, within time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		got, body := d.get(t, path)
		if got == code {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d %s, want %d within %v\nlog:\n%s", path, got, body, code, within, d.logs.String())
		}
		time.Sleep(time.Millisecond)
	}
}

// eventRuns counts the runs change events started, per job.
func eventRuns(t *testing.T, path string) map[string]int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT job, count(*) FROM runs WHERE trigger = 'event' GROUP BY job`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var job string
		var n int
		if err := rows.Scan(&job, &n); err != nil {
			t.Fatal(err)
		}
		out[job] = n
	}
	return out
}

func rawMap(t *testing.T, m *hztest.Member, name string) *hazelcast.Map {
	t.Helper()
	cfg := hazelcast.NewConfig()
	cfg.Cluster.Name = m.Cluster
	cfg.Cluster.Network.SetAddresses(m.Addr())
	cfg.Logger.Level = "off"
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := hazelcast.StartNewClientWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Shutdown(context.Background()) })
	mp, err := c.GetMap(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	return mp
}

// With every schedule at an hour, a put of a record whose ACB-critical
// indicator is NaN closes the gate by its change event alone, the verdict
// key says so, and a good record opens it again after reopen_after; the
// key removed or expired is a finding at once.
func TestTheGateFollowsChangeEventsAlone(t *testing.T) {
	t.Parallel()
	m := hztest.Shared(t)
	const mapName = "EVENTS_GATE"
	c := m.Client(t, slog.New(slog.DiscardHandler))
	putRecord(t, c, mapName)
	d, dbPath := eventDaemon(t, m, mapName)
	d.untilFast(t, "/readyz", 200, 30*time.Second)

	putRecord(t, c, mapName, "funding_btc")
	body := d.untilFast(t, "/readyz", 503, 5*time.Second)
	if !strings.Contains(body, "ACB-critical indicators missing: funding_btc") {
		t.Errorf("reasons: %s", body)
	}
	if n := eventRuns(t, dbPath); n["integrity"] == 0 {
		t.Errorf("no integrity run started by an event: %v", n)
	}
	// The verdict key says the same.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		v, err := c.Get(context.Background(), "TIDEWATCH_"+mapName, "verdict")
		if err != nil {
			t.Fatal(err)
		}
		var msg struct {
			Ready   bool     `json:"ready"`
			Reasons []string `json:"reasons"`
		}
		if s, ok := v.(string); ok && json.Unmarshal([]byte(s), &msg) == nil && !msg.Ready && len(msg.Reasons) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("verdict key: %v", v)
		}
	}

	// Good again: open after reopen_after (5 s), on the gate's recheck.
	putRecord(t, c, mapName)
	began := time.Now()
	d.untilFast(t, "/readyz", 200, 15*time.Second)
	if took := time.Since(began); took < 5*time.Second {
		t.Errorf("open again after %v, before reopen_after", took)
	}

	// The key removed: a finding at once.
	raw := rawMap(t, m, mapName)
	if err := raw.Delete(context.Background(), "exf_latest"); err != nil {
		t.Fatal(err)
	}
	if body := d.untilFast(t, "/readyz", 503, 5*time.Second); !strings.Contains(body, "exf_latest") {
		t.Errorf("removed: %s", body)
	}
	// Back, then expired.
	putRecord(t, c, mapName)
	d.untilFast(t, "/readyz", 200, 15*time.Second)
	rec, err := c.Get(context.Background(), mapName, "exf_latest")
	if err != nil {
		t.Fatal(err)
	}
	if err := raw.SetWithTTL(context.Background(), "exf_latest", rec, time.Second); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		// The member expires an entry when it is touched, or by its sweep.
		raw.Get(context.Background(), "exf_latest")
		if code, body := d.get(t, "/readyz"); code == 503 && strings.Contains(body, "exf_latest") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("expired key not found:\n%s", d.logs.String())
		}
	}
}

// 1,000 changes in one second: a bounded number of runs, the last record
// judged.
func TestABurstOfChangesCostsBoundedRuns(t *testing.T) {
	t.Parallel()
	m := hztest.Shared(t)
	const mapName = "EVENTS_BURST"
	c := m.Client(t, slog.New(slog.DiscardHandler))
	putRecord(t, c, mapName)
	d, dbPath := eventDaemon(t, m, mapName)
	d.untilFast(t, "/readyz", 200, 30*time.Second)
	before := eventRuns(t, dbPath)

	began := time.Now()
	for i := range 1000 {
		if i == 999 {
			putRecord(t, c, mapName, "vix") // the last one is bad
		} else {
			putRecord(t, c, mapName)
		}
		time.Sleep(time.Until(began.Add(time.Duration(i+1) * time.Millisecond)))
	}
	took := time.Since(began)
	d.untilFast(t, "/readyz", 503, 5*time.Second)
	// The runs of the burst are recorded within a moment of it.
	var after map[string]int
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		after = eventRuns(t, dbPath)
		if after["integrity"] > before["integrity"] || time.Now().After(deadline) {
			break
		}
	}
	runs := after["integrity"] - before["integrity"]
	t.Logf("%d integrity runs for 1,000 changes in %v", runs, took)
	// At most one a min_interval (250 ms), two more for the edges.
	if limit := int((took+time.Second)/(250*time.Millisecond)) + 2; runs > limit || runs < 1 {
		t.Errorf("%d integrity runs for 1,000 changes in %v (at most %d)", runs, took, limit)
	}
	if _, body := d.get(t, "/readyz"); !strings.Contains(body, "vix") {
		t.Errorf("the last record was not judged: %s", body)
	}
}

// A member killed and restarted forgets the listener and the data: the
// listener is registered again, a change after the restart closes the gate
// by its event, and what changed meanwhile is read at the registration.
func TestTheListenerIsBackAfterTheMemberRestarts(t *testing.T) {
	t.Parallel()
	m := hztest.Start(t)
	const mapName = "EVENTS_RESTART"
	c := m.Client(t, slog.New(slog.DiscardHandler))
	putRecord(t, c, mapName)
	d, _ := eventDaemon(t, m, mapName)
	d.untilFast(t, "/readyz", 200, 30*time.Second)
	m.Restart(t)
	// The data is gone with the member: absent, read at the registration.
	d.untilFast(t, "/readyz", 503, 60*time.Second)
	waitFor(t, 30*time.Second, d.logs.String, func() bool {
		return strings.Contains(d.logs.String(), `"msg":"entry listener registered again"`)
	})
	// A client of its own: the first may still be reconnecting.
	c2 := m.Client(t, slog.New(slog.DiscardHandler))
	putRecord(t, c2, mapName)
	d.untilFast(t, "/readyz", 200, 30*time.Second)
	putRecord(t, c2, mapName, "dvol_btc")
	if body := d.untilFast(t, "/readyz", 503, 5*time.Second); !strings.Contains(body, "dvol_btc") {
		t.Errorf("after the restart: %s", body)
	}
}
