"""The benchmark's synthetic graph, shaped like the real one (`bench/bench_graph.py`).

A few hundred central roots (Party resolutions, Prime Minister's directives, decrees),
provincial plans implementing them, district plans implementing the provincial ones;
every document is one page whose record states 1 IMPLEMENTS, 1 BASED_ON and 3 citations
(so ~5 relations per document). At scale 1: 1M documents, ~5M relations. Seeded: the
same scale gives the same records, and the same query keys (`query_keys`).
"""

from __future__ import annotations

import random

from extract.grammar import PROVINCES
from graph.identity import Mention, decided_key

PROVINCE_LIST = [p for p in dict.fromkeys(PROVINCES) if "–" not in p and p != "TP Hồ Chí Minh"]


def synthetic_records(scale: float, seed: int = 7):
    """Yield extraction records; also returns (via attribute) sample query keys."""
    rng = random.Random(seed)
    n_docs = max(2000, int(1_000_000 * scale))
    n_roots = max(30, min(300, int(300 * scale ** 0.5)))
    n_prov = int(n_docs * 0.2)
    n_dist = n_docs - n_roots - n_prov
    roots, provs = [], []
    samples = {"root": [], "provincial": [], "district": []}

    def key_of(d, province):
        return decided_key(Mention("x", d["number"], date=d["date"], issuer=d["issuer"],
                                   page_province=province))[0]

    for i in range(n_roots):
        year = rng.randint(2012, 2024)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        kind = i % 3
        if kind == 0:
            d = {"number": f"{i + 1}-NQ/TW", "kind": "NQ", "date": date,
                 "issuer": "Ban Chấp hành Trung ương"}
        elif kind == 1:
            d = {"number": f"{i + 1}/CT-TTg", "kind": "CT", "date": date,
                 "issuer": "Thủ tướng Chính phủ"}
        else:
            d = {"number": f"{i + 1}/{year}/NĐ-CP", "kind": "NĐ", "date": date,
                 "issuer": "Chính phủ"}
        roots.append(d)
        cites = rng.sample(roots, min(2, len(roots)))
        yield {"url": f"https://tw.example/{i}", "province": None, "subject": d,
               "references": [c for c in cites if c is not d], "laws": [], "relations": []}
    samples["root"] = [key_of(d, None) for d in roots]

    by_province: dict[str, list[dict]] = {p: [] for p in PROVINCE_LIST}
    for i in range(n_prov):
        province = PROVINCE_LIST[i % len(PROVINCE_LIST)]
        parent = roots[int(rng.paretovariate(1.2)) % n_roots]
        year = min(2025, int(parent["date"][:4]) + rng.randint(0, 2))
        d = {"number": f"{i + 1}/KH-UBND", "kind": "KH",
             "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
             "issuer": f"Ủy ban nhân dân tỉnh {province}", "title": f"Kế hoạch thực hiện {i}"}
        basis = rng.choice(by_province[province]) if by_province[province] else rng.choice(roots)
        cites = [rng.choice(roots) for _ in range(3)]
        refs = _unique([parent, basis, *cites], d)
        yield {"url": f"https://{province}.example/kh/{i}", "province": province,
               "subject": d, "references": refs, "laws": [],
               "relations": [_rel(d, parent, "IMPLEMENTS"), _rel(d, basis, "BASED_ON")]}
        by_province[province].append(d)
        provs.append((province, d))
        if len(samples["provincial"]) < 400:
            samples["provincial"].append(key_of(d, province))

    for i in range(n_dist):
        province, parent = provs[rng.randrange(len(provs))]
        district = f"Huyện {i % 9}"
        year = min(2025, int(parent["date"][:4]) + rng.randint(0, 1))
        d = {"number": f"{i + 1}-KH/HU", "kind": "KH",
             "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
             "issuer": f"Huyện ủy {district}"}
        basis = rng.choice(roots)
        cites = [rng.choice(by_province[province]) for _ in range(3)]
        refs = _unique([parent, basis, *cites], d)
        yield {"url": f"https://{province}.example/hu/{i}", "province": province,
               "subject": d, "references": refs, "laws": [],
               "relations": [_rel(d, parent, "IMPLEMENTS"), _rel(d, basis, "BASED_ON")]}
        if len(samples["district"]) < 400:
            samples["district"].append(key_of(d, province))
    synthetic_records.samples = samples


def _unique(refs, subject):
    seen, out = {subject["number"]}, []
    for r in refs:
        if r["number"] not in seen:
            seen.add(r["number"])
            out.append({k: r[k] for k in ("number", "kind", "date", "issuer")})
    return out


def _rel(src, dst, rtype):
    return {"source": src["number"], "target": dst["number"], "type": rtype,
            "evidence": {"sentence": f"Văn bản {src['number']} thực hiện {dst['number']}.",
                         "start": 0, "end": 40, "cue": "thực hiện"}}


def query_keys(n):
    s = synthetic_records.samples
    rng = random.Random(1)
    return (rng.sample(s["root"], min(n // 4, len(s["root"])))
            + rng.sample(s["provincial"], min(n // 2, len(s["provincial"])))
            + rng.sample(s["district"], min(n // 4, len(s["district"]))))
