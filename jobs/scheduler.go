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
	log = log.With("component", "scheduler")
	ctx, cancel := context.WithCancel(context.Background())
	cl := cronLogger{log.With("source", "cron")}
	s := &Scheduler{
		// No cron.SkipIfStillRunning: it skips in silence. A job that is
		// still running skips its next run itself, logged and counted.
		cron: cron.New(cron.WithLocation(time.UTC), cron.WithLogger(cl),
			cron.WithChain(cron.Recover(cl))),
		cancel: cancel,
		log:    log,
	}
	// A job does not wait for its run to be recorded: a database that
	// cannot be written for a while would make it skip its next runs.
	for _, job := range cfg.Jobs() {
		name := job.Name
		s.cron.Schedule(job.Schedule, cron.FuncJob(func() { r.start(ctx, name) }))
		s.first.Add(1)
		go func() {
			defer s.first.Done()
			r.start(ctx, name)
		}()
	}
	var pruning sync.Mutex
	s.cron.Schedule(cfg.Database.PruneSchedule, cron.FuncJob(func() {
		if !pruning.TryLock() {
			log.Warn("prune still running; this one is skipped")
			if r.OnSkipped != nil {
				r.OnSkipped("prune")
			}
			return
		}
		defer pruning.Unlock()
		r.rec.Prune(ctx)
	}))
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

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug(msg, kv...) }

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error(msg, append(kv, "err", err)...)
}
