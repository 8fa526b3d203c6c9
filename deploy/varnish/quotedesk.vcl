# The quote desk's Varnish logic (VCL 4.1). It is included by a small top-level file that
# declares the backend (gunicorn) and the `purgers` ACL: deploy/serve.py writes one at start,
# and deploy/README.md shows one for systemd. Read deploy/README.md before changing this file.
#
# Contract with the application:
# - a response may be stored only if it says so: `Cache-Control: public` or `s-maxage`, and no
#   `Set-Cookie`; its TTL is s-maxage (the app caps it at the next scheduled publication change);
# - its `xkey` header names every record it shows; after a write commits, the app sends
#   `PURGE` with `xkey-purge: <keys>` and every object carrying one of those keys is dropped.

vcl 4.1;

import std;
import var;
import xkey;
import proxy;

sub vcl_recv {
    if (req.method == "PURGE") {
        call quotedesk_purge;
    }

    # Django takes the client's address from X-Forwarded-For (CMS_BEHIND_PROXY=1), so it gets
    # only the address Varnish saw, never one a client wrote. Behind a TLS terminator, use the
    # PROXY protocol so that client.ip is the reader's address (deploy/README.md).
    set req.http.X-Forwarded-For = client.ip;
    # Likewise the scheme: https only when a PROXY-protocol TLS terminator says so. A client's
    # own X-Forwarded-Proto would otherwise change absolute links in a page everyone shares.
    if (proxy.is_ssl()) {
        set req.http.X-Forwarded-Proto = "https";
    } else {
        set req.http.X-Forwarded-Proto = "http";
    }

    # Never from the cache, never into it: writes, editors (a Django session or a pending
    # flash message), API clients with credentials, the admin, and a client that wrote in the
    # last seconds (`recentwrite`, core.replicas: it reads its own writes from the primary).
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.url ~ "^/admin(/|\?|$)") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;)\s*(sessionid|messages|recentwrite)=") {
        return (pass);
    }
    # Any other cookie (csrftoken left by an earlier admin visit, analytics) means nothing to a
    # public page: dropping it lets every anonymous reader share one object.
    unset req.http.Cookie;
    # The built-in vcl_recv follows (Host checks, unusual methods piped); it hashes from here.
}

sub quotedesk_purge {
    if (client.ip !~ purgers) {
        return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey-purge) {
        return (synth(400, "PURGE needs an xkey-purge header"));
    }
    # The race guard's clock (see vcl_backend_response), set before purging: microseconds since
    # 2023-11-14 (VCL's INT holds 15 digits, too few from 1970), rounded down like a fetch's so
    # that "at or before" survives the rounding, kept as a string (all a global can hold).
    var.global_set("quotedesk_last_purge",
        "" + std.integer(real=(std.real(time=now) - 1700000000.0) * 1000000.0));
    set req.http.xkey-purged = xkey.purge(req.http.xkey-purge);
    return (synth(200, "Purged"));
}

sub vcl_backend_fetch {
    # When this fetch began (again on a retry), for the race guard; as for the last purge (a
    # string: var's INT variables are 32-bit).
    var.set("quotedesk_fetch_start",
        "" + std.integer(real=(std.real(time=now) - 1700000000.0) * 1000000.0));
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        # A pass: nothing to decide.
        return (deliver);
    }
    if (beresp.status != 200 && beresp.status != 301 && beresp.status != 410) {
        call quotedesk_hit_for_miss;
    }
    if (beresp.http.Cache-Control !~ "(?i)(^|[,\s])(public|s-maxage=)") {
        call quotedesk_hit_for_miss;
    }
    if (beresp.http.Cache-Control ~ "(?i)(^|[,\s])(private|no-store|no-cache)") {
        call quotedesk_hit_for_miss;
    }
    if (beresp.http.Set-Cookie) {
        call quotedesk_hit_for_miss;
    }
    if (beresp.http.Vary == "*" || beresp.ttl <= 0s) {
        call quotedesk_hit_for_miss;
    }

    # THE RACE. A fetch that began before a write committed may have read the old rows and
    # arrive after that write's purge: stored, it would serve the old page until its TTL. The
    # app purges after commit, so a fetch that began after the last purge reached Varnish read
    # committed data; one that began at or before it may not have, and is delivered to the
    # requests that were waiting for it but not stored. The next request fetches again.
    if (std.integer(var.get("quotedesk_fetch_start"), 0)
        <= std.integer(var.global_get("quotedesk_last_purge"), 0)) {
        std.log("quotedesk: not stored, the fetch began before the last purge");
        set beresp.uncacheable = true;
        set beresp.ttl = 1s;
        set beresp.grace = 0s;
        return (deliver);
    }

    # Past its TTL a page is not served stale (it may be an embargoed or withdrawn version),
    # unless the app asked for that with stale-while-revalidate.
    if (beresp.http.Cache-Control !~ "(?i)stale-while-revalidate") {
        set beresp.grace = 0s;
    }
    return (deliver);
}

sub vcl_backend_error {
    # A node that went away (several nodes behind a director, deploy/topology.py): a GET or
    # HEAD is fetched once more, from the next healthy node. Never a write: it may have run.
    if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 1) {
        return (retry);
    }
    # No node answered: all down, or all taken out by the probe while the database is down
    # (/healthz answers 503). Clients get what the app answers then (cms.middleware), JSON
    # under /api/, rather than Varnish's own HTML page; nothing of it is kept.
    set beresp.http.Retry-After = "5";
    set beresp.http.Cache-Control = "no-store";
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    if (bereq.url ~ "^/api/") {
        set beresp.http.Content-Type = "application/json";
        synthetic({"{"detail": "The service is briefly unavailable. Try again in a few seconds." }"});
    } else {
        set beresp.http.Content-Type = "text/plain; charset=utf-8";
        synthetic({"The service is briefly unavailable. Try again in a few seconds."});
    }
    return (deliver);
}

sub quotedesk_hit_for_miss {
    # Not stored. For a short while the next requests go straight to the backend rather than
    # queueing behind one another; a storable answer replaces this marker at once.
    set beresp.uncacheable = true;
    set beresp.ttl = 60s;
    set beresp.grace = 0s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
}

sub vcl_synth {
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        if (resp.status == 200) {
            set resp.http.xkey-purged = req.http.xkey-purged;
            set resp.body = "purged " + req.http.xkey-purged + {"
"};
        } else {
            set resp.body = resp.reason + {"
"};
        }
        return (deliver);
    }
}
