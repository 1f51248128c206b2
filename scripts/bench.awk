# Reads `go test -bench` output (scripts/bench.sh keeps it in
# bench-results/). Given one file, prints its figures as a table and checks
# the targets; given two (awk -f bench.awk OLD NEW), compares them.
#
# Targets: every job's p99 under 5 ms (alone and in the soak), the daemon's
# RSS under 60 MB after the soak, no goroutine or open-file growth from the
# end of the soak's warm-up to its end, a failover (leader SIGKILLed to the
# new leader's bridge pushing, default lease) under 12 s at p99. A missed
# target, or one not measured, exits 1.

function show(v) {
  if (v >= 100 || v == int(v)) return sprintf("%.0f", v)
  if (v >= 10) return sprintf("%.1f", v)
  return sprintf("%.3g", v)
}

/^Benchmark/ {
  name = $1
  sub(/^Benchmark/, "", name)
  sub(/-[0-9]+$/, "", name)
  file = (FNR == NR) ? 1 : 2
  if (!(name in seen)) { seen[name] = 1; names[++n] = name }
  # ns/op is the figure only where no percentile or memory is reported:
  # for the soak it is the soak's length.
  custom = ($0 ~ / (p50-ms|rss-MB)( |$)/)
  for (i = 3; i < NF; i += 2) {
    v = $i; u = $(i + 1)
    if (u == "ns/op") {
      if (custom) continue
      v = v / 1e6; u = "ms/op"
    }
    if (!((name, u) in has)) { has[name, u] = 1; units[name] = units[name] " " u }
    fig[file, name, u] = v
  }
}

function target(what, v, limit, below) {
  ok = below ? v < limit : v <= limit
  printf "  %-44s %10s  %s %s  %s\n", what, show(v), below ? "<" : "<=", limit, ok ? "ok" : "MISSED"
  if (!ok) missed++
}

END {
  compare = (ARGC > 2)
  for (k = 1; k <= n; k++) {
    name = names[k]
    m = split(substr(units[name], 2), us, " ")
    if (!compare) {
      line = ""
      for (j = 1; j <= m; j++) {
        if (j > 1 && (j - 1) % 4 == 0) line = line sprintf("\n%-36s", "")
        line = line sprintf("%12s %-14s", show(fig[1, name, us[j]]), us[j])
      }
      printf "%-36s%s\n", name, line
      continue
    }
    for (j = 1; j <= m; j++) {
      u = us[j]
      if (!((1, name, u) in fig) || !((2, name, u) in fig)) continue
      old = fig[1, name, u]; new = fig[2, name, u]
      change = (old == 0) ? "" : sprintf("%+.0f%%", 100 * (new - old) / old)
      printf "%-36s %-22s %10s -> %-10s %s\n", name, u, show(old), show(new), change
    }
  }
  if (compare) exit
  print ""
  print "targets:"
  if (!("Failover" in seen)) { printf "  %-44s %10s  MISSED\n", "failover p99 (ms)", "not measured"; missed++ }
  for (k = 1; k <= n; k++) {
    name = names[k]
    if (name == "Failover") target("failover p99 (ms)", fig[1, name, "p99-ms"], 12000, 1)
    if (name ~ /^Job\//) target(name " p99 (ms)", fig[1, name, "p99-ms"], 5, 1)
    if (name != "Soak") continue
    m = split(substr(units[name], 2), us, " ")
    for (j = 1; j <= m; j++)
      if (us[j] ~ /-p99-ms$/) target("soak: " us[j], fig[1, name, us[j]], 5, 1)
    target("soak: daemon RSS (MB)", fig[1, name, "rss-MB"], 60, 1)
    target("soak: goroutine growth", fig[1, name, "goroutine-growth"], 0, 0)
    target("soak: open-file growth", fig[1, name, "fd-growth"], 0, 0)
  }
  if (missed) { print "  " missed " target(s) missed"; exit 1 }
}
