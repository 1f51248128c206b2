package report

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tidewatch/internal/testenv"
)

// TestHTMLRendersInChromium opens the HTML report in headless Chromium:
// the charts must be in the rendered page, in their colours, and the
// browser must report no error (no failed load, no blocked resource).
func TestHTMLRendersInChromium(t *testing.T) {
	t.Parallel()
	chromium := testenv.Chromium(t)
	store, cfg := generatedHistory(t)
	r, err := Build(context.Background(), store, cfg, end, end.Add(-6*time.Hour), end, "")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var b bytes.Buffer
	if err := Write(&b, r, "html", false); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (stdout, stderr string) {
		t.Helper()
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0"}
		cmd := exec.Command(chromium, append(append(base, args...), "file://"+page)...)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		done := make(chan error, 1)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("chromium: %v\n%s", err, e.String())
			}
		case <-time.After(90 * time.Second):
			cmd.Process.Kill()
			t.Fatal("chromium did not finish within 90s")
		}
		return o.String(), e.String()
	}

	dom, logs := run("--dump-dom")
	for _, want := range []string{`aria-label="health timeline"`, `aria-label="availability per day"`,
		`aria-label="scan data age"`, `aria-label="indicator staleness"`, "<polyline", "<rect"} {
		if !strings.Contains(dom, want) {
			t.Errorf("the rendered page lacks %s", want)
		}
	}
	if bad := regexp.MustCompile(`(?m)^.*(CONSOLE|Failed to load|Refused to|Uncaught|net::ERR_).*$`).FindAllString(logs, -1); len(bad) > 0 {
		t.Errorf("the browser reported errors:\n%s", strings.Join(bad, "\n"))
	}

	shot := filepath.Join(dir, "shot.png")
	run("--screenshot="+shot, "--window-size=1400,2400", "--hide-scrollbars")
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// The charts are drawn: the healthy green fills a good part of the page.
	green, total := 0, 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 4 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 4 {
			r, g, b, _ := img.At(x, y).RGBA()
			total++
			if r>>8 < 0x50 && g>>8 > 0xa0 && b>>8 < 0x90 {
				green++
			}
		}
	}
	if green*20 < total {
		t.Errorf("only %d of %d sampled pixels are the charts' green: the charts did not render", green, total)
	}
}
