package checks

// causes names, for a category, the categories of the findings that
// explain it: Hazelcast away empties every record, a record that cannot be
// had leaves every indicator missing, a bridge that is down leaves the scan
// to age. Alerts keep such a consequence from paging while its cause is
// open; text output folds it under its cause.
var causes = func() map[string][]string {
	hazelcast := []string{CatConnectivity}
	record := []string{CatConnectivity, CatRecordAbsent, CatRecordInvalid}
	bridge := []string{CatConnectivity, CatBridgeCooldown, CatBridgeConfig, CatBridgeRestarting, CatBridgeNotReady}
	m := map[string][]string{}
	for _, c := range []string{CatMissing, CatMissingCritical, CatACBMismatch, CatACBReadyInvalid, CatRecordStale,
		CatStale, CatStalenessInvalid, CatStuck, CatValuesFrozen, CatDivergence, CatDiskLag, CatValueMismatch, CatOutOfRange} {
		m[c] = record
	}
	for _, c := range []string{CatScanStale, CatScanAbsent, CatScanStuck, CatScanBackwards, CatScanInvalid,
		CatScanAssets, CatScanAssetDrop, CatUpstreamStale, CatBridgeStuck} {
		m[c] = bridge
	}
	for _, c := range []string{CatRecordAbsent, CatRecordInvalid} {
		m[c] = hazelcast
	}
	return m
}()

// Causes are the categories of the findings that explain a finding of this
// category; none for a root.
func Causes(category string) []string { return causes[category] }
