"""A HiGHS worker process: solves the MathOpt models its parent sends, one at a time.

Run by path (``python .../highs_worker.py``), not as part of the ``planner``
package, so it starts on OR-Tools alone. Each request on stdin is an 8-byte
length and a ``SolveRequest`` (:mod:`planner.optimizer.highs_process`); the
answer on stdout is an 8-byte length and the serialized ``SolveResultProto``
(length 0: HiGHS failed). It ends when stdin closes, so it never outlives its
parent by more than one solve's time limit.
"""

from __future__ import annotations

import signal
import struct
import sys
from typing import BinaryIO

from ortools.math_opt import model_parameters_pb2, model_pb2, parameters_pb2
from ortools.math_opt.core.python import solver
from ortools.math_opt.python import callback, init_arguments, mathopt

_LENGTH = struct.Struct("<3Q")  # the model's, the parameters' and the model parameters' sizes
_ANSWER = struct.Struct("<Q")


def _read(stream: BinaryIO, size: int) -> bytes | None:
    """``size`` bytes, or ``None`` when the parent has closed the pipe."""
    data = stream.read(size)
    return data if len(data) == size else None


def main() -> None:
    # A Ctrl-C in the terminal reaches the whole process group: the parent decides (it
    # keeps the best plan so far and kills this worker), never the worker on its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    init = init_arguments.StreamableSolverInitArguments().to_proto()
    registration = callback.CallbackRegistration().to_proto()
    stdout.write(b"R")  # ready: OR-Tools is imported
    stdout.flush()
    while (head := _read(stdin, _LENGTH.size)) is not None:
        sizes = _LENGTH.unpack(head)
        parts = [part for size in sizes if (part := _read(stdin, size)) is not None]
        if len(parts) < len(sizes):
            return
        model = model_pb2.ModelProto.FromString(parts[0])
        params = parameters_pb2.SolveParametersProto.FromString(parts[1])
        model_params = model_parameters_pb2.ModelSolveParametersProto.FromString(parts[2])
        try:
            raw = solver.solve(
                model,
                mathopt.SolverType.HIGHS.value,
                init,
                params,
                model_params,
                None,
                registration,
                None,
                None,
            )
            answer = raw.SerializeToString()
        except Exception:
            answer = b""
        stdout.write(_ANSWER.pack(len(answer)) + answer)
        stdout.flush()


if __name__ == "__main__":
    main()
