#!/usr/bin/env python3
"""Seed 000's integrity check (ExFIntegrityMonitor._perform_check, from
shared/seeds/000_8950af6ed2ca269c.txt), transcribed with its logic
unchanged, run N times against a real member and a real snapshot, to
measure the CPU one check costs beside tidewatch's cost per change.

One check, as the seed does it: map.get("exf_latest") and json.loads, the
presence, ACB-critical and staleness checks with their alerts logged,
np.load of the last snapshot for the HZ/disk divergence, the overall rule.

Run: .venv/bin/python testdata/detect/seed_check.py ADDRESS CLUSTER SNAPSHOT N
Prints {"n": N, "cpu_p50_ms": ..., "cpu_p99_ms": ..., "wall_p50_ms": ...}.
"""
import json
import logging
import os
import sys
import time
from collections import deque
from datetime import datetime, timezone
from pathlib import Path

import hazelcast

logger = logging.getLogger("seed000")

STALENESS_ALERT_S = 120
ACB_CRITICAL_INDICATORS = ['funding_btc', 'funding_eth', 'dvol_btc', 'dvol_eth', 'fng', 'vix', 'ls_btc', 'taker', 'oi_btc']
EXPECTED_INDICATORS = [
    'funding_btc', 'funding_eth', 'oi_btc', 'oi_eth', 'ls_btc', 'ls_eth', 'ls_top', 'taker', 'basis',
    'imbal_btc', 'imbal_eth', 'spread', 'dvol_btc', 'dvol_eth', 'fund_dbt_btc', 'fund_dbt_eth',
    'vix', 'dxy', 'us10y', 'sp500', 'fedfunds', 'fng', 'hashrate', 'tvl',
    'liq_vol_24h', 'liq_long_ratio', 'liq_z_score', 'liq_percentile',
]


class Persistence:
    def __init__(self, path):
        self.path = path

    def get_stats(self):
        return {'last_write_path': self.path}


class Monitor:
    def __init__(self, hz_client, persistence):
        self.hz_client = hz_client
        self.persistence = persistence
        self.indicator_source = None
        self._alerts = deque(maxlen=1000)
        self._health_history = deque(maxlen=100)
        self._alerts_triggered = 0
        self._checks_performed = 0

    def _add_alert(self, severity, category, message, indicator=None, details=None):
        alert = dict(timestamp=datetime.now(timezone.utc).isoformat(), severity=severity, category=category,
                     indicator=indicator, message=message, details=details or {})
        self._alerts.append(alert)
        self._alerts_triggered += 1
        log_msg = f"[{severity.upper()}] {category}: {message}"
        if severity == 'critical':
            logger.error(log_msg)
        elif severity == 'warning':
            logger.warning(log_msg)
        else:
            logger.info(log_msg)

    def _get_hz_data(self):
        try:
            features_map = self.hz_client.get_map("DOLPHIN_FEATURES")
            data = features_map.get("exf_latest").result()
            if isinstance(data, str):
                return json.loads(data)
            return data
        except Exception as e:
            logger.debug(f"HZ fetch error: {e}")
            return None

    def _perform_check(self):
        now = datetime.now(timezone.utc)
        now_str = now.isoformat()
        hz_data = self._get_hz_data()
        source_data = self.indicator_source() if self.indicator_source else None
        persist_stats = self.persistence.get_stats() if self.persistence else None
        alerts_this_check = []
        stale_indicators = []
        missing_critical = []
        current_data = source_data or hz_data or {}
        hz_connected = hz_data is not None
        if not hz_connected:
            self._add_alert('critical', 'connectivity', 'Hazelcast connection failed', details={'source': 'hz'})
            alerts_this_check.append('hz_connectivity')
        persist_connected = persist_stats is not None
        present_indicators = set(k for k in current_data.keys()
                                 if not k.startswith('_') and isinstance(current_data[k], (int, float)))
        expected_set = set(EXPECTED_INDICATORS)
        missing_indicators = expected_set - present_indicators
        if missing_indicators:
            for ind in list(missing_indicators)[:5]:
                self._add_alert('warning', 'missing', 'Indicator not present', indicator=ind)
            alerts_this_check.append(f'missing_{len(missing_indicators)}')
        for crit in ACB_CRITICAL_INDICATORS:
            if crit not in present_indicators or current_data.get(crit) != current_data.get(crit):
                missing_critical.append(crit)
                self._add_alert('critical', 'missing_critical', 'ACB-critical indicator missing/failed', indicator=crit)
                alerts_this_check.append(f'critical_{crit}')
        staleness = current_data.get('_staleness_s', {})
        if isinstance(staleness, dict):
            for ind, age_s in staleness.items():
                if isinstance(age_s, (int, float)) and age_s > STALENESS_ALERT_S:
                    stale_indicators.append((ind, age_s))
                    self._add_alert('warning', 'staleness', f'Indicator stale ({age_s:.0f}s)', indicator=ind,
                                    details={'staleness_seconds': age_s})
                    alerts_this_check.append(f'stale_{ind}')
        if hz_data and persist_stats and persist_stats.get('last_write_path'):
            try:
                import numpy as np
                last_path = Path(persist_stats['last_write_path'])
                if last_path.exists():
                    with np.load(last_path, allow_pickle=True) as npz:
                        persisted_keys = set(k for k in npz.keys() if not k.startswith('_'))
                        hz_keys = set(k for k in hz_data.keys() if not k.startswith('_'))
                        divergence = persisted_keys.symmetric_difference(hz_keys)
                        if len(divergence) > 3:
                            self._add_alert('warning', 'integrity', f'HZ/disk divergence: {len(divergence)} indicators',
                                            details={'hz_only': list(hz_keys - persisted_keys)[:3],
                                                     'disk_only': list(persisted_keys - hz_keys)[:3]})
                            alerts_this_check.append('divergence')
            except Exception as e:
                logger.debug(f"Divergence check error: {e}")
        acb_ready = current_data.get('_acb_ready', False)
        if len(missing_critical) > 0 or not hz_connected:
            overall = 'critical'
        elif len(stale_indicators) > 3 or len(missing_indicators) > 10:
            overall = 'degraded'
        else:
            overall = 'healthy'
        status = dict(timestamp=now_str, overall=overall, hz_connected=hz_connected, persist_connected=persist_connected,
                      indicators_present=len(present_indicators), indicators_expected=len(expected_set),
                      acb_ready=acb_ready and len(missing_critical) == 0, stale_count=len(stale_indicators),
                      alerts_active=len(alerts_this_check),
                      details={'missing_critical': missing_critical,
                               'stale_indicators': [i[0] for i in stale_indicators],
                               'max_staleness': max((i[1] for i in stale_indicators), default=0)})
        self._health_history.append(status)
        self._checks_performed += 1
        if overall != 'healthy':
            logger.warning(f"Health check: {overall} | indicators={len(present_indicators)}/{len(expected_set)} | "
                           f"acb_ready={status['acb_ready']} | alerts={len(alerts_this_check)}")
        else:
            logger.debug(f"Health check: {overall} | indicators={len(present_indicators)}/{len(expected_set)}")
        return status


def main():
    address, cluster, snapshot, n = sys.argv[1:5]
    # Logged as a deployed monitor would: formatted and written.
    logging.basicConfig(level=logging.INFO, stream=open(os.devnull, "w"))
    client = hazelcast.HazelcastClient(cluster_name=cluster, cluster_members=[address], cluster_connect_timeout=30)
    try:
        mon = Monitor(client, Persistence(snapshot))
        mon._perform_check()  # warm up: the first np.load imports numpy
        cpu, wall = [], []
        for _ in range(int(n)):
            c0, w0 = time.process_time_ns(), time.perf_counter_ns()
            mon._perform_check()
            cpu.append(time.process_time_ns() - c0)
            wall.append(time.perf_counter_ns() - w0)
    finally:
        client.shutdown()
    cpu.sort()
    wall.sort()
    at = lambda xs, q: xs[int(q * (len(xs) - 1))] / 1e6
    print(json.dumps({"n": len(cpu), "cpu_p50_ms": at(cpu, 0.5), "cpu_p99_ms": at(cpu, 0.99), "wall_p50_ms": at(wall, 0.5)}))


if __name__ == "__main__":
    main()
