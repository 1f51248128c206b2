// Package httpapi serves what people and other programs ask of tidewatch:
// / (the live status page), /healthz (tidewatch itself is alive), /readyz
// (the data is fit to trade on), /status (the status as JSON), /report
// (the report, live), /badge/ (badges), /metrics (Prometheus) and
// POST /-/reload.
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
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tidewatch/checks"
	"tidewatch/config"
	"tidewatch/db"
	"tidewatch/gate"
	"tidewatch/report"
	"tidewatch/status"
	"tidewatch/statuspage"
)

// Server is the HTTP server.
type Server struct {
	srv     *http.Server
	ln      net.Listener
	log     *slog.Logger
	done    chan error
	started atomic.Bool
	alive   atomic.Pointer[Alive]
	gate    atomic.Pointer[func() gate.Verdict]
	events  atomic.Pointer[http.Handler]
	cluster atomic.Pointer[func() *status.Cluster]
	// cfg is the config the handlers judge by: a reload replaces it.
	cfg    atomic.Pointer[config.Config]
	page   atomic.Pointer[statuspage.Source]
	reload atomic.Pointer[Reload]

	stopOnce sync.Once
	stopErr  error
}

// SetConfig replaces the config the handlers judge by (a reload).
func (s *Server) SetConfig(cfg *config.Config) { s.cfg.Store(cfg) }

// SetStatusPage serves the status page at / from src; until it is set, /
// says the page is not there yet.
func (s *Server) SetStatusPage(src statuspage.Source) { s.page.Store(&src) }

// Reload re-reads the config: the sections it changed, or why it was
// refused.
type Reload func() ([]string, error)

// SetReload serves POST /-/reload with fn.
func (s *Server) SetReload(fn Reload) { s.reload.Store(&fn) }

// pageRefresh is how often the status page reloads itself, in seconds.
const pageRefresh = 15

// SetAlive sets /healthz's verdict; until it is set, /healthz says the
// scheduler has not started.
func (s *Server) SetAlive(a Alive) { s.alive.Store(&a) }

// SetGate makes /readyz answer the gate's verdict (tidewatch run's, which
// change events keep current) instead of reading it from history.
func (s *Server) SetGate(v func() gate.Verdict) { s.gate.Store(&v) }

// SetEvents serves GET /events; until it is set, /events is not found.
func (s *Server) SetEvents(h http.Handler) { s.events.Store(&h) }

// readiness is the gate's verdict as the status page and the badge show
// it, or nil while no gate is set (they read history).
func (s *Server) readiness() func() status.Readiness {
	g := s.gate.Load()
	if g == nil {
		return nil
	}
	return func() status.Readiness {
		v := (*g)()
		return status.Readiness{Ready: v.Ready, Reasons: v.Reasons, At: time.Now().UTC()}
	}
}

// Readiness is /readyz's answer from the gate.
type Readiness struct {
	Ready   bool      `json:"ready"`
	Reasons []string  `json:"reasons"`
	At      time.Time `json:"at"`
	// Since is when the gate took its state.
	Since time.Time `json:"since"`
}

// SetCluster makes /status show this instance's part in a cluster live
// (the takeover or step-down before it still comes from history).
func (s *Server) SetCluster(live func() *status.Cluster) { s.cluster.Store(&live) }

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
	s.cfg.Store(cfg)
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
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, r *http.Request) {
		if h := s.events.Load(); h != nil {
			(*h).ServeHTTP(w, r)
			return
		}
		http.NotFound(w, r)
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if g := s.gate.Load(); g != nil {
			v := (*g)()
			code := http.StatusOK
			if !v.Ready {
				code = http.StatusServiceUnavailable
			}
			writeJSON(w, code, Readiness{Ready: v.Ready, Reasons: v.Reasons, At: time.Now().UTC(), Since: v.Since.UTC()})
			return
		}
		rd, err := status.Ready(r.Context(), store, s.cfg.Load(), time.Now())
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
		st, err := status.Read(r.Context(), store, s.cfg.Load(), time.Now(), sev, n, before)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if live := s.cluster.Load(); live != nil && st.Cluster != nil {
			c := (*live)()
			c.LastChange = st.Cluster.LastChange
			st.Cluster = c
		}
		writeJSON(w, http.StatusOK, st)
	})
	mux.Handle("GET /metrics", metrics)
	mux.HandleFunc("GET /{$}", s.statusPage)
	mux.HandleFunc("GET /badge/{file}", func(w http.ResponseWriter, r *http.Request) { s.badge(w, r, store) })
	mux.HandleFunc("GET /report", func(w http.ResponseWriter, r *http.Request) { s.report(w, r, store) })
	mux.HandleFunc("POST /-/reload", func(w http.ResponseWriter, r *http.Request) {
		fn := s.reload.Load()
		if fn == nil {
			http.Error(w, "reload is not available yet", http.StatusServiceUnavailable)
			return
		}
		changed, err := (*fn)()
		if err != nil {
			http.Error(w, "reload refused; the running config is kept:\n"+err.Error(), http.StatusBadRequest)
			return
		}
		if len(changed) == 0 {
			fmt.Fprintln(w, "reloaded: nothing changed")
			return
		}
		fmt.Fprintln(w, "reloaded:", strings.Join(changed, ", "), "changed")
	})
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

// statusPage serves the live status page.
func (s *Server) statusPage(w http.ResponseWriter, r *http.Request) {
	src := s.page.Load()
	if src == nil {
		http.Error(w, "the status page is not there yet: tidewatch is starting", http.StatusServiceUnavailable)
		return
	}
	page := *src
	page.Gate = s.readiness()
	if live := s.cluster.Load(); live != nil {
		page.Cluster = *live
	}
	p, err := statuspage.Gather(r.Context(), page, s.cfg.Load(), time.Now())
	if err != nil {
		s.log.Error("status page", "err", err)
		http.Error(w, "cannot read history: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := statuspage.Render(w, p); err != nil {
		s.log.Error("status page", "err", err)
	}
}

// badge serves /badge/NAME.svg and /badge/NAME.json (shields.io's endpoint
// schema), NAME being overall or a check.
func (s *Server) badge(w http.ResponseWriter, r *http.Request, store *db.Store) {
	file := r.PathValue("file")
	name, ext, _ := strings.Cut(file, ".")
	if ext != "svg" && ext != "json" {
		http.Error(w, file+": ask for NAME.svg or NAME.json", http.StatusNotFound)
		return
	}
	cfg := s.cfg.Load()
	b, ok, err := statuspage.ReadBadge(r.Context(), store, cfg, time.Now(), name, s.readiness())
	if !ok {
		var names []string
		for _, j := range cfg.Jobs() {
			names = append(names, j.Name)
		}
		http.Error(w, fmt.Sprintf("no badge %q: overall, %s", name, strings.Join(names, ", ")), http.StatusNotFound)
		return
	}
	if err != nil {
		s.log.Error("badge", "badge", name, "err", err)
	}
	w.Header().Set("Cache-Control", "no-cache, max-age=0")
	if ext == "json" {
		w.Header().Set("Content-Type", "application/json")
		b.WriteEndpoint(w, err != nil, pageRefresh)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	b.WriteSVG(w)
}

// report serves the report as tidewatch report writes it: since (24h by
// default), until, job and format (html by default) as its flags.
func (s *Server) report(w http.ResponseWriter, r *http.Request, store *db.Store) {
	q := r.URL.Query()
	now := time.Now()
	since, format := q.Get("since"), q.Get("format")
	if since == "" {
		since = "24h"
	}
	if format == "" {
		format = "html"
	}
	if !slices.Contains(report.Formats, format) {
		http.Error(w, fmt.Sprintf("format=%s: use %s", format, strings.Join(report.Formats, ", ")), http.StatusBadRequest)
		return
	}
	from, err := report.ParseWhen(since, now)
	if err != nil {
		http.Error(w, "since="+since+": "+err.Error(), http.StatusBadRequest)
		return
	}
	to := now
	if u := q.Get("until"); u != "" {
		if to, err = report.ParseWhen(u, now); err != nil {
			http.Error(w, "until="+u+": "+err.Error(), http.StatusBadRequest)
			return
		}
	}
	if !to.After(from) {
		http.Error(w, "until must be after since", http.StatusBadRequest)
		return
	}
	cfg := s.cfg.Load()
	job := q.Get("job")
	if job != "" && !slices.ContainsFunc(cfg.Jobs(), func(j config.Job) bool { return j.Name == job }) {
		http.Error(w, fmt.Sprintf("job=%s: no such job", job), http.StatusBadRequest)
		return
	}
	rep, err := report.Build(r.Context(), store, cfg, now, from, to, job)
	if err != nil {
		s.log.Error("report", "err", err)
		http.Error(w, "cannot read history: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", map[string]string{"html": "text/html; charset=utf-8", "json": "application/json",
		"csv": "text/csv; charset=utf-8"}[format])
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	if err := report.Write(w, rep, format, false); err != nil {
		s.log.Error("report", "err", err)
	}
}
