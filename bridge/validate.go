package bridge

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/apache/arrow/go/v17/arrow/memory"

	"tidewatch/scanfiles"
)

// arrow/go v17 sizes slices by counts it reads from a file's flatbuffers
// (make([]arrow.Field, schema.FieldsLength()) and the like) without
// checking them, and a corrupted count is a multi-terabyte allocation: a
// "fatal error: out of memory" that no recover catches. validateIPC walks
// the metadata first, bounds-checking every offset and count against the
// bytes there are, so that such a file is refused with an error. The crash
// marker stays the second line of defence.

// Limits on what one scan may declare.
const (
	maxFields   = 10000
	maxDepth    = 32
	maxMetadata = 10000
)

type errBadIPC struct{ msg string }

// fb reads a flatbuffer, every read bounds-checked; a violation panics with
// errBadIPC, which validateIPC turns into an error.
type fb []byte

func (b fb) fail(format string, args ...any) { panic(errBadIPC{fmt.Sprintf(format, args...)}) }

func (b fb) u16(at int) int {
	if at < 0 || at+2 > len(b) {
		b.fail("offset %d outside %d bytes", at, len(b))
	}
	return int(binary.LittleEndian.Uint16(b[at:]))
}

func (b fb) u32(at int) int {
	if at < 0 || at+4 > len(b) {
		b.fail("offset %d outside %d bytes", at, len(b))
	}
	return int(binary.LittleEndian.Uint32(b[at:]))
}

func (b fb) i64(at int) int64 {
	if at < 0 || at+8 > len(b) {
		b.fail("offset %d outside %d bytes", at, len(b))
	}
	return int64(binary.LittleEndian.Uint64(b[at:]))
}

// root is the position of the buffer's root table.
func (b fb) root() int { return b.u32(0) }

// field is the position of field i of the table at t, or -1 if absent.
func (b fb) field(t, i int) int {
	vt := t - int(int32(b.u32(t)))
	size := b.u16(vt)
	if size < 4 || vt+size > len(b) {
		b.fail("vtable at %d of %d bytes", vt, size)
	}
	if 4+2*i >= size {
		return -1
	}
	off := b.u16(vt + 4 + 2*i)
	if off == 0 {
		return -1
	}
	return t + off
}

// ref follows the offset stored at pos (a table, vector or string).
func (b fb) ref(pos int) int {
	target := pos + b.u32(pos)
	if target < 0 || target >= len(b) {
		b.fail("reference at %d points outside", pos)
	}
	return target
}

// vector returns the start and length of the vector field i of table t,
// checking that length elements of size bytes fit.
func (b fb) vector(t, i, size int) (start, n int) {
	pos := b.field(t, i)
	if pos < 0 {
		return 0, 0
	}
	v := b.ref(pos)
	n = b.u32(v)
	if n > (len(b)-v-4)/size {
		b.fail("a vector of %d elements of %d bytes at %d does not fit in %d bytes", n, size, v, len(b))
	}
	return v + 4, n
}

// table is the position of the table that field i of table t refers to,
// or -1 if absent.
func (b fb) table(t, i int) int {
	pos := b.field(t, i)
	if pos < 0 {
		return -1
	}
	return b.ref(pos)
}

func (b fb) str(t, i int) { b.vector(t, i, 1) }

func (b fb) metadata(t, i int, count *int) {
	start, n := b.vector(t, i, 4)
	if *count += n; *count > maxMetadata {
		b.fail("more than %d metadata entries", maxMetadata)
	}
	for j := range n {
		kv := b.ref(start + 4*j)
		b.str(kv, 0)
		b.str(kv, 1)
	}
}

// schema checks a Schema table: its fields (recursively) and metadata.
func (b fb) schema(s int) {
	fields, meta := 0, 0
	start, n := b.vector(s, 1, 4)
	for j := range n {
		b.fieldTable(b.ref(start+4*j), 1, &fields, &meta)
	}
	b.metadata(s, 2, &meta)
	b.vector(s, 3, 8) // features
}

func (b fb) fieldTable(f, depth int, fields, meta *int) {
	if depth > maxDepth {
		b.fail("fields nested deeper than %d", maxDepth)
	}
	if *fields++; *fields > maxFields {
		b.fail("more than %d fields", maxFields)
	}
	b.str(f, 0)
	if t := b.table(f, 3); t >= 0 {
		// Union's typeIds and Timestamp's timezone are the type tables'
		// only variable parts.
		switch typeType := b.typeTag(f); typeType {
		case 14: // Union
			b.vector(t, 1, 4)
		case 10: // Timestamp
			b.str(t, 1)
		}
	}
	if d := b.table(f, 4); d >= 0 {
		b.table(d, 1) // the index type
	}
	start, n := b.vector(f, 5, 4)
	for j := range n {
		b.fieldTable(b.ref(start+4*j), depth+1, fields, meta)
	}
	b.metadata(f, 6, meta)
}

func (b fb) typeTag(f int) int {
	pos := b.field(f, 2)
	if pos < 0 || pos >= len(b) {
		return 0
	}
	return int(b[pos])
}

// recordBatch checks a RecordBatch's nodes and buffers against its body.
func (b fb) recordBatch(rb int, body int64) {
	b.vector(rb, 1, 16)
	start, n := b.vector(rb, 2, 16)
	for j := range n {
		off, length := b.i64(start+16*j), b.i64(start+16*j+8)
		if off < 0 || length < 0 || off > body || length > body-off {
			b.fail("buffer %d (%d bytes at %d) outside a body of %d bytes", j, length, off, body)
		}
	}
	b.vector(rb, 4, 8)
}

// message checks a Message and returns its body length, which must fit in
// the bytes that follow it.
func (b fb) message(avail int64) int64 {
	m := b.root()
	body := int64(0)
	if pos := b.field(m, 3); pos >= 0 {
		body = b.i64(pos)
	}
	if body < 0 || body > avail {
		b.fail("a body of %d bytes where %d remain", body, avail)
	}
	var meta int
	b.metadata(m, 4, &meta)
	h, pos := b.table(m, 2), b.field(m, 1)
	if h < 0 || pos < 0 || pos >= len(b) {
		return body
	}
	switch tag := b[pos]; tag {
	case 1:
		b.schema(h)
	case 2: // DictionaryBatch
		if rb := b.table(h, 1); rb >= 0 {
			b.recordBatch(rb, body)
		}
	case 3:
		b.recordBatch(h, body)
	default:
		b.fail("message of type %d", tag)
	}
	return body
}

// validateIPC checks the metadata of a whole Arrow IPC file or stream
// before the arrow library reads it.
func validateIPC(data []byte) (err error) {
	defer func() {
		if p := recover(); p != nil {
			bad, ok := p.(errBadIPC)
			if !ok {
				panic(p)
			}
			err = errors.New("corrupted Arrow metadata: " + bad.msg)
		}
	}()
	if len(data) >= 8 && string(data[:6]) == string(scanfiles.FileMagic) {
		return validateFile(data)
	}
	return validateStream(data, 0, int64(len(data)))
}

func validateFile(data []byte) error {
	end := len(data) - len(scanfiles.FileMagic) - 4
	if end < 8 {
		return errors.New("corrupted Arrow file: too short")
	}
	size := int(int32(binary.LittleEndian.Uint32(data[end:])))
	if size < 8 || size > end-8 {
		return fmt.Errorf("corrupted Arrow file: a footer of %d bytes", size)
	}
	footer := fb(data[end-size : end])
	f := footer.root()
	if s := footer.table(f, 1); s >= 0 {
		footer.schema(s)
	}
	limit := int64(end - size)
	for _, i := range []int{2, 3} { // dictionaries, record batches
		start, n := footer.vector(f, i, 24)
		for j := range n {
			off, meta, body := footer.i64(start+24*j), int64(int32(footer.u32(start+24*j+8))), footer.i64(start+24*j+16)
			if off < 8 || meta < 8 || body < 0 || off > limit || meta > limit-off || body > limit-off-meta {
				footer.fail("block %d (%d+%d+%d bytes at %d) outside the file", j, meta, body, off, off)
			}
			if err := validateStream(data[:off+meta+body], int(off), off+meta+body); err != nil {
				return err
			}
		}
	}
	// The messages ahead of the footer form a stream of their own, which
	// the file reader does not read; only the blocks matter.
	return nil
}

// validateStream walks messages from pos up to end (an end-of-stream
// marker ends it early).
func validateStream(data []byte, pos int, end int64) error {
	for int64(pos) < end {
		if int64(pos)+4 > end {
			return nil // a cut stream; the reader refuses it itself
		}
		n := int(int32(binary.LittleEndian.Uint32(data[pos:])))
		pos += 4
		if uint32(n) == 0xFFFFFFFF {
			if int64(pos)+4 > end {
				return nil
			}
			n = int(int32(binary.LittleEndian.Uint32(data[pos:])))
			pos += 4
		}
		if n == 0 {
			return nil // end of stream
		}
		if n < 0 || int64(n) > end-int64(pos) {
			return fmt.Errorf("corrupted Arrow metadata: a message of %d bytes where %d remain", n, end-int64(pos))
		}
		msg := fb(data[pos : pos+n])
		pos += n
		body := msg.message(end - int64(pos))
		pos += int(body)
		// A file block holds exactly one message.
		if end-int64(pos) == 0 {
			return nil
		}
	}
	return nil
}

// cappedAllocator refuses allocations larger than a file could need: a
// buffer length read from a corrupted file, or a valid compressed body that
// expands beyond reason, becomes a panic with overCap, which ParseScan
// recovers, instead of the runtime's fatal out-of-memory.
type cappedAllocator struct {
	memory.Allocator
	limit, fileSize int
}

// overCap is the allocation cappedAllocator refused.
type overCap struct{ size, limit, fileSize int }

func (e overCap) Error() string {
	return fmt.Sprintf("a buffer of %d bytes, over its limit of %d (32 times the file's %d bytes, plus 16 MiB)", e.size, e.limit, e.fileSize)
}

func (a cappedAllocator) Allocate(size int) []byte {
	if size > a.limit {
		panic(overCap{size, a.limit, a.fileSize})
	}
	return a.Allocator.Allocate(size)
}

func (a cappedAllocator) Reallocate(size int, b []byte) []byte {
	if size > a.limit {
		panic(overCap{size, a.limit, a.fileSize})
	}
	return a.Allocator.Reallocate(size, b)
}
