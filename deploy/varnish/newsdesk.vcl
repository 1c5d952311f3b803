# Varnish in front of Newsdesk, purged by surrogate key (vmod xkey, Debian: varnish-modules).
#
#   varnishd -a :80 -f /etc/varnish/newsdesk.vcl -s malloc,1g
#
# Newsdesk tags every public response with `Surrogate-Key: a12 t3 u1 home all` (docs/operations.md
# lists the keys) and, when NEWSDESK_PURGE=varnish, sends `PURGE /` with an `xkey-purge` (or
# `xkey-softpurge`) header naming the keys a change affects. What this file does:
#
# - caches GET/HEAD for as long as `s-maxage` says, and keeps an expired copy for as long as
#   `stale-if-error` says: served at once while a fresh one is fetched (stale-while-revalidate),
#   and served for the whole period while the backend is sick (the probe below);
# - never caches a reader's own page: a request with a `newsdesk_*` cookie, or an Authorization
#   header, goes straight to Newsdesk, and other cookies (analytics) are dropped;
# - never caches /metrics, /healthz or /readyz, and passes every other method (comment posts,
#   Webmention, XML-RPC) through;
# - answers PURGE only from the addresses in `purgers`;
# - adds `X-Cache: HIT|MISS|STALE` and removes the key headers from what readers see.
#
# Change the backend address (and, for several app nodes, add backends and a director) and the
# `purgers` list to the addresses your Newsdesk nodes and workers purge from.

vcl 4.1;

import std;
import xkey;

backend newsdesk {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # Liveness only: /healthz answers without touching the database. A sick backend lets
    # Varnish serve stale copies for up to stale-if-error instead of errors.
    .probe = {
        .url = "/healthz";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = newsdesk;

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        } elsif (req.http.xkey-softpurge) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey-softpurge);
        } else {
            return (synth(400, "xkey-purge header required"));
        }
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(metrics|healthz|readyz)(\?|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)newsdesk_") {
        return (pass);
    }
    # Any other cookie (analytics, consent banners) changes nothing Newsdesk renders.
    unset req.http.Cookie;

    # A healthy backend: an expired copy is served for at most 10 s while it is refetched
    # (Newsdesk's stale-while-revalidate is longer; this keeps readers close to fresh). A sick
    # one: the object's whole grace, from stale-if-error.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_backend_response {
    # vmod xkey reads the keys from the xkey header.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Grace: how long an expired copy may still be served, from stale-if-error.
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), 0s);
    }
    # Private answers (a reader's own page, a per-request form) are never stored.
    if (beresp.http.Cache-Control ~ "private|no-store") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        set req.http.X-Newsdesk-Stale = "1";
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        if (req.http.X-Newsdesk-Stale) {
            set resp.http.X-Cache = "STALE";
        } else {
            set resp.http.X-Cache = "HIT";
        }
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}
