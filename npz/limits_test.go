package npz

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// directoryOnly builds an archive of entries central directory headers
// (one-letter names, no data: archive/zip reads only the directory when it
// opens an archive) and an end record declaring declared entries, in its
// zip64 form when zip64 is set.
func directoryOnly(entries int, declared uint64, zip64 bool) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	for range entries {
		var h [46]byte
		copy(h[:], "PK\x01\x02")
		le.PutUint16(h[4:], 20)
		le.PutUint16(h[6:], 20)
		le.PutUint16(h[28:], 1) // name length
		b.Write(h[:])
		b.WriteByte('k')
	}
	dirSize := uint64(b.Len())
	if zip64 {
		var rec [56]byte
		copy(rec[:], "PK\x06\x06")
		le.PutUint64(rec[4:], 44)
		le.PutUint16(rec[12:], 45)
		le.PutUint16(rec[14:], 45)
		le.PutUint64(rec[24:], declared)
		le.PutUint64(rec[32:], declared)
		le.PutUint64(rec[40:], dirSize)
		le.PutUint64(rec[48:], 0)
		var loc [20]byte
		copy(loc[:], "PK\x06\x07")
		le.PutUint64(loc[8:], dirSize)
		le.PutUint32(loc[16:], 1)
		b.Write(rec[:])
		b.Write(loc[:])
	}
	var end [22]byte
	copy(end[:], "PK\x05\x06")
	if zip64 {
		le.PutUint16(end[8:], 0xffff)
		le.PutUint16(end[10:], 0xffff)
		le.PutUint32(end[12:], 0xffffffff)
		le.PutUint32(end[16:], 0xffffffff)
	} else {
		le.PutUint16(end[8:], uint16(declared))
		le.PutUint16(end[10:], uint16(declared))
		le.PutUint32(end[12:], uint32(dirSize))
	}
	b.Write(end[:])
	return b.Bytes()
}

// allocated is what fn allocates; the test calling it must not run in
// parallel with others.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// An archive declaring 750,000 entries (35 MB, under the file size limit)
// is refused from its end record, before archive/zip reads a single
// directory header: that read cost 250 MB and 300 ms per run.
func TestManyEntriesAreRefusedFromTheEndRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "many.npz")
	if err := os.WriteFile(path, directoryOnly(750000, 750000, true), 0o644); err != nil {
		t.Fatal(err)
	}
	var err error
	start := time.Now()
	spent := allocated(func() { _, err = Read(path) })
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "the archive declares 750000 entries, over the limit of 10000") {
		t.Fatalf("got %v", err)
	}
	if spent > 1<<20 {
		t.Errorf("refusing it allocated %d bytes", spent)
	}
	t.Logf("refused in %v, %d bytes allocated", took, spent)
}

// An archive whose end record lies (1 entry declared, 720,897 there: the
// same count modulo 65,536, which is all archive/zip compares) is refused
// once the directory read passes what 10,000 entries can need.
func TestALyingEntryCountIsRefusedByTheDirectorySize(t *testing.T) {
	data := directoryOnly(11*65536+1, 1, false)
	var err error
	spent := allocated(func() { _, err = Parse(bytes.NewReader(data), int64(len(data))) })
	if err == nil || !strings.Contains(err.Error(), "the zip directory is over 1280000 bytes") {
		t.Fatalf("got %v", err)
	}
	if spent > 16<<20 {
		t.Errorf("refusing it allocated %d bytes", spent)
	}
	t.Logf("%d bytes allocated", spent)
}

// A FIFO in a snapshot's place is refused at once: opening it for reading
// would wait for a writer forever.
func TestAFIFOIsRefusedWithoutBlocking(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "snap.npz")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Read(path)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("got %v", err)
		}
	case <-time.After(5 * time.Second):
		// Unblock the reader so that the test binary can end.
		if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("reading a FIFO blocked")
	}
}

func TestReadGivesUpWhenItsContextEnds(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ReadContext(ctx, "testdata/snapshot.npz")
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "testdata/snapshot.npz: ") {
		t.Errorf("got %v", err)
	}
}
