package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"tidewatch/internal/present"
)

// Formats are the formats a report is written in.
var Formats = []string{"text", "json", "markdown", "csv", "html"}

// Write writes the report in a format. color adds terminal colours to text.
func Write(w io.Writer, r *Report, format string, color bool) error {
	switch format {
	case "text":
		return writeText(w, r, color)
	case "json":
		return present.JSON(w, r)
	case "markdown":
		return writeMarkdown(w, r)
	case "csv":
		return writeCSV(w, r)
	case "html":
		return writeHTML(w, r)
	}
	return fmt.Errorf("unknown format %q: use %s", format, strings.Join(Formats, ", "))
}

// table is a report table, written as text, markdown or CSV alike.
type table struct {
	title  string
	header []string
	rows   [][]string
}

// tables are the report's tables, in order.
func (r *Report) tables() []table {
	var out []table

	avail := table{title: "Availability (shares of the watched time)", header: []string{"subject", "window", "healthy", "degraded", "critical", "watched"}}
	for _, a := range r.Availability {
		window := "last " + a.Window
		if a.Window == "report" {
			window = "this report"
		}
		avail.rows = append(avail.rows, []string{a.Subject, window, healthy(a), pct(a.DegradedPct), pct(a.CriticalPct), pct(a.WatchedPct)})
	}
	out = append(out, avail)

	months := table{title: "By calendar month (" + r.Subject + ")", header: []string{"month", "healthy", "degraded", "critical", "watched"}}
	for _, a := range r.Months {
		months.rows = append(months.rows, []string{a.Window, healthy(a), pct(a.DegradedPct), pct(a.CriticalPct), pct(a.WatchedPct)})
	}
	out = append(out, months)

	jobs := table{title: "Jobs", header: []string{"job", "runs", "healthy", "degraded", "critical", "errors", "findings", "mean", "max", "hazelcast down"}}
	for _, j := range r.Jobs {
		jobs.rows = append(jobs.rows, []string{j.Job, itoa(j.Runs), itoa(j.Healthy), itoa(j.Degraded), itoa(j.Critical),
			itoa(j.Errors), itoa(j.Findings), ms(j.MeanMS), ms(j.MaxMS), itoa(j.HazelcastDown)})
	}
	out = append(out, jobs)

	title := fmt.Sprintf("Incidents (%d", len(r.Incidents))
	if r.MTTRSeconds != nil {
		title += ", mean time to recovery " + present.Age(present.Seconds(*r.MTTRSeconds))
	}
	inc := table{title: title + ")", header: []string{"start", "end", "duration", "worst", "driven by"}}
	for _, in := range r.Incidents {
		end := "ongoing"
		if in.End != nil {
			end = in.End.Format(present.TimeLayout)
			if in.EndedBy == "unknown" {
				end += " (watch stopped)"
			}
		}
		var drivers []string
		for _, d := range in.Drivers {
			drivers = append(drivers, fmt.Sprintf("%s %s (%d)", d.Category, d.Indicator, d.Count))
		}
		inc.rows = append(inc.rows, []string{in.Start.Format(present.TimeLayout), end, present.Age(present.Seconds(in.Seconds)), in.Worst,
			strings.ReplaceAll(strings.Join(drivers, ", "), "  (", " (")})
	}
	out = append(out, inc)

	ind := table{title: "Indicators that failed most", header: []string{"indicator", "findings", "why"}}
	for _, i := range r.Indicators {
		ind.rows = append(ind.rows, []string{i.Indicator, itoa(i.Findings), whyText(i.Why)})
	}
	out = append(out, ind)

	top := table{title: "Most frequent findings", header: []string{"job", "severity", "category", "indicator", "reason", "count", "hours"}}
	for _, f := range r.Findings {
		top.rows = append(top.rows, []string{f.Job, string(f.Severity), f.Category, f.Indicator, f.Reason, itoa(f.Count), itoa(f.Hours)})
	}
	out = append(out, top)

	data := table{title: "Data", header: []string{"what", "figures"}}
	if d := r.Divergence; d != nil {
		var parts []string
		if d.MaxKeyDifference != nil {
			parts = append(parts, fmt.Sprintf("worst key difference %d", *d.MaxKeyDifference))
		}
		if d.MaxDiskLagS != nil {
			parts = append(parts, "worst disk lag "+present.Age(present.Seconds(*d.MaxDiskLagS)))
		}
		data.rows = append(data.rows, []string{"divergence", strings.Join(parts, ", ")})
	}
	if a := r.ScanAge; a != nil {
		at := ""
		if !a.Exact {
			at = "≤ "
		}
		data.rows = append(data.rows, []string{"scan data age", fmt.Sprintf("p50 %s%s, p90 %s%s, p99 %s%s, max %s (%d samples)",
			at, present.Age(present.Seconds(a.P50S)), at, present.Age(present.Seconds(a.P90S)), at, present.Age(present.Seconds(a.P99S)), present.Age(present.Seconds(a.MaxS)), a.Samples)})
	}
	if sc := r.Scans; sc != nil {
		line := fmt.Sprintf("%.1f per minute, #%d to #%d", sc.PerMinute, *sc.First, *sc.Last)
		if longest := sc.Longest; longest != nil {
			line += fmt.Sprintf("; %d gaps without a new scan, the longest %s at #%d from %s",
				sc.GapCount, present.Age(present.Seconds(longest.Seconds)), longest.At, longest.From.Format(present.TimeLayout))
		}
		data.rows = append(data.rows, []string{"scans", line})
	}
	if b := r.Bridge; b != nil {
		line := fmt.Sprintf("up at %s of %d checks, %d restarts", pct(b.UptimePct), b.Checks, b.Restarts)
		var reasons []string
		for _, rc := range b.Reasons {
			reasons = append(reasons, fmt.Sprintf("%d× %s", rc.Count, rc.Reason))
		}
		if len(reasons) > 0 {
			line += " (" + strings.Join(reasons, "; ") + ")"
		}
		if b.WorstDataAgeS != nil {
			line += ", worst data age " + present.Age(present.Seconds(*b.WorstDataAgeS))
		}
		data.rows = append(data.rows, []string{"bridge", line})
	}
	out = append(out, data)

	cut := table{title: "Lists cut to their newest " + strconv.Itoa(MaxRows) + " (a shorter period shows the rest)", header: []string{"list", "left out"}}
	for _, name := range slices.Sorted(maps.Keys(r.Truncated)) {
		cut.rows = append(cut.rows, []string{name, strconv.Itoa(r.Truncated[name])})
	}
	return append(out, cut)
}

func (r *Report) heading() string {
	return fmt.Sprintf("tidewatch report: %s, %s to %s UTC", r.Subject, r.Since.Format(present.TimeLayout), r.Until.Format(present.TimeLayout))
}

// Terminal colours for the words that carry a verdict.
var colors = map[string]string{"healthy": "\x1b[32m", "degraded": "\x1b[33m", "critical": "\x1b[31m", "error": "\x1b[31m", "warning": "\x1b[33m"}

func writeText(w io.Writer, r *Report, color bool) error {
	bold := func(s string) string {
		if color {
			return "\x1b[1m" + s + "\x1b[0m"
		}
		return s
	}
	fmt.Fprintln(w, bold(r.heading()))
	for _, t := range r.tables() {
		if len(t.rows) == 0 {
			continue
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, bold(strings.ToUpper(t.title)))
		var sb strings.Builder
		tw := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', 0)
		if t.title != "Data" {
			fmt.Fprintln(tw, strings.ToUpper(strings.Join(t.header, "\t")))
		}
		for _, row := range t.rows {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = present.Printable(c)
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
		tw.Flush()
		text := sb.String()
		if color {
			// Painted after the padding: colour codes would count as width.
			for word, c := range colors {
				text = strings.ReplaceAll(text, " "+word+" ", " "+c+word+"\x1b[0m ")
			}
		}
		fmt.Fprint(w, text)
	}
	return nil
}

func writeMarkdown(w io.Writer, r *Report) error {
	fmt.Fprintf(w, "## %s\n", r.heading())
	esc := strings.NewReplacer("|", `\|`)
	for _, t := range r.tables() {
		if len(t.rows) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n### %s\n\n", t.title)
		fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(t.header, " | "), strings.Repeat(" --- |", len(t.header)))
		for _, row := range t.rows {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = esc.Replace(present.Printable(c))
			}
			fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
		}
	}
	return nil
}

// writeCSV writes every table in one long CSV: table, row, column, value
// (a pivot table away from any spreadsheet layout). A value that a
// spreadsheet would take for a formula is written as text.
func writeCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"table", "row", "column", "value"})
	for _, t := range r.tables() {
		for i, row := range t.rows {
			for j, v := range row {
				cw.Write([]string{t.title, strconv.Itoa(i + 1), t.header[j], present.CSVCell(v)})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// healthy is a window's healthy share, or that it was watched too little
// to tell.
func healthy(a Availability) string {
	if !a.Enough {
		return "not enough history"
	}
	return pct(a.HealthyPct)
}

func pct(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) + "%" }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func ms(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) + "ms" }

// whyText lists the reasons of an indicator's failures, most frequent first.
func whyText(m map[string]int64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
