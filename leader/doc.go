// Package leader elects one tidewatch instance among several: the leader,
// which alone runs the bridge, pages and publishes. It holds a lease in
// Hazelcast, on the open-source member's IMap primitives (the CP
// Subsystem's FencedLock and AtomicLong are Enterprise since 5.5), with an
// epoch: a fencing token that grows with every takeover.
//
// # The entries
//
// Two entries in [cluster] lease_map:
//
//   - "leader", the lease: {"instance", "epoch", "since"} as JSON text, put
//     with a TTL. The text is unique to one tenure (the epoch is), and is
//     written once, by PutIfAbsent: no one ever writes it again, so once an
//     instance's text has left the entry it can never come back.
//   - "epoch", the counter: the last epoch drawn, as decimal text, without
//     a TTL, raised by ReplaceIfSame (compare and set).
//
// Each operation on one key is atomic on the key's partition owner, and is
// copied to a backup before it answers, so it survives the loss of one
// member. Nothing here needs two keys to change together.
//
// # Taking the lease
//
// A follower reads the lease. While someone holds it, it reads again when
// the member says the entry expires (at most one renewal period later).
// When it is absent (expired: the member checks expiry on every access, so
// an expired entry is absent at once), the follower
//
//  1. reads the counter c and picks e = max(c+1, highest epoch it has
//     seen + 1);
//  2. puts its lease text, with epoch e, if absent, with the TTL;
//  3. draws e: replaces the counter with e if it is still c (or creates
//     it, if it is absent); if the counter moved, it removes its lease text
//     and tries again;
//  4. reads the lease again: it leads, with epoch e, if the entry is still
//     its text.
//
// The draw (3) happens while the entry holds the follower's text: the text
// was there at the put (2) and is there at the read (4), and it cannot have
// left and come back in between. Tenures (the times an entry holds one
// text) do not overlap, so the draws of successive leaders come in the
// order of their tenures, and the counter only grows: a later leader has a
// higher epoch. Followers that see the lease absent together pick the same
// e; only the one whose put succeeds draws, so they do not waste epochs or
// undo each other. A draw whose replace reports failure is never used,
// even when it did happen (the client sends a write again after an I/O
// error, and the second send then fails): it only costs an epoch.
//
// # Keeping it
//
// The leader renews every renew_every: SetTTL (the entry lives lease_ttl
// from the member's now), then a read that must return its own text. That
// read proves the SetTTL touched its own entry: the text it finds cannot
// have left and come back. A renewal sent at s therefore keeps the entry
// until s + lease_ttl at least, less a second: the member keeps expiry
// times in whole seconds of its clock (config.ExpiryGrain). ReplaceIfSame
// is never used on the lease: it clears an entry's TTL (measured on
// 5.5.0), which would make a dead leader's lease immortal.
//
// The leader acts only while its local monotonic clock is before
//
//	valid = s + lease_ttl − 1 s − step_down_margin
//
// where s is when it sent the last renewal (or the put) that succeeded. The
// calls of a renewal carry valid as their deadline, so a leader whose
// renewals fail or hang steps down at valid, step_down_margin before the
// entry can expire, and emits SteppedDown; one that finds the entry gone or
// someone else's emits Lost at once. Either way it is a follower from then
// on, and draws a new epoch if it ever leads again. One that steps down in
// time, its renewals failing, stays the last known leader (Status) until
// it sees another: the one to page while Hazelcast is unreachable. One
// whose loop wakes long past its lease (frozen, starved) is not: that was
// no outage.
//
// # Acting
//
// Before a side effect, Check confirms both that the local clock is before
// valid and that the entry in Hazelcast is still this tenure's text, within
// a deadline of valid. What no lease can exclude is a pause between Check
// and the act itself (a SIGSTOP, a GC pause, a slow network). So every
// write into Hazelcast carries the epoch and goes through package fence,
// which never lets a lower epoch overwrite a higher one; a message to
// people cannot be fenced, and the shared record of pages (package pages)
// keeps a new leader from repeating it.
//
// # Epochs after the counter is lost
//
// The counter survives the loss of any one member (it has a backup), not
// the loss of the whole cluster (every member restarted) or of a
// partition's owner and backup together. The instance that finds it absent
// creates it at
//
//	max(wall clock in unix milliseconds, highest epoch it has seen + 1, Floor + 1)
//
// where "seen" covers the epochs it drew and the holders' it read, and
// Floor is what the caller knows beyond that (the epochs in its history,
// in fenced values). Epochs keep growing provided the creating instance
// saw the last epoch drawn before the loss, or its clock is ahead of the
// clock of the instance that created the lost counter (by at least the
// number of takeovers since, in milliseconds). Two instances whose clocks
// disagree by more than the counter's lifetime, neither of which saw the
// other's epochs, can draw an epoch that was used before: that is the
// limit.
//
// # What the lease cannot do
//
// It is as safe as the member's own per-key consistency. In a split brain
// of the members (a network partition between them), each side keeps a
// copy of both entries; once the lease expires on the side without the
// leader, that side elects a leader of its own, with an epoch drawn from
// the same counter value the other side may draw too. Both then act until
// the members merge, and fencing cannot tell equal epochs apart. A clock
// step on the member owning the lease (expiry follows its wall clock) can
// expire the lease early by the size of the step, beyond the margin.
package leader
