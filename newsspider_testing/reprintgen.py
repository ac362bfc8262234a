"""Generated regional-news articles with edited reprints, for reprint-detection tests and benchmarks."""

from __future__ import annotations

import random
from dataclasses import dataclass

CITIES = ("海口", "三亚", "儋州", "琼海", "文昌", "万宁", "五指山", "东方", "定安", "屯昌", "澄迈", "临高", "昌江",
          "乐东", "陵水", "保亭", "琼中", "白沙", "洋浦", "秀英")  # fmt: skip
BODIES = ("市人力资源和社会保障局", "市扶贫开发办公室", "市交通运输局", "市卫生健康委员会", "市教育局", "市住房和城乡建设局",
          "市农业农村局", "市生态环境局", "市文化旅游局", "市市场监督管理局", "市民政局", "市商务局", "市统计局",
          "市发展和改革委员会", "市公安局交警支队", "市自然资源和规划局")  # fmt: skip
TOPICS = ("复工复产", "脱贫攻坚", "乡村振兴", "城市更新", "营商环境", "垃圾分类", "防汛防风", "义务教育", "医疗保障",
          "冬季瓜菜", "旅游消费", "自贸港建设", "就业帮扶", "公共交通", "植树造林", "社区治理", "食品安全", "电动自行车",
          "老旧小区改造", "热带水果")  # fmt: skip
PEOPLE = ("王晓", "陈喆", "卢海浪", "林晓", "符晓丽", "李镕", "云梦怡", "黄志明", "刘洋", "吴倩", "邢福", "羊文")
TEMPLATES = (
    "记者{d}日从{c}{o}获悉，截至{d}日，全市已有{n}余家企业参与{t}工作。",
    "{c}{o}有关负责人表示，下一步将进一步加强{t}，确保各项措施落地见效。",
    "据了解，{c}今年计划投入资金{n}万元，用于推进{t}相关项目建设。",
    "在{c}{v}镇，驻村第一书记{p}每天一早就走访群众，逐户登记{t}方面的需求。",
    "“{t}关系到群众切身利益，我们要把好事办好、实事办实。”{p}说。",
    "为推动{t}，{c}开通线上服务平台，累计发布信息{n}条，服务群众{m}人次。",
    "{c}{o}联合相关部门开展{t}专项行动，检查各类场所{n}处，整改问题{m}个。",
    "今年以来，{c}坚持{t}与{u}两手抓，在做好常态化工作的同时，组织干部进村入户。",
    "数据显示，{c}{t}相关指标同比增长{k}%，增速高于全省平均水平{j}个百分点。",
    "{c}将继续落实{t}各项要求，加大{u}工作力度，确保群众收入稳定增长。",
    "当天，{c}{o}还组织专家对{n}名基层工作人员进行了{t}业务培训。",
    "{p}介绍，{c}已协调车辆{n}余辆次，帮助群众销售农产品约{m}吨。",
    "针对群众反映的{t}问题，{c}{o}建立了台账，实行销号管理，限时办结。",
    "目前，{c}{v}片区的{t}项目已完成总工程量的{k}%，预计年底前全面完工。",
    "{c}{o}提醒广大市民，如遇{t}方面的问题，可拨打热线电话咨询反映。",
    "下一步，{c}将以{t}为抓手，推动{u}工作取得新成效，不断提升群众获得感。",
)
VILLAGES = ("三门坡", "龙塘", "长流", "石山", "永兴", "大坡", "红旗", "旧州", "云龙", "东山", "遵谭", "演丰")
LEADS = ("本报讯", "{c}网消息", "新华社{c}电", "本报{c}{d}日讯")


@dataclass(frozen=True)
class Article:
    """One generated article; a reprint names the original it was copied from."""

    url: str
    title: str
    body: str
    reprint_of: str | None = None


def _sentence(rng: random.Random, topic: str, city: str) -> str:
    values = {"c": city, "o": rng.choice(BODIES), "t": topic, "u": rng.choice(TOPICS),
              "p": rng.choice(PEOPLE),
              "v": rng.choice(VILLAGES), "d": rng.randint(1, 28), "n": rng.randint(10, 9000),
              "m": rng.randint(100, 90000), "k": rng.randint(2, 95), "j": rng.randint(1, 9)}  # fmt: skip
    return rng.choice(TEMPLATES).format(**values)


def original(rng: random.Random, number: int) -> Article:
    """A fresh article: 10 to 22 template sentences about one topic in one city, in 3 to 5 paragraphs."""
    city, topic = rng.choice(CITIES), rng.choice(TOPICS)
    sentences = [_sentence(rng, topic, city) for _ in range(rng.randint(10, 22))]
    sentences[0] = rng.choice(LEADS).format(c=city, d=rng.randint(1, 28)) + sentences[0]
    paragraphs = _paragraphs(rng, sentences)
    title = f"{city}{rng.choice(('扎实推进', '全力做好', '持续深化', '多措并举抓好'))}{topic}工作"
    return Article(f"http://origin{number % 20}.test/news/{number}.htm", title, "\n".join(paragraphs))


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[str]:
    cuts = sorted(rng.sample(range(1, len(sentences)), k=min(len(sentences) - 1, rng.randint(2, 4))))
    bounds = zip([0, *cuts], [*cuts, len(sentences)], strict=True)
    return ["".join(sentences[start:end]) for start, end in bounds]


def reprint(rng: random.Random, source: Article, number: int) -> Article:
    """A copy on another site with edits: a new headline, 1-2 sentences cut, 1-2 added, a new lead, a typo."""
    sentences = [part + "。" for paragraph in source.body.split("\n") for part in paragraph.split("。") if part]
    for _ in range(rng.randint(1, 2)):
        if len(sentences) > 4:
            sentences.pop(rng.randrange(1, len(sentences)))
    city, topic = rng.choice(CITIES), rng.choice(TOPICS)
    for _ in range(rng.randint(1, 2)):
        sentences.insert(rng.randrange(1, len(sentences) + 1), _sentence(rng, topic, city))
    sentences[0] = rng.choice(("（来源：海口网）", "转自海口网：", "")) + sentences[0]
    if rng.random() < 0.5:  # a changed character somewhere
        index = rng.randrange(len(sentences))
        text = sentences[index]
        position = rng.randrange(len(text))
        sentences[index] = text[:position] + rng.choice("的了在和是") + text[position + 1 :]
    title = rng.choice(("关注：", "", "【聚焦】")) + source.title.replace("工作", "见实效")
    body = "\n".join(_paragraphs(rng, sentences))
    return Article(f"http://mirror{number % 30}.test/a/{number}.html", title, body, reprint_of=source.url)


def generate(total: int = 2000, reprints: int = 300, seed: int = 15) -> list[Article]:
    """``total`` articles in export order, ``reprints`` of them edited copies of an earlier original."""
    rng = random.Random(seed)
    is_reprint = [False] * (total - reprints) + [True] * reprints
    rng.shuffle(is_reprint)
    while is_reprint[0]:  # the first article cannot copy anything
        rng.shuffle(is_reprint)
    articles: list[Article] = []
    originals: list[Article] = []
    for number, copy in enumerate(is_reprint):
        if copy and originals:
            articles.append(reprint(rng, rng.choice(originals), number))
        else:
            article = original(rng, number)
            originals.append(article)
            articles.append(article)
    return articles


@dataclass(frozen=True)
class Detection:
    """How a detector did on a generated stream."""

    reprints: int
    found: int  # reprints flagged with their original (or an earlier copy of it)
    originals: int
    false_flags: int  # originals flagged as reprints

    @property
    def recall(self) -> float:
        return self.found / self.reprints if self.reprints else 1.0

    @property
    def false_flag_rate(self) -> float:
        return self.false_flags / self.originals if self.originals else 0.0


def run_detection(
    articles: list[Article], detector, batch_size: int = 100, batch_prefix: str = "batch"
) -> Detection:
    """Stream the articles through ``detector`` (a ReprintDetector), committing every ``batch_size``."""
    family = {article.url: article.reprint_of or article.url for article in articles}
    found = false_flags = 0
    batch: list[str] = []
    for article in articles:
        match = detector.check(article.url, article.url.split("/")[2], article.body)
        if article.reprint_of:
            found += match is not None and family.get(match.url) == article.reprint_of
        else:
            false_flags += match is not None
        batch.append(article.url)
        if len(batch) >= batch_size:
            name = f"{batch_prefix}-{article.url.rsplit('/', 1)[-1]}"
            detector.prepare(name, batch)
            detector.commit(name)
            batch = []
    if batch:
        detector.prepare(f"{batch_prefix}-last", batch)
        detector.commit(f"{batch_prefix}-last")
    reprints = sum(1 for article in articles if article.reprint_of)
    return Detection(reprints, found, len(articles) - reprints, false_flags)
