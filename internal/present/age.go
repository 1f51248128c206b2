package present

import (
	"fmt"
	"strings"
	"time"
)

// TimeLayout is how times are shown to people: UTC, to the second.
const TimeLayout = "2006-01-02 15:04:05"

// Seconds is a duration in seconds, as history keeps them.
func Seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// Age prints a duration the way people say it: 850ms, 42s, 3m12s, 5h4m,
// and past two days in days and hours: 11d14h.
func Age(d time.Duration) string {
	switch {
	case d < 0:
		return "-" + Age(-d)
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Hour:
		return d.Round(time.Second).String()
	case d < 48*time.Hour:
		return strings.TrimSuffix(d.Round(time.Minute).String(), "0s")
	default:
		d = d.Round(time.Hour)
		return fmt.Sprintf("%dd%dh", d/(24*time.Hour), d%(24*time.Hour)/time.Hour)
	}
}
