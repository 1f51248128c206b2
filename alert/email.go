package alert

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"os"
	"slices"
	"strings"
	"time"

	"tidewatch/config"
)

// email sends one message per round through an SMTP server: STARTTLS
// (required unless configured otherwise) and, with credentials, AUTH
// PLAIN or LOGIN.
type email struct {
	name, addr, host string
	from             string
	to               []string
	mode             string
	user, pass       string
	tls              *tls.Config
	meta             Meta
	// helo is the name the client greets with: this host's.
	helo string
}

func newEmail(r config.Receiver, meta Meta, getenv func(string) string) (Notifier, error) {
	host, _, err := net.SplitHostPort(r.Smarthost)
	if err != nil {
		return nil, fmt.Errorf("receiver %s: smarthost %q: %w", r.Name, r.Smarthost, err)
	}
	e := &email{name: r.Name, addr: r.Smarthost, host: host, to: r.To, mode: r.TLS, meta: meta,
		tls: &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}, helo: "localhost"}
	if e.mode == "" {
		e.mode = config.SMTPStartTLS
	}
	from, err := mail.ParseAddress(r.From)
	if err != nil {
		return nil, fmt.Errorf("receiver %s: from %q: %w", r.Name, r.From, err)
	}
	e.from = from.Address
	if r.CAFile != "" {
		pem, err := os.ReadFile(r.CAFile)
		if err != nil {
			return nil, fmt.Errorf("receiver %s: ca_file: %w", r.Name, err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("receiver %s: ca_file %s holds no PEM certificate", r.Name, r.CAFile)
		}
		e.tls.RootCAs = pool
	}
	if r.UsernameEnv != "" {
		for _, v := range []struct {
			into *string
			name string
		}{{&e.user, r.UsernameEnv}, {&e.pass, r.PasswordEnv}} {
			if *v.into = getenv(v.name); *v.into == "" {
				return nil, fmt.Errorf("receiver %s: environment variable %s is empty or unset", r.Name, v.name)
			}
		}
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		e.helo = h
	}
	return e, nil
}

// Notify sends the message. An SMTP 5xx answer is permanent, a 4xx worth
// retrying; a connection lost after the message's data went out may have
// delivered it.
func (e *email) Notify(ctx context.Context, alerts []Alert) error {
	msg := e.compose(alerts, time.Now())
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", e.addr)
	if err != nil {
		return fmt.Errorf("%s: %w", e.name, err)
	}
	defer conn.Close()
	// net/smtp takes no context: the deadline and a cancellation reach it
	// through the connection.
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	if e.mode == config.SMTPTLS {
		tc := tls.Client(conn, e.tls)
		if err := tc.HandshakeContext(ctx); err != nil {
			return fmt.Errorf("%s: TLS: %w", e.name, err)
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, e.host)
	if err != nil {
		return e.fail("greeting", err)
	}
	defer c.Close()
	if err := c.Hello(e.helo); err != nil {
		return e.fail("EHLO", err)
	}
	if e.mode == config.SMTPStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return permanentError{fmt.Errorf("%s: %s does not offer STARTTLS; nothing was sent (tls = \"none\" sends in the clear, on loopback only)", e.name, e.addr)}
		}
		if err := c.StartTLS(e.tls); err != nil {
			return e.fail("STARTTLS", err)
		}
	}
	if e.user != "" {
		if err := c.Auth(e.auth(c)); err != nil {
			return e.fail("AUTH", err)
		}
	}
	if err := c.Mail(e.from); err != nil {
		return e.fail("MAIL FROM", err)
	}
	for _, to := range e.to {
		if err := c.Rcpt(to); err != nil {
			return e.fail("RCPT TO "+to, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return e.fail("DATA", err)
	}
	if _, err := w.Write(msg); err != nil {
		return unansweredError{e.fail("message", err)}
	}
	// The server's answer to the end of the data is its word that it
	// took the message: without it, it may have.
	if err := w.Close(); err != nil {
		var tp *textproto.Error
		if errors.As(err, &tp) {
			return e.fail("end of data", err)
		}
		return unansweredError{fmt.Errorf("%s: no answer after the message was sent (%w): the server may have it", e.name, err)}
	}
	// The message is taken; a failed QUIT changes nothing.
	c.Quit()
	return nil
}

// fail names the step that failed; a 5xx answer is permanent.
func (e *email) fail(step string, err error) error {
	err = fmt.Errorf("%s: %s: %w", e.name, step, err)
	var tp *textproto.Error
	if errors.As(err, &tp) && tp.Code >= 500 {
		return permanentError{err}
	}
	return err
}

// auth picks PLAIN, or LOGIN for servers that offer only that (Microsoft
// 365). Both refuse to send the password over a connection without TLS
// unless the server is on loopback.
func (e *email) auth(c *smtp.Client) smtp.Auth {
	_, mechs := c.Extension("AUTH")
	if !slices.Contains(strings.Fields(strings.ToUpper(mechs)), "PLAIN") && slices.Contains(strings.Fields(strings.ToUpper(mechs)), "LOGIN") {
		return &loginAuth{user: e.user, pass: e.pass, host: e.host}
	}
	return smtp.PlainAuth("", e.user, e.pass, e.host)
}

type loginAuth struct {
	user, pass, host string
	step             int
}

func (a *loginAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS && !config.IsLoopback(server.Name) {
		return "", nil, errors.New("unencrypted connection")
	}
	if server.Name != a.host {
		return "", nil, errors.New("wrong host name")
	}
	return "LOGIN", nil, nil
}

// Next answers the server's two challenges in turn: servers word them
// differently ("Username:", "User Name"), but always ask in that order.
func (a *loginAuth) Next(_ []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	a.step++
	switch a.step {
	case 1:
		return []byte(a.user), nil
	case 2:
		return []byte(a.pass), nil
	}
	return nil, errors.New("AUTH LOGIN: more than two challenges")
}

// compose writes the message: a subject people can sort by, the
// headlines, each problem's details, and the link to the status page.
func (e *email) compose(alerts []Alert, now time.Time) []byte {
	subject := headline(alerts[0])
	if len(alerts) > 1 {
		subject += fmt.Sprintf(" (+%d more)", len(alerts)-1)
	}
	subject = "[tidewatch " + e.meta.Instance + "] " + subject
	var body bytes.Buffer
	for _, a := range alerts {
		fmt.Fprintf(&body, "%s\n  %s\n  notification %s\n\n", headline(a), keyDetails(a.Problem), a.ID)
	}
	fmt.Fprintf(&body, "Sent by tidewatch on %s.\n", e.meta.Where())
	if u := e.meta.StatusURL(); u != "" {
		fmt.Fprintf(&body, "Status page: %s\n", u)
	}
	var msg bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&msg, "%s: %s\r\n", k, v) }
	header("From", e.from)
	header("To", strings.Join(e.to, ", "))
	header("Subject", mime.QEncoding.Encode("utf-8", truncate(subject, 200)))
	header("Date", now.Format(time.RFC1123Z))
	// The same id at every attempt: mail clients show a retried message once.
	header("Message-ID", "<"+MessageKey(alerts)+"@tidewatch.invalid>")
	header("Auto-Submitted", "auto-generated")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	msg.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&msg)
	io.WriteString(qp, strings.ReplaceAll(body.String(), "\n", "\r\n"))
	qp.Close()
	return msg.Bytes()
}
