package supervise

import "time"

// State is where a supervised child is in its life, as supervisord names
// them.
type State string

const (
	Stopped  State = "stopped"
	Starting State = "starting" // started, not ready yet
	Running  State = "running"  // it said it is ready
	Backoff  State = "backoff"  // it exited: started again after a delay
	Stopping State = "stopping"
	Cooldown State = "cooldown" // its restart attempts are spent: tried again after the cooldown
	Failed   State = "failed"   // it said its configuration is bad: it waits for a human
)

// EventKind is what an Event tells of the child's life.
type EventKind string

const (
	EventStart    EventKind = "start"
	EventReady    EventKind = "ready"
	EventExit     EventKind = "exit"
	EventRestart  EventKind = "restart"
	EventCooldown EventKind = "cooldown"
	EventFailed   EventKind = "failed"
	EventStop     EventKind = "stop"
	// EventLeftover: a child left behind by an earlier supervisor, stopped,
	// or left running because the process that started it still runs.
	EventLeftover EventKind = "leftover"
)

// Event is a step of the child's life.
type Event struct {
	At   time.Time `json:"at"`
	Kind EventKind `json:"kind"`
	PID  int       `json:"pid,omitempty"`
	// Reason says why, in words: "crash: exit status 1" for a crash,
	// "restart: ..." for a restart the supervisor was asked for, the
	// command line of a start.
	Reason string `json:"reason,omitempty"`
	// Attempt is a restart's place in the budget of MaxAttempts; 0 for a
	// restart the supervisor was asked for, which spends none.
	Attempt int `json:"attempt,omitempty"`
	// MaxAttempts is the budget, on restarts and cooldowns.
	MaxAttempts int `json:"max_attempts,omitempty"`
	// Delay is the wait before a restart, or before the next try after a
	// cooldown.
	Delay time.Duration `json:"delay_ns,omitempty"`
	// ExitCode and Signal say how the child ended, on exits and stops: a
	// code, or the signal that killed it.
	ExitCode *int     `json:"exit_code,omitempty"`
	Signal   string   `json:"signal,omitempty"`
	Output   []string `json:"output,omitempty"` // its last lines, on exits
}

// Snapshot is what the supervisor knows of the child at one moment.
type Snapshot struct {
	State     State     `json:"state"`
	PID       int       `json:"pid,omitempty"`
	StartedAt time.Time `json:"started_at"`
	ReadyAt   time.Time `json:"ready_at"`
	// Restarts counts restarts since the supervisor started; Attempts those
	// in the current budget.
	Restarts  int       `json:"restarts"`
	Attempts  int       `json:"attempts"`
	NextStart time.Time `json:"next_start"`
	LastExit  string    `json:"last_exit,omitempty"`
	// FailedReason says why the child is not restarted any more.
	FailedReason string   `json:"failed_reason,omitempty"`
	LastLines    []string `json:"last_lines,omitempty"`
}
