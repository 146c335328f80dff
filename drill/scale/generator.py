"""A synthetic national contact plan, for planning at national scale and for benchmarks.

A national body wants to ask questions of a plan the size of Japan (47
prefectures, 1,741 municipalities) before anyone has written one; drill's
own speed targets are measured on it too.  :func:`generate_national` writes a
plan whose shape follows DOMAIN.md: the J-LIS national centre; each
prefecture's municipal-affairs division with a duty officer as its deputy;
every municipality's resident division with its own duty officer; cables that
Juki-net and LGWAN share at every office; commercial power with PBX batteries
(a grace period); the regional fixed carrier's exchange in each prefecture;
three mobile carriers; the two LGWAN security gateways (east and west).

The output is deterministic for a given seed (the seed only varies the small
details: batteries, lines, which mobile carrier a duty officer uses), so that
benchmarks and golden files can rely on it.  The plan is written as YAML text
directly — it is large, and writing it line by line keeps memory low and the
file readable (one flow mapping per component, contact and party).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from drill.i18n import _
from drill.model.errors import DrillError

#: The 47 prefectures: id, name, municipalities (2024, Tokyo's 23 wards included), east or west.
PREFECTURES: tuple[tuple[str, str, int, str], ...] = (
    ("hokkaido", "北海道", 179, "east"), ("aomori", "青森県", 40, "east"),
    ("iwate", "岩手県", 33, "east"), ("miyagi", "宮城県", 35, "east"),
    ("akita", "秋田県", 25, "east"), ("yamagata", "山形県", 35, "east"),
    ("fukushima", "福島県", 59, "east"), ("ibaraki", "茨城県", 44, "east"),
    ("tochigi", "栃木県", 25, "east"), ("gunma", "群馬県", 35, "east"),
    ("saitama", "埼玉県", 63, "east"), ("chiba", "千葉県", 54, "east"),
    ("tokyo", "東京都", 62, "east"), ("kanagawa", "神奈川県", 33, "east"),
    ("niigata", "新潟県", 30, "east"), ("toyama", "富山県", 15, "west"),
    ("ishikawa", "石川県", 19, "west"), ("fukui", "福井県", 17, "west"),
    ("yamanashi", "山梨県", 27, "east"), ("nagano", "長野県", 77, "east"),
    ("gifu", "岐阜県", 42, "west"), ("shizuoka", "静岡県", 35, "east"),
    ("aichi", "愛知県", 54, "west"), ("mie", "三重県", 29, "west"),
    ("shiga", "滋賀県", 19, "west"), ("kyoto", "京都府", 26, "west"),
    ("osaka", "大阪府", 43, "west"), ("hyogo", "兵庫県", 41, "west"),
    ("nara", "奈良県", 39, "west"), ("wakayama", "和歌山県", 30, "west"),
    ("tottori", "鳥取県", 19, "west"), ("shimane", "島根県", 19, "west"),
    ("okayama", "岡山県", 27, "west"), ("hiroshima", "広島県", 23, "west"),
    ("yamaguchi", "山口県", 19, "west"), ("tokushima", "徳島県", 24, "west"),
    ("kagawa", "香川県", 17, "west"), ("ehime", "愛媛県", 20, "west"),
    ("kochi", "高知県", 34, "west"), ("fukuoka", "福岡県", 60, "west"),
    ("saga", "佐賀県", 20, "west"), ("nagasaki", "長崎県", 21, "west"),
    ("kumamoto", "熊本県", 45, "west"), ("oita", "大分県", 18, "west"),
    ("miyazaki", "宮崎県", 26, "west"), ("kagoshima", "鹿児島県", 43, "west"),
    ("okinawa", "沖縄県", 41, "west"),
)

MOBILE_CARRIERS = ("docomo", "au", "softbank")

#: Unavailability by kind: the chance that one is down when an incident starts
#: (used by ``drill sweep --random``).  Two or three of the national plan's
#: 7,000 components are down at any moment, as in real life.
P_FAIL = {"power": 0.0004, "cable": 0.0002, "pbx": 0.0003, "terminal": 0.0005, "exchange": 0.0001,
          "carrier": 0.00005, "network": 0.00003, "gateway": 0.0001, "building": 0.00002}


@dataclass(frozen=True)
class Prefecture:
    id: str
    name: str
    region: str
    municipalities: tuple[str, ...]


class GeneratorError(DrillError):
    """The generator was asked for something it cannot make."""


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def apportion(total: int, count: int) -> list[int]:
    """Split ``total`` municipalities over the first ``count`` prefectures.

    Proportional to the real counts (largest remainder), at least one each, so
    ``--prefectures 47 --municipalities 1741`` is exactly Japan.
    """
    if count < 1:
        raise GeneratorError(_("--prefectures must be at least 1"))
    if total < count:
        raise GeneratorError(_("--municipalities ({total}) must be at least --prefectures ({count})").format(
            total=total, count=count))
    weights = [PREFECTURES[i % len(PREFECTURES)][2] for i in range(count)]
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [max(1, int(s)) for s in shares]
    left = total - sum(counts)
    order = sorted(range(count), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in order[:max(0, left)]:
        counts[i] += 1
    while left < 0:  # the minimum of one each took more than the shares gave
        largest = max(range(count), key=lambda i: (counts[i], -i))
        counts[largest] -= 1
        left += 1
    return counts


def national_layout(prefectures: int = 47, municipalities: int = 1741) -> list[Prefecture]:
    """Which prefectures and municipality ids the generated plan has."""
    out = []
    for index, size in enumerate(apportion(municipalities, prefectures)):
        base, name, _, region = PREFECTURES[index % len(PREFECTURES)]
        pid = base if index < len(PREFECTURES) else f"{base}{index // len(PREFECTURES) + 1}"
        out.append(Prefecture(pid, name, region, tuple(f"{pid}-m{j:03d}" for j in range(1, size + 1))))
    return out


def _plan_lines(layout: list[Prefecture], seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    total = sum(len(p.municipalities) for p in layout)
    yield "# Synthetic national contact plan written by `drill generate national`."
    yield "# Every name, number and address in it is invented."
    yield "plan: national-juki"
    yield f"title: {_q(f'全国 住基ネット緊急連絡体制（合成: {len(layout)} 都道府県, {total} 市区町村）')}"
    yield "timezone: Asia/Tokyo"
    yield ""
    yield "calendars:"
    yield '  office: {days: [mon, tue, wed, thu, fri], from: "08:30", to: "17:15"}'
    yield ""
    yield "components:"

    def comp(ident: str, label: str, kind: str, deps: str = "", p: str | None = None) -> str:
        fields = [f"label: {_q(label)}", f"kind: {kind}"]
        if deps:
            fields.append(f"depends_on: [{deps}]")
        fields.append(f"p_fail: {P_FAIL[p or kind]:.6f}".rstrip("0"))
        return f"  {ident}: {{{', '.join(fields)}}}"

    yield comp("juki-core", "住基ネット 全国センター・中継網", "network")
    yield comp("lgwan-core", "LGWAN 基幹網", "network")
    yield comp("lgwan-gw-east", "LGWAN 東日本セキュリティゲートウェイ", "network", p="gateway")
    yield comp("lgwan-gw-west", "LGWAN 西日本セキュリティゲートウェイ", "network", p="gateway")
    yield comp("jlis-building", "J-LIS 全国センター 建物", "building")
    yield comp("jlis-power", "J-LIS 全国センター 電源", "power", "jlis-building")
    yield comp("jlis-pbx", "J-LIS 電話交換機", "pbx", "{id: jlis-power, grace: 4h}")
    yield comp("ntt-east", "NTT東日本 固定電話網", "carrier")
    yield comp("ntt-west", "NTT西日本 固定電話網", "carrier")
    for carrier in MOBILE_CARRIERS:
        yield comp(carrier, f"{carrier} 携帯電話網", "carrier")
    for pref in layout:
        p = pref.id
        battery = rng.choice((30, 60, 120))
        yield f"  # --- {pref.name} ({p}) ---"
        yield comp(f"{p}-power", f"{pref.name} 本庁舎 電源", "power")
        yield comp(f"{p}-cable", f"{pref.name} 引込ケーブル（住基ネット・LGWAN共用）", "cable")
        yield comp(f"{p}-pbx", f"{pref.name} 電話交換機", "pbx", f"{{id: {p}-power, grace: {battery}m}}")
        yield comp(f"{p}-exchange", f"{pref.name} 地域の電話局", "exchange", f"ntt-{pref.region}")
        for m in pref.municipalities:
            battery = rng.choice((30, 30, 60, 90))
            yield comp(f"{m}-power", f"{m} 庁舎 電源", "power")
            yield comp(f"{m}-cable", f"{m} 引込ケーブル（住基ネット・LGWAN共用）", "cable")
            yield comp(f"{m}-pbx", f"{m} 電話交換機", "pbx", f"{{id: {m}-power, grace: {battery}m}}")
            yield comp(f"{m}-cs", f"{m} CS（コミュニケーションサーバ）", "terminal", f"{m}-power")
    yield ""
    yield "channels:"
    yield "  juki-net: {label: 住基ネット（業務連絡）, depends_on: [juki-core], latency: 5m, fail_after: 2m, busy: 2m}"
    yield "  lgwan-mail: {label: LGWANメール, depends_on: [lgwan-core], latency: 5m, fail_after: 30m, busy: 2m}"
    yield "  landline: {label: 固定電話, latency: 3m, fail_after: 1m}"
    yield "  mobile: {label: 携帯電話, latency: 3m, fail_after: 1m}"
    yield "  fax: {label: FAX, latency: 10m, fail_after: 3m, busy: 2m}"
    yield ""
    yield "parties:"
    yield "  jlis:"
    yield f"    label: {_q('J-LIS 全国センター')}"
    yield f"    org: {_q('地方公共団体情報システム機構')}"
    yield "    lines: 6"
    yield "    contacts:"
    yield "      juki-net: {depends_on: [jlis-power]}"
    yield '      lgwan-mail: {address: "center@jlis.example.lg.jp", depends_on: [jlis-power, lgwan-gw-east]}'
    yield '      landline: {address: "03-0000-0000", depends_on: [jlis-pbx, ntt-east]}'
    yield '      fax: {address: "03-0000-0001", depends_on: [jlis-pbx, ntt-east]}'
    phone = 0
    for pref in layout:
        p = pref.id
        gw = f"lgwan-gw-{pref.region}"
        lines = 2 + len(pref.municipalities) // 40
        phone += 1
        yield f"  {p}-shicho:"
        yield f"    label: {_q(f'{pref.name} 市町村課（住基ネット担当）')}"
        yield f"    org: {_q(pref.name)}"
        yield f"    lines: {lines}"
        yield "    hours: office"
        yield f"    deputies: [{p}-duty]"
        yield "    contacts:"
        yield f"      juki-net: {{depends_on: [{p}-cable, {p}-power]}}"
        yield f'      lgwan-mail: {{address: "shicho@{p}.example.lg.jp", depends_on: [{p}-cable, {p}-power, {gw}]}}'
        yield f'      landline: {{address: "0{phone:02d}-000-0001", depends_on: [{p}-pbx, {p}-exchange]}}'
        yield f'      fax: {{address: "0{phone:02d}-000-0002", depends_on: [{p}-pbx, {p}-exchange]}}'
        yield f"  {p}-duty:"
        yield f"    label: {_q(f'{pref.name} 当直')}"
        yield f"    org: {_q(pref.name)}"
        yield "    contacts:"
        yield f'      landline: {{address: "0{phone:02d}-000-0009", depends_on: [{p}-pbx, {p}-exchange]}}'
        yield f'      mobile: {{address: "090-{phone:04d}-0009", depends_on: [{rng.choice(MOBILE_CARRIERS)}]}}'
        for index, m in enumerate(pref.municipalities, start=1):
            yield f"  {m}:"
            yield f"    label: {_q(f'{pref.name} 第{index}市区町村 住民課')}"
            yield f"    org: {_q(f'{pref.name} 第{index}市区町村')}"
            yield "    hours: office"
            yield f"    deputies: [{m}-duty]"
            yield "    contacts:"
            yield f"      juki-net: {{depends_on: [{m}-cable, {m}-cs]}}"
            yield f'      lgwan-mail: {{address: "juumin@{m}.example.lg.jp", depends_on: [{m}-cable, {m}-power, {gw}]}}'
            yield f'      landline: {{address: "0{phone:02d}-{index:03d}-0001", depends_on: [{m}-pbx, {p}-exchange]}}'
            yield f'      fax: {{address: "0{phone:02d}-{index:03d}-0002", depends_on: [{m}-pbx, {p}-exchange]}}'
            yield f"  {m}-duty:"
            yield f"    label: {_q(f'{pref.name} 第{index}市区町村 宿日直')}"
            yield f"    org: {_q(f'{pref.name} 第{index}市区町村')}"
            yield "    contacts:"
            yield f'      landline: {{address: "0{phone:02d}-{index:03d}-0009", depends_on: [{m}-pbx, {p}-exchange]}}'
            yield (f'      mobile: {{address: "080-{phone:02d}{index:02d}-0009", '
                   f"depends_on: [{rng.choice(MOBILE_CARRIERS)}]}}")
    yield ""
    yield "groups:"
    yield f"  prefectures: [{', '.join(f'{p.id}-shicho' for p in layout)}]"
    yield f"  municipalities: [{', '.join(_q('@' + p.id + '-municipalities') for p in layout)}]"
    for pref in layout:
        yield f"  {pref.id}-municipalities: [{', '.join(pref.municipalities)}]"
    yield ""
    yield "procedures:"
    yield "  national-alert:"
    yield f"    label: {_q('J-LIS 全国センターでウイルス疑義: 全団体へ周知')}"
    yield "    origins: [jlis]"
    yield "    steps:"
    yield "      - {id: alert-prefectures, from: jlis, to: \"@prefectures\", via: [juki-net, lgwan-mail, landline], within: 1h30m}"
    for pref in layout:
        yield (f"      - {{id: alert-{pref.id}, from: {pref.id}-shicho, to: \"@{pref.id}-municipalities\", "
               "via: [lgwan-mail, fax, landline], within: 4h, delay: 10m}")
    for pref in layout:
        p = pref.id
        yield f"  virus-{p}:"
        yield f"    label: {_q(f'{pref.name}内の市区町村でウイルス疑義')}"
        yield f"    origins: [\"@{p}-municipalities\"]"
        yield "    steps:"
        yield f"      - {{id: report-to-pref, from: $origin, to: {p}-shicho, via: [landline, lgwan-mail, fax], within: 30m}}"
        yield f"      - {{id: escalate, from: {p}-shicho, to: jlis, via: [juki-net, landline], within: 1h}}"
        yield (f"      - {{id: alert-municipalities, from: {p}-shicho, to: \"@{p}-municipalities\", "
               "via: [lgwan-mail, fax, landline], within: 3h, delay: 10m}")


def _scenarios(layout: list[Prefecture], plan_name: str) -> dict[str, str]:
    first = layout[0]
    origin = first.municipalities[0]
    gw = f"lgwan-gw-{first.region}"
    plan_ref = f"../{plan_name}" if "/" not in plan_name else plan_name
    return {
        "national-alert-weekday.yaml": f"""\
# J-LIS alerts every prefecture, and each prefecture its municipalities, on a
# weekday morning while the {gw} LGWAN gateway is down (as in January 2022).
scenario: national-alert-weekday
title: {_q('全国一斉周知（平日）: LGWANゲートウェイ障害中')}
plan: {plan_ref}
start: 2025-01-15T10:00
incident: {{type: national-alert, origin: jlis}}
horizon: 12h
injects:
  - at: 0m
    fail: [{gw}]
    note: {_q('LGWANセキュリティゲートウェイ障害（約4.5時間）')}
  - at: 4h30m
    restore: [{gw}]
expect:
  - step: alert-prefectures
    by: 1h30m
  - informed: "@municipalities"
    by: 4h
  - delivered: all
""",
        "national-alert-night.yaml": f"""\
# The same national alert on a Saturday night: offices are closed and every
# message has to find a duty officer.
scenario: national-alert-night
title: {_q('全国一斉周知（土曜夜間）')}
plan: {plan_ref}
start: 2025-01-18T22:00
incident: {{type: national-alert, origin: jlis}}
horizon: 12h
expect:
  - informed: "@prefectures"
    by: 2h
  - delivered: all
""",
        f"virus-{first.id}.yaml": f"""\
# A suspected virus at one municipality of {first.name}: report to the
# prefecture, escalate to J-LIS, alert the prefecture's municipalities; the
# municipality's shared cable is cut at 5 minutes.
scenario: virus-{first.id}
title: {_q(f'{first.name} {origin} でウイルス疑義、引込ケーブル切断')}
plan: {plan_ref}
start: 2025-08-20T10:00
incident: {{type: virus-{first.id}, origin: {origin}}}
horizon: 12h
injects:
  - at: 0m
    fail: [{origin}-cs]
    note: {_q('当該CSをネットワークから切り離す')}
  - at: 5m
    fail: [{origin}-cable]
expect:
  - step: report-to-pref
    by: 30m
  - informed: jlis
    by: 1h
  - informed: "@{first.id}-municipalities"
    by: 3h
  - delivered: all
""",
    }


def generate_national(out: str | Path, prefectures: int = 47, municipalities: int = 1741,
                      seed: int = 0) -> list[Path]:
    """Write ``plan.yaml`` and ``scenarios/*.yaml`` under ``out``; return the paths written."""
    layout = national_layout(prefectures, municipalities)
    root = Path(out)
    try:
        (root / "scenarios").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GeneratorError(_("{out}: cannot create the folder ({reason})").format(out=out, reason=exc.strerror)) from None
    written = []
    plan_path = root / "plan.yaml"
    _write(plan_path, "\n".join(_plan_lines(layout, seed)) + "\n")
    written.append(plan_path)
    for name, text in _scenarios(layout, "plan.yaml").items():
        path = root / "scenarios" / name
        _write(path, text)
        written.append(path)
    return written


def _write(path: Path, text: str) -> None:
    # a unique temporary file, fsync, rename; concurrent runs into one folder
    # never mix, and a full disk leaves neither a temporary nor a half file
    from drill.loading.writing import write_atomic

    write_atomic(str(path), text)
