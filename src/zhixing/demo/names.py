"""Chinese personal and company names drawn from frequency tables, as index arrays.

Names are kept as small integer arrays (surname, two given-name characters) and turned into
text only for the rows being written, so a pool of a million people costs a few megabytes.
"""

from __future__ import annotations

import numpy as np

# Surnames with weights roughly following their frequency in the Yangtze delta (per mille).
_SURNAMES = (
    "王72 李60 张62 刘38 陈58 杨28 黄24 赵16 吴30 周30 徐34 孙18 马12 朱26 胡16 郭10 何12 "
    "高10 林12 罗8 郑10 梁6 谢9 宋8 唐9 许9 韩5 冯7 邓5 曹8 彭5 曾4 肖5 田4 董6 袁6 潘8 于4 "
    "蒋9 蔡7 余6 杜5 叶8 程5 苏5 魏4 吕5 丁6 任4 沈14 姚7 卢5 姜5 崔3 钟4 谭3 陆12 汪7 范5 "
    "金7 石4 廖2 贾3 夏5 韦2 付3 方6 白2 邹4 孟3 熊3 秦3 邱4 江5 尹3 薛3 闫2 段2 雷2 侯2 "
    "龙2 史3 陶5 黎2 贺3 顾12 毛4 郝2 龚4 邵5 万3 钱8 严5 覃1 武3 戴5 莫3 孔2 向2 汤5 倪5 "
    "殷3 施6 瞿3 庄3 俞4 费2 诸葛1 欧阳1 司马1"
)
SURNAMES: tuple[str, ...] = tuple(item.rstrip("0123456789") for item in _SURNAMES.split())
SURNAME_WEIGHTS = np.array(
    [int(item[len(name):]) for item, name in zip(_SURNAMES.split(), SURNAMES, strict=True)],
    dtype=float,
)
SURNAME_WEIGHTS /= SURNAME_WEIGHTS.sum()

# Given-name characters by sex; earlier characters are drawn more often.
MALE_CHARS = (
    "伟强军磊勇杰涛斌超明建华国平刚峰辉俊浩宇鹏飞龙波亮林海东晨军文斌志鑫凯健洋毅晓"
    "德荣忠伟成立新宏彬嘉博旭昊天睿哲轩子然宁远清正德兴"
)
FEMALE_CHARS = (
    "芳娜敏静丽艳娟霞燕玲婷雪慧颖琳洁红梅萍莉倩佳怡欣悦琪涵萱瑶晶秀英华兰凤云婧蕾诗"
    "雨琦薇月晓妍璐洁露蓉菲丹楠曦"
)


def _char_weights(chars: str) -> np.ndarray:
    weights = 1.0 / np.sqrt(np.arange(1, len(chars) + 1))
    return weights / weights.sum()


_MALE_W = _char_weights(MALE_CHARS)
_FEMALE_W = _char_weights(FEMALE_CHARS)
_MALE_ARR = np.array(list(MALE_CHARS), dtype=object)
_FEMALE_ARR = np.array(list(FEMALE_CHARS), dtype=object)
_SURNAME_ARR = np.array(SURNAMES, dtype=object)


def _pick_chars(male: np.ndarray, index: np.ndarray) -> np.ndarray:
    # Indices were drawn from the table of the person's sex; the modulo only keeps the
    # unused branch of np.where in range.
    return np.where(male, _MALE_ARR[index % len(_MALE_ARR)], _FEMALE_ARR[index % len(_FEMALE_ARR)])


class PersonNames:
    """Name indices for a pool of people; ``render(idx)`` gives the written names."""

    def __init__(self, rng: np.random.Generator, male: np.ndarray) -> None:
        size = len(male)
        self.male = male
        self.surname = rng.choice(len(SURNAMES), size=size, p=SURNAME_WEIGHTS).astype(np.int16)
        male_first = rng.choice(len(MALE_CHARS), size=size, p=_MALE_W)
        female_first = rng.choice(len(FEMALE_CHARS), size=size, p=_FEMALE_W)
        male_second = rng.choice(len(MALE_CHARS), size=size, p=_MALE_W)
        female_second = rng.choice(len(FEMALE_CHARS), size=size, p=_FEMALE_W)
        self.first = np.where(male, male_first, female_first).astype(np.int16)
        second = np.where(male, male_second, female_second).astype(np.int16)
        # About a quarter of given names have one character.
        self.second = np.where(rng.random(size) < 0.25, -1, second).astype(np.int16)

    def render(self, idx: np.ndarray) -> np.ndarray:
        male = self.male[idx]
        first = self.first[idx]
        second = self.second[idx]
        first_text = _pick_chars(male, first)
        second_text = np.where(second < 0, "", _pick_chars(male, np.maximum(second, 0)))
        return _SURNAME_ARR[self.surname[idx]] + first_text + second_text


def staff_names(rng: np.random.Generator, count: int) -> list[str]:
    male = rng.random(count) < 0.55
    return [str(name) for name in PersonNames(rng, male).render(np.arange(count))]
