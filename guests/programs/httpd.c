/* httpd: an HTTP/1.1 server on waeio, one task per connection.
 * Serves the listening socket granted as fd 3 (weft run --tcplisten, wasmtime
 * -S tcplisten). Usage: httpd [conns=N] [header_ms=N] [idle_ms=N] [body=N]
 *   conns      most connections at once; more are answered 503 and closed (1024)
 *   header_ms  time allowed for a request's header block, from its first byte (10000)
 *   idle_ms    time a keep-alive connection may sit idle between requests (30000)
 *   body       largest request body accepted, in bytes (1048576)
 * Routes: GET/HEAD / (a static page), POST /echo (the body back), GET /quit
 * (answers, then stops once responses in flight are sent; exit 0); other paths
 * 404. Keep-alive, pipelining (answered in order), Content-Length bodies. Bad
 * input: 400 malformed, 431 header block over 8 KiB, 413 body over the limit,
 * 405 method not allowed on a path, 501 unknown method or Transfer-Encoding,
 * 408 and close when the header block is not complete within header_ms. */
#include "waeio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wasi/api.h>

#define LISTEN_FD 3
#define MAX_HEADER 8192
#define SEND_TIMEOUT_MS 30000
#define STACK_BYTES (16 * 1024)
#define LINGER_MS 200
#define MAX_METHOD 15 /* a longer method token is malformed (400) */
#define SMALL_BODY 1024 /* a body up to this size goes out in one send with its headers */

static int max_conns = 1024, header_ms = 10000, idle_ms = 30000;
static long max_body = 1 << 20;
static int active;

static const char PAGE[] =
    "<!doctype html>\n<html><head><title>Weft</title></head>\n"
    "<body><h1>Hello from Weft</h1><p>Served by a WebAssembly guest: one fiber per "
    "connection, waeio over WASI sockets.</p></body></html>\n";

/* Methods the server tells apart; METHOD_OTHER is answered 501. */
enum { METHOD_OTHER, METHOD_GET, METHOD_HEAD, METHOD_POST, METHOD_KNOWN /* known, never routed */ };

typedef struct {
  int method;
  const char *target;
  size_t target_len;
  int minor;          /* HTTP/1.minor */
  long content_length;
  int close;          /* the client asked to close (or HTTP/1.0 without keep-alive) */
  int chunked;        /* a Transfer-Encoding header */
} request_t;

typedef struct {
  int fd;
  char *buf;
  size_t len, cap;
  size_t scanned; /* buf[0, scanned) holds no header block end (0: not searched yet) */
} conn_t;

/* A whole response prepared once: headers and page; a HEAD sends head_len bytes of it. */
typedef struct {
  char *bytes;
  size_t len, head_len;
} canned_t;

static canned_t page_keep, page_close;

/* ---- parsing ---- */

static unsigned char tchar[256]; /* 1 for the token characters of RFC 9110 */

static void init_tchar(void) {
  for (int c = 1; c < 256; c++) {
    tchar[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               (c < 128 && strchr("!#$%&'*+-.^_`|~", c) != NULL);
  }
}

static int is_tchar(char c) { return tchar[(unsigned char)c]; }

/* Whether buf[0, len) holds a whole header block (a CRLF CRLF), searching
 * from where the last search stopped: bytes arriving a few at a time are
 * looked at once each, and parse runs only when the block is complete. */
static int header_complete(conn_t *c) {
  const char *b = c->buf;
  for (size_t i = c->scanned < 3 ? 3 : c->scanned; i < c->len; i++) {
    if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') return 1;
  }
  c->scanned = c->len;
  return 0;
}

/* The 4 bytes at p as a little-endian word (one unaligned load, no memcmp call). */
static uint32_t word(const char *p) {
  uint32_t w;
  memcpy(&w, p, 4);
  return w;
}

#define W(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

/* The method [m, m+n) as a METHOD_ value; m[n] (the space after it) is readable. */
static int method_of(const char *m, size_t n) {
  uint32_t w = word(m);
  switch (n) {
    case 3:
      w &= 0xFFFFFF;
      if (w == W('G', 'E', 'T', 0)) return METHOD_GET;
      return w == W('P', 'U', 'T', 0) ? METHOD_KNOWN : METHOD_OTHER;
    case 4:
      if (w == W('H', 'E', 'A', 'D')) return METHOD_HEAD;
      return w == W('P', 'O', 'S', 'T') ? METHOD_POST : METHOD_OTHER;
    case 5:
      return (w == W('P', 'A', 'T', 'C') && m[4] == 'H') || (w == W('T', 'R', 'A', 'C') && m[4] == 'E')
                 ? METHOD_KNOWN : METHOD_OTHER;
    case 6: return w == W('D', 'E', 'L', 'E') && m[4] == 'T' && m[5] == 'E' ? METHOD_KNOWN : METHOD_OTHER;
    case 7:
      return (w == W('O', 'P', 'T', 'I') && memcmp(m + 4, "ONS", 3) == 0) ||
                     (w == W('C', 'O', 'N', 'N') && memcmp(m + 4, "ECT", 3) == 0)
                 ? METHOD_KNOWN : METHOD_OTHER;
    default: return METHOD_OTHER;
  }
}

static int has_token(const char *v, size_t n, const char *tok) {
  size_t t = strlen(tok);
  for (size_t i = 0; i + t <= n; i++) {
    if (strncasecmp(v + i, tok, t) == 0) return 1;
  }
  return 0;
}

/* Parses the header block at the start of b[0, n) in one pass: its length
 * (through the blank line) when complete and well-formed, 0 when the bytes end
 * first (so 0 means no CRLF CRLF in them), -1 when malformed. */
static long parse(const char *b, size_t n, request_t *r) {
  r->content_length = -1;
  r->chunked = 0;
  size_t i = 0;
  while (i < n && is_tchar(b[i])) i++;
  if (i > MAX_METHOD) return -1;
  if (i == n) return 0;
  if (i == 0 || b[i] != ' ') return -1;
  r->method = method_of(b, i++);
  r->target = b + i;
  while (i < n && b[i] > ' ' && b[i] < 127) i++;
  if (i == n) return 0;
  r->target_len = (size_t)(b + i - r->target);
  if (r->target_len == 0 || b[i++] != ' ') return -1;
  if (n - i < 10) return memchr(b + i, '\n', n - i) ? -1 : 0; /* a line too short for "HTTP/1.x" */
  if (word(b + i) != W('H', 'T', 'T', 'P') || b[i + 4] != '/' || b[i + 5] != '1' || b[i + 6] != '.' ||
      (b[i + 7] != '0' && b[i + 7] != '1') || b[i + 8] != '\r' || b[i + 9] != '\n') return -1;
  r->minor = b[i + 7] - '0';
  r->close = r->minor == 0;
  i += 10;
  for (;;) {
    if (i == n) return 0;
    if (b[i] == '\r') {
      if (i + 1 == n) return 0;
      if (b[i + 1] != '\n') return -1;
      break;
    }
    size_t name = i;
    while (i < n && is_tchar(b[i])) i++;
    if (i == n) return 0;
    size_t name_len = i - name;
    if (name_len == 0 || b[i++] != ':') return -1;
    while (i < n && (b[i] == ' ' || b[i] == '\t')) i++;
    size_t value = i;
    while (i < n && b[i] != '\r') {
      unsigned char c = (unsigned char)b[i];
      if ((c < ' ' && c != '\t') || c == 127) return -1;
      i++;
    }
    if (i + 1 >= n) return 0;
    if (b[i + 1] != '\n') return -1;
    size_t value_len = i - value;
    while (value_len && (b[value + value_len - 1] == ' ' || b[value + value_len - 1] == '\t')) value_len--;
    i += 2;
    const char *h = b + name;
    if (name_len == 14 && strncasecmp(h, "content-length", 14) == 0) {
      if (value_len == 0 || value_len > 15) return -1;
      long v = 0;
      for (size_t k = 0; k < value_len; k++) {
        char c = b[value + k];
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
      }
      if (r->content_length >= 0 && r->content_length != v) return -1;
      r->content_length = v;
    } else if (name_len == 10 && strncasecmp(h, "connection", 10) == 0) {
      if (has_token(b + value, value_len, "close")) r->close = 1;
      else if (has_token(b + value, value_len, "keep-alive")) r->close = 0;
    } else if (name_len == 17 && strncasecmp(h, "transfer-encoding", 17) == 0) {
      r->chunked = 1;
    }
  }
  if (r->content_length < 0) r->content_length = 0;
  return (long)(i + 2);
}

/* ---- responses ---- */

static const char *reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

/* The header block of a response, written to h (cap bytes); its length. */
static size_t headers(char *h, size_t cap, int status, const char *type, size_t body_len, int close,
                      const char *allow) {
  int n = snprintf(h, cap,
                   "HTTP/1.1 %d %s\r\nServer: weft-httpd\r\nContent-Type: %s\r\n"
                   "Content-Length: %zu\r\n%s%s%sConnection: %s\r\n\r\n",
                   status, reason(status), type, body_len, allow ? "Allow: " : "", allow ? allow : "",
                   allow ? "\r\n" : "", close ? "close" : "keep-alive");
  return n < 0 || (size_t)n >= cap ? 0 : (size_t)n;
}

/* Sends one response; a HEAD request gets the headers only. A small body goes
 * in the same send as the headers. 0 if sent. */
static int respond(int fd, int status, const char *type, const char *body, size_t body_len,
                   int close, const char *allow, int head) {
  char h[512 + SMALL_BODY];
  size_t n = headers(h, 512, status, type, body_len, close, allow);
  int together = !head && body_len <= SMALL_BODY;
  if (together) {
    memcpy(h + n, body, body_len);
    n += body_len;
  }
  if (waeio_send(fd, h, n, SEND_TIMEOUT_MS) < 0) return -1;
  if (!head && !together && waeio_send(fd, body, body_len, SEND_TIMEOUT_MS) < 0) return -1;
  return 0;
}

/* The page's whole response, prepared once at start-up. */
static int prepare_page(canned_t *c, int close) {
  char h[512];
  size_t n = headers(h, sizeof h, 200, "text/html; charset=utf-8", sizeof PAGE - 1, close, NULL);
  c->bytes = malloc(n + sizeof PAGE - 1);
  if (!n || !c->bytes) return -1;
  memcpy(c->bytes, h, n);
  memcpy(c->bytes + n, PAGE, sizeof PAGE - 1);
  c->head_len = n;
  c->len = n + sizeof PAGE - 1;
  return 0;
}

/* Sends the page (its headers only for HEAD); 0 if sent. */
static int send_page(int fd, int close, int head) {
  const canned_t *c = close ? &page_close : &page_keep;
  return waeio_send(fd, c->bytes, head ? c->head_len : c->len, SEND_TIMEOUT_MS) < 0 ? -1 : 0;
}

static int error(int fd, int status, const char *allow, int close) {
  const char *body = reason(status);
  char text[64];
  int n = snprintf(text, sizeof text, "%d %s\n", status, body);
  return respond(fd, status, "text/plain", text, (size_t)n, close, allow, 0);
}

#define PATH_IS(r, p) ((r)->target_len == sizeof(p) - 1 && memcmp((r)->target, p, sizeof(p) - 1) == 0)
#define IS_ROOT(r) ((r)->target_len == 1 && (r)->target[0] == '/')

/* Answers one request; 0 to keep the connection, -1 to close it. */
static int route(int fd, const request_t *r, const char *body) {
  int close = r->close;
  int get = r->method == METHOD_GET, head = r->method == METHOD_HEAD;
  if (r->method == METHOD_OTHER) return error(fd, 501, NULL, 1), -1;
  if (IS_ROOT(r)) {
    if (!get && !head) return error(fd, 405, "GET, HEAD", close) || close ? -1 : 0;
    return send_page(fd, close, head) || close ? -1 : 0;
  }
  if (PATH_IS(r, "/echo")) {
    if (r->method != METHOD_POST) return error(fd, 405, "POST", close) || close ? -1 : 0;
    return respond(fd, 200, "application/octet-stream", body, (size_t)r->content_length, close, NULL, 0) || close ? -1 : 0;
  }
  if (PATH_IS(r, "/quit")) {
    if (!get) return error(fd, 405, "GET", close) || close ? -1 : 0;
    respond(fd, 200, "text/plain", "bye\n", 4, 1, NULL, 0);
    waeio_stop();
    return -1;
  }
  return error(fd, 404, NULL, close) || close ? -1 : 0;
}

/* ---- connections ---- */

/* Reads more into c->buf, growing it to at least want bytes. 1 on data, 0 on
 * end of stream or error, WAEIO_ETIMEDOUT when timeout_ms passed. wait_first:
 * no data is expected yet (a keep-alive connection after a response, or the
 * rest of a header block after a read that took all there was), so wait for
 * readiness rather than try a receive that would find nothing. Once stopping,
 * it tries anyway: a request that did arrive is still answered, as before a
 * wait (which a stop cancels) would be needed. */
static long fill(conn_t *c, size_t want, int timeout_ms, int wait_first) {
  if (wait_first && !waeio_stopping()) {
    int w = waeio_readable(c->fd, timeout_ms);
    if (w == WAEIO_ETIMEDOUT) return w;
    if (w) return 0;
  }
  if (want > c->cap) {
    char *b = realloc(c->buf, want);
    if (!b) return 0;
    c->buf = b;
    c->cap = want;
  }
  long n = waeio_recv(c->fd, c->buf + c->len, c->cap - c->len, timeout_ms);
  if (n == WAEIO_ETIMEDOUT) return n;
  if (n <= 0) return 0;
  c->len += (size_t)n;
  return 1;
}

static void serve(conn_t *c) {
  int64_t header_deadline = 0;
  int fresh = 1; /* nothing received yet: the first request may be here already */
  for (;;) {
    request_t r;
    long hend = 0;
    if (c->scanned == 0 || header_complete(c)) {
      hend = parse(c->buf, c->len, &r);
      if (hend < 0) { error(c->fd, 400, NULL, 1); return; }
      if (hend == 0) c->scanned = c->len; /* no block end in these bytes */
    }
    if (hend == 0) {
      if (c->len > MAX_HEADER) { error(c->fd, 431, NULL, 1); return; }
      int timeout = idle_ms;
      if (c->len > 0) {
        int64_t left = header_deadline - waeio_now_ms();
        timeout = left > 0 ? (int)left : 0;
      }
      int was_empty = c->len == 0;
      long got = !was_empty && timeout == 0 ? WAEIO_ETIMEDOUT : fill(c, MAX_HEADER + 4, timeout, !fresh);
      fresh = 0;
      if (got == WAEIO_ETIMEDOUT) {
        if (!was_empty) error(c->fd, 408, NULL, 1);
        return;
      }
      if (got == 0) return;
      if (was_empty) header_deadline = waeio_now_ms() + header_ms;
      continue;
    }
    if (hend > MAX_HEADER + 4) { error(c->fd, 431, NULL, 1); return; }
    if (r.chunked) { error(c->fd, 501, NULL, 1); return; }
    if (r.content_length > max_body) { error(c->fd, 413, NULL, 1); return; }
    size_t total = (size_t)hend + (size_t)r.content_length;
    size_t target_at = (size_t)(r.target - c->buf); /* fill may move the buffer */
    while (c->len < total) {
      int64_t left = header_deadline - waeio_now_ms();
      long got = left > 0 ? fill(c, total, (int)left, 0) : WAEIO_ETIMEDOUT;
      if (got == WAEIO_ETIMEDOUT) { error(c->fd, 408, NULL, 1); return; }
      if (got == 0) return;
    }
    r.target = c->buf + target_at;
    if (route(c->fd, &r, c->buf + hend)) return;
    if (c->len > total) memmove(c->buf, c->buf + total, c->len - total);
    c->len -= total;
    c->scanned = 0;
    header_deadline = c->len > 0 ? waeio_now_ms() + header_ms : 0;
    if (c->cap > MAX_HEADER + 4 && c->len <= MAX_HEADER + 4) {
      char *b = realloc(c->buf, MAX_HEADER + 4);
      if (b) { c->buf = b; c->cap = MAX_HEADER + 4; }
    }
  }
}

/* Closes after sending FIN and reading what the client still sends (briefly):
 * closing with unread input would reset the connection and could destroy the
 * last response before the client reads it. */
static void linger_close(conn_t *c) {
  (void)__wasi_sock_shutdown(c->fd, __WASI_SDFLAGS_WR);
  int64_t until = waeio_now_ms() + LINGER_MS;
  for (int i = 0; i < 16; i++) {
    int64_t left = until - waeio_now_ms();
    if (left <= 0 || waeio_recv(c->fd, c->buf, c->cap, (int)left) <= 0) break;
  }
  waeio_close(c->fd);
}

static void connection(void *arg) {
  conn_t *c = arg;
  serve(c);
  linger_close(c);
  free(c->buf);
  free(c);
  active--;
}

static void refuse(int fd) {
  static const char msg[] =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 24\r\n"
      "Connection: close\r\nRetry-After: 1\r\n\r\n503 Service Unavailable\n";
  __wasi_ciovec_t iov = {(const uint8_t *)msg, sizeof msg - 1};
  __wasi_size_t n;
  (void)__wasi_sock_send(fd, &iov, 1, 0, &n); /* best effort: it fits a fresh socket's buffer */
  waeio_close(fd);
}

static void acceptor(void *arg) {
  int lfd = *(int *)arg;
  for (;;) {
    int fd = waeio_accept(lfd);
    if (fd == WAEIO_ECANCELED) break;
    if (fd < 0) {
      if (fd == -__WASI_ERRNO_BADF || fd == -__WASI_ERRNO_NOTSOCK) {
        fprintf(stderr, "httpd: fd %d is not a listening socket (run with --tcplisten HOST:PORT)\n", lfd);
        break;
      }
      waeio_sleep(10); /* e.g. out of descriptors: let connections finish */
      continue;
    }
    conn_t *c = active < max_conns ? calloc(1, sizeof *c) : NULL;
    if (c) c->buf = malloc(MAX_HEADER + 4);
    if (!c || !c->buf || waeio_spawn(connection, c)) {
      if (c) free(c->buf);
      free(c);
      refuse(fd);
      continue;
    }
    c->fd = fd;
    c->cap = MAX_HEADER + 4;
    active++;
  }
  waeio_close(lfd);
}

static long option(const char *arg, const char *key, long fallback) {
  size_t k = strlen(key);
  if (strncmp(arg, key, k) != 0 || arg[k] != '=') return fallback;
  char *end;
  long v = strtol(arg + k + 1, &end, 10);
  return *end == 0 && v >= 0 ? v : fallback;
}

int main(int argc, char **argv) {
  init_tchar();
  for (int i = 1; i < argc; i++) {
    max_conns = (int)option(argv[i], "conns", max_conns);
    header_ms = (int)option(argv[i], "header_ms", header_ms);
    idle_ms = (int)option(argv[i], "idle_ms", idle_ms);
    max_body = option(argv[i], "body", max_body);
  }
  if (prepare_page(&page_keep, 0) || prepare_page(&page_close, 1)) {
    fprintf(stderr, "httpd: out of memory\n");
    return 1;
  }
  int lfd = LISTEN_FD;
  if (waeio_main(acceptor, &lfd, STACK_BYTES)) {
    fprintf(stderr, "httpd: scheduler failed\n");
    return 1;
  }
  return 0;
}
