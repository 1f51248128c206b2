// Package sdnotify tells systemd about tidewatch's life when it runs as a
// Type=notify service (docs/tidewatch.service): ready once started, alive
// while its scheduler runs (the watchdog), reloading, stopping. Outside
// systemd (no NOTIFY_SOCKET) every call does nothing.
package sdnotify

import (
	"context"
	"log/slog"
	"time"

	"github.com/coreos/go-systemd/v22/daemon"
)

// Notifier sends the notifications.
type Notifier struct {
	log *slog.Logger
	// every is how often the watchdog is fed: half of WatchdogSec, as
	// systemd asks; zero when the unit has no watchdog.
	every time.Duration
}

// New reads the watchdog's period from the environment systemd sets
// (WATCHDOG_USEC, WATCHDOG_PID); a malformed one is logged and ignored.
func New(log *slog.Logger) *Notifier {
	n := &Notifier{log: log}
	d, err := daemon.SdWatchdogEnabled(false)
	if err != nil {
		log.Warn("systemd watchdog: ignored", "err", err)
	}
	n.every = d / 2
	return n
}

// WatchdogEvery is how often Watchdog feeds the watchdog; zero when there
// is none.
func (n *Notifier) WatchdogEvery() time.Duration { return n.every }

// Ready says tidewatch has started; status is the line systemctl status
// shows.
func (n *Notifier) Ready(status string) { n.send(daemon.SdNotifyReady + "\nSTATUS=" + status) }

// Reloading says the config is being re-read; Ready says when it is done.
// The monotonic time is what a Type=notify-reload unit (systemd 253 and
// later) needs to match the two.
func (n *Notifier) Reloading() {
	n.send(daemon.SdNotifyMonotonicUsec() + daemon.SdNotifyReloading)
}

// Stopping says tidewatch has begun to stop.
func (n *Notifier) Stopping() { n.send(daemon.SdNotifyStopping + "\nSTATUS=stopping") }

// Status sets the line systemctl status shows.
func (n *Notifier) Status(status string) { n.send("STATUS=" + status) }

// Watchdog feeds the watchdog every WatchdogEvery until ctx ends, as long
// as alive says tidewatch does its work: a scheduler that hangs stops the
// feeding, and systemd kills and restarts tidewatch after WatchdogSec.
// Without a watchdog it returns at once.
func (n *Notifier) Watchdog(ctx context.Context, alive func() (bool, string)) {
	if n.every <= 0 {
		return
	}
	t := time.NewTicker(n.every)
	defer t.Stop()
	starved := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		ok, why := alive()
		switch {
		case ok:
			n.send(daemon.SdNotifyWatchdog)
			if starved {
				n.log.Info("systemd watchdog: fed again")
			}
		case !starved:
			n.log.Error("systemd watchdog: not fed, systemd restarts tidewatch if this lasts", "why", why)
		}
		starved = !ok
	}
}

func (n *Notifier) send(state string) {
	if _, err := daemon.SdNotify(false, state); err != nil {
		n.log.Warn("systemd notification not sent", "state", state, "err", err)
	}
}
