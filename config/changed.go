package config

import (
	"reflect"
	"strings"
)

// Changed names the sections of c that differ from old ("alerts",
// "freshness", …), in the file's order: what a reload changes. The bridge
// is restarted only when "bridge" is among them.
func (c *Config) Changed(old *Config) []string {
	var out []string
	nv, ov := reflect.ValueOf(c).Elem(), reflect.ValueOf(old).Elem()
	for i := range nv.NumField() {
		if !reflect.DeepEqual(nv.Field(i).Interface(), ov.Field(i).Interface()) {
			name, _, _ := strings.Cut(nv.Type().Field(i).Tag.Get("toml"), ",")
			out = append(out, name)
		}
	}
	return out
}
