//! The demo's 人民调解: a lived-in year of cases per community, through the store's own
//! operations. The county's reports count 424 person-times mediated, 100 % settled; the demo
//! town registers one case a year per 16 households (97 for the default 1550 households, about
//! 215 parties), every one that reached an outcome settled by agreement, written or oral. The
//! older cases run the whole case file (告知, sometimes an investigation, one or two sessions,
//! the agreement, 履行, 回访, 结案; now and then an extension with both parties' consent, a
//! change of mediator, a 司法确认); the last weeks' stand at every stage, one past its term. One
//! number was given twice by two laptops and renumbered (改号). Every day is one of the year before the real today, in order;
//! ids come from the demo's clock, pinned on the store meanwhile.

use linli_domain::calendar::{add_days, day_number};
use linli_domain::mediation::{CaseSource, ConfirmResult, DisputeKind, Outcome, PartySide};
use linli_domain::{Gender, Id};
use linli_protocol::*;
use serde_json::json;

use super::people::{phone, Rng, GIVEN, SURNAMES};
use crate::write::RowWrite;
use crate::{Result, Store};

/// What the demo's committees hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MediationSummary {
    pub cases: u32,
    pub parties: u32,
    pub closed: u32,
}

/// (type, the dispute in brief, the agreement, how it is carried out)
const DISPUTES: &[(DisputeKind, &str, &str, &str)] = &[
    (
        DisputeKind::Neighbours,
        "楼上卫生间漏水，楼下天花板发霉脱落，双方对维修和赔偿有争议",
        "楼上住户负责修复防水层，并赔偿楼下住户天花板修复费用",
        "请施工队维修，费用现金一次付清",
    ),
    (
        DisputeKind::Neighbours,
        "楼道堆放杂物和电动车，邻居认为影响通行和消防安全",
        "三日内清理楼道杂物，电动车停放到小区集中充电棚",
        "自行清理，楼栋长检查",
    ),
    (
        DisputeKind::Neighbours,
        "夜间装修和宠物噪音，影响邻居休息",
        "装修限于每日8时至12时、14时至18时，宠物夜间关在室内",
        "当事人自行履行，楼栋长见证",
    ),
    (
        DisputeKind::PropertyManagement,
        "业主以电梯常坏为由拒交物业费，物业公司催缴",
        "物业公司一个月内维修电梯并公示维保记录，业主补交物业费",
        "分两次交清，物业服务中心出具收据",
    ),
    (
        DisputeKind::MarriageFamily,
        "子女对老人赡养费用分担和照料轮值有分歧",
        "三名子女每月各付赡养费600元，按月轮流照料",
        "每月5日前转账给老人",
    ),
    (
        DisputeKind::HousingLand,
        "相邻两户对院墙和排水沟的界线有争议",
        "按原宅基地界址重砌院墙，排水沟共用共修",
        "双方共同出资，社区见证施工",
    ),
    (
        DisputeKind::Damages,
        "电动车在小区内刮伤行人，双方对医药费赔偿有争议",
        "电动车主赔偿医药费及误工费共计1500元",
        "现金一次付清",
    ),
    (
        DisputeKind::Labour,
        "装修工人被拖欠工资",
        "包工头于协议签订后十日内付清拖欠工资",
        "银行转账",
    ),
    (
        DisputeKind::Consumer,
        "居民在小区超市买到过期食品，要求赔偿",
        "超市退还货款并按价款十倍赔偿",
        "现场退款",
    ),
    (
        DisputeKind::Contract,
        "房屋租赁到期，房东与租户对押金退还有争议",
        "房东扣除水电欠费后退还其余押金",
        "微信转账",
    ),
];

const SOURCES: &[(CaseSource, u64)] = &[
    (CaseSource::Application, 55),
    (CaseSource::Initiative, 25),
    (CaseSource::Police, 10),
    (CaseSource::Department, 6),
    (CaseSource::Court, 4),
];

/// A planned act: on a day, a case's registration or one of its stages.
enum Act {
    Register(usize),
    Step(usize, Plan),
    /// the later laptop's case took the earlier's number, and was renumbered
    Clash(usize, usize),
}

enum Plan {
    Notice,
    Investigation,
    Session(u32),
    Extension(i64),
    MediatorChange,
    Outcome(bool),
    CarryingOut,
    FollowUp,
    Close,
    Confirmation,
}

struct Case {
    community: Id,
    req: RegisterMediationCase,
    dispute: usize,
    id: Option<Id>,
}

fn set_time(store: &mut Store, day: &str, minute: u64) {
    if let Some(clock) = store.pinned_now_mut() {
        let n = day_number(day).unwrap_or(0);
        clock.set_wall_ms((n * 86_400_000 + 3_600_000) as u64 + minute * 60_000);
        clock.set_offset_minutes(480);
    }
}

fn outsider(rng: &mut Rng, side: PartySide) -> PartyFields {
    let gender = if rng.chance(50) {
        Gender::Male
    } else {
        Gender::Female
    };
    PartyFields {
        side,
        resident_id: None,
        name: format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)),
        gender: Some(gender),
        age: Some(25 + rng.below(50) as i64),
        phone: phone(rng),
        address: if rng.chance(60) {
            format!(
                "城关镇{}路{}号",
                rng.pick(&["东", "西", "南", "北"]),
                1 + rng.below(80)
            )
        } else {
            String::new()
        },
        unit: if rng.chance(30) {
            rng.pick(&["某装修队", "某物业服务公司", "某超市", "某建筑公司"])
                .to_owned()
        } else {
            String::new()
        },
    }
}

pub(crate) fn generate(
    store: &mut Store,
    communities: &[Id],
    households: u32,
    today: &str,
    rng: &mut Rng,
) -> Result<MediationSummary> {
    let mut sum = MediationSummary::default();
    let per_community = (households / 16).max(4) / communities.len().max(1) as u32;
    let mut cases: Vec<Case> = Vec::new();
    let mut acts: Vec<(String, u64, Act)> = Vec::new();
    for &community in communities {
        let mediators: Vec<Id> = store
            .list_mediators(&ListMediators {
                community_id: community,
            })?
            .into_iter()
            .map(|m| m.id)
            .collect();
        if mediators.is_empty() {
            continue;
        }
        set_time(
            store,
            &add_days(today, -366).unwrap_or_else(|| today.to_owned()),
            0,
        );
        store.write_mediation_settings(community)?;
        let residents: Vec<Id> = store
            .conn()
            .prepare(
                "SELECT id FROM residents WHERE community_id = ?1 AND deleted = 0
                 AND moved_out IS NULL ORDER BY id LIMIT 300",
            )?
            .query_map([community.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for k in 0..per_community {
            // spread over the year, the newest a few days ago; the last few at every stage
            let ago = 3 + (u64::from(per_community - 1 - k) * 360) / u64::from(per_community);
            let ago = ago + rng.below(3);
            let day = add_days(today, -(ago as i64)).unwrap_or_else(|| today.to_owned());
            let dispute = rng.below(DISPUTES.len() as u64) as usize;
            let source = {
                let mut roll = rng.below(100);
                SOURCES
                    .iter()
                    .find(|(_, w)| {
                        if roll < *w {
                            true
                        } else {
                            roll -= w;
                            false
                        }
                    })
                    .map_or(CaseSource::Application, |(s, _)| *s)
            };
            let mut parties = Vec::new();
            let mut used = Vec::new();
            for side in [PartySide::Applicant, PartySide::Respondent] {
                let n = if rng.chance(20) { 2 } else { 1 };
                for _ in 0..n {
                    // most parties are residents of the register; a worker or a firm is not
                    if !residents.is_empty() && rng.chance(70) {
                        let r = residents[rng.below(residents.len() as u64) as usize];
                        if !used.contains(&r) {
                            used.push(r);
                            parties.push(PartyFields {
                                side,
                                resident_id: Some(r),
                                name: String::new(),
                                gender: None,
                                age: None,
                                phone: String::new(),
                                address: String::new(),
                                unit: String::new(),
                            });
                            continue;
                        }
                    }
                    parties.push(outsider(rng, side));
                }
            }
            let mediator = |i: u64| mediators[(i % mediators.len() as u64) as usize];
            let first = rng.below(mediators.len() as u64);
            let mut ms = vec![mediator(first)];
            if rng.chance(40) && mediators.len() > 1 {
                ms.push(mediator(first + 1));
            }
            let i = cases.len();
            sum.parties += parties.len() as u32;
            cases.push(Case {
                community,
                req: RegisterMediationCase {
                    community_id: community,
                    place_id: None,
                    kind: DISPUTES[dispute].0,
                    source,
                    brief: DISPUTES[dispute].1.to_owned(),
                    registered_on: Some(day.clone()),
                    mediators: ms,
                    parties,
                },
                dispute,
                id: None,
            });
            let at = |d: i64| add_days(&day, d).unwrap_or_else(|| day.clone());
            let mut plan = |d: i64, act: Act| {
                let when = at(d);
                if when.as_str() <= today {
                    acts.push((when, i as u64, act));
                }
            };
            plan(0, Act::Register(i));
            let stage = per_community - 1 - k;
            // the newest: registered only; then in mediation; then one past its term
            if stage == 0 {
                continue;
            }
            plan(1, Act::Step(i, Plan::Notice));
            if rng.chance(40) {
                plan(2, Act::Step(i, Plan::Investigation));
            }
            plan(3 + rng.below(4) as i64, Act::Step(i, Plan::Session(1)));
            if stage == 1 {
                continue;
            }
            if stage == 3 {
                // past its month: no outcome, escalating
                continue;
            }
            let mut outcome_day = 8 + rng.below(12) as i64;
            if rng.chance(12) {
                plan(outcome_day - 2, Act::Step(i, Plan::MediatorChange));
            }
            if rng.chance(40) {
                plan(outcome_day - 1, Act::Step(i, Plan::Session(2)));
            }
            if rng.chance(8) {
                // a long one: extended with both parties' consent
                plan(26, Act::Step(i, Plan::Extension(15)));
                outcome_day = 35 + rng.below(8) as i64;
            }
            let written = rng.chance(60);
            plan(outcome_day, Act::Step(i, Plan::Outcome(written)));
            if stage == 2 {
                continue;
            }
            if written && rng.chance(10) {
                plan(
                    outcome_day + 5 + rng.below(20) as i64,
                    Act::Step(i, Plan::Confirmation),
                );
            }
            if rng.chance(60) {
                plan(outcome_day + 7, Act::Step(i, Plan::CarryingOut));
            }
            if stage == 4 {
                continue;
            }
            let visit = outcome_day + 15 + rng.below(15) as i64;
            plan(visit, Act::Step(i, Plan::FollowUp));
            if stage > 5 {
                plan(visit + 1 + rng.below(5) as i64, Act::Step(i, Plan::Close));
            }
        }
    }
    // two laptops numbered offline: a case half a year ago, renumbered
    if let Some(c) = communities.first() {
        let ofc: Vec<usize> = (0..cases.len())
            .filter(|i| cases[*i].community == *c)
            .collect();
        let day = |i: usize| cases[i].req.registered_on.clone().unwrap_or_default();
        // two cases of one year (numbers run per year), from the middle of the list on
        let pair = ofc
            .windows(2)
            .skip(ofc.len() / 2)
            .find(|w| day(w[0]).get(..4) == day(w[1]).get(..4));
        if let Some(&[a, b]) = pair {
            acts.push((day(b), u64::MAX, Act::Clash(a, b)));
        }
    }
    acts.sort_by(|x, y| (&x.0, x.1).cmp(&(&y.0, y.1)));
    for (n, (day, _, act)) in acts.into_iter().enumerate() {
        set_time(store, &day, (n % 600) as u64);
        match act {
            Act::Register(i) => {
                let c = store.register_mediation_case(&cases[i].req)?;
                cases[i].id = Some(c.id);
                sum.cases += 1;
            }
            Act::Clash(a, b) => {
                let (Some(first), Some(later)) = (cases[a].id, cases[b].id) else {
                    continue;
                };
                let number: i64 = store.conn().query_row(
                    "SELECT number FROM mediation_cases WHERE id = ?1",
                    [first.to_string()],
                    |r| r.get(0),
                )?;
                let mut w = store.begin()?;
                w.write(RowWrite {
                    table: "mediation_cases",
                    row_id: later,
                    fields: vec![("number", json!(number))],
                    scope: crate::volunteers::community_scope(cases[b].community),
                })?;
                w.commit()?;
                store.renumber_mediation_case(&RenumberMediationCase { id: later })?;
            }
            Act::Step(i, plan) => {
                let Some(id) = cases[i].id else { continue };
                let date = Some(day.clone());
                let (_, _, content, how) = DISPUTES[cases[i].dispute];
                let step = match plan {
                    Plan::Notice => MediationStep::Notice {
                        date,
                        note: "书面告知双方当事人权利义务".into(),
                    },
                    Plan::Investigation => MediationStep::Investigation {
                        date,
                        note: "到现场查看，分别听取双方意见".into(),
                    },
                    Plan::Session(n) => MediationStep::Session {
                        date,
                        time: if n == 1 { "09:30" } else { "15:00" }.into(),
                        place: "社区人民调解室".into(),
                        present: "双方当事人、调解员".into(),
                        record: if n == 1 {
                            "双方陈述事实和诉求，调解员释法说理".into()
                        } else {
                            "再次调解，双方各让一步，初步达成一致".into()
                        },
                    },
                    Plan::Extension(days) => {
                        let c = store.mediation_case(&GetMediationCase { id, today: None })?;
                        MediationStep::Extension {
                            date,
                            days,
                            consenting: c.parties.iter().map(|p| p.id).collect(),
                            note: "双方同意延长调解期限".into(),
                        }
                    }
                    Plan::MediatorChange => {
                        let c = store.mediation_case(&GetMediationCase { id, today: None })?;
                        let team = store.list_mediators(&ListMediators {
                            community_id: c.community_id,
                        })?;
                        let Some(other) = team
                            .iter()
                            .find(|m| !c.mediators.iter().any(|x| x.id == m.id))
                        else {
                            continue;
                        };
                        MediationStep::MediatorChange {
                            date,
                            asked_by: c.parties[0].id,
                            mediators: vec![other.id],
                            reason: "当事人认为原调解员与对方相熟，申请回避".into(),
                        }
                    }
                    Plan::Outcome(written) => MediationStep::Outcome {
                        date,
                        outcome: if written {
                            Outcome::Written
                        } else {
                            Outcome::Oral
                        },
                        content: content.into(),
                        carry_how: if written { how.into() } else { String::new() },
                        carry_where: if written {
                            "社区人民调解室".into()
                        } else {
                            String::new()
                        },
                        carry_by: written
                            .then(|| add_days(&day, 15).unwrap_or_else(|| day.clone())),
                        route: None,
                    },
                    Plan::CarryingOut => MediationStep::CarryingOut {
                        date,
                        note: "已按协议履行".into(),
                    },
                    Plan::FollowUp => MediationStep::FollowUp {
                        date,
                        how_carried: "协议已履行完毕，双方关系缓和".into(),
                        risks: "无".into(),
                    },
                    Plan::Close => MediationStep::Close {
                        date,
                        note: "调解成功，协议履行完毕，结案归档".into(),
                    },
                    Plan::Confirmation => MediationStep::Confirmation {
                        date,
                        court: "樟城镇人民法庭".into(),
                        result: ConfirmResult::Confirmed,
                    },
                };
                let c = store.record_mediation_step(&RecordMediationStep { case_id: id, step })?;
                if c.state == linli_domain::mediation::CaseState::Closed {
                    sum.closed += 1;
                }
            }
        }
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use linli_domain::mediation::CaseState;
    use linli_protocol::*;

    use crate::demo::{generate, DemoOptions};
    use crate::Store;

    #[test]
    fn the_demo_town_has_a_year_of_mediation_at_every_stage_all_settled() {
        let mut s = Store::open_in_memory().unwrap();
        let sum = generate(&mut s, DemoOptions::default()).unwrap();
        let m = sum.mediation;
        assert!((85..=100).contains(&m.cases), "{m:?}");
        assert!(m.parties > 2 * m.cases, "{m:?}");
        assert!(m.closed > m.cases / 2, "{m:?}");
        let cases = s
            .list_mediation_cases(&ListMediationCases::default())
            .unwrap();
        assert_eq!(cases.len() as u32, m.cases);
        for state in [
            CaseState::Registered,
            CaseState::Mediating,
            CaseState::Agreed,
            CaseState::Closed,
        ] {
            assert!(cases.iter().any(|c| c.state == state), "{state:?}");
        }
        assert!(
            !cases.iter().any(|c| c.state == CaseState::Failed),
            "the reports' 100 % settled"
        );
        assert!(
            cases.iter().any(|c| c.days_left.is_some_and(|d| d < 0)),
            "one overdue"
        );
        assert!(!cases.iter().any(|c| c.clash), "the clash was renumbered");
        let count = |sql: &str| -> i64 { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        for kind in [
            "confirmation",
            "extension",
            "follow_up",
            "session",
            "carrying_out",
        ] {
            assert!(
                count(&format!(
                    "SELECT count(*) FROM mediation_events WHERE kind = '{kind}'"
                )) > 0,
                "{kind}"
            );
        }
        assert!(count("SELECT count(*) FROM mediation_parties WHERE resident_id IS NULL") > 0);
        assert!(count("SELECT count(*) FROM mediation_parties WHERE resident_id IS NOT NULL") > 0);
        // every community keeps its committee's name, as an administrator set it
        assert_eq!(
            count("SELECT count(*) FROM mediation_settings"),
            i64::from(sum.communities)
        );
        // renumbered: the journal holds a case written twice with a number
        assert!(
            count(
                "SELECT count(*) FROM (SELECT row_id FROM journal WHERE tbl = 'mediation_cases'
                 GROUP BY row_id HAVING count(*) > 2)"
            ) >= 1
        );
    }
}
