"""`kg push`: load graphs into any SPARQL 1.1 Graph Store HTTP Protocol endpoint.

One HTTP PUT per article graph: PUT replaces the graph, so pushing a rebuilt article replaces its
old version and pushing twice duplicates nothing. Bodies are N-Triples, which every store reads
alike (Virtuoso 7.2 keeps backslash escapes in Turtle prefixed names verbatim; N-Triples has none).
Only the standard library is used (urllib handles basic and digest authentication).

An article graph holds its own copy of the entity triples it uses, so replacing one article never
takes another's triples away. The servers' default graph over several graphs (Oxigraph's
--union-default-graph, Virtuoso's default dataset, several FROM / default-graph-uri) is a bag: a
triple is matched once per article graph that has it, and rows repeat. ``union`` also PUTs the
set union of the pushed graphs to one graph, where each triple is once, as in kg's own stores.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Iterable

from ..errors import KgError
from ..graph.export import to_ntriples

Triple = tuple


@dataclass
class Pushed:
    graph: str
    triples: int
    status: int


def graph_url(endpoint: str, graph: str | None, param: str = "graph") -> str:
    """The Graph Store URL of one graph (`?graph=IRI`, or `?default` for the default graph)."""
    sep = "&" if "?" in endpoint else "?"
    if graph is None:
        return f"{endpoint}{sep}default"
    return f"{endpoint}{sep}{param}={urllib.parse.quote(graph, safe='')}"


def opener(endpoint: str, user: str | None, password: str | None, auth: str = "basic") -> urllib.request.OpenerDirector:
    """A urllib opener that authenticates to `endpoint` (basic is sent up front, digest on challenge)."""
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        mgr = urllib.request.HTTPPasswordMgrWithPriorAuth() if auth == "basic" else urllib.request.HTTPPasswordMgrWithDefaultRealm()
        if auth == "basic":
            mgr.add_password(None, endpoint, user, password or "", is_authenticated=True)  # type: ignore[call-arg]
            handlers.append(urllib.request.HTTPBasicAuthHandler(mgr))
        elif auth == "digest":
            mgr.add_password(None, endpoint, user, password or "")
            handlers.append(urllib.request.HTTPDigestAuthHandler(mgr))
        else:
            raise KgError(f"unknown authentication {auth!r} (use basic or digest)")
    # never follow a proxy from the environment to a loopback or internal store by surprise
    handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def _digest_up_front(op: urllib.request.OpenerDirector, req: urllib.request.Request, timeout: float) -> None:
    """Answer the digest challenge before the body goes out. urllib sends a request unauthenticated
    and answers the server's 401; a store that closes the connection with its 401 while a large
    body is still being written (Virtuoso does) breaks the pipe first, and the PUT fails. So a
    bodiless request fetches the challenge, and the PUT carries its answer."""
    handler = next((h for h in op.handlers if isinstance(h, urllib.request.HTTPDigestAuthHandler)), None)
    if handler is None:
        return
    probe = urllib.request.Request(req.full_url, method="HEAD")
    try:
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(probe, timeout=timeout).close()
        return  # no challenge: nothing to answer
    except urllib.error.HTTPError as e:
        challenge = e.headers.get("WWW-Authenticate", "") if e.code == 401 else ""
    except (urllib.error.URLError, OSError):
        return  # the PUT reports what is wrong
    scheme, _, rest = challenge.partition(" ")
    if scheme.lower() != "digest":
        return
    chal = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(rest)))
    answer = handler.get_authorization(req, chal)
    if answer:
        req.add_unredirected_header("Authorization", f"Digest {answer}")


UNION_DEFAULT = "default"  # `union` value for the server's default graph


def push_graphs(graphs: Iterable[tuple[str | None, Iterable[Triple]]], endpoint: str, *, user: str | None = None,
                password: str | None = None, auth: str = "basic", graph_param: str = "graph",
                timeout: float = 120, union: str | None = None) -> list[Pushed]:
    """PUT each (graph IRI or None for the default graph, triples) to the Graph Store `endpoint`;
    then, if `union` names a graph (an IRI, or "default"), the set union of them all to it."""
    if not endpoint.startswith(("http://", "https://")):
        raise KgError(f"{endpoint}: the Graph Store endpoint must be an http(s) URL")
    op = opener(endpoint, user, password, auth)
    done = []
    todo = [(name, list(triples)) for name, triples in graphs]
    if union is not None:
        every: set = set()
        for _, triples in todo:
            every.update(triples)
        todo.append((None if union == UNION_DEFAULT else union, list(every)))
    for name, triples in todo:
        ts = list(triples)
        body = to_ntriples(ts).encode("utf-8")
        url = graph_url(endpoint, name, graph_param)
        req = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples", "Content-Length": str(len(body))})
        if user is not None and auth == "digest":
            _digest_up_front(op, req, timeout)
        try:
            with op.open(req, timeout=timeout) as r:
                status = r.status
                r.read()
        except urllib.error.HTTPError as e:
            msg = e.read(300).decode("utf-8", "replace").strip().splitlines()
            hint = " (check --user/--password and --auth)" if e.code in (401, 403) else ""
            raise KgError(f"{endpoint}: PUT of graph <{name}> failed: HTTP {e.code} {e.reason}{hint}"
                          + (f": {msg[0][:200]}" if msg else "")) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise KgError(f"{endpoint}: cannot reach the Graph Store: {reason}") from None
        done.append(Pushed(name or "(default graph)", len(ts), status))
    return done
