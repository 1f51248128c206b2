package supervise

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

const (
	// maxLine is the longest line forwarded whole; longer ones are split.
	maxLine = 16 << 10
	// queueLen bounds the lines waiting to be logged. A child that writes
	// faster than the log drains loses lines (counted), never blocks.
	queueLen = 1024
)

// output receives a child's stdout and stderr, splits them into lines,
// keeps the last ones, spots the ready line, and forwards every line to
// the log through a bounded queue.
type output struct {
	log    *slog.Logger
	prefix string // marks the child's lines in the log: "[bridge] "
	ready  *regexp.Regexp

	mu   sync.Mutex
	ring []string
	next int
	full bool

	queue   chan forwarded
	dropped atomic.Int64
}

type forwarded struct {
	child  *child
	stream string
	line   string
}

func newOutput(log *slog.Logger, name string, ready *regexp.Regexp, keep int) *output {
	return &output{log: log, prefix: "[" + name + "] ", ready: ready, ring: make([]string, keep), queue: make(chan forwarded, queueLen)}
}

// run logs queued lines until ctx ends and the queue is drained.
func (o *output) run(ctx context.Context) {
	for {
		select {
		case f := <-o.queue:
			o.forward(f)
		case <-ctx.Done():
			for {
				select {
				case f := <-o.queue:
					o.forward(f)
				default:
					return
				}
			}
		}
	}
}

// takeDropped returns and resets the count of lines lost to a full queue.
func (o *output) takeDropped() int64 { return o.dropped.Swap(0) }

func (o *output) line(c *child, stream, line string) {
	o.mu.Lock()
	o.ring[o.next] = line
	o.next = (o.next + 1) % len(o.ring)
	o.full = o.full || o.next == 0
	o.mu.Unlock()
	if o.ready.MatchString(line) {
		c.ready()
	}
	select {
	case o.queue <- forwarded{c, stream, line}:
	default:
		o.dropped.Add(1)
	}
}

// last returns the kept lines, oldest first.
func (o *output) last() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.full {
		return append([]string(nil), o.ring[:o.next]...)
	}
	return append(append([]string(nil), o.ring[o.next:]...), o.ring[:o.next]...)
}

var textLevel = regexp.MustCompile(`\b(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL)\b`)

// forward logs one line as the child's. A JSON line (tidewatch's own
// bridge logs so) keeps its level, message and attributes; a text line
// (a Python bridge) gets the level its text names.
func (o *output) forward(f forwarded) {
	attrs := []any{"child_pid", f.child.cmd.Process.Pid}
	if strings.HasPrefix(f.line, "{") {
		var m map[string]any
		if json.Unmarshal([]byte(f.line), &m) == nil {
			var level slog.Level
			if s, ok := m["level"].(string); ok {
				level.UnmarshalText([]byte(s))
			}
			msg, _ := m["msg"].(string)
			for k, v := range m {
				if k != "time" && k != "level" && k != "msg" {
					attrs = append(attrs, k, v)
				}
			}
			o.log.Log(context.Background(), level, o.prefix+msg, attrs...)
			return
		}
	}
	level := slog.LevelInfo
	switch textLevel.FindString(f.line) {
	case "DEBUG":
		level = slog.LevelDebug
	case "WARNING", "WARN":
		level = slog.LevelWarn
	case "ERROR", "CRITICAL", "FATAL":
		level = slog.LevelError
	}
	o.log.Log(context.Background(), level, o.prefix+f.line, append(attrs, "stream", f.stream)...)
}

// lineWriter is a child's stdout or stderr: exec copies the pipe into it,
// and Wait waits for that copy (bounded by Cmd.WaitDelay), so a grandchild
// holding the pipe cannot hang the supervisor. It never blocks.
type lineWriter struct {
	out    *output
	stream string
	child  *child
	buf    []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		w.emit(w.buf[:i])
		w.buf = w.buf[i+1:]
	}
	// bufio.Scanner would give up on a long line; this splits it instead.
	for len(w.buf) >= maxLine {
		w.emit(w.buf[:maxLine])
		w.buf = w.buf[maxLine:]
	}
	return len(p), nil
}

// flush emits a partial last line, when the child has exited.
func (w *lineWriter) flush() {
	if len(w.buf) > 0 {
		w.emit(w.buf)
		w.buf = nil
	}
}

func (w *lineWriter) emit(b []byte) {
	w.out.line(w.child, w.stream, strings.TrimRight(string(b), "\r"))
}
