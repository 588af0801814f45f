//! The punctuation pass's own tests: outputs pinned line by line, hostile shapes included.

use super::*;

fn map() -> PunctMap {
    let m: BTreeMap<String, String> = [
        (",", "，"),
        (":", "："),
        (";", "；"),
        ("?", "？"),
        ("!", "！"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    PunctMap::new(&m, &[["(".into(), ")".into(), "（".into(), "）".into()]]).unwrap()
}

fn conv(s: &str) -> String {
    convert_line(&map(), s).map_or_else(|| s.to_string(), |(t, _)| t)
}

#[test]
fn converts_by_context() {
    assert_eq!(conv("中文,中文"), "中文，中文");
    assert_eq!(conv("上升了34.59%,其中"), "上升了34.59%，其中");
    assert_eq!(conv("网址:http://a.cn/?x=1,2"), "网址：http://a.cn/?x=1,2");
    assert_eq!(conv("比分3:2,胜"), "比分3:2，胜");
    assert_eq!(conv("Hello, world"), "Hello, world");
    assert_eq!(conv("“好”,他说"), "“好”，他说");
    assert_eq!(conv("真的?!"), "真的？！");
    assert_eq!(conv("时间: 10:30"), "时间：10:30");
    assert_eq!(conv("增幅达到95%!”"), "增幅达到95%！”");
    assert_eq!(conv("回到20℃!"), "回到20℃！");
    assert_eq!(conv("上午7:30,2019年"), "上午7:30,2019年");
    assert_eq!(
        conv("摩根大通(115.395, 2.75, 2.44%)"),
        "摩根大通（115.395, 2.75, 2.44%）"
    );
    assert_eq!(conv("所谓&quot;保护伞&quot;"), "所谓&quot;保护伞&quot;");
    assert_eq!(conv("中，&amp;lt;表示"), "中，&amp;lt;表示");
    assert_eq!(
        conv("见https://baike.example.com/item/北京?from=1,2 和wiki/长城_(消歧义),好"),
        "见https://baike.example.com/item/北京?from=1,2 和wiki/长城_（消歧义），好"
    );
    assert_eq!(
        conv("访问www.example.com/a?b=(1),谢谢"),
        "访问www.example.com/a?b=(1)，谢谢"
    );
    assert_eq!(
        conv("登录http://www.example.com/a?id=3,查询"),
        "登录http://www.example.com/a?id=3，查询"
    );
    assert_eq!(
        conv("详见https://a.cn/x?y=1。再见,朋友"),
        "详见https://a.cn/x?y=1。再见，朋友"
    );
    assert_eq!(
        conv("(http://a.cn/?x=1,2(未完待续),,,; "),
        "（http://a.cn/?x=1,2(未完待续），，，；"
    );
    assert_eq!(conv("共1,234.5元,其中"), "共1,234.5元，其中");
    assert_eq!(
        conv("print(\"Hello, world!\"),屏幕"),
        "print(\"Hello, world!\")，屏幕"
    );
    assert_eq!(conv("我用iPhone,你呢?"), "我用iPhone，你呢？");
    assert_eq!(conv("version 2!"), "version 2!");
}

#[test]
fn brackets_pair_up() {
    // Found by the idempotence property: `(,)` is no notation, so the pair converts in the
    // same run as its comma, not in the next.
    assert_eq!(conv("（,)中文"), "（，）中文");
    assert_eq!(conv("（，)中文"), "（，）中文");
    assert_eq!(conv("函数在(0,1)上"), "函数在(0,1)上");
    assert_eq!(conv("下一页(3,)"), "下一页（3，）");
    assert_eq!(conv("下一页(3，)"), "下一页（3，）");
    assert_eq!(
        conv("社工1427人(其中专业社工471人),分别"),
        "社工1427人（其中专业社工471人），分别"
    );
    assert_eq!(conv("世界卫生组织 (WHO) 发布"), "世界卫生组织（WHO）发布");
    assert_eq!(conv("f(a) + g(b)"), "f(a) + g(b)");
    assert_eq!(conv("画出f(x)的图像"), "画出f(x)的图像");
    assert_eq!(conv("公式=AVERAGE(B2:B9)计算"), "公式=AVERAGE(B2:B9)计算");
    assert_eq!(conv("(1)第一条"), "（1）第一条");
    assert_eq!(
        conv("if (x > 0) 这个条件判断写错了"),
        "if (x > 0) 这个条件判断写错了"
    );
    assert_eq!(
        conv("函数f(x)=x^2在(0,1)上单调递增"),
        "函数f(x)=x^2在(0,1)上单调递增"
    );
    assert_eq!(conv("县(市)"), "县（市）");
    assert_eq!(conv("（注释)"), "（注释）");
    assert_eq!(conv("未闭合(括号"), "未闭合(括号");
}

#[test]
fn keeps_indentation_and_reports_columns() {
    let (t, ch) = convert_line(&map(), "  记者:张三").unwrap();
    assert_eq!(t, "  记者：张三");
    assert_eq!(ch, vec![(8..9, "：".to_string())]);
}

/// `map()` with square brackets as a second kind.
fn conv2(s: &str) -> String {
    let mut brackets = vec![["(".into(), ")".into(), "（".into(), "）".into()]];
    brackets.push(["[".into(), "]".into(), "【".into(), "】".into()]);
    let singles: BTreeMap<String, String> = [(",", "，"), (":", "：")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let map = PunctMap::new(&singles, &brackets).unwrap();
    convert_line(&map, s).map_or_else(|| s.to_string(), |(t, _)| t)
}

#[test]
fn nested_and_unmatched_brackets() {
    assert_eq!(conv("中文(((文字)))"), "中文（（（文字）））");
    assert_eq!(conv("中文(((1)))"), "中文（（（1）））");
    assert_eq!(conv("f(((x)))"), "f(((x)))");
    // An interval inside converted brackets stays notation.
    assert_eq!(conv("中(((0,1)))"), "中（（(0,1)））");
    assert_eq!(conv("中(1,2,3)"), "中(1,2,3)");
    assert_eq!(conv("中(1,2,文)"), "中（1,2，文）");
    assert_eq!(conv("中文((("), "中文(((");
    assert_eq!(conv("中文)))"), "中文)))");
    assert_eq!(conv("中)))(a)"), "中)))（a）");
    assert_eq!(
        conv(&format!("中{}a", "(".repeat(40))),
        format!("中{}a", "(".repeat(40))
    );
    assert_eq!(conv(&format!("中(a{})", " ".repeat(40))), "中（a）");
    let deep = format!("中文{}文字{}", "(".repeat(10_000), ")".repeat(10_000));
    let full = format!("中文{}文字{}", "（".repeat(10_000), "）".repeat(10_000));
    assert_eq!(conv(&deep), full);
}

#[test]
fn bracket_kinds_match_apart() {
    assert_eq!(conv2("中[(文)]"), "中【（文）】");
    assert_eq!(conv2("中((([[[文]]])))"), "中（（（【【【文】】】）））");
    // A close drops the unmatched opens of other kinds inside it.
    assert_eq!(conv2("中(文[字)文]"), "中（文[字）文]");
    assert_eq!(conv2("中[[[)))文"), "中[[[)))文");
}

#[test]
fn context_ends_at_32_characters() {
    assert_eq!(conv(&format!("中{},a", " ".repeat(31))), "中，a");
    let far = format!("中{},a", " ".repeat(32));
    assert_eq!(conv(&far), far);
    // Latin within reach before the mark: CJK after it must follow right away.
    let near = format!("a{},“中”", " ".repeat(31));
    assert_eq!(conv(&near), near);
    assert_eq!(conv(&format!("a{},“中”", " ".repeat(32))), "a，“中”");
    assert_eq!(conv(&format!("(a){}中", " ".repeat(31))), "（a）中");
    let far = format!("(a){}中", " ".repeat(32));
    assert_eq!(conv(&far), far);
    assert_eq!(
        conv(&format!("中{}a", ",".repeat(32))),
        format!("中{}a", "，".repeat(32))
    );
    assert_eq!(
        conv(&format!("a{}:中", ",".repeat(32))),
        format!("a{}：中", ",".repeat(32))
    );
}

#[test]
fn runs_of_marks_and_spaces() {
    assert_eq!(conv("中, , , ,文"), "中，，，，文");
    assert_eq!(conv("  , 中 , "), "  ，中，");
    assert_eq!(conv("中a中a,中a中"), "中a中a，中a中");
    assert_eq!(conv("a中a中:a中a"), "a中a中：a中a");
    let url = format!("见 https://example.com/a?x={}", ",".repeat(1000));
    assert_eq!(conv(&url), url);
    // Marks inside a URL followed by more address stay in it.
    assert_eq!(
        conv(&format!("见https://a.cn/?x=1{}b 好,的", ",".repeat(1000))),
        format!("见https://a.cn/?x=1{}b 好，的", ",".repeat(1000))
    );
    assert_eq!(
        conv("见https://a.cn/?x=1,,,,,好"),
        "见https://a.cn/?x=1,,,,，好"
    );
}

#[test]
fn a_full_width_key_of_a_user_map_converts() {
    let m: BTreeMap<String, String> = [("．".to_string(), "。".to_string())].into();
    let map = PunctMap::new(&m, &[]).unwrap();
    assert!(map.worth_a_look("句子结束．"));
    let mut scratch = Scratch::default();
    assert_eq!(
        map.changes("句子结束．", &mut scratch),
        vec![(12..15, "。".to_string())]
    );
}

#[test]
fn skips_lines_without_marks_or_cjk() {
    let map = map();
    // Only ASCII marks convert: full-width brackets alone leave nothing to do.
    for line in [
        "中文，中文。",
        "Hello, world",
        "café, ça (va)",
        "",
        "中文",
        "中文（注释）",
        "（x",
    ] {
        assert!(!map.worth_a_look(line), "{line}");
    }
    for line in ["中文,中文", "中文（注释)", "𠀀!"] {
        assert!(map.worth_a_look(line), "{line}");
    }
}

#[test]
fn spaces_around_a_column_bar_stay() {
    assert_eq!(conv("区域 | 成交(套) | 环比"), "区域 | 成交（套） | 环比");
    assert_eq!(
        conv("名称 ｜ 数量(个) ｜ 备注"),
        "名称 ｜ 数量（个） ｜ 备注"
    );
    assert_eq!(conv("区域 |(套),环比"), "区域 |（套），环比");
    // Elsewhere a converted mark still takes the spaces next to it.
    assert_eq!(conv("他说(笑) 然后走了"), "他说（笑）然后走了");
}

#[test]
fn a_colon_set_the_latin_way_after_a_latin_word_stays() {
    assert_eq!(conv("推 soupdumpling: 辛苦了"), "推 soupdumpling: 辛苦了");
    assert_eq!(conv("site_name: 某某网"), "site_name: 某某网");
    // Glued to the Han after it, or after Han, it is Chinese punctuation.
    assert_eq!(conv("版本V2:新增功能"), "版本V2：新增功能");
    assert_eq!(conv("来源: 某某网"), "来源：某某网");
}
