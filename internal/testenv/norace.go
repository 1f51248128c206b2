//go:build !race

package testenv

// Race is true in a test binary built with the race detector, whose shadow
// memory makes large allocations several times slower.
const Race = false
