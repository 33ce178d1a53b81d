extension WordReadings {
    /// Words whose pinyin differs from the one-reading-per-character table, one `word reading` a line.
    ///
    /// Hand-maintained. Only add a word whose reading is the same in every everyday use, so that Han text
    /// and what users type in pinyin meet (`还款` reads `huan kuan`, as typed, not the table's `hai kuan`).
    /// Keys are simplified Chinese (text is folded first); readings are toneless, one syllable a character.
    /// `# ...` lines are comments. The longest word starting at a character wins, left to right, so a word
    /// may carry one character of context (`没还`: the 还 of repaying, not of "still").
    static let table = """
    # 还 (hai "still, also" in the table) read huan: to repay, to give back
    还款 huan kuan
    还清 huan qing
    还钱 huan qian
    还上 huan shang
    还完 huan wan
    还了 huan le
    还掉 huan diao
    还光 huan guang
    还不上 huan bu shang
    还不起 huan bu qi
    还得起 huan de qi
    还不了 huan bu liao
    还花呗 huan hua bei
    还借呗 huan jie bei
    还信用卡 huan xin yong ka
    还欠款 huan qian kuan
    还账 huan zhang
    还债 huan zhai
    还贷 huan dai
    偿还 chang huan
    归还 gui huan
    返还 fan huan
    退还 tui huan
    没还 mei huan
    未还 wei huan
    已还 yi huan
    待还 dai huan
    应还 ying huan
    先还 xian huan
    晚还 wan huan
    按时还 an shi huan
    准时还 zhun shi huan
    提前还 ti qian huan
    及时还 ji shi huan
    慢慢还 man man huan
    # 了 (le) read liao: "unable to", "understand"
    不了 bu liao
    了解 liao jie
    # 重 (zhong "heavy") read chong: "again"
    重新 chong xin
    重置 chong zhi
    重复 chong fu
    重启 chong qi
    重开 chong kai
    重装 chong zhuang
    重试 chong shi
    重来 chong lai
    # 长 (zhang "to grow") read chang: "long"
    多长 duo chang
    很长 hen chang
    太长 tai chang
    好长 hao chang
    这么长 zhe me chang
    那么长 na me chang
    长时间 chang shi jian
    长期 chang qi
    长久 chang jiu
    时长 shi chang
    长按 chang an
    # 行 (xing) read hang: "bank", "trade"
    银行 yin hang
    行业 hang ye
    # 地 (de, the adverb marker) read di: "place"
    异地 yi di
    外地 wai di
    本地 ben di
    当地 dang di
    地址 di zhi
    地方 di fang
    地区 di qu
    地点 di dian
    # 调 (diao "to transfer") read tiao: "to adjust"
    调整 tiao zheng
    调额 tiao e
    下调 xia tiao
    上调 shang tiao
    调低 tiao di
    调高 tiao gao
    调回 tiao hui
    # single characters and other words
    嗯 en
    的确 di que
    目的 mu di
    着急 zhao ji
    校验 jiao yan
    弹窗 tan chuang
    便宜 pian yi
    """
}
