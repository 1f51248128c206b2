package pages

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"tidewatch/fence"
	"tidewatch/hz"
)

// KV is what the book needs of Hazelcast; *hz.Client is one.
type KV interface {
	fence.KV
	Values(ctx context.Context, mapName string) ([]any, error)
}

// Book is the shared record of what was sent: in [cluster] pages_map, the
// latest notification per receiver and problem. It is small (one entry per
// receiver and fingerprint ever paged) and kept without a TTL: a record
// that expired would let a new leader page again.
type Book struct {
	kv      KV
	mapName string
}

// NewBook opens the record in mapName.
func NewBook(kv KV, mapName string) *Book { return &Book{kv: kv, mapName: mapName} }

func key(receiver, fingerprint string) string { return receiver + "|" + fingerprint }

// errOlder refuses to record a notification older than the one recorded.
var errOlder = errors.New("an equal or later one is recorded")

// Record writes what was sent, fenced by its epoch: it never replaces a
// record of a higher epoch, or a later one of the same epoch (an instance
// copying in what it sent while Hazelcast was away may come late). It
// reports whether the record now holds s.
func (b *Book) Record(ctx context.Context, s Sent) (bool, error) {
	epoch := s.Epoch
	s.Epoch = 0 // the fence writes it
	text, err := json.Marshal(s)
	if err != nil {
		return false, err
	}
	w := fence.NewWriter(b.kv, b.mapName, key(s.Receiver, s.Fingerprint))
	err = w.Write(ctx, epoch, text, func(cur []byte) error {
		var old Sent
		if err := json.Unmarshal(cur, &old); err != nil {
			return nil // unreadable: replace it
		}
		if old.Epoch == epoch && !s.At.After(old.At) {
			return errOlder
		}
		return nil
	})
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fence.ErrFenced), errors.Is(err, errOlder):
		return false, nil
	}
	return false, fmt.Errorf("record what was sent: %w", err)
}

// Lookup reads the record of one receiver and problem; nil: nothing sent.
func (b *Book) Lookup(ctx context.Context, receiver, fingerprint string) (*Sent, error) {
	v, err := b.kv.Get(ctx, b.mapName, key(receiver, fingerprint))
	if err != nil || v == nil {
		return nil, err
	}
	s, err := decode(v)
	if err != nil {
		return nil, fmt.Errorf("the record of %s for %s: %w", fingerprint, receiver, err)
	}
	return &s, nil
}

// All reads every record, for Orphans. Unreadable entries are skipped and
// counted in the error, which comes with the readable ones.
func (b *Book) All(ctx context.Context) ([]Sent, error) {
	vs, err := b.kv.Values(ctx, b.mapName)
	if err != nil {
		return nil, err
	}
	var out []Sent
	bad := 0
	for _, v := range vs {
		s, err := decode(v)
		if err != nil {
			bad++
			continue
		}
		out = append(out, s)
	}
	if bad > 0 {
		return out, fmt.Errorf("%s: %d unreadable records", b.mapName, bad)
	}
	return out, nil
}

func decode(v any) (Sent, error) {
	text, err := hz.Text(v)
	if err != nil {
		return Sent{}, err
	}
	var s Sent
	if err := json.Unmarshal(text, &s); err != nil {
		return Sent{}, err
	}
	if s.Receiver == "" || s.Fingerprint == "" || s.At.IsZero() {
		return Sent{}, fmt.Errorf("%.100q: no receiver, fingerprint or time", text)
	}
	return s, nil
}
