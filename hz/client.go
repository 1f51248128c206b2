// Package hz is tidewatch's edge to Hazelcast: one client, connected in the
// background and reconnected by itself, whose every call has a deadline.
package hz

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hazelcast/hazelcast-go-client"
	"github.com/hazelcast/hazelcast-go-client/cluster"
	"github.com/hazelcast/hazelcast-go-client/logger"
	"github.com/hazelcast/hazelcast-go-client/serialization"
	"github.com/hazelcast/hazelcast-go-client/types"

	"tidewatch/config"
)

// ErrUnreachable is returned, wrapped with the reason, while the client is
// not connected: calls fail at once instead of waiting for a member.
var ErrUnreachable = errors.New("not connected")

// Client is a Hazelcast client that is created once and rides out outages
// with its own reconnect loop. The library leaks a goroutine for every
// failed start and cannot interrupt its backoff sleep, so starting it again
// in a loop of our own would only pile those up.
type Client struct {
	cfg config.Hazelcast
	log *slog.Logger

	connected atomic.Bool
	lastErr   atomic.Pointer[string]
	ready     chan struct{} // closed at the first connection
	readyOnce sync.Once

	mu     sync.Mutex
	client *hazelcast.Client
	maps   map[string]*hazelcast.Map

	cancel context.CancelFunc
	done   chan struct{}
}

// Open starts connecting in the background and returns at once. getenv
// reads the credentials from the variables the config names. Errors are
// about the configuration: TLS files, credentials.
func Open(cfg config.Hazelcast, getenv func(string) string, log *slog.Logger) (*Client, error) {
	ctx, cancel := context.WithCancel(context.Background())
	c := &Client{
		cfg: cfg, log: log.With("component", "hazelcast"), ready: make(chan struct{}), maps: map[string]*hazelcast.Map{},
		cancel: cancel, done: make(chan struct{}),
	}
	hc, err := c.clientConfig(getenv)
	if err != nil {
		cancel()
		return nil, err
	}
	go c.start(ctx, hc)
	return c, nil
}

func (c *Client) clientConfig(getenv func(string) string) (hazelcast.Config, error) {
	hc := hazelcast.NewConfig()
	hc.Cluster.Name = c.cfg.ClusterName
	hc.Cluster.Network.SetAddresses(c.cfg.Addresses...)
	hc.Cluster.Network.ConnectionTimeout = types.Duration(c.cfg.CallTimeout.Duration)
	hc.Cluster.ConnectionStrategy.ReconnectMode = cluster.ReconnectModeOn
	// Short backoffs: the library sleeps through them uninterruptibly, and
	// recovery after an outage should take seconds, not half a minute.
	hc.Cluster.ConnectionStrategy.Retry.InitialBackoff = types.Duration(500 * time.Millisecond)
	hc.Cluster.ConnectionStrategy.Retry.MaxBackoff = types.Duration(2 * time.Second)
	hc.Cluster.ConnectionStrategy.Retry.Multiplier = 1.5
	hc.Cluster.ConnectionStrategy.Retry.Jitter = 0.2
	hc.Cluster.HeartbeatTimeout = types.Duration(c.cfg.HeartbeatTimeout.Duration)
	hc.Cluster.HeartbeatInterval = types.Duration(min(5*time.Second, c.cfg.HeartbeatTimeout.Duration/3))
	hc.Cluster.InvocationTimeout = types.Duration(max(time.Second, c.cfg.CallTimeout.Duration))
	hc.Cluster.Unisocket = c.cfg.Unisocket
	if c.cfg.UsernameEnv != "" {
		user, pass := getenv(c.cfg.UsernameEnv), getenv(c.cfg.PasswordEnv)
		if user == "" || pass == "" {
			return hc, fmt.Errorf("hazelcast credentials: %s or %s is empty or unset", c.cfg.UsernameEnv, c.cfg.PasswordEnv)
		}
		hc.Cluster.Security.Credentials.Username, hc.Cluster.Security.Credentials.Password = user, pass
	}
	if c.cfg.TLS.Enabled {
		tc, err := tlsConfig(c.cfg.TLS)
		if err != nil {
			return hc, err
		}
		hc.Cluster.Network.SSL.Enabled = true
		hc.Cluster.Network.SSL.SetTLSConfig(tc)
	}
	hc.Logger.CustomLogger = clientLogger{c}
	hc.AddLifecycleListener(func(e hazelcast.LifecycleStateChanged) {
		switch e.State {
		case hazelcast.LifecycleStateConnected:
			c.connected.Store(true)
			c.lastErr.Store(nil)
			c.markReady()
			c.log.Info("hazelcast connected", "addresses", c.cfg.Addresses, "cluster", c.cfg.ClusterName)
		case hazelcast.LifecycleStateDisconnected:
			c.connected.Store(false)
			c.log.Warn("hazelcast disconnected; reconnecting", "addresses", c.cfg.Addresses, "cluster", c.cfg.ClusterName)
		}
	})
	return hc, nil
}

// tlsConfig builds the client's TLS settings from PEM files.
func tlsConfig(t config.TLS) (*tls.Config, error) {
	tc := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: t.ServerName}
	if t.CAFile != "" {
		pem, err := os.ReadFile(t.CAFile)
		if err != nil {
			return nil, fmt.Errorf("hazelcast tls: %w", err)
		}
		tc.RootCAs = x509.NewCertPool()
		if !tc.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("hazelcast tls: %s holds no PEM certificate", t.CAFile)
		}
	}
	if t.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(t.CertFile, t.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("hazelcast tls: %w", err)
		}
		tc.Certificates = []tls.Certificate{cert}
	}
	return tc, nil
}

func (c *Client) start(ctx context.Context, hc hazelcast.Config) {
	defer close(c.done)
	cl, err := hazelcast.StartNewClientWithConfig(ctx, hc)
	if err != nil {
		if ctx.Err() == nil {
			msg := squeeze(err.Error())
			c.lastErr.Store(&msg)
			c.log.Error("hazelcast client failed to start", "err", err)
		}
		return
	}
	c.mu.Lock()
	c.client = cl
	c.mu.Unlock()
	c.markReady()
}

// markReady releases WaitConnected once the client is both connected and
// usable: the first "connected" event arrives before the start returns.
func (c *Client) markReady() {
	c.mu.Lock()
	usable := c.client != nil
	c.mu.Unlock()
	if usable && c.connected.Load() {
		c.readyOnce.Do(func() { close(c.ready) })
	}
}

// Connected reports whether the client has a live connection now.
func (c *Client) Connected() bool { return c.connected.Load() }

// WaitConnected waits for the first connection, for one-shot commands.
func (c *Client) WaitConnected(ctx context.Context) error {
	select {
	case <-c.ready:
		return nil
	case <-ctx.Done():
		return c.unreachable()
	}
}

// squeeze drops an error text's repeated tail: the client's errors wrap
// their cause and print it twice ("dial tcp ...: refused: dial tcp ...:
// refused").
func squeeze(msg string) string {
	for i := 0; i+2 < len(msg); i++ {
		if msg[i] == ':' && msg[i+1] == ' ' && strings.HasSuffix(msg[:i], msg[i+2:]) {
			return squeeze(msg[:i])
		}
	}
	return msg
}

func (c *Client) unreachable() error {
	msg := fmt.Sprintf("%s (cluster %q)", strings.Join(c.cfg.Addresses, ", "), c.cfg.ClusterName)
	if last := c.lastErr.Load(); last != nil {
		msg += ": " + *last
	}
	return fmt.Errorf("%w to %s", ErrUnreachable, msg)
}

// handle returns the map proxy, or an error at once when not connected.
func (c *Client) handle(ctx context.Context, name string) (*hazelcast.Map, error) {
	c.mu.Lock()
	cl, m := c.client, c.maps[name]
	c.mu.Unlock()
	if !c.connected.Load() || cl == nil {
		return nil, c.unreachable()
	}
	if m != nil {
		return m, nil
	}
	// The first GetMap for a name is a call to the cluster as well.
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout.Duration)
	defer cancel()
	m, err := cl.GetMap(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("map %s: %w", name, err)
	}
	c.mu.Lock()
	c.maps[name] = m
	c.mu.Unlock()
	return m, nil
}

// Get reads a key; a missing key is (nil, nil).
func (c *Client) Get(ctx context.Context, mapName, key string) (any, error) {
	m, err := c.handle(ctx, mapName)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout.Duration)
	defer cancel()
	v, err := m.Get(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("get %s[%s]: %w", mapName, key, err)
	}
	return v, nil
}

// Entry is a map entry as GetEntry reads it.
type Entry struct {
	Value any
	// Updated is the member's time of the last write; zero unless the
	// member keeps per-entry statistics (the open-source member does not
	// by default).
	Updated time.Time
}

// GetEntry reads a key with what the member knows of it, in one call that
// costs what Get costs; a missing key is (nil, nil).
func (c *Client) GetEntry(ctx context.Context, mapName, key string) (*Entry, error) {
	m, err := c.handle(ctx, mapName)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout.Duration)
	defer cancel()
	ev, err := m.GetEntryView(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("get %s[%s]: %w", mapName, key, err)
	}
	if ev == nil {
		return nil, nil
	}
	e := &Entry{Value: ev.Value}
	if ev.LastUpdateTime > 0 {
		e.Updated = time.UnixMilli(ev.LastUpdateTime).UTC()
	}
	return e, nil
}

// Put writes a key.
func (c *Client) Put(ctx context.Context, mapName, key string, value any) error {
	m, err := c.handle(ctx, mapName)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout.Duration)
	defer cancel()
	if err := m.Set(ctx, key, value); err != nil {
		return fmt.Errorf("put %s[%s]: %w", mapName, key, err)
	}
	return nil
}

// Close shuts the client down within ctx.
func (c *Client) Close(ctx context.Context) error {
	c.cancel()
	select {
	case <-c.done:
	case <-ctx.Done():
		// Still inside a backoff sleep that cannot be interrupted; the
		// cancelled start ends on its own and nothing waits for it.
		return nil
	}
	c.mu.Lock()
	cl := c.client
	c.mu.Unlock()
	if cl == nil {
		return nil
	}
	if err := cl.Shutdown(ctx); err != nil {
		return fmt.Errorf("hazelcast shutdown: %w", err)
	}
	return nil
}

// Size is the length of a value stored as text, 0 for anything else; it
// copies nothing, so an oversized value can be refused before it is.
func Size(v any) int {
	switch x := v.(type) {
	case string:
		return len(x)
	case serialization.JSON:
		return len(x)
	case []byte:
		return len(x)
	}
	return 0
}

// Text is the JSON text of a value as producers store it: a Python
// map.put(k, json.dumps(d)) arrives as a string, a HazelcastJsonValue as
// serialization.JSON.
func Text(v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		return []byte(x), nil
	case serialization.JSON:
		return []byte(x), nil
	case []byte:
		return x, nil
	default:
		return nil, fmt.Errorf("stored as %T, not as a JSON string", v)
	}
}

// clientLogger routes the client's own logs through slog, one level down:
// while a member is away it logs every failed attempt at Error, which is
// noise next to tidewatch's own "disconnected" line and critical runs. The
// last error is kept to explain why calls fail.
type clientLogger struct{ c *Client }

func (l clientLogger) Log(weight logger.Weight, f func() string) {
	var level slog.Level
	switch {
	case weight <= logger.WeightError:
		msg := squeeze(f())
		l.c.lastErr.Store(&msg)
		l.c.log.Debug("hazelcast client", "msg", msg)
		return
	case weight <= logger.WeightWarn:
		level = slog.LevelDebug
	default:
		level = slog.LevelDebug - 4
	}
	if l.c.log.Enabled(context.Background(), level) {
		l.c.log.Log(context.Background(), level, "hazelcast client", "msg", f())
	}
}
