#!/usr/bin/env bash
# Installs the model tools' Python dependencies from Debian (PyPI is not reachable here). Run as root.
set -euo pipefail
apt-get update -q
apt-get install -y --no-install-recommends python3-torch python3-onnx python3-pil python3-numpy libopenblas0-pthread
