"""Enumerations of exchange format v1, as the Chinese values the format uses."""

COURT_LEVELS = ("高级", "中级", "基层", "专门")
# Staff roles, defined once: accounts.models gives platform users the first four.
JUDGE, ASSISTANT, CLERK, CHIEF, CENTRE = "执行法官", "法官助理", "书记员", "执行局长", "指挥中心"
TRIAL_JUDGE, FILING_JUDGE = "审判法官", "立案法官"
STAFF_ROLES = (JUDGE, ASSISTANT, CLERK, CHIEF, CENTRE, TRIAL_JUDGE, FILING_JUDGE)
CATEGORIES = ("执行", "民事", "刑事", "行政", "破产", "仲裁")
PROCEDURES = (
    "首次执行", "恢复执行", "财产保全执行", "执行异议", "执行复议", "一审", "二审", "再审",
    "破产清算", "破产重整", "暂予监外执行", "仲裁",
)
PANELS = ("独任", "合议庭")
STATUSES = ("在办", "已结")
ENFORCEMENT_CLOSURES = (
    "执行完毕", "终结本次执行程序", "终结执行", "不予执行", "驳回申请", "销案", "执行和解", "撤回申请",
)
OTHER_CLOSURES = ("判决", "调解", "撤诉", "驳回起诉", "裁定", "其他")
CLOSURE_MODES = ENFORCEMENT_CLOSURES + OTHER_CLOSURES
STAGES = ("立案", "查控", "快执", "实施", "评估拍卖", "终本", "结案")
APPLICANT, DEBTOR = "申请执行人", "被执行人"
CASE_ROLES = (APPLICANT, DEBTOR, "原告", "被告", "第三人", "被告人", "罪犯", "申请人", "被申请人")
PARTY_KINDS = ("自然人", "法人", "非法人组织")
TXN_DIRECTIONS = ("到账", "发放")
MEASURE_KINDS = (
    "冻结存款", "扣划存款", "查封不动产", "查封车辆", "冻结股权", "冻结到期债权", "限制消费",
    "失信被执行人", "限制出境",
)
AUCTION_ROUNDS = ("一拍", "二拍", "变卖")
AUCTION_RESULTS = ("待拍", "成交", "流拍", "撤回", "中止")
FINDING_SOURCES = (
    "银行存款", "不动产", "车辆", "证券", "网络资金", "住房公积金", "股权", "到期债权", "当事人提供线索",
)
FEE_KINDS = ("案件受理费", "申请执行费", "保全费")
BASIS_OUTCOMES = ("撤销", "改判", "部分改判", "发回重审", "维持")
CUSTODY_KINDS = ("服刑", "羁押", "拘留")
CONSUMPTION_KINDS = ("乘坐飞机", "入住星级宾馆", "乘坐高铁一等座", "购买不动产", "旅游度假", "子女就读高收费学校")
REGISTRATION_STATUSES = ("存续", "吊销", "注销", "经营异常")

ENFORCEMENT_PROCEDURES = ("首次执行", "恢复执行")
ZHONGBEN = "终结本次执行程序"


def choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]
