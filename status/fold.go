package status

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"tidewatch/checks"
)

// item is a finding of one run, as text output lists it.
type item struct {
	Job     string
	At      time.Time
	Finding checks.Finding
	// Folded counts the findings this one explains, folded away under it:
	// "+19 missing, +9 missing_critical (follow from connectivity)".
	Folded string
}

// fold orders findings for people: a finding that another of the same
// run explains (checks.Causes: Hazelcast away leaves every indicator
// missing) is folded into a count under it, so that 28 consequences do not
// bury their one cause; the rest keep their order, most severe first. JSON
// and history keep every finding.
func fold(items []item) []item {
	root := make([]int, len(items)) // the index of the item that explains each, or -1
	for i, it := range items {
		root[i] = -1
		causes := checks.Causes(it.Finding.Category)
		for j, other := range items {
			if j != i && other.Job == it.Job && other.At.Equal(it.At) && slices.Contains(causes, other.Finding.Category) {
				root[i] = j
				break
			}
		}
	}
	for i := range root {
		// A chain of causes folds into the first that has none here.
		for n := 0; root[i] >= 0 && root[root[i]] >= 0 && n < len(items); n++ {
			root[i] = root[root[i]]
		}
	}
	type count struct {
		category string
		n        int
	}
	folded := map[int][]count{}
	var out []int
	for i := range items {
		r := root[i]
		if r < 0 {
			out = append(out, i)
			continue
		}
		cs := folded[r]
		k := slices.IndexFunc(cs, func(c count) bool { return c.category == items[i].Finding.Category })
		if k < 0 {
			cs, k = append(cs, count{category: items[i].Finding.Category}), len(cs)
		}
		cs[k].n++
		folded[r] = cs
	}
	slices.SortStableFunc(out, func(a, b int) int {
		return items[b].Finding.Severity.Rank() - items[a].Finding.Severity.Rank()
	})
	lines := make([]item, 0, len(out))
	for _, i := range out {
		l := items[i]
		if cs := folded[i]; len(cs) > 0 {
			parts := make([]string, len(cs))
			for k, c := range cs {
				parts[k] = fmt.Sprintf("+%d %s", c.n, c.category)
			}
			l.Folded = fmt.Sprintf("%s (follow from %s)", strings.Join(parts, ", "), l.Finding.Category)
		}
		lines = append(lines, l)
	}
	return lines
}
