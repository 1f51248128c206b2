// Package httpapi serves what other programs ask of tidewatch: /healthz
// (tidewatch itself is alive), /readyz (the data is fit to trade on),
// /status (the status as JSON) and /metrics (Prometheus).
package httpapi

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/status"
)

// Server is the HTTP server.
type Server struct {
	srv     *http.Server
	ln      net.Listener
	log     *slog.Logger
	done    chan error
	started atomic.Bool
	alive   atomic.Pointer[Alive]

	stopOnce sync.Once
	stopErr  error
}

// SetAlive sets /healthz's verdict; until it is set, /healthz says the
// scheduler has not started.
func (s *Server) SetAlive(a Alive) { s.alive.Store(&a) }

// Alive reports whether tidewatch is doing its work, and if not, why.
type Alive func() (bool, string)

// New listens on the configured address. token, when not empty, is
// required as a bearer token on every request.
func New(cfg *config.Config, store *db.Store, metrics http.Handler, token string, log *slog.Logger) (*Server, error) {
	ln, err := net.Listen("tcp", cfg.HTTP.Listen)
	if err != nil {
		return nil, fmt.Errorf("http: %w", err)
	}
	log = log.With("component", "http")
	s := &Server{ln: ln, log: log, done: make(chan error, 1)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ok, why := false, "the scheduler has not started"
		if a := s.alive.Load(); a != nil {
			ok, why = (*a)()
		}
		if !ok {
			http.Error(w, why, http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		rd, err := status.Ready(r.Context(), store, cfg, time.Now())
		if err != nil {
			log.Error("readyz", "err", err)
			writeJSON(w, http.StatusServiceUnavailable, &status.Readiness{At: time.Now().UTC(), Reasons: []string{"cannot read history: " + err.Error()}})
			return
		}
		code := http.StatusOK
		if !rd.Ready {
			code = http.StatusServiceUnavailable
		}
		writeJSON(w, code, rd)
	})
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		sev := checks.Severity(r.URL.Query().Get("severity"))
		if sev == "" {
			sev = checks.Warning
		}
		n, before := 10, int64(0)
		if v := r.URL.Query().Get("n"); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil || n < 0 || n > status.MaxFindings {
				http.Error(w, fmt.Sprintf("n=%s: list 0 to %d findings at once, and older ones with before=", v, status.MaxFindings), http.StatusBadRequest)
				return
			}
		}
		if v := r.URL.Query().Get("before"); v != "" {
			var err error
			if before, err = strconv.ParseInt(v, 10, 64); err != nil || before < 1 {
				http.Error(w, fmt.Sprintf("before=%s: the id of a finding", v), http.StatusBadRequest)
				return
			}
		}
		st, err := status.Read(r.Context(), store, cfg, time.Now(), sev, n, before)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		writeJSON(w, http.StatusOK, st)
	})
	mux.Handle("GET /metrics", metrics)
	var h http.Handler = mux
	if token != "" {
		h = bearer(token, mux)
	}
	s.srv = &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: time.Minute}
	return s, nil
}

// Addr is where the server listens.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Start serves in the background.
func (s *Server) Start() {
	s.started.Store(true)
	go func() {
		err := s.srv.Serve(s.ln)
		if !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("http server stopped", "err", err)
		}
		s.done <- err
	}()
	s.log.Info("http server listening", "addr", s.Addr())
}

// Stop shuts the server down within ctx. A server that never started only
// closes its listener. Stopping it again returns the first stop's error.
func (s *Server) Stop(ctx context.Context) error {
	s.stopOnce.Do(func() { s.stopErr = s.stop(ctx) })
	return s.stopErr
}

func (s *Server) stop(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if !s.started.Load() {
		// Shutdown closes only the listeners Serve tracks.
		if cerr := s.ln.Close(); cerr != nil && !errors.Is(cerr, net.ErrClosed) {
			return cerr
		}
		return err
	}
	<-s.done // Serve returns as soon as Shutdown closes its listener
	return err
}

func bearer(token string, next http.Handler) http.Handler {
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tidewatch"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
