#!/usr/bin/env bash
# Re-creates the bundled checkpoints assets/checkpoints/{swissroll,25gaussians}-{simple,cosine}.{safetensors,json}
# and assets/checkpoints/swissroll-linear.{safetensors,json} (flow matching)
# with the seeded recipe of assets/README.md. Same machine, same weights bit for bit (the cards differ only
# in their "created" time). Takes a few minutes: 4 × 20 000 steps at 150–450 steps/s.
set -euo pipefail
cd "$(dirname "$0")/.."
for data in swissroll 25gaussians; do
  for schedule in SIMPLE COSINE; do
    name="$data-$(tr '[:upper:]' '[:lower:]' <<< "$schedule")"
    ./playground train --dataset "$data" --size 3000 --data-seed 0 --schedule "$schedule" \
      --steps 20000 --seed 1 --out assets/checkpoints --name "$name" --force
  done
done
# flow matching: the linear interpolant's defaults are a velocity network and the flow-matching loss
./playground train --dataset swissroll --size 3000 --data-seed 0 --schedule LINEAR \
  --steps 20000 --seed 1 --out assets/checkpoints --name swissroll-linear --force
