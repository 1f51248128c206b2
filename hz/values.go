package hz

import (
	"context"
	"fmt"
)

// Values reads every value of a map, for small maps of tidewatch's own
// (the record of pages): the whole map comes back in one answer.
func (c *Client) Values(ctx context.Context, mapName string) ([]any, error) {
	m, err := c.handle(ctx, mapName)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.CallTimeout.Duration)
	defer cancel()
	vs, err := m.GetValues(ctx)
	if err != nil {
		return nil, fmt.Errorf("values of %s: %w", mapName, err)
	}
	return vs, nil
}
