package jobs

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"tidewatch/config"
)

// Scheduler runs the jobs on their schedules.
type Scheduler struct {
	cron    *cron.Cron
	cancel  context.CancelFunc
	first   sync.WaitGroup
	log     *slog.Logger
	running atomic.Bool
}

// Running reports whether the scheduler schedules.
func (s *Scheduler) Running() bool { return s.running.Load() }

// Start schedules every check job and the prune job, runs each check once
// at once (an operator starting tidewatch wants a verdict now, not in a
// minute), and returns.
func Start(r *Runner, cfg *config.Config, log *slog.Logger) *Scheduler {
	ctx, cancel := context.WithCancel(context.Background())
	cl := cronLogger{log}
	s := &Scheduler{
		// Skip outside Recover: the other order makes a job that panicked
		// once never run again (robfig/cron v3.0.1).
		cron: cron.New(cron.WithLocation(time.UTC), cron.WithLogger(cl),
			cron.WithChain(cron.SkipIfStillRunning(cl), cron.Recover(cl))),
		cancel: cancel,
		log:    log,
	}
	for _, job := range cfg.Jobs() {
		name := job.Name
		s.cron.Schedule(job.Schedule, cron.FuncJob(func() { r.Run(ctx, name) }))
		s.first.Add(1)
		go func() {
			defer s.first.Done()
			r.Run(ctx, name)
		}()
	}
	s.cron.Schedule(cfg.Database.PruneSchedule, cron.FuncJob(func() { r.Prune(ctx) }))
	s.cron.Start()
	s.running.Store(true)
	attrs := []any{"prune", cfg.Database.PruneSchedule.Spec}
	for _, job := range cfg.Jobs() {
		attrs = append(attrs, job.Name, job.Schedule.Spec)
	}
	log.Info("scheduler started", attrs...)
	return s
}

// Stop stops scheduling and lets running jobs finish for up to grace;
// then it cancels them (their calls return at once) and waits for them to
// record what they saw.
func (s *Scheduler) Stop(grace time.Duration) {
	s.running.Store(false)
	done := make(chan struct{})
	go func() {
		<-s.cron.Stop().Done()
		s.first.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(grace):
		s.log.Warn("jobs still running at shutdown; cancelling them", "grace", grace)
		s.cancel()
		<-done
	}
	s.cancel()
}

// cronLogger routes robfig/cron's logs (stdout by default) through slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
