# One image recipe for the queue workers (detection, classification): they differ only in the package
# they install and the port they serve metrics on. Build from the repository root:
#   docker build -f services/worker.Dockerfile --build-arg SERVICE=detection --build-arg METRICS_PORT=9102 .
FROM python:3.11-slim AS runtime
ARG SERVICE
ARG METRICS_PORT
# GPU image of a worker (Kubernetes production overlay):
#   --build-arg ONNXRUNTIME_PACKAGE="onnxruntime-gpu[cuda,cudnn]==<the onnxruntime version in constraints.txt>"
# replaces the CPU ONNX Runtime with the CUDA build and its CUDA/cuDNN wheels.
ARG ONNXRUNTIME_PACKAGE=""
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY constraints.txt ./
COPY shared/ shared/
RUN pip install -c constraints.txt ./shared
COPY services/${SERVICE}/ services/${SERVICE}/
# The start-up check compares the mounted model's sha256 with its entry in this catalog
# (MODELS_CATALOG_PATH, default models/catalog.yaml under /app); without it the check is skipped.
COPY models/catalog.yaml models/catalog.yaml
RUN test -n "${SERVICE}" -a -n "${METRICS_PORT}" \
 && pip install -c constraints.txt ./services/${SERVICE} \
 && if [ -n "${ONNXRUNTIME_PACKAGE}" ]; then pip uninstall -y onnxruntime && pip install "${ONNXRUNTIME_PACKAGE}"; fi \
 && groupadd --system --gid 10001 addax \
 && useradd --system --uid 10001 --gid 10001 --home /app addax \
 && chown -R addax /app
USER addax
# Model weights are mounted read-only at /models (see docker-compose.yml), never baked in.
# One worker process per container, its ONNX session on every core it sees: compose and Kubernetes add
# processes as replicas (on a host run by scripts/start.sh, two processes share the cores by default).
ENV ADDAX_WORKER=${SERVICE} METRICS_PORT=${METRICS_PORT} DETECTION_WORKERS=1 CLASSIFICATION_WORKERS=1
EXPOSE ${METRICS_PORT}
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${METRICS_PORT}/metrics', timeout=3)"
# Shell form so the build argument picks the module; exec keeps python as PID 1 for signals.
CMD ["sh", "-c", "exec python -m addax_${ADDAX_WORKER}"]
