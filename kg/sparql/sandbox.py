"""The confinement of a `kg serve` worker: a seccomp filter against sockets and exec, an empty
network namespace where one can be made, an audit hook that refuses Python's sockets,
subprocesses and file opens outside its library folders, a memory cap, and ties to the server
(it dies with it and drops the server's inherited sockets). Defence in depth behind check_query."""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from ..errors import KgError


# syscalls a locked-down worker may not make, per machine: (AUDIT_ARCH, seccomp's own number, denied)
_SECCOMP = {
    "x86_64": (0xC000003E, 317, {"socket": 41, "connect": 42, "accept": 43, "bind": 49, "listen": 50,
                                 "socketpair": 53, "execve": 59, "ptrace": 101, "accept4": 288,
                                 "process_vm_readv": 310, "process_vm_writev": 311, "execveat": 322,
                                 "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427}),
    "aarch64": (0xC00000B7, 277, {"ptrace": 117, "socket": 198, "socketpair": 199, "bind": 200, "listen": 201,
                                  "accept": 202, "connect": 203, "execve": 221, "accept4": 242,
                                  "process_vm_readv": 270, "process_vm_writev": 271, "execveat": 281,
                                  "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427}),
}


def _seccomp_no_network() -> None:
    """Forbid, in every thread of this process and its future children, the system calls that
    reach a network or another program: socket, connect, bind, listen, accept, socketpair, exec,
    ptrace, io_uring (EPERM; foreign-ABI calls kill the process). This is what stops the engines'
    own (Rust) network code when no network namespace can be made (not root): the audit hook only
    sees Python. Raises KgError when the filter cannot be installed."""
    import ctypes
    import errno
    import platform

    machine = platform.machine()
    if machine not in _SECCOMP:
        raise KgError(f"kg serve: no seccomp filter for this machine ({machine}); the workers cannot be locked down")
    arch, nr_seccomp, denied = _SECCOMP[machine]
    LD_W_ABS, JEQ, JGE, RET = 0x20, 0x15, 0x35, 0x06
    ALLOW, KILL, DENY = 0x7FFF0000, 0x80000000, 0x00050000 | errno.EPERM
    nrs = sorted(denied.values())
    n = len(nrs)
    prog = [(LD_W_ABS, 0, 0, 4), (JEQ, 1, 0, arch), (RET, 0, 0, KILL), (LD_W_ABS, 0, 0, 0)]
    if machine == "x86_64":  # the x32 ABI numbers its calls from 0x40000000: refuse them all
        prog.append((JGE, n + 1, 0, 0x40000000))
    prog += [(JEQ, n - i, 0, nr) for i, nr in enumerate(nrs)]
    prog += [(RET, 0, 0, ALLOW), (RET, 0, 0, DENY)]

    class Filter(ctypes.Structure):
        _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]

    class Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Filter))]

    filters = (Filter * len(prog))(*[Filter(*i) for i in prog])
    fprog = Prog(len(prog), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS, required to filter without CAP_SYS_ADMIN
        raise KgError(f"kg serve: cannot set no_new_privs: {os.strerror(ctypes.get_errno())}")
    # SECCOMP_SET_MODE_FILTER with SECCOMP_FILTER_FLAG_TSYNC: every thread (RocksDB's too)
    r = libc.syscall(ctypes.c_long(nr_seccomp), ctypes.c_uint(1), ctypes.c_uint(1), ctypes.byref(fprog))
    if r != 0:
        why = os.strerror(ctypes.get_errno()) if r < 0 else f"thread {r} could not be synchronised"
        raise KgError(f"kg serve: cannot install the seccomp filter that keeps workers off the network: {why}")


def _sandbox(allowed_roots: list[str]) -> bool:
    """Cut the worker off from the network and the file system (defence in depth: the algebra
    check already refused SERVICE, FROM and LOAD). On Linux a seccomp filter forbids creating or
    connecting sockets for the whole process, Rust code included, for any user; as root the worker
    also enters an empty network namespace. Everywhere, an audit hook refuses Python's sockets,
    subprocesses and file opens outside Python's library folders. Returns True when the network
    namespace was made. Raises KgError on Linux when the seccomp filter cannot be installed."""
    netns = False
    if sys.platform == "linux":
        try:  # an empty network namespace: no route anywhere, not even loopback (needs CAP_SYS_ADMIN)
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            netns = libc.unshare(0x40000000) == 0  # CLONE_NEWNET
        except (OSError, AttributeError):
            pass

    roots = tuple(r.rstrip("/") + "/" for r in allowed_roots)
    denied = ("socket.connect", "socket.bind", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request",
              "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
              "shutil.copyfile", "os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.truncate")

    def hook(event: str, args: tuple) -> None:
        if event in denied:
            raise PermissionError(f"kg serve worker: {event} is not allowed")
        if event == "open":
            path, mode = args[0], args[1]
            if isinstance(path, int):
                return
            p = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
            if (mode and any(c in str(mode) for c in "wax+")) or not os.path.abspath(p).startswith(roots):
                raise PermissionError(f"kg serve worker: opening {p!r} is not allowed")

    if sys.platform == "linux":
        _seccomp_no_network()
    sys.addaudithook(hook)
    return netns


def _limit_memory(extra_mb: int) -> None:
    """Cap the worker's address space at what it uses now (the data) plus `extra_mb`, so a query
    that builds a huge intermediate result fails (MemoryError, or the worker dies and is replaced)
    instead of pushing the machine into swap. Must run before the sandbox, which closes /proc.
    Raises KgError when the cap cannot be applied (0: no cap, asked for explicitly)."""
    if extra_mb <= 0:
        return
    try:
        import resource
    except ImportError:
        raise KgError("--max-memory needs a Unix system (use --max-memory 0 to serve without a cap)") from None
    try:
        status = Path("/proc/self/status").read_text()
        vm = next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmSize:"))
    except (OSError, ValueError, StopIteration) as e:
        raise KgError(f"--max-memory: cannot read this process's size from /proc ({e}); "
                      "use --max-memory 0 to serve without a cap") from None
    limit = vm + extra_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError) as e:
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        raise KgError(f"--max-memory {extra_mb}: cannot cap a worker's memory at {limit >> 20} MB "
                      f"({e}; the hard limit is {'unlimited' if hard < 0 else f'{hard >> 20} MB'})") from None
    if resource.getrlimit(resource.RLIMIT_AS)[0] != limit:
        raise KgError(f"--max-memory {extra_mb}: the memory cap did not take effect")


def _tie_to_parent(parent: int) -> None:
    """Die with the server: SIGKILL when the thread that forked this worker ends (the pool forks
    from one long-lived thread), so a `kill -9` of kg serve leaves no orphan holding its port."""
    if sys.platform != "linux":
        return
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the server died before the line above
        os._exit(1)


def _drop_inherited_sockets(keep: set[int]) -> None:
    """A forked worker inherits the server's sockets: the listening one and its clients'
    connections. Holding them would keep the port open after the server dies and keep clients
    waiting for a close; each is replaced by /dev/null (closing the number outright could let a
    stale Python object close whatever reuses it)."""
    import stat

    try:
        fds = [int(f) for f in os.listdir("/proc/self/fd")]
    except OSError:
        return
    null = os.open(os.devnull, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
    for fd in fds:
        if fd < 3 or fd in keep or fd == null:
            continue
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.dup2(null, fd)
        except OSError:
            continue
    os.close(null)


def _library_roots() -> list[str]:
    import sysconfig
    roots = {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    roots.add(str(Path(__file__).resolve().parent.parent))  # kg/
    return sorted(os.path.realpath(r) for r in roots if r)
