#!/usr/bin/env python3
"""Calls every delos.v1 service of a running `delos serve` and prints one line per call.

Usage:
    client.py [--target HOST:PORT] [--stubs DIR] [--token TOKEN]

The stubs are generated from proto/src/main/protobuf with protoc and grpc_python_plugin (see
README.md). Each successful call prints a line starting with "OK"; the last line is "ALL OK" when
every call behaved as expected. Any unexpected answer ends the run with exit status 1.
"""

import argparse
import sys

import grpc


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--target", default="127.0.0.1:50051", help="server address")
    p.add_argument("--stubs", default=None, help="folder holding the generated delos/v1 modules")
    p.add_argument("--token", default=None, help="bearer token, when the server requires one")
    p.add_argument("--timeout", type=float, default=30.0, help="deadline per call, s")
    return p.parse_args()


ARGS = parse_args()
if ARGS.stubs:
    sys.path.insert(0, ARGS.stubs)

# The generated modules (imported after the stub folder is on the path).
from delos.v1 import forecast_pb2, forecast_pb2_grpc  # noqa: E402
from delos.v1 import interpretable_pb2, interpretable_pb2_grpc  # noqa: E402
from delos.v1 import jobs_pb2  # noqa: E402
from delos.v1 import planner_pb2, planner_pb2_grpc  # noqa: E402
from delos.v1 import robots_pb2, robots_pb2_grpc  # noqa: E402
from delos.v1 import sensing_pb2, sensing_pb2_grpc  # noqa: E402
from delos.v1 import steering_pb2, steering_pb2_grpc  # noqa: E402
from delos.v1 import symbolic_pb2, symbolic_pb2_grpc  # noqa: E402
from delos.v1 import tensor_pb2  # noqa: E402
from delos.v1 import tokenizer_pb2, tokenizer_pb2_grpc  # noqa: E402
from delos.v1 import trajectories_pb2, trajectories_pb2_grpc  # noqa: E402
from delos.v1 import world_model_pb2, world_model_pb2_grpc  # noqa: E402


def tensor(values, shape, dims=()):
    return tensor_pb2.Tensor(shape=list(shape), dims=list(dims), data=[float(v) for v in values])


def ok(name, detail):
    print(f"OK {name} {detail}", flush=True)


def fail(name, detail):
    print(f"FAIL {name} {detail}", flush=True)
    sys.exit(1)


def expect_code(name, code, call):
    """Runs call() and requires it to fail with the given status code."""
    try:
        call()
    except grpc.RpcError as e:
        if e.code() == code:
            ok(name, f"{e.code().name}: {e.details()}")
            return
        fail(name, f"expected {code.name}, got {e.code().name}: {e.details()}")
    fail(name, f"expected {code.name}, got a successful answer")


def main():
    metadata = [("authorization", f"Bearer {ARGS.token}")] if ARGS.token else None
    t = ARGS.timeout
    channel = grpc.insecure_channel(ARGS.target)
    kw = {"timeout": t, "metadata": metadata}

    # RobotService
    robots = robots_pb2_grpc.RobotServiceStub(channel)
    systems = robots.ListSystems(robots_pb2.ListSystemsRequest(), **kw).systems
    if not systems:
        fail("RobotService.ListSystems", "no robots run; start the server with --systems cartpole")
    sid = systems[0].system_id
    ok("RobotService.ListSystems", f"systems={[s.system_id for s in systems]}")
    d = robots.DescribeSystem(robots_pb2.DescribeSystemRequest(system_id=sid), **kw)
    obs_names = [c.name for c in d.observation_channels]
    act_names = [c.name for c in d.action_channels]
    n, m = len(obs_names), len(act_names)
    ok("RobotService.DescribeSystem",
       f"observations={obs_names} actions={act_names} bodies={[b.name for b in d.morphology.bodies]}")
    first = robots.Reset(robots_pb2.ResetRequest(system_id=sid, seed=7), **kw)
    ok("RobotService.Reset", f"episode={first.episode} flags={first.flags} step={first.step}")
    after = robots.Step(robots_pb2.StepRequest(
        system_id=sid, action=tensor([0.5] * m, [m]), steps=3), **kw)
    ok("RobotService.Step", f"step={after.step} time={after.time:.3f} reward={after.reward:.3f}")
    stream = robots.StreamObservations(
        robots_pb2.StreamObservationsRequest(system_id=sid, max_messages=5), **kw)
    seen = [o.step for o in stream]
    if len(seen) != 5:
        fail("RobotService.StreamObservations", f"got {len(seen)} observations, expected 5")
    ok("RobotService.StreamObservations", f"steps={seen}")

    # A control stream: answer each observation with a push towards the centre.
    import queue
    outbox = queue.Queue()

    def requests():
        yield robots_pb2.ControlRequest(start=robots_pb2.ControlStart(system_id=sid))
        while True:
            item = outbox.get()
            if item is None:
                return
            yield item

    controlled = []
    responses = robots.Control(requests(), **kw)
    for o in responses:
        controlled.append(o.step)
        x = o.observation.data[0] if o.observation.data else 0.0
        outbox.put(robots_pb2.ControlRequest(action=robots_pb2.ControlAction(
            step=o.step, action=tensor([max(-1.0, min(1.0, -x))] * m, [m]))))
        if len(controlled) >= 5:
            outbox.put(None)
            break
    responses.cancel()
    ok("RobotService.Control", f"answered steps={controlled}")

    # TrajectoryService: record a client trajectory of 60 rows in two chunks.
    trajs = trajectories_pb2_grpc.TrajectoryServiceStub(channel)
    rows = 60
    times = [0.02 * k for k in range(rows)]
    obs = []
    for k in range(rows):
        obs += [0.01 * k] + [0.0] * (n - 1)
    acts = [0.1] * (rows * m)
    flags = [1] + [0] * (rows - 1)

    def chunk(a, b):
        return trajectories_pb2.RecordRequest(chunk=trajectories_pb2.Trajectory(
            system_id="python-client", times=times[a:b],
            observations=tensor(obs[a * n:b * n], [b - a, n], ["time", "channel"]),
            actions=tensor(acts[a * m:b * m], [b - a, m], ["time", "channel"]),
            rewards=[0.0] * (b - a), flags=flags[a:b]))

    rec = trajs.Record(iter([chunk(0, 30), chunk(30, rows)]), **kw)
    ok("TrajectoryService.Record", f"rows={rec.rows_recorded} chunks={rec.chunks_recorded}")
    q = trajs.Query(trajectories_pb2.QueryRequest(
        system_id="python-client", first_row=10, max_rows=5), **kw)
    ok("TrajectoryService.Query",
       f"total_rows={q.total_rows} returned={len(q.trajectory.times)} first_time={q.trajectory.times[0]:.2f}")
    csv = b"".join(c.data for c in trajs.Export(trajectories_pb2.ExportRequest(
        system_id="python-client", format=trajectories_pb2.EXPORT_FORMAT_CSV), **kw))
    lines = csv.decode("utf-8").splitlines()
    ok("TrajectoryService.Export", f"lines={len(lines)} header={lines[0]}")

    # WorldModelService
    models = world_model_pb2_grpc.WorldModelServiceStub(channel)
    listed = models.ListModels(world_model_pb2.ListModelsRequest(), **kw).models
    ok("WorldModelService.ListModels", f"models={[x.model_id for x in listed]}")
    family = d.info.family
    sim = f"{family}-simulator"
    info = models.GetModelInfo(world_model_pb2.ModelInfoRequest(model_id=sim), **kw)
    ok("WorldModelService.GetModelInfo", f"{info.model_id} kind={world_model_pb2.ModelKind.Name(info.kind)} ready={info.ready}")
    state = list(first.observation.data)
    p = models.Predict(world_model_pb2.PredictRequest(
        model_id=sim, observations=tensor(state * 2, [2, n]), actions=tensor([0.0] * m + [1.0] * m, [2, m])), **kw)
    ok("WorldModelService.Predict", f"shape={list(p.observations.shape)} version={p.model_version}")
    r = models.Rollout(world_model_pb2.RolloutRequest(
        model_id=sim, observations=tensor(state, [1, n]), actions=tensor([0.5] * (10 * m), [1, 10, m])), **kw)
    ok("WorldModelService.Rollout", f"shape={list(r.observations.shape)}")
    expect_code("WorldModelService.Predict(bad size)", grpc.StatusCode.INVALID_ARGUMENT,
                lambda: models.Predict(world_model_pb2.PredictRequest(
                    model_id=sim, observations=tensor([0.0] * (n + 1), [1, n + 1]),
                    actions=tensor([0.0] * m, [1, m])), **kw))
    expect_code("WorldModelService.Predict(unknown model)", grpc.StatusCode.NOT_FOUND,
                lambda: models.Predict(world_model_pb2.PredictRequest(
                    model_id="no-such-model", observations=tensor(state, [1, n]),
                    actions=tensor([0.0] * m, [1, m])), **kw))
    mlp = f"{family}-mlp"
    progress = list(models.FineTune(world_model_pb2.FineTuneRequest(
        model_id=mlp, system_ids=["python-client"], epochs=3, seed=1), timeout=120, metadata=metadata))
    last = progress[-1]
    if not last.done:
        fail("WorldModelService.FineTune", "the last progress message is not marked done")
    ok("WorldModelService.FineTune",
       f"messages={len(progress)} epochs={last.epoch} version={last.model_version} transitions={last.transitions}")
    p2 = models.Predict(world_model_pb2.PredictRequest(
        model_id=mlp, observations=tensor(state, [1, n]), actions=tensor([0.0] * m, [1, m])), **kw)
    ok("WorldModelService.Predict(mlp)", f"shape={list(p2.observations.shape)} version={p2.model_version}")

    # PlannerService
    planners = planner_pb2_grpc.PlannerServiceStub(channel)
    created = planners.CreatePlanner(planner_pb2.CreatePlannerRequest(
        family=family, algorithm=planner_pb2.PLANNER_ALGORITHM_MPPI, horizon=20, samples=32, seed=3), **kw)
    pid = created.planner_id
    ok("PlannerService.CreatePlanner",
       f"{pid} task={created.task} terms={[c.name for c in created.cost_terms]}")
    got = planners.GetPlannerInfo(planner_pb2.PlannerRequest(planner_id=pid), **kw)
    ok("PlannerService.GetPlannerInfo", f"horizon={got.horizon} model={got.model_id}")
    plan = planners.Plan(planner_pb2.PlanRequest(
        planner_id=pid, observation=tensor(state, [n]), budget_ms=200), **kw)
    ok("PlannerService.Plan",
       f"action={[round(v, 3) for v in plan.action.data]} status={planner_pb2.PlanStatus.Name(plan.trajectory.status)}")
    term = created.cost_terms[0].name
    w = planners.SetCostWeights(planner_pb2.SetCostWeightsRequest(planner_id=pid, weights={term: 2.5}), **kw)
    ok("PlannerService.SetCostWeights", f"{term}={[c.weight for c in w.cost_terms if c.name == term][0]}")
    best = planners.GetBestTrajectory(planner_pb2.PlannerRequest(planner_id=pid), **kw)
    ok("PlannerService.GetBestTrajectory",
       f"actions_shape={list(best.actions.shape)} cost={best.cost:.3f}")
    planners.ClosePlanner(planner_pb2.PlannerRequest(planner_id=pid), **kw)
    ok("PlannerService.ClosePlanner", pid)

    # SymbolicRegressionService: find y = 2x + 1 from 20 rows; the stream ends with the front.
    symbolic = symbolic_pb2_grpc.SymbolicRegressionServiceStub(channel)
    xs = [0.5 * i for i in range(20)]
    table = tensor([v for x in xs for v in (x, 2 * x + 1)], (20, 2), ("row", "column"))
    updates = list(symbolic.Discover(
        symbolic_pb2.DiscoverRequest(columns=["x", "y"], table=table, target="y",
                                     budget_seconds=2, seed=1),
        timeout=t + 30, metadata=metadata))
    result = updates[-1].result
    if not result.best_infix or not result.front:
        fail("SymbolicRegressionService.Discover", f"no result after {len(updates)} updates")
    best_r2 = max(p.r2 for p in result.front)
    if best_r2 < 0.999:
        fail("SymbolicRegressionService.Discover", f"best R2 {best_r2} for y = {result.best_infix}")
    ok("SymbolicRegressionService.Discover",
       f"updates={len(updates)} y = {result.best_infix} r2={best_r2:.6f}")
    job_id = updates[0].progress.job_id
    state = symbolic.Cancel(jobs_pb2.CancelJobRequest(job_id=job_id), **kw).state
    ok("SymbolicRegressionService.Cancel(ended job)", f"{job_id} {jobs_pb2.JobState.Name(state)}")

    # ForecastService: forecasters live in the server's models directory (delos.models.directory,
    # written by `delos train forecast`); this server has none, and a single observation is too few.
    forecasts = forecast_pb2_grpc.ForecastServiceStub(channel)
    expect_code("ForecastService.GetForecasterInfo(unknown model)", grpc.StatusCode.NOT_FOUND,
                lambda: forecasts.GetForecasterInfo(
                    forecast_pb2.ForecasterInfoRequest(model_id="pendulum-physsm"), **kw))
    one = forecast_pb2.TimedObservation(time=0.0, values=tensor([0.0, 1.0, 0.0], [3]),
                                        action=tensor([0.0], [1]))
    expect_code("ForecastService.Forecast(one observation)", grpc.StatusCode.INVALID_ARGUMENT,
                lambda: forecasts.Forecast(forecast_pb2.ForecastRequest(
                    model_id="pendulum-physsm", observations=[one], query_times=[0.5]), **kw))

    # TokenizerService: three flat steps give three tokens, rebuilt with a known error.
    tokenizer = tokenizer_pb2_grpc.TokenizerServiceStub(channel)
    steps = [0.0] * 40 + [1.0] * 40 + [-0.5] * 48
    tokens = tokenizer.Tokenize(tokenizer_pb2.TokenizeRequest(
        signal=tensor(steps, [len(steps), 1], ["time", "channel"]), sample_rate=100, threshold=3), **kw)
    ok("TokenizerService.Tokenize", f"starts={[t.start for t in tokens.tokens]}")
    rebuilt = tokenizer.Detokenize(tokenizer_pb2.DetokenizeRequest(
        tokens=tokens.tokens, length=len(steps)), **kw)
    ok("TokenizerService.Detokenize", f"shape={list(rebuilt.signal.shape)} "
       f"rmse_known={rebuilt.reconstruction_rmse >= 0}")
    expect_code("TokenizerService.Tokenize(no signal)", grpc.StatusCode.INVALID_ARGUMENT,
                lambda: tokenizer.Tokenize(tokenizer_pb2.TokenizeRequest(sample_rate=100), **kw))
    # SensingService: SPAR models live in the models directory too (written by
    # `delos train sensing`); this server has none, and a request without nodes is refused first.
    sensing = sensing_pb2_grpc.SensingServiceStub(channel)
    geophone = sensing_pb2.SensorNode(node_id="n0", x=1.0, y=-0.5, role="floor/geophone",
                                      signal=tensor([0.0] * 64, [64, 1], ["time", "channel"]))
    expect_code("SensingService.Localize(unknown model)", grpc.StatusCode.NOT_FOUND,
                lambda: sensing.Localize(sensing_pb2.LocalizeRequest(
                    model_id="floor-field", nodes=[geophone], sample_rate=500), **kw))
    expect_code("SensingService.Embed(no nodes)", grpc.StatusCode.INVALID_ARGUMENT,
                lambda: sensing.Embed(sensing_pb2.EmbedRequest(
                    model_id="floor-field", sample_rate=500), **kw))
    expect_code("SteeringService.Steer(unknown steerer)", grpc.StatusCode.NOT_FOUND,
                lambda: steering_pb2_grpc.SteeringServiceStub(channel).Steer(
                    steering_pb2.SteerRequest(steerer_id="s", horizon=1.0,
                                              activations=tensor([0.0, 1.0], (1, 2))), **kw))
    expect_code("InterpretableModelService.Explain(unknown model)", grpc.StatusCode.NOT_FOUND,
                lambda: interpretable_pb2_grpc.InterpretableModelServiceStub(channel).Explain(
                    interpretable_pb2.ExplainRequest(model_id="cat"), **kw))
    channel.close()
    print("ALL OK", flush=True)


if __name__ == "__main__":
    try:
        main()
    except grpc.RpcError as e:
        print(f"FAIL unexpected {e.code().name}: {e.details()}", flush=True)
        sys.exit(1)
