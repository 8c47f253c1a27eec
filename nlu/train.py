"""Train the matcher's model in a short-lived process: ``python -m nlu.train DATA.json MODEL.npz``.

The bot calls this on its first start (or after the knowledge base changed) so that scikit-learn, about 90 MB
once imported, never stays in the memory of the long-running bot process. DATA.json holds
``{"texts": [...normalised...], "labels": [...]}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from nlu.matcher import Model


def main(argv: list[str]) -> int:
    data, output = Path(argv[0]), Path(argv[1])
    payload = json.loads(data.read_text(encoding="utf-8"))
    Model.train(payload["texts"], payload["labels"]).save(output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
