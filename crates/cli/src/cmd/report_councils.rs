//! `linli report councils|suggestions [--month YYYY-MM] [--place ID] [--json]`: a month's council
//! figures (`Store::council_report`) and suggestion figures (`Store::suggestion_report`);
//! docs/councils.md. Topics, meetings and suggestions themselves are `linli exec` commands.

use std::io::Write;

use linli_domain::councils::{SuggestionSource, TopicCategory};
use linli_protocol::{CodeCount, CouncilReport, SuggestionReport};
use linli_store::Store;

use super::report::MonthArgs;
use crate::Failure;

fn lines(
    out: &mut impl Write,
    title: &str,
    counts: &[CodeCount],
    label: impl Fn(&str) -> Option<&'static str>,
) -> std::io::Result<()> {
    if counts.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{title}\t条数")?;
    for c in counts {
        writeln!(out, "{}\t{}", label(&c.code).unwrap_or(&c.code), c.n)?;
    }
    Ok(())
}

pub fn councils(store: &mut Store, args: MonthArgs) -> Result<(), Failure> {
    let f = store.council_report(&CouncilReport {
        month: args.month,
        place_id: args.place,
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &f).map_err(anyhow::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "议事协商 {} 情况", f.month)?;
    writeln!(out, "居民联络点\t{} 个", f.liaison_points)?;
    writeln!(out, "新提议题\t{} 件", f.topics)?;
    writeln!(out, "召开议事会\t{} 次", f.meetings)?;
    writeln!(out, "表决议题\t{} 件，通过 {} 件", f.voted, f.passed)?;
    writeln!(
        out,
        "公布决议\t{} 件，转为诉求 {} 件",
        f.resolutions, f.requests
    )?;
    writeln!(out, "决议办结\t{} 件", f.resolutions_done)?;
    lines(&mut out, "议题类别", &f.by_category, |c| {
        TopicCategory::from_code(c).map(TopicCategory::label_zh)
    })?;
    Ok(())
}

pub fn suggestions(store: &mut Store, args: MonthArgs) -> Result<(), Failure> {
    let f = store.suggestion_report(&SuggestionReport {
        month: args.month,
        place_id: args.place,
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &f).map_err(anyhow::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "居民建议 {} 情况", f.month)?;
    writeln!(out, "受理\t{} 条", f.received)?;
    writeln!(
        out,
        "答复\t{} 条（其中转议题 {} 条，转诉求 {} 条）",
        f.answered, f.to_topic, f.to_request
    )?;
    writeln!(out, "本月建议答复率\t{:.0}%", f.answer_rate * 100.0)?;
    writeln!(out, "月末待答复\t{} 条", f.waiting)?;
    lines(&mut out, "来源", &f.by_source, |c| {
        SuggestionSource::from_code(c).map(SuggestionSource::label_zh)
    })?;
    Ok(())
}
