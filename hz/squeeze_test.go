package hz

import "testing"

// The client's errors wrap their cause and print it twice; the message
// tidewatch shows says it once.
func TestSqueezeDropsARepeatedTail(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"cannot connect to 127.0.0.1:1: dial tcp 127.0.0.1:1: connect: connection refused: dial tcp 127.0.0.1:1: connect: connection refused": "cannot connect to 127.0.0.1:1: dial tcp 127.0.0.1:1: connect: connection refused",
		"a: b: b: b": "a: b",
		"invalid credentials: invalid credentials": "invalid credentials",
		"connect: connection refused":              "connect: connection refused",
	} {
		if got := squeeze(in); got != want {
			t.Errorf("squeeze(%q) = %q, want %q", in, got, want)
		}
	}
}
