# The dashboard in a container, one replica: docker build -t makemore-dashboard . && docker run -p 8501:8501 ...
# A room runs several behind HAProxy (deploy/compose.yaml) or an ingress with cookie affinity
# (deploy/kubernetes.yaml); every replica needs the same STREAMLIT_SERVER_COOKIE_SECRET (docs/room.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A user without privileges runs the server.
RUN useradd --create-home --uid 10001 app
WORKDIR /app

# PyTorch's CPU build first (the default Linux wheel would bring CUDA, gigabytes a replica never uses), then the
# rest: the pinned torch==2.13.0 of requirements.txt is then already satisfied.
COPY requirements.txt ./
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu \
    && pip install -r requirements.txt

COPY --chown=app:app streamlit_app.py pyproject.toml ./
COPY --chown=app:app .streamlit ./.streamlit
COPY --chown=app:app app_pages ./app_pages
COPY --chown=app:app makemore ./makemore

USER app
EXPOSE 8501
# Streamlit's own health endpoint; no curl in a slim image, so Python asks.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=3)"
# .streamlit/config.toml answers on localhost only: in a container it must answer on the container's network.
ENTRYPOINT ["streamlit", "run", "streamlit_app.py", "--server.port=8501", "--server.address=0.0.0.0"]
