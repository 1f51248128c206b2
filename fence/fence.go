// Package fence writes values into Hazelcast that carry the writer's epoch
// (package leader's fencing token), such that a writer with a lower epoch
// never overwrites a value written with a higher one: a deposed leader,
// or its bridge, resumed after a freeze, cannot undo what the new leader
// wrote.
//
// A value is a JSON object; the writer puts its epoch in it as the
// top-level field "leader_epoch", which readers (Python ones too) can see.
// A write reads the current value (or trusts the one it last wrote or
// read), refuses if that carries a higher epoch or the caller's order
// refuses it, and replaces it only if it is still that value
// (ReplaceIfSame, or PutIfAbsent for an absent key). The check and the
// write are thus one atomic step on the key's partition owner: whatever
// happened between the read and the write, the value replaced is one whose
// epoch was not higher. A value without the field (written before fencing)
// counts as epoch 0.
//
// The replace sends the old value along with the new one: a write costs
// twice the value's size on the wire, and a read as well when another
// writer changed the value since.
package fence

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"tidewatch/hz"
)

// Field is the top-level field holding the writer's epoch.
const Field = "leader_epoch"

// ErrFenced is returned, wrapped, when the value holds a higher epoch.
var ErrFenced = errors.New("fenced off")

// KV is what a fenced write needs of Hazelcast; *hz.Client is one.
type KV interface {
	Get(ctx context.Context, mapName, key string) (any, error)
	PutIfAbsent(ctx context.Context, mapName, key string, value any, ttl time.Duration) (bool, error)
	ReplaceIfSame(ctx context.Context, mapName, key string, old, value any) (bool, error)
}

// Writer writes one key. It remembers the value it last wrote or read, so
// that a writer alone on its key writes in one call. Not safe for
// concurrent use.
type Writer struct {
	kv           KV
	mapName, key string
	// last is the value expected in Hazelcast; known says whether it was
	// read or written (nil is a key known to be absent).
	last  any
	known bool
}

// NewWriter returns a writer of mapName[key].
func NewWriter(kv KV, mapName, key string) *Writer {
	return &Writer{kv: kv, mapName: mapName, key: key}
}

// maxTries bounds the writes lost to other writers in one Write: each
// loss means another writer wrote in between, and a writer of a higher
// epoch ends the loop by fencing this one off.
const maxTries = 5

// Write puts object (a JSON object's text, without the epoch field) with
// epoch stamped into it, unless the current value carries a higher epoch
// (ErrFenced) or accept refuses the current value's text (its error is
// returned, wrapped). accept sees the current value, never an absent one;
// nil accepts anything.
func (w *Writer) Write(ctx context.Context, epoch int64, object []byte, accept func(current []byte) error) error {
	value, err := Stamp(object, epoch)
	if err != nil {
		return err
	}
	for range maxTries {
		if !w.known {
			cur, err := w.kv.Get(ctx, w.mapName, w.key)
			if err != nil {
				return err
			}
			w.last, w.known = cur, true
		}
		var ok bool
		if w.last == nil {
			ok, err = w.kv.PutIfAbsent(ctx, w.mapName, w.key, value, 0)
		} else {
			text, terr := hz.Text(w.last)
			if terr != nil {
				return fmt.Errorf("%s[%s]: %w", w.mapName, w.key, terr)
			}
			if e := Epoch(text); e > epoch {
				return fmt.Errorf("%w: %s[%s] was written at epoch %d, above %d", ErrFenced, w.mapName, w.key, e, epoch)
			}
			if accept != nil {
				if err := accept(text); err != nil {
					return fmt.Errorf("%s[%s]: %w", w.mapName, w.key, err)
				}
			}
			ok, err = w.kv.ReplaceIfSame(ctx, w.mapName, w.key, w.last, value)
		}
		if err != nil {
			// The write may have happened: read before the next one.
			w.known = false
			return err
		}
		if ok {
			w.last = value
			return nil
		}
		w.known = false
	}
	return fmt.Errorf("%s[%s]: other writers changed it %d times in a row", w.mapName, w.key, maxTries)
}

// Stamp returns a JSON object's text with the epoch as its first field.
func Stamp(object []byte, epoch int64) (string, error) {
	trimmed := bytes.TrimLeft(object, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return "", fmt.Errorf("fenced value: not a JSON object")
	}
	rest := bytes.TrimLeft(trimmed[1:], " \t\r\n")
	var b bytes.Buffer
	b.Grow(len(object) + 32)
	b.WriteString(`{"` + Field + `":`)
	b.WriteString(strconv.FormatInt(epoch, 10))
	if len(rest) > 0 && rest[0] != '}' {
		b.WriteByte(',')
	}
	b.Write(rest)
	return b.String(), nil
}

// Epoch is the epoch a value's text carries; 0 when it carries none (or
// is no JSON object).
func Epoch(text []byte) int64 {
	dec := json.NewDecoder(bytes.NewReader(text))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return 0
		}
		if t == Field {
			var e int64
			if dec.Decode(&e) != nil {
				return 0
			}
			return e
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return 0
		}
	}
	return 0
}

// Guard makes the writes of a leader's tenure: each goes only while check
// confirms the tenure (leader.Elector.Check, right before the write) and
// carries the epoch check returns, fenced. It is what a leader's writes
// into Hazelcast go through beside the bridge's: the published verdict.
func Guard(check func(ctx context.Context) (epoch int64, err error), w *Writer) func(ctx context.Context, object []byte) error {
	return func(ctx context.Context, object []byte) error {
		epoch, err := check(ctx)
		if err != nil {
			return err
		}
		return w.Write(ctx, epoch, object, nil)
	}
}
