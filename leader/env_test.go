package leader

import (
	"strings"
	"testing"
)

func TestTheTenureGoesToAChildThroughItsEnvironment(t *testing.T) {
	t.Parallel()
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for _, e := range kv {
			k, v, _ := strings.Cut(e, "=")
			m[k] = v
		}
		return func(k string) string { return m[k] }
	}
	l := Lease{Instance: "tw-a", Epoch: 1796047318438}
	got, ok, err := FromEnv(env(l.Env()...))
	if err != nil || !ok || got != l {
		t.Errorf("round trip: %+v, %v, %v", got, ok, err)
	}
	if _, ok, err := FromEnv(env()); ok || err != nil {
		t.Errorf("no leader: %v, %v; want not ok, no error", ok, err)
	}
	for _, bad := range [][]string{{EnvInstance + "=tw-a"}, {EnvEpoch + "=7"}, {EnvInstance + "=tw-a", EnvEpoch + "=x"}, {EnvInstance + "=tw-a", EnvEpoch + "=0"}} {
		if _, ok, err := FromEnv(env(bad...)); ok || err == nil {
			t.Errorf("%v: %v, %v; want an error", bad, ok, err)
		}
	}
}
