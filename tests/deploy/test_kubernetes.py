"""deploy/kubernetes: both overlays render with `kubectl kustomize`, every object validates against the
Kubernetes schemas (kubernetes-validate, offline) and KEDA's CRDs (vendored in tests/deploy/schemas/keda),
and the manifests agree with docker-compose.yml, .env.example and the queue names in the code."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml

from addax_common.reliable_queue import QUEUE_DETECTION_COMPLETE, QUEUE_IMAGE_INGESTED
from tests.deploy.common import COMPOSE_ONLY, PYTHON_SERVICES, REPO, SETTING_NAMES, env_example, require, run

KUBERNETES = REPO / "deploy/kubernetes"
OVERLAYS = ("small", "production")
KEDA_SCHEMAS = Path(__file__).parent / "schemas/keda"
# The oldest Kubernetes minor release the manifests promise to work on (autoscaling/v2, policy/v1).
KUBERNETES_VERSION = "1.29.0"
# Queue each KEDA-scaled worker consumes (the stage's `queue` in its __main__.py).
STAGE_QUEUES = {"detection": QUEUE_IMAGE_INGESTED, "classification": QUEUE_DETECTION_COMPLETE}
# Metadata the KEDA redis list scaler reads (pkg/scalers/redis_scaler.go); anything else is a typo.
REDIS_SCALER_FIELDS = {
    "address", "addresses", "host", "hosts", "port", "ports", "username", "usernameFromEnv", "passwordFromEnv",
    "listName", "listLength", "activationListLength", "databaseIndex", "enableTLS", "unsafeSsl",
}


@cache
def rendered(overlay: str) -> tuple[dict, ...]:
    kubectl = require("kubectl", "kubectl")
    result = run([kubectl, "kustomize", str(KUBERNETES / "overlays" / overlay)])
    assert result.returncode == 0, result.stderr
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


def objects(overlay: str, kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in rendered(overlay) if o["kind"] == kind}


def config(overlay: str) -> dict[str, str]:
    (configmap,) = (o for o in rendered(overlay) if o["kind"] == "ConfigMap")
    return configmap["data"]


def env_file(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if re.match(r"^[A-Z][A-Z0-9_]*=", line))
    return dict(pairs)


def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]


def strict(schema: object) -> object:
    """KEDA's CRD schema with unknown fields refused (the API server would prune them silently)."""
    if isinstance(schema, dict):
        schema = {k: strict(v) for k, v in schema.items()}
        if "properties" in schema and "additionalProperties" not in schema:
            schema["additionalProperties"] = False
    elif isinstance(schema, list):
        schema = [strict(v) for v in schema]
    return schema


@cache
def keda_schema(kind: str) -> dict:
    crd = yaml.safe_load((KEDA_SCHEMAS / f"keda.sh_{kind.lower()}s.yaml").read_text())
    (version,) = (v for v in crd["spec"]["versions"] if v["name"] == "v1alpha1")
    return strict(version["schema"]["openAPIV3Schema"])


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_object_validates_against_its_schema(overlay):
    kinds = set()
    for obj in rendered(overlay):
        kinds.add(obj["kind"])
        assert obj["metadata"].get("namespace", "addax") == "addax" or obj["kind"] == "Namespace", obj["metadata"]
        if obj["apiVersion"] == "keda.sh/v1alpha1":
            jsonschema.validate(obj, keda_schema(obj["kind"]))
        else:
            kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
    assert {"Deployment", "Service", "Ingress", "ConfigMap", "PodDisruptionBudget", "Job",
            "HorizontalPodAutoscaler", "ScaledObject", "TriggerAuthentication"} <= kinds
    # Databases, queues and object storage are managed dependencies; secrets never live in git.
    assert not kinds & {"StatefulSet", "Secret"}


def test_validation_catches_a_wrong_field():
    """The checks above are not vacuous: a typo in a Deployment or a ScaledObject fails them."""
    deployment = dict(objects("small", "Deployment")["api"])
    deployment["spec"] = {**deployment["spec"], "replica": 2}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)
    scaled = dict(objects("small", "ScaledObject")["detection"])
    scaled["spec"] = {**scaled["spec"], "minReplicas": 0}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(scaled, keda_schema("ScaledObject"))


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_workers_scale_on_their_redis_lists(overlay):
    deployments = objects(overlay, "Deployment")
    scaled = objects(overlay, "ScaledObject")
    auth = objects(overlay, "TriggerAuthentication")
    secret_keys = env_file(KUBERNETES / "base/secrets.env.example")
    assert set(scaled) == set(STAGE_QUEUES)
    for name, obj in scaled.items():
        spec = obj["spec"]
        assert spec["scaleTargetRef"]["name"] == name and name in deployments
        assert "replicas" not in deployments[name]["spec"], f"{name}: KEDA owns the replica count"
        assert 0 <= spec["minReplicaCount"] < spec["maxReplicaCount"] <= 16
        assert spec["cooldownPeriod"] >= 60  # longer than heartbeat expiry and retry backoff
        (trigger,) = spec["triggers"]
        assert trigger["type"] == "redis"
        meta = trigger["metadata"]
        assert set(meta) <= REDIS_SCALER_FIELDS, set(meta) - REDIS_SCALER_FIELDS
        # The Redis key the workers use: REDIS_PREFIX + queue name (Settings.key).
        assert meta["listName"] == config(overlay).get("REDIS_PREFIX", "") + STAGE_QUEUES[name]
        assert int(meta["listLength"]) > 0 and re.match(r"^[\w.-]+:\d+$", meta["address"])
        ref = auth[trigger["authenticationRef"]["name"]]["spec"]["secretTargetRef"]
        assert {(r["parameter"], r["name"]) for r in ref} == {("password", "addax-secrets")}
        assert all(r["key"] in secret_keys for r in ref)
    hpa = objects(overlay, "HorizontalPodAutoscaler")["api"]["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"}
    assert hpa["metrics"][0]["resource"]["name"] == "cpu" and hpa["minReplicas"] < hpa["maxReplicas"]
    assert "replicas" not in deployments["api"]["spec"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_deployments_have_probes_resources_and_disruption_budgets(overlay):
    deployments = objects(overlay, "Deployment")
    assert set(deployments) == {*PYTHON_SERVICES, "frontend"}
    budgets = [o["spec"]["selector"]["matchLabels"] for o in objects(overlay, "PodDisruptionBudget").values()]
    services = compose()
    for name, obj in deployments.items():
        pod = obj["spec"]["template"]["spec"]
        assert obj["spec"]["selector"]["matchLabels"] in budgets, f"{name}: no PodDisruptionBudget"
        (container,) = pod["containers"]
        assert {"livenessProbe", "readinessProbe"} <= set(container), name
        assert {"cpu", "memory"} <= set(container["resources"]["requests"]), name
        assert {"cpu", "memory"} <= set(container["resources"]["limits"]), name
        if name in PYTHON_SERVICES:
            assert container["command"] == services[name]["command"], name
            assert pod["securityContext"]["runAsNonRoot"] is True, name
            # Probes hit the port compose's health check uses (metrics server or the API).
            port = re.search(r"127\.0\.0\.1:(\d+)/", " ".join(services[name]["healthcheck"]["test"])).group(1)
            ports = {p["name"]: p["containerPort"] for p in container["ports"]}
            assert ports[container["livenessProbe"]["httpGet"]["port"]] == int(port), name
            assert {"configMapRef": {"name": config_name(overlay)}} in container["envFrom"], name
            assert {"secretRef": {"name": "addax-secrets"}} in container["envFrom"], name
    (job,) = objects(overlay, "Job").values()
    (migrate,) = job["spec"]["template"]["spec"]["containers"]
    assert migrate["command"] == services["migrate"]["command"]


def config_name(overlay: str) -> str:
    (configmap,) = (o for o in rendered(overlay) if o["kind"] == "ConfigMap")
    return configmap["metadata"]["name"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_ingress_tls_and_ftps_load_balancer(overlay):
    ingresses = objects(overlay, "Ingress")
    paths = {}
    for ingress in ingresses.values():
        hosts = {h for tls in ingress["spec"]["tls"] for h in tls["hosts"]}
        for rule in ingress["spec"]["rules"]:
            assert rule["host"] in hosts, "every host is served over TLS"
            for path in rule["http"]["paths"]:
                paths[path["path"]] = path["backend"]["service"]["name"]
    assert paths == {"/": "frontend", "/api": "api"}

    low, high = (int(p) for p in config(overlay)["FTPS_PASSIVE_PORTS"].split("-"))
    ftps = objects(overlay, "Service")["ingestion-ftps"]["spec"]
    assert ftps["type"] == "LoadBalancer"
    ports = {p["port"]: p["targetPort"] for p in ftps["ports"]}
    assert ports.pop(21) == int(config(overlay)["FTPS_PORT"])
    assert ports == {p: p for p in range(low, high + 1)}
    assert objects(overlay, "Deployment")["ingestion"]["spec"]["strategy"]["type"] == "Recreate"


def test_production_runs_detection_on_gpu_nodes():
    pod = objects("production", "Deployment")["detection"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["resources"]["limits"]["nvidia.com/gpu"] == 1
    assert pod["nodeSelector"] and any(t["key"] == "nvidia.com/gpu" for t in pod["tolerations"])
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["ONNX_PROVIDERS"].split(",")[0] == "CUDAExecutionProvider"
    assert "nodeSelector" not in objects("small", "Deployment")["detection"]["spec"]["template"]["spec"]


def test_images_match_the_compose_file():
    expected = {}
    for name, service in compose().items():
        image = service.get("image", "")
        if image.startswith("${ADDAX_IMAGE_PREFIX"):
            expected[name] = re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", image)
    kubectl = require("kubectl", "kubectl")
    base = run([kubectl, "kustomize", str(KUBERNETES / "base")])
    assert base.returncode == 0, base.stderr
    docs = [d for d in yaml.safe_load_all(base.stdout) if d]
    for overlay in ("base", *OVERLAYS):
        for obj in docs if overlay == "base" else rendered(overlay):
            if obj["kind"] not in ("Deployment", "Job"):
                continue
            name = "migrate" if obj["kind"] == "Job" else obj["metadata"]["name"]
            (container,) = obj["spec"]["template"]["spec"]["containers"]
            repository, tag = container["image"].rsplit(":", 1)
            compose_repository = expected[name].rsplit(":", 1)[0]
            if overlay == "base":
                assert container["image"] == expected[name], name
            else:  # an overlay may move the images to a registry and pin a tag, not rename them
                assert repository.endswith(compose_repository) and tag, (overlay, name, container["image"])


def test_env_names_agree_with_settings_and_env_example():
    documented = set(env_example()) | SETTING_NAMES | COMPOSE_ONLY
    secrets = env_file(KUBERNETES / "base/secrets.env.example")
    config_keys = set(env_file(KUBERNETES / "base/config.env"))
    for overlay in OVERLAYS:
        config_keys |= set(config(overlay))
        for obj in objects(overlay, "Deployment").values():
            (container,) = obj["spec"]["template"]["spec"]["containers"]
            names = {e["name"] for e in container.get("env", [])}
            if obj["metadata"]["name"] == "frontend":
                assert names == set(compose()["frontend"]["environment"]), "frontend env differs from compose"
            else:
                assert names <= documented, names - documented
    assert config_keys <= documented, config_keys - documented
    assert set(secrets) <= documented, set(secrets) - documented
    # Every secret .env.example asks for (a CHANGE_ME value Settings reads) comes from the Secret,
    # none from the ConfigMap, and the example holds placeholders only.
    wanted = {k for k, v in env_example().items() if "CHANGE_ME" in v and k in SETTING_NAMES}
    assert wanted <= set(secrets), wanted - set(secrets)
    assert not config_keys & set(secrets)
    for key, value in secrets.items():
        assert "CHANGE_ME" in value or key == "S3_ACCESS_KEY", f"{key} in secrets.env.example must be a placeholder"
