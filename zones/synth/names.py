"""Invented Chinese names: villages, communities, townships and people (word lists and makers).

Every name is an invented combination of common words; the lists are data tables.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# --- word lists (all invented combinations) ---------------------------------------------------
_PLACE_SURNAMES = "王李张刘赵陈杨郭马高胡韩孙范魏武贾郝田乔白冯薛"
_PLACE_PREFIXES = "大小东西南北前后上下新老中"
_PLACE_FEATURES = "河泉井山台坝湾梁林岔店堡城"
_PLACE_COLOURS = "红黑白黄石土沙柳榆杏羊牛三五"
_PLACE_NATURE = "河泉井山台坝湾梁林岔地城圈"
_MONGOLIAN_STEMS = (
    "乌兰", "查干", "哈拉", "巴音", "阿拉", "呼和", "锡拉", "敖包", "塔拉", "朝鲁", "乌素",
    "格日", "毛独", "察素", "白音", "脑包", "伊和", "额尔", "哈达", "苏计", "乌拉", "巴彦",
    "达拉", "希拉", "宝日",
)  # fmt: skip
_VILLAGE_SUFFIXES = (
    "村", "营子", "沟村", "卜子村", "滩村", "湾村", "梁村", "窑村", "忽洞村", "圪旦村",
    "淖村", "堡村",
)  # fmt: skip
_VILLAGE_SUFFIX_WEIGHTS = np.array(
    [0.20, 0.14, 0.13, 0.09, 0.11, 0.06, 0.05, 0.05, 0.06, 0.04, 0.03, 0.04]
)
_NUMBERED_VILLAGE_SHARE = 0.05  # "三号村" style names
_TOWNSHIP_ENDINGS = ("海子", "渠", "河", "淖", "滩", "营", "沟", "口", "湾", "梁")
TOWNSHIP_KINDS = ("镇", "乡", "街道")
TOWNSHIP_KIND_WEIGHTS = np.array([0.45, 0.45, 0.10])
_COMMUNITY_WORDS = (
    "新华", "光明", "幸福", "团结", "和平", "建设", "振兴", "民安", "兴隆", "文化", "东风",
    "朝阳", "繁荣", "富民", "康乐", "长青", "阳光", "锦绣", "永安", "丰收",
)  # fmt: skip
STREET_NAMES = (
    "人民路", "新华街", "建设路", "团结路", "迎宾路", "工业路", "商业街", "文化路", "解放路",
    "民主街", "健康路", "兴盛街",
)  # fmt: skip
_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许沈彭吕苏卢蒋蔡贾丁"
    "魏薛叶阎潘杜戴夏田任姜范方石姚谭邹熊金陆郝孔白崔康毛秦江史侯邵孟段雷钱尹常武乔贺龚"
)
_GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志海鹏飞宇浩峰东斌亮林红梅鑫波"
    "宁辉俊凯雪琳婷晨佳欣利春文荣新旭龙彬成瑞宏忠红云福喜贵生宝山"
)
_MONGOLIAN_NAMES = (
    "巴特尔", "其其格", "乌云", "斯琴", "额尔敦", "那仁", "苏日娜", "阿拉坦", "图雅", "格日勒",
    "朝鲁门", "萨仁", "宝音", "呼和", "孟和", "乌日娜", "敖登", "巴雅尔",
)  # fmt: skip
_CHINESE_DIGITS = "零一二三四五六七八九"


# --- place names ------------------------------------------------------------------------------


def _place_stems() -> list[str]:
    stems = [surname + "家" for surname in _PLACE_SURNAMES]
    stems += [a + b for a in _PLACE_PREFIXES for b in _PLACE_FEATURES]
    stems += [a + b for a in _PLACE_COLOURS for b in _PLACE_NATURE]
    stems += list(_MONGOLIAN_STEMS)
    return list(dict.fromkeys(stem for stem in stems if stem[0] != stem[1]))


def _chinese_number(value: int) -> str:
    if value < 10:
        return _CHINESE_DIGITS[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        head = "" if tens == 1 else _CHINESE_DIGITS[tens]
        return head + "十" + ("" if ones == 0 else _CHINESE_DIGITS[ones])
    return "".join(_CHINESE_DIGITS[int(digit)] for digit in str(value))


def _numbered_variant(base: str, number: int) -> str:
    """``王家沟村`` -> ``王家沟二村``; ``王家营子`` -> ``王家营子二村``."""
    stem = base.removesuffix("村")
    return f"{stem}{_chinese_number(number)}村"


def _unique_name(
    base: str, prefix: str, taken: set[str], variant: Callable[[str, int], str]
) -> str:
    name = base
    if name in taken:
        name = prefix + base
    number = 2
    while name in taken:
        name = variant(base, number)
        number += 1
    taken.add(name)
    return name


def village_names(rng: np.random.Generator, count: int, taken: set[str]) -> list[str]:
    """``count`` village names not in ``taken`` (which they are added to)."""
    stems = _place_stems()
    stem = rng.integers(len(stems), size=count)
    weights = _VILLAGE_SUFFIX_WEIGHTS / _VILLAGE_SUFFIX_WEIGHTS.sum()
    suffix = rng.choice(len(_VILLAGE_SUFFIXES), size=count, p=weights)
    numbered = rng.random(count) < _NUMBERED_VILLAGE_SHARE
    number = rng.integers(1, 31, size=count)
    prefix = rng.integers(len(_PLACE_PREFIXES), size=count)
    names = []
    for k in range(count):
        if numbered[k]:
            base = f"{_chinese_number(int(number[k]))}号村"
        else:
            base = stems[stem[k]] + _VILLAGE_SUFFIXES[suffix[k]]
        names.append(_unique_name(base, _PLACE_PREFIXES[prefix[k]], taken, _numbered_variant))
    return names


def community_names(
    rng: np.random.Generator, township_stems: list[str], taken: set[str]
) -> list[str]:
    """One community (社区) name per township stem, not in ``taken`` (which they are added to)."""
    word = rng.integers(len(_COMMUNITY_WORDS), size=len(township_stems))
    return [
        _unique_name(
            f"{_COMMUNITY_WORDS[w]}社区",
            stem,
            taken,
            lambda base, number: base.removesuffix("社区") + _chinese_number(number) + "社区",
        )
        for w, stem in zip(word, township_stems, strict=True)
    ]


def township_names(rng: np.random.Generator, station_name: str, kinds: list[str]) -> list[str]:
    """Distinct township names ending in ``kinds``; the first is named after the station."""
    stems = _place_stems()
    station_stem = station_name.removesuffix("派出所") or station_name
    taken = {station_stem}
    names = [station_stem + kinds[0]]
    stem = rng.integers(len(stems), size=len(kinds))
    ending = rng.integers(len(_TOWNSHIP_ENDINGS), size=len(kinds))
    prefix = rng.integers(len(_PLACE_PREFIXES), size=len(kinds))
    for t in range(1, len(kinds)):
        base = stems[stem[t]] + _TOWNSHIP_ENDINGS[ending[t]]
        unique = _unique_name(
            base, _PLACE_PREFIXES[prefix[t]], taken, lambda b, k: b + _chinese_number(k)
        )
        names.append(unique + kinds[t])
    return names


# --- people -----------------------------------------------------------------------------------


def person_names(rng: np.random.Generator, count: int) -> list[str]:
    """``count`` people's names: common surnames weighted by rank, a few Mongolian names."""
    rank = np.arange(len(_SURNAMES))
    weights = 1.0 / (rank + 6.0)
    surname = rng.choice(len(_SURNAMES), size=count, p=weights / weights.sum())
    first = rng.integers(len(_GIVEN_CHARS), size=count)
    second = rng.integers(len(_GIVEN_CHARS), size=count)
    double = rng.random(count) < 0.65
    mongolian = rng.random(count) < 0.06
    mongolian_name = rng.integers(len(_MONGOLIAN_NAMES), size=count)
    names = []
    for k in range(count):
        if mongolian[k]:
            names.append(_MONGOLIAN_NAMES[mongolian_name[k]])
            continue
        given = _GIVEN_CHARS[first[k]] + (_GIVEN_CHARS[second[k]] if double[k] else "")
        names.append(_SURNAMES[surname[k]] + given)
    return names
