"""A real local Ray cluster for tests and benchmarks: a head and worker nodes as separate processes.

Every node is one ``ray start --block`` process in its own session, with its own ports, so that
several nodes share this machine and one of them can be killed (``kill -9`` of its whole process
tree) while the others go on, as a lost machine would::

    with LocalCluster(workers=2, cpus_per_worker=1) as cluster:
        os.environ["RAY_ADDRESS"] = cluster.address
        ...
        cluster.kill_worker(0)
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Self

import psutil

RAY = str(Path(sys.executable).with_name("ray"))


def free_ports(n: int) -> list[int]:
    """Return ``n`` distinct TCP ports that are free right now."""
    socks, ports = [], []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
            ports.append(s.getsockname()[1])
    finally:
        for s in socks:
            s.close()
    return ports


class LocalCluster:
    """``ray start --head`` (``head_cpus`` CPUs) plus ``workers`` nodes of ``cpus_per_worker`` CPUs."""

    def __init__(self, workers: int = 2, cpus_per_worker: int = 1, head_cpus: int = 0,
                 start_timeout: float = 120.0) -> None:
        self.workers, self.cpus_per_worker, self.head_cpus = workers, cpus_per_worker, head_cpus
        self.start_timeout = start_timeout
        self.temp = Path(tempfile.mkdtemp(prefix="prx-ray-", dir="/tmp"))  # short: Unix socket paths
        self.nodes: list[subprocess.Popen] = []  # [head, worker 0, worker 1, ...]
        self.address = ""

    # ------------------------------------------------------------------ start and stop
    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        port, dashboard = free_ports(2)
        self.address = f"127.0.0.1:{port}"
        self.nodes.append(self._node("head", ["--head", "--port", str(port), "--num-cpus", str(self.head_cpus),
                                              "--dashboard-port", str(dashboard), "--include-dashboard", "false"]))
        self.wait_for_nodes(1)
        for i in range(self.workers):  # one at a time: two raylets starting at once time out on 2 cores
            self.nodes.append(self._node(f"worker{i}", ["--address", self.address,
                                                        "--num-cpus", str(self.cpus_per_worker)]))
            self.wait_for_nodes(2 + i)

    def _node(self, name: str, args: list[str]) -> subprocess.Popen:
        (node_manager, object_manager, metrics, agent_listen, agent_grpc, runtime_env,
         worker_low) = free_ports(7)
        ports = ["--node-manager-port", str(node_manager), "--object-manager-port", str(object_manager),
                 "--metrics-export-port", str(metrics), "--dashboard-agent-listen-port", str(agent_listen),
                 "--dashboard-agent-grpc-port", str(agent_grpc), "--runtime-env-agent-port", str(runtime_env)]
        # worker ports: a private range per node (the free port found above, and the 40 after it)
        low = min(max(worker_low, 20000), 60000)
        ports += ["--min-worker-port", str(low), "--max-worker-port", str(low + 40)]
        env = self.env()
        log = open(self.temp / f"{name}.log", "wb")  # noqa: SIM115  (closed with the process)
        try:
            return subprocess.Popen([RAY, "start", "--block", "--disable-usage-stats", "--temp-dir",
                                     str(self.temp), *args, *ports], stdout=log, stderr=subprocess.STDOUT,
                                    env=env, start_new_session=True)
        finally:
            log.close()

    @staticmethod
    def env(**extra: str) -> dict[str, str]:
        """The environment of the nodes and of their clients: no usage stats, no auth token (a token
        file another program left in ~/.ray would switch the nodes to token auth, and not the clients)."""
        env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0", RAY_AUTH_MODE="disabled", **extra)
        if "RAY_ADDRESS" not in extra:
            env.pop("RAY_ADDRESS", None)
        return env

    def alive_nodes(self) -> int:
        """Return how many nodes the cluster's GCS counts as alive (asked from a subprocess)."""
        code = ("import ray, sys; ray.init(address=sys.argv[1], logging_level='ERROR', log_to_driver=False); "
                "print(sum(1 for n in ray.nodes() if n['Alive']))")
        env = self.env()
        try:
            r = subprocess.run([sys.executable, "-c", code, self.address], capture_output=True, text=True,
                               env=env, timeout=30, check=False)
            return int(r.stdout.strip().splitlines()[-1])
        except (subprocess.TimeoutExpired, ValueError, IndexError):
            return 0

    def wait_for_nodes(self, n: int) -> None:
        end = time.monotonic() + self.start_timeout
        while time.monotonic() < end:
            for i, node in enumerate(self.nodes):
                if node.poll() is not None:
                    raise RuntimeError(f"ray node {i} exited ({node.returncode}): {self.log_tail()}")
            if self.alive_nodes() >= n:
                return
            time.sleep(1.0)
        raise RuntimeError(f"the Ray cluster did not reach {n} nodes in {self.start_timeout:.0f} s: "
                           f"{self.log_tail()}")

    def log_tail(self, chars: int = 2000) -> str:
        texts = [p.read_text(errors="replace")[-chars:] for p in sorted(self.temp.glob("*.log"))]
        return "\n".join(texts)

    def kill_worker(self, i: int) -> list[int]:
        """``kill -9`` worker node ``i``: its ``ray start``, raylet and every process they started."""
        return _kill_tree(self.nodes[1 + i].pid)

    def stop(self) -> None:
        """Stop every node: SIGTERM to each node's whole process tree, SIGKILL to what is left."""
        procs = []
        for node in self.nodes:
            procs += _tree(node.pid)
        for p in reversed(procs):
            _signal(p, signal.SIGTERM)
        _, left = psutil.wait_procs(procs, timeout=20)
        for p in left:
            _signal(p, signal.SIGKILL)
        psutil.wait_procs(left, timeout=10)
        for node in self.nodes:
            if node.poll() is None:
                node.wait(10)
        shutil.rmtree(self.temp, ignore_errors=True)


def _tree(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _signal(p: psutil.Process, sig: int) -> bool:
    try:
        p.send_signal(sig)
        return True
    except psutil.NoSuchProcess:
        return False


def _kill_tree(pid: int) -> list[int]:
    """``kill -9`` ``pid`` and all its descendants; return the pids killed."""
    procs = _tree(pid)
    killed = [p.pid for p in procs if _signal(p, signal.SIGKILL)]
    psutil.wait_procs(procs, timeout=10)
    return killed
