// Package npz reads numpy .npz snapshots strictly: scalar numbers and
// strings only, from an allow-list of dtypes. Pickled object arrays are never
// unpickled: they are named and skipped, and the rest of the file is read.
package npz

import (
	"archive/zip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"unicode/utf8"
)

// Limits that keep a hostile or corrupted file from costing more than a
// snapshot ever could.
const (
	MaxFileSize   = 64 << 20
	MaxEntries    = 10000
	maxHeaderSize = 10000 // numpy's own default limit
	maxItemSize   = 4096  // a U1024 string
	// maxDirectory bounds what archive/zip may read of the central
	// directory: MaxEntries entries with names and extras of a snapshot's
	// size. The zip reader reads directory headers until one fails to
	// parse, whatever count the archive declares, so the declared count
	// alone cannot bound it.
	maxDirectory = MaxEntries * 128
	// maxDirectoryEnd is how far from the end the end of central directory
	// record can be: its 22 bytes and a comment of at most 65,535.
	maxDirectoryEnd = 22 + 65535
)

// Snapshot is what an .npz holds.
type Snapshot struct {
	// Keys lists every array name in the file, read or not, sorted.
	Keys []string
	// Numbers holds the scalar numeric entries (0-d or 1-element arrays).
	Numbers map[string]float64
	// Strings holds the scalar string entries, typically metadata.
	Strings map[string]string
	// Refused names the entries that were not read, and why.
	Refused map[string]string
}

// Read is ReadContext without a deadline.
func Read(path string) (*Snapshot, error) { return ReadContext(context.Background(), path) }

// ReadContext opens and parses an .npz file, giving up when ctx ends. A
// symlink is refused, not followed; so is anything but a regular file (a
// FIFO put in a snapshot's place would block the open and the read).
func ReadContext(ctx context.Context, path string) (*Snapshot, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s)", path, st.Mode().Type())
	}
	s, err := parse(ctx, f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Parse reads an .npz archive of the given size.
func Parse(r io.ReaderAt, size int64) (*Snapshot, error) {
	return parse(context.Background(), r, size)
}

func parse(ctx context.Context, r io.ReaderAt, size int64) (*Snapshot, error) {
	if size > MaxFileSize {
		return nil, fmt.Errorf("%d bytes is over the %d byte limit for a snapshot", size, MaxFileSize)
	}
	// What the archive declares is checked before archive/zip reads the
	// directory: 750,000 entries cost it 250 MB before a count could be
	// refused.
	if n, ok := declaredEntries(r, size); ok && n > MaxEntries {
		return nil, fmt.Errorf("the archive declares %d entries, over the limit of %d", n, MaxEntries)
	}
	capped := &cappedReader{r: r}
	// archive/zip's search for the end record reads up to 66 KiB.
	capped.left.Store(72<<10 + maxDirectory)
	zr, err := zip.NewReader(capped, size)
	if errors.Is(err, errDirectoryTooLarge) {
		return nil, fmt.Errorf("the zip directory is over %d bytes, more than %d entries can need", maxDirectory, MaxEntries)
	}
	if err != nil {
		return nil, fmt.Errorf("not an npz file: %w", err)
	}
	if len(zr.File) > MaxEntries {
		return nil, fmt.Errorf("%d entries is over the limit of %d", len(zr.File), MaxEntries)
	}
	// The entries' reads are bounded one by one below.
	capped.left.Store(math.MaxInt64)
	s := &Snapshot{Numbers: map[string]float64{}, Strings: map[string]string{}, Refused: map[string]string{}}
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		key, isNpy := strings.CutSuffix(f.Name, ".npy")
		s.Keys = append(s.Keys, key)
		if !isNpy {
			s.Refused[key] = "not an .npy entry"
			continue
		}
		if err := s.readEntry(f, key); err != nil {
			s.Refused[key] = err.Error()
		}
	}
	sort.Strings(s.Keys)
	return s, nil
}

var errDirectoryTooLarge = errors.New("zip directory too large")

// cappedReader fails reads once left bytes have been read: archive/zip's
// walk of the directory is bounded by what it may read, not by what the
// archive says.
type cappedReader struct {
	r    io.ReaderAt
	left atomic.Int64
}

func (c *cappedReader) ReadAt(p []byte, off int64) (int, error) {
	if c.left.Add(-int64(len(p))) < 0 {
		return 0, errDirectoryTooLarge
	}
	return c.r.ReadAt(p, off)
}

// declaredEntries reads the entry count from the end of central directory
// record, or from its zip64 form when the record says the count does not
// fit. ok is false when there is no such record (archive/zip then says
// what is wrong).
func declaredEntries(r io.ReaderAt, size int64) (n uint64, ok bool) {
	tail := make([]byte, min(size, maxDirectoryEnd))
	start := size - int64(len(tail))
	if _, err := r.ReadAt(tail, start); err != nil && err != io.EOF {
		return 0, false
	}
	// The last signature whose comment fits in the file, as archive/zip
	// finds it.
	end := -1
	for i := len(tail) - 22; i >= 0; i-- {
		if string(tail[i:i+4]) == "PK\x05\x06" && i+22+int(binary.LittleEndian.Uint16(tail[i+20:])) <= len(tail) {
			end = i
			break
		}
	}
	if end < 0 {
		return 0, false
	}
	rec := tail[end:]
	n = uint64(binary.LittleEndian.Uint16(rec[10:]))
	if n != 0xffff && binary.LittleEndian.Uint32(rec[12:]) != 0xffffffff && binary.LittleEndian.Uint32(rec[16:]) != 0xffffffff {
		return n, true
	}
	// Zip64: a locator of 20 bytes just before the record points at the
	// zip64 record, which holds the count as 8 bytes at offset 32.
	at := start + int64(end) - 20
	var loc [20]byte
	if at < 0 {
		return n, true
	}
	if _, err := r.ReadAt(loc[:], at); err != nil || string(loc[:4]) != "PK\x06\x07" {
		return n, true
	}
	var rec64 [56]byte
	off := binary.LittleEndian.Uint64(loc[8:])
	if size < 56 || off > uint64(size)-56 {
		return n, true
	}
	if _, err := r.ReadAt(rec64[:], int64(off)); err != nil || string(rec64[:4]) != "PK\x06\x06" {
		return n, true
	}
	return binary.LittleEndian.Uint64(rec64[32:]), true
}

func (s *Snapshot) readEntry(f *zip.File, key string) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	r := io.LimitReader(rc, 16+maxHeaderSize+maxItemSize)
	h, err := readHeader(r)
	if err != nil {
		return err
	}
	if h.descr == "|O" || h.descr == "O" {
		return errors.New("pickled object arrays are refused")
	}
	d, err := parseDescr(h.descr)
	if err != nil {
		return err
	}
	if len(h.shape) > 1 || (len(h.shape) == 1 && h.shape[0] != 1) {
		return fmt.Errorf("shape %s is not a scalar", shapeString(h.shape))
	}
	buf := make([]byte, d.size)
	if _, err := io.ReadFull(r, buf); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	switch d.kind {
	case 'U', 'S':
		s.Strings[key] = d.text(buf)
	default:
		s.Numbers[key] = d.number(buf)
	}
	return nil
}

type header struct {
	descr string
	shape []int
}

// readHeader reads the .npy preamble: magic, version, header length and the
// Python dict literal that describes the array.
func readHeader(r io.Reader) (header, error) {
	var pre [8]byte
	if _, err := io.ReadFull(r, pre[:]); err != nil {
		return header{}, fmt.Errorf("not an .npy array: %w", err)
	}
	if string(pre[:6]) != "\x93NUMPY" {
		return header{}, errors.New("not an .npy array: bad magic")
	}
	var size int
	switch pre[6] {
	case 1:
		var b [2]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return header{}, fmt.Errorf("header length: %w", err)
		}
		size = int(binary.LittleEndian.Uint16(b[:]))
	case 2, 3:
		var b [4]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return header{}, fmt.Errorf("header length: %w", err)
		}
		n := binary.LittleEndian.Uint32(b[:])
		if n > maxHeaderSize {
			return header{}, fmt.Errorf("header of %d bytes is over the limit of %d", n, maxHeaderSize)
		}
		size = int(n)
	default:
		return header{}, fmt.Errorf("unknown .npy version %d.%d", pre[6], pre[7])
	}
	if size > maxHeaderSize {
		return header{}, fmt.Errorf("header of %d bytes is over the limit of %d", size, maxHeaderSize)
	}
	text := make([]byte, size)
	if _, err := io.ReadFull(r, text); err != nil {
		return header{}, fmt.Errorf("header: %w", err)
	}
	v, err := parseLiteral(string(text))
	if err != nil {
		return header{}, fmt.Errorf("header: %w", err)
	}
	dict, ok := v.(map[string]any)
	if !ok {
		return header{}, errors.New("header is not a dict")
	}
	var h header
	switch d := dict["descr"].(type) {
	case string:
		h.descr = d
	case []any:
		return header{}, errors.New("structured dtypes are not supported")
	default:
		return header{}, errors.New("header has no descr")
	}
	shape, ok := dict["shape"].([]any)
	if !ok {
		return header{}, errors.New("header has no shape")
	}
	for _, dim := range shape {
		n, ok := dim.(int)
		if !ok || n < 0 {
			return header{}, fmt.Errorf("bad shape %v", shape)
		}
		h.shape = append(h.shape, n)
	}
	return h, nil
}

func shapeString(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = fmt.Sprint(d)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

type dtype struct {
	order binary.ByteOrder
	kind  byte // f, i, u, b, U, S
	size  int  // bytes per item
}

// parseDescr accepts the numeric and string dtypes a snapshot may hold.
func parseDescr(descr string) (dtype, error) {
	bad := fmt.Errorf("dtype %q is not supported", descr)
	if len(descr) < 3 {
		return dtype{}, bad
	}
	d := dtype{order: binary.LittleEndian, kind: descr[1]}
	switch descr[0] {
	case '<', '|', '=':
	case '>':
		d.order = binary.BigEndian
	default:
		return dtype{}, bad
	}
	var n int
	if _, err := fmt.Sscanf(descr[2:], "%d", &n); err != nil || fmt.Sprint(n) != descr[2:] || n <= 0 {
		return dtype{}, bad
	}
	switch d.kind {
	case 'f':
		if n != 2 && n != 4 && n != 8 {
			return dtype{}, bad
		}
		d.size = n
	case 'i', 'u':
		if n != 1 && n != 2 && n != 4 && n != 8 {
			return dtype{}, bad
		}
		d.size = n
	case 'b':
		if n != 1 {
			return dtype{}, bad
		}
		d.size = 1
	case 'U':
		d.size = 4 * n
	case 'S':
		d.size = n
	default:
		return dtype{}, bad
	}
	if d.size > maxItemSize {
		return dtype{}, fmt.Errorf("dtype %q: items of %d bytes are over the limit of %d", descr, d.size, maxItemSize)
	}
	return d, nil
}

func (d dtype) number(b []byte) float64 {
	switch d.kind {
	case 'f':
		switch d.size {
		case 2:
			return halfToFloat(d.order.Uint16(b))
		case 4:
			return float64(math.Float32frombits(d.order.Uint32(b)))
		default:
			return math.Float64frombits(d.order.Uint64(b))
		}
	case 'i':
		switch d.size {
		case 1:
			return float64(int8(b[0]))
		case 2:
			return float64(int16(d.order.Uint16(b)))
		case 4:
			return float64(int32(d.order.Uint32(b)))
		default:
			return float64(int64(d.order.Uint64(b)))
		}
	case 'u':
		switch d.size {
		case 1:
			return float64(b[0])
		case 2:
			return float64(d.order.Uint16(b))
		case 4:
			return float64(d.order.Uint32(b))
		default:
			return float64(d.order.Uint64(b))
		}
	default: // 'b'
		if b[0] != 0 {
			return 1
		}
		return 0
	}
}

// text decodes a fixed-width string item; numpy pads with NULs.
func (d dtype) text(b []byte) string {
	if d.kind == 'S' {
		return strings.ToValidUTF8(strings.TrimRight(string(b), "\x00"), "\uFFFD")
	}
	var sb strings.Builder
	for i := 0; i+4 <= len(b); i += 4 {
		r := rune(d.order.Uint32(b[i:]))
		if r == 0 {
			break
		}
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

func halfToFloat(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exp := int(h>>10) & 0x1f
	frac := float64(h & 0x3ff)
	switch exp {
	case 0:
		return sign * frac * math.Pow(2, -24)
	case 0x1f:
		if frac != 0 {
			return math.NaN()
		}
		return sign * math.Inf(1)
	}
	return sign * (1 + frac/1024) * math.Pow(2, float64(exp-15))
}
