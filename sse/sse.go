// Package sse pushes what changes to HTTP clients as Server-Sent Events
// (GET /events): a Broker that fans events out to every stream, and
// Follow, the client side that tidewatch wait uses.
//
// A stream starts with the current state (the latest event of each kind
// that has a state, such as the verdict), or, for a client that
// reconnects with Last-Event-ID, with the events it missed while they are
// still kept. A client that cannot keep up is cut off rather than
// allowed to hold anyone up; it reconnects and catches up the same way.
package sse

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Event is one event of a stream.
type Event struct {
	ID   uint64
	Type string
	// Data is one line of JSON.
	Data []byte
}

// Broker fans events out to streams.
type Broker struct {
	heartbeat time.Duration
	log       *slog.Logger
	// stateful names the event types whose latest event is the current
	// state, sent first on every new stream.
	stateful map[string]bool

	mu      sync.Mutex
	next    uint64
	kept    []Event // the latest keep events, oldest first
	keep    int
	current map[string]Event
	subs    map[chan Event]struct{}

	// closed ends every stream (Close): a server's Shutdown waits for its
	// handlers, and a stream's would run as long as its client stays.
	closed    chan struct{}
	closeOnce sync.Once
}

// buffer is how many events a stream may fall behind before it is cut off.
const buffer = 64

// NewBroker makes a broker that keeps the last keep events for clients that
// reconnect, sends a comment every heartbeat (so that proxies and clients
// see a live stream, and a gone client is noticed), and starts every
// stream with the latest event of each stateful type.
func NewBroker(keep int, heartbeat time.Duration, log *slog.Logger, stateful ...string) *Broker {
	b := &Broker{heartbeat: heartbeat, log: log, keep: keep, stateful: map[string]bool{},
		current: map[string]Event{}, subs: map[chan Event]struct{}{}, closed: make(chan struct{})}
	for _, t := range stateful {
		b.stateful[t] = true
	}
	return b
}

// Publish sends v, as JSON, to every stream as an event of type typ. It
// never blocks.
func (b *Broker) Publish(typ string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("event %s: %w", typ, err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.next++
	e := Event{ID: b.next, Type: typ, Data: data}
	b.kept = append(b.kept, e)
	if len(b.kept) > b.keep {
		b.kept = b.kept[len(b.kept)-b.keep:]
	}
	if b.stateful[typ] {
		b.current[typ] = e
	}
	for ch := range b.subs {
		select {
		case ch <- e:
		default:
			// Too far behind: cut off, to catch up by reconnecting.
			delete(b.subs, ch)
			close(ch)
		}
	}
	return nil
}

// Streams is how many clients follow the stream now.
func (b *Broker) Streams() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// subscribe returns a channel of the events after lastID (0: none, start
// from the current state), and what to send first.
func (b *Broker) subscribe(lastID uint64) (chan Event, []Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch := make(chan Event, buffer)
	b.subs[ch] = struct{}{}
	if lastID > 0 && lastID <= b.next && len(b.kept) > 0 && b.kept[0].ID <= lastID+1 {
		var missed []Event
		for _, e := range b.kept {
			if e.ID > lastID {
				missed = append(missed, e)
			}
		}
		return ch, missed
	}
	var first []Event
	for _, e := range b.current {
		first = append(first, e)
	}
	// In the order they happened.
	slices.SortFunc(first, func(a, b Event) int { return cmp.Compare(a.ID, b.ID) })
	return ch, first
}

func (b *Broker) unsubscribe(ch chan Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[ch]; ok {
		delete(b.subs, ch)
		close(ch)
	}
}

// writeTimeout bounds each write to a stream, whatever the server's own
// WriteTimeout (which would end every stream after it).
const writeTimeout = 10 * time.Second

// Close ends every stream, and those that start after it at once: the
// server can then shut down without waiting for its clients.
func (b *Broker) Close() { b.closeOnce.Do(func() { close(b.closed) }) }

// ServeHTTP streams events until the client goes, the request's context
// ends or the broker is closed.
func (b *Broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	// The server's ReadTimeout would end the stream too (its background
	// read times out and cancels the request): a stream reads nothing.
	if err := rc.SetReadDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return
	}
	var lastID uint64
	if v := r.Header.Get("Last-Event-ID"); v != "" {
		lastID, _ = strconv.ParseUint(v, 10, 64)
	}
	ch, first := b.subscribe(lastID)
	defer b.unsubscribe(ch)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	var buf bytes.Buffer
	send := func() error {
		if err := rc.SetWriteDeadline(time.Now().Add(writeTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return err
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
		buf.Reset()
		return rc.Flush()
	}
	// A client that lost the stream comes back within a second.
	buf.WriteString("retry: 1000\n\n")
	for _, e := range first {
		format(&buf, e)
	}
	if err := send(); err != nil {
		return
	}
	beat := time.NewTicker(b.heartbeat)
	defer beat.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-b.closed:
			return
		case e, ok := <-ch:
			if !ok {
				b.log.Debug("event stream cut off: the client fell behind", "remote", r.RemoteAddr)
				return
			}
			format(&buf, e)
			// Take what else is waiting, in one write.
			for more := true; more; {
				select {
				case e, ok := <-ch:
					if ok {
						format(&buf, e)
					}
					more = ok
				default:
					more = false
				}
			}
		case <-beat.C:
			buf.WriteString(": ping\n\n")
		}
		if err := send(); err != nil {
			return
		}
	}
}

func format(buf *bytes.Buffer, e Event) {
	fmt.Fprintf(buf, "id: %d\nevent: %s\ndata: %s\n\n", e.ID, e.Type, e.Data)
}

// Follow reads the stream at url, calling fn with each event until fn
// says it is done (nil) or the stream fails (the error: the caller may
// try again, or fall back to another source). token, when not empty, is
// sent as a bearer token.
func Follow(ctx context.Context, client *http.Client, url, token string, fn func(Event) (done bool)) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "text/event-stream")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		return fmt.Errorf("%s: not an event stream (%s)", url, ct)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var e Event
	var data [][]byte
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 {
			if data != nil {
				e.Data = bytes.Join(data, []byte("\n"))
				if e.Type == "" {
					e.Type = "message"
				}
				if fn(e) {
					return nil
				}
			}
			e, data = Event{ID: e.ID}, nil
			continue
		}
		field, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimPrefix(value, []byte(" "))
		switch string(field) {
		case "id":
			e.ID, _ = strconv.ParseUint(string(value), 10, 64)
		case "event":
			e.Type = string(value)
		case "data":
			data = append(data, bytes.Clone(value))
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", url, err)
	}
	return fmt.Errorf("%s: %w", url, io.ErrUnexpectedEOF)
}
