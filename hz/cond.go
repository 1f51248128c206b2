package hz

import (
	"context"
	"fmt"
	"math"
	"time"
)

// The conditional writes the open-source member offers (the CP Subsystem's
// linearizable primitives are Enterprise since 5.5). Each is atomic on the
// key's partition owner. The client may send a write again after an I/O
// error, so a write that did happen can still report that it did not:
// callers read the key back before they conclude anything from a "no".

// PutIfAbsent writes a key that is absent (or expired), with a time to live
// when ttl > 0, and reports whether it did. The member keeps expiry times
// in whole seconds of its clock: an entry put at 12:00:00.900 with a 10 s
// TTL expires at 12:00:10.000, up to a second early.
func (c *Client) PutIfAbsent(ctx context.Context, mapName, key string, value any, ttl time.Duration) (bool, error) {
	m, err := c.handle(ctx, mapName)
	if err != nil {
		return false, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout.Duration)
	defer cancel()
	var prev any
	if ttl > 0 {
		prev, err = m.PutIfAbsentWithTTL(ctx, key, value, ttl)
	} else {
		prev, err = m.PutIfAbsent(ctx, key, value)
	}
	if err != nil {
		return false, fmt.Errorf("put if absent %s[%s]: %w", mapName, key, err)
	}
	return prev == nil, nil
}

// ReplaceIfSame replaces a key's value only while it is still old (compared
// as serialized bytes), and reports whether it did. The replaced entry
// loses its time to live and stays until removed: never use it on an entry
// that must expire.
func (c *Client) ReplaceIfSame(ctx context.Context, mapName, key string, old, value any) (bool, error) {
	m, err := c.handle(ctx, mapName)
	if err != nil {
		return false, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout.Duration)
	defer cancel()
	ok, err := m.ReplaceIfSame(ctx, key, old, value)
	if err != nil {
		return false, fmt.Errorf("replace if same %s[%s]: %w", mapName, key, err)
	}
	return ok, nil
}

// RemoveIfSame removes a key only while its value is still value, and
// reports whether it did.
func (c *Client) RemoveIfSame(ctx context.Context, mapName, key string, value any) (bool, error) {
	m, err := c.handle(ctx, mapName)
	if err != nil {
		return false, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout.Duration)
	defer cancel()
	ok, err := m.RemoveIfSame(ctx, key, value)
	if err != nil {
		return false, fmt.Errorf("remove if same %s[%s]: %w", mapName, key, err)
	}
	return ok, nil
}

// SetTTL gives an existing key a new time to live, counted from now on
// the member (and, like a put, from the start of its second), and reports
// whether the key existed.
func (c *Client) SetTTL(ctx context.Context, mapName, key string, ttl time.Duration) (bool, error) {
	m, err := c.handle(ctx, mapName)
	if err != nil {
		return false, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout.Duration)
	defer cancel()
	ok, err := m.SetTTLAffected(ctx, key, ttl)
	if err != nil {
		return false, fmt.Errorf("set ttl %s[%s]: %w", mapName, key, err)
	}
	return ok, nil
}

// GetExpiring reads a key with the time the member will expire it (zero
// for a key without a TTL); a missing or expired key is (nil, zero, nil).
func (c *Client) GetExpiring(ctx context.Context, mapName, key string) (any, time.Time, error) {
	m, err := c.handle(ctx, mapName)
	if err != nil {
		return nil, time.Time{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout.Duration)
	defer cancel()
	ev, err := m.GetEntryView(ctx, key)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("get %s[%s]: %w", mapName, key, err)
	}
	if ev == nil {
		return nil, time.Time{}, nil
	}
	var expires time.Time
	if ev.ExpirationTime > 0 && ev.ExpirationTime < math.MaxInt64 {
		expires = time.UnixMilli(ev.ExpirationTime).UTC()
	}
	return ev.Value, expires, nil
}
