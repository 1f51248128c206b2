package checks

import (
	"fmt"
	"slices"
	"strings"

	"tidewatch/config"
)

// Integrity judges exf_latest: every expected indicator present and usable,
// every ACB-critical one above all, the producer's readiness flag honest,
// values inside their configured ranges.
func Integrity(in ExFRead, cfg *config.Config) Result {
	var r Result
	rec, cause := r.exfRecord(in, cfg)
	ind := cfg.Indicators

	problem := func(name string) string {
		v, ok := rec.Values[name]
		if !ok {
			return "absent"
		}
		return v.Problem()
	}
	details := func(reason string) map[string]any {
		d := map[string]any{"reason": reason}
		if cause != "" {
			d["cause"] = cause
		}
		return d
	}

	// An ACB-critical indicator is listed once, as missing_critical; the
	// missing count of the health row and of the degraded rule has it too.
	present, missing := 0, 0
	var missingCritical []string
	for _, name := range ind.Expected {
		p := problem(name)
		if p == "" {
			present++
			if r.Values == nil {
				r.Values = map[string]float64{}
			}
			r.Values[name] = rec.Values[name].Number
			continue
		}
		missing++
		if !slices.Contains(ind.Critical, name) {
			r.add(Warning, CatMissing, name, fmt.Sprintf("%s is %s", name, p), details(p), nil)
		}
	}
	for _, name := range ind.Critical {
		if p := problem(name); p != "" {
			missingCritical = append(missingCritical, name)
			r.add(Critical, CatMissingCritical, name, fmt.Sprintf("ACB-critical indicator %s is %s", name, p), details(p), nil)
		}
	}

	if cause == "" {
		switch {
		case rec.ACBReadyErr != nil:
			r.add(Warning, CatACBReadyInvalid, "", rec.ACBReadyErr.Error()+": the producer does not say whether it is ready", nil, nil)
		case rec.ACBReady && len(missingCritical) > 0:
			r.add(Warning, CatACBMismatch, "",
				"_acb_ready is true but ACB-critical indicators are missing: "+strings.Join(missingCritical, ", "),
				map[string]any{"missing_critical": missingCritical}, nil)
		case !rec.ACBReady && len(missingCritical) == 0:
			r.add(Info, CatACBNotReady, "", "_acb_ready is false although every ACB-critical indicator is present", nil, nil)
		}
	}

	for _, name := range ind.Expected {
		lim, ok := ind.Ranges[name]
		v := rec.Values[name]
		if !ok || !v.Usable() {
			continue
		}
		if v.Number < lim[0] || v.Number > lim[1] {
			r.add(Warning, CatOutOfRange, name,
				fmt.Sprintf("%s = %s is outside [%s, %s]", name, num(v.Number), num(lim[0]), num(lim[1])),
				map[string]any{"value": v.Number}, map[string]any{"min": lim[0], "max": lim[1]})
		}
	}

	r.Health.IndicatorsPresent = ptr(present)
	r.Health.IndicatorsExpected = ptr(len(ind.Expected))
	r.Health.MissingCount = ptr(missing)
	r.Health.MissingCritical = missingCritical
	r.Health.ACBReady = ptr(rec.ACBReady && len(missingCritical) == 0)
	return r
}
