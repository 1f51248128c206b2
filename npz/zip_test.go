package npz

import (
	"archive/zip"
	"io"
)

type zipWriter struct{ w *zip.Writer }

func newZip(w io.Writer) zipWriter { return zipWriter{zip.NewWriter(w)} }

func (z zipWriter) add(name string, data []byte) {
	f, err := z.w.Create(name)
	if err != nil {
		panic(err)
	}
	if _, err := f.Write(data); err != nil {
		panic(err)
	}
}

func (z zipWriter) close() {
	if err := z.w.Close(); err != nil {
		panic(err)
	}
}
