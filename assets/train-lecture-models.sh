#!/usr/bin/env bash
# Re-creates the checkpoints only the lecture presets use (presets/imperfect-score.json,
# presets/draw-your-own-data.json and presets/classifier-free-guidance.json), with the seeded recipe of assets/README.md ("Lecture models").
# Same machine, same weights bit for bit (the cards differ only in their "created" time).
set -euo pipefail
cd "$(dirname "$0")/.."
# deliberately under-trained: a quarter of the pretrained models' 20 000 steps
./playground train --dataset 25gaussians --size 3000 --data-seed 0 --schedule SIMPLE \
  --steps 5000 --seed 1 --out assets/checkpoints --name 25gaussians-simple-undertrained --force
# a heart "drawn with the mouse": assets/lecture/heart.csv, standardised on import as the app does
./playground train --csv assets/lecture/heart.csv --schedule SIMPLE \
  --steps 8000 --seed 1 --out assets/checkpoints --name drawn-heart-simple --force
# conditional on the mode of each point, for classifier-free guidance (presets/classifier-free-guidance.json)
./playground train --dataset 8gaussians --size 3000 --data-seed 0 --schedule SIMPLE --conditional \
  --steps 20000 --seed 1 --out assets/checkpoints --name 8gaussians-conditional --force
