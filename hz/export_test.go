package hz

import (
	"context"

	"github.com/hazelcast/hazelcast-go-client"
)

// RawMap is the library's map, for tests that evict, clear or expire.
func (c *Client) RawMap(ctx context.Context, name string) (*hazelcast.Map, error) {
	return c.handle(ctx, name)
}

// DropRegistrations removes the watch's listeners behind its back, as a
// cluster that lost its registrations would.
func (w *Watch) DropRegistrations(ctx context.Context) {
	w.mu.Lock()
	ids := w.ids
	w.mu.Unlock()
	w.remove(ctx, ids)
}
